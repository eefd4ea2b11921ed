#!/usr/bin/env node
/**
 * Scores what a mutation run has tested so far, from the results Stryker's event-recorder
 * reporter writes one by one (reports/mutation/events, stryker.config.mjs): for a run that is
 * still going or was stopped before its end, when Stryker's own reports do not exist yet.
 * Run: `npm run mutation:partial [-- <events dir>]`. docs/mutation.md.
 *
 * Score as Stryker counts it: (killed + timeout) / (killed + timeout + survived + no coverage);
 * mutants the type checker refused, ignored ones and runtime errors count in neither direction.
 * A file is "complete" when every mutant the plan meant to run has a result.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] ?? 'reports/mutation/events');
const files = readdirSync(dir).sort();
const read = (f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8'));

const relative = (fileName) => fileName.replace(/^.*?libs\/domain\/src\//, '');
/** Mutants the plan meant to run (not the static ones, nor early results), per file. */
const planned = new Map();
const toRun = new Set();
const plan = files.find((f) => f.endsWith('-onMutationTestingPlanReady.json'));
if (plan) {
  for (const p of read(plan).mutantPlans) {
    if (p.plan !== 'Run') continue;
    const f = relative(p.mutant.fileName);
    planned.set(f, (planned.get(f) ?? 0) + 1);
    toRun.add(p.mutant.id);
  }
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const byFile = new Map();
const survivors = [];
for (const f of files.filter((x) => x.endsWith('-onMutantTested.json'))) {
  const m = read(f);
  const file = relative(m.fileName);
  const row = byFile.get(file) ?? { ran: 0, detected: 0, undetected: 0, invalid: 0, other: 0 };
  if (toRun.has(m.id)) row.ran += 1;
  if (DETECTED.has(m.status)) row.detected += 1;
  else if (UNDETECTED.has(m.status)) {
    row.undetected += 1;
    survivors.push(
      `${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${JSON.stringify(m.replacement).slice(0, 80)} (${m.status})`,
    );
  } else if (m.status === 'CompileError') row.invalid += 1;
  else row.other += 1;
  byFile.set(file, row);
}

const pct = (d, u) => (d + u === 0 ? 'n/a' : `${((100 * d) / (d + u)).toFixed(2)} %`);
let detected = 0;
let undetected = 0;
let complete = 0;
const lines = [];
for (const [file, r] of [...byFile.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  const want = planned.get(file);
  const done = want !== undefined && r.ran >= want;
  if (done) complete += 1;
  detected += r.detected;
  undetected += r.undetected;
  lines.push(
    `${file.padEnd(34)} ${pct(r.detected, r.undetected).padStart(9)}  killed+timeout ${String(r.detected).padStart(4)}  survived ${String(r.undetected).padStart(3)}  refused by types ${String(r.invalid).padStart(4)}  ${done ? 'complete' : `${r.ran}/${want ?? '?'}`}`,
  );
}
process.stdout.write(`${lines.join('\n')}\n\n`);
process.stdout.write(
  `tested so far: ${detected + undetected} valid mutants, score ${pct(detected, undetected)}; ` +
    `${complete} of ${planned.size} files complete\n`,
);
if (survivors.length > 0) process.stdout.write(`\nsurvivors:\n${survivors.join('\n')}\n`);
