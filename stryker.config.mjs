// @ts-check
/**
 * Mutation testing of the domain (libs/domain): `npm run mutation`. Not part of CI (docs/mutation.md).
 * Jest runs the unit project of jest.config.js, restricted to the domain's own unit tests.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const unit = require('./jest.config.js').projects.find((p) => p.displayName === 'unit');
// rootDir comes from the sandbox Stryker runs in (the loader sets it beside package.json).
const unitConfig = { ...unit };
delete unitConfig.rootDir;
delete unitConfig.displayName;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['libs/domain/src/**/*.ts', '!libs/domain/src/**/*.spec.ts', '!libs/domain/src/index.ts'],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // package.json has no "jest" key: this only anchors rootDir in the sandbox.
    configFile: 'package.json',
    config: {
      ...unitConfig,
      // One test file that loads every unit test file of the domain (not the fast-check
      // properties, which take minutes per run here: they stay in `npm test`, and the score is a
      // lower bound). Jest would otherwise load all of them, each compiling the instrumented
      // domain anew, for every mutant: test/mutation/domain-suite.mutation.ts.
      testMatch: ['<rootDir>/test/mutation/domain-suite.mutation.ts'],
      // jest.config.js leaves `.stryker-tmp` alone (sandbox copies seen by `npm test`); inside
      // the sandbox every path contains it, so that pattern must not apply here.
      testPathIgnorePatterns: unitConfig.testPathIgnorePatterns.filter(
        (p) => !p.includes('.stryker-tmp'),
      ),
    },
    // The one test file requires the others at run time, which Jest's related-tests search does
    // not see; Stryker still runs only the tests that reach each mutant (perTest coverage).
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  // Mutants in module-level constants (the country policies' data, lists of names) would each
  // need a fresh module load and the whole suite: far too slow here. They are reported as ignored.
  ignoreStatic: true,
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // The machine is shared: two processes at most (use --concurrency 1 with --mutate on one file).
  concurrency: 2,
  timeoutMS: 10000,
  // event-recorder writes each mutant's result as it is known (reports/mutation/events): a run
  // stopped before its end still leaves them, and `npm run mutation:partial` scores them.
  reporters: ['html', 'json', 'clear-text', 'progress', 'event-recorder'],
  eventReporter: { baseDir: 'reports/mutation/events' },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 75, break: 0 },
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // Only libs/, test/support and the root configs are needed to run the domain's tests.
  ignorePatterns: [
    '/.tools',
    '/.ci',
    '/.data',
    '/apps',
    '/workflows',
    '/docs',
    '/dist',
    '/coverage',
    '/scripts',
    '/test/browser',
    '/test/e2e',
  ],
};
