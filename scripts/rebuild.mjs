#!/usr/bin/env node
/**
 * The read-model rebuild's command line (`npm run rebuild`, through scripts/rebuild.sh): loads
 * the sources with scripts/ts-register.cjs and runs apps/worker/src/rebuild.ts.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('./ts-register.cjs');
const { main } = require('../apps/worker/src/rebuild.ts');
process.exitCode = await main(process.argv.slice(2), process.env);
