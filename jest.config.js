// Three kinds of tests, named by their file suffix (see README "Tests").
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const moduleNameMapper = {
  '^@ariadne/(domain|contracts|persistence|security|config)$': '<rootDir>/libs/$1/src',
};
/**
 * NestJS 12, nestjs-pino 5, openid-client 6, jose 6, intl-messageformat (mail), otplib's @scure/base and @noble/hashes and their dependencies are ES modules only. Node loads them with require() (the
 * built API), but Jest's module loader cannot: those packages alone are compiled to CommonJS.
 */
const ESM_ONLY =
  '/node_modules/(@nestjs/[a-z-]+|nestjs-pino|openid-client|oauth4webapi|jose|intl-messageformat|@formatjs/[a-z-]+|@scure/base|@noble/hashes)/';
const swcEsm = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, [`${ESM_ONLY}.+\\.js$`]: swcEsm },
  transformIgnorePatterns: [`^(?!.*${ESM_ONLY}).*/node_modules/`],
  moduleNameMapper,
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/*.unit.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tools/', '/.stryker-tmp/'],
    },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/**/*.int.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tools/', '/.stryker-tmp/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/**/*.e2e.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tools/', '/.stryker-tmp/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
