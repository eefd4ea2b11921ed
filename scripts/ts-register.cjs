/**
 * Loads the TypeScript sources directly (no build): `.ts` files compiled on require by @swc/core
 * with the same options as the tests (jest.config.js), and `@ariadne/<lib>` resolved to
 * libs/<lib>/src as tsconfig.json's paths say. For operator scripts such as `npm run rebuild`.
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const ROOT = path.resolve(__dirname, '..');
const LIB = /^@ariadne\/(domain|contracts|persistence|security|config)$/;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = LIB.exec(request);
  const target = lib ? path.join(ROOT, 'libs', lib[1], 'src', 'index.ts') : request;
  return resolve.call(this, target, ...rest);
};

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

require('reflect-metadata');
