import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

/** The repository root, whether running from sources (ts) or from dist/ (compiled). */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('Cannot find the repository root from ' + __dirname);
})();

/** The workflow code is always bundled from the TypeScript sources, which are the truth. */
export const WORKFLOWS_PATH = path.join(REPO_ROOT, 'workflows', 'index.ts');

/**
 * The Temporal bundler (webpack) does not read tsconfig `paths`; these aliases make
 * `@ariadne/domain` and `@ariadne/contracts` resolve there the way they do for tsc and jest.
 */
export const bundlerOptions: BundleOptions['webpackConfigHook'] = (config) => {
  config.resolve = config.resolve ?? {};
  config.resolve.alias = {
    ...(config.resolve.alias as Record<string, string> | undefined),
    '@ariadne/domain': path.join(REPO_ROOT, 'libs', 'domain', 'src'),
    '@ariadne/contracts': path.join(REPO_ROOT, 'libs', 'contracts', 'src'),
  };
  return config;
};
