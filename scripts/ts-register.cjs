// Runs the API's TypeScript sources directly under Node (no tsc build, no dist/): compiles each
// .ts file with SWC as the Jest harness does (legacy decorators with metadata, which NestJS
// needs) and resolves the @ariadne/* paths of tsconfig.json. Usage: node -r ./scripts/ts-register.cjs x.ts
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const { paths } = JSON.parse(
  fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'),
).compilerOptions;
const aliases = Object.fromEntries(
  Object.entries(paths).map(([k, [v]]) => [k, path.join(root, v)]),
);

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, aliases[request] ?? request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
