/**
 * Histories of real runs, for replay tests. Int tests record the histories of the journeys they
 * drive into .data/histories/ (with the Temporal CLI, as an operator would export one);
 * `npm run histories:accept` copies them into test/histories/, where CI replays every one against
 * the current workflow code: a change that would break a running case fails the build (guard
 * such changes with `patched()`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mustEnv } from './stack';

export const RECORDED_DIR = path.join(__dirname, '..', '..', '.data', 'histories');
export const ACCEPTED_DIR = path.join(__dirname, '..', 'histories');

export function recordHistory(
  workflowId: string,
  name: string,
  address = mustEnv('TEMPORAL_ADDRESS'),
): void {
  const json = execFileSync(
    mustEnv('TEMPORAL_CLI'),
    ['workflow', 'show', '--workflow-id', workflowId, '--address', address, '--output', 'json'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  mkdirSync(RECORDED_DIR, { recursive: true });
  writeFileSync(path.join(RECORDED_DIR, `${name}.json`), json);
}
