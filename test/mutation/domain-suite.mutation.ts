/**
 * For mutation testing only (stryker.config.mjs, docs/mutation.md): every unit test file of the
 * domain, loaded into this one Jest test file. Stryker runs the tests that reach a mutant by
 * name, but Jest still loads every test file to find them, each in a fresh module registry that
 * compiles the whole (instrumented) domain again: about 7 s per mutant for 51 files. Loaded
 * once here, a mutant costs about the time of its own tests. The tests are the same, unchanged;
 * the fast-check properties stay out, as before. `npm test` never runs this file.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

const DOMAIN = path.join(__dirname, '..', '..', 'libs', 'domain', 'src');

function unitSpecs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return unitSpecs(file);
    const unit = entry.name.endsWith('.unit.spec.ts');
    return unit && !entry.name.endsWith('.properties.unit.spec.ts') ? [file] : [];
  });
}

const files = unitSpecs(DOMAIN).sort();
if (files.length === 0) throw new Error(`No unit test files under ${DOMAIN}`);
for (const file of files) {
  // Loaded while Jest collects this file's tests, so their describe/it blocks register here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(file);
}
