// Benchmarks on the test harness (`npm run bench:cases`): the e2e project's setup (scratch
// database, Temporal dev server), but only test/bench/*.bench.ts, which `npm test` never runs.
const base = require('./jest.config.js');

const e2e = base.projects.find((p) => p.displayName === 'e2e');
module.exports = {
  projects: [{ ...e2e, displayName: 'bench', testMatch: ['<rootDir>/test/bench/**/*.bench.ts'] }],
};
