// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

/** Modules that must never reach the workflow sandbox: I/O, Node built-ins, frameworks. */
const notInWorkflows = [
  'fs',
  'path',
  'net',
  'http',
  'https',
  'crypto',
  'child_process',
  'os',
  'util',
  'stream',
  'node:*',
  '@nestjs/*',
  'typeorm',
  'pg',
  '@temporalio/activity',
  '@temporalio/client',
  '@temporalio/worker',
  '@ariadne/persistence',
  '@ariadne/security',
  '@ariadne/config',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tools/**',
      '.data/**',
      'coverage/**',
      'jest.config.js',
      'jest.bench.config.js',
      '.ci/out/**',
      'apps/web/dist/**',
      'apps/web/src/lib/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Not consistent-type-imports: NestJS DI needs constructor parameter types as real imports.
      'no-console': 'error',
    },
  },
  {
    // Deterministic by construction: workflows and the pure domain import nothing that does I/O.
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts', 'libs/contracts/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: notInWorkflows.map((group) => ({
            group: [group],
            message: 'Not allowed in workflow-safe code (no I/O, no framework).',
          })),
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the workflow SDK (uuid4) or pass randomness in.',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'Take the time from the caller (decide ctx.now) or the workflow clock.',
        },
      ],
    },
  },
  {
    // Developer scripts run under Node and report to the terminal.
    files: ['scripts/**/*.mjs', 'test/support/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', Buffer: 'readonly' },
    },
    rules: { 'no-console': 'off' },
  },
  {
    // The staff web application (apps/web, ADR 0007): browser code, React hooks rules,
    // accessibility rules, features independent of each other, nothing in browser storage.
    files: ['apps/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    ...jsxA11y.flatConfigs.recommended,
    languageOptions: {
      ...jsxA11y.flatConfigs.recommended.languageOptions,
      globals: { ...globals.browser },
    },
    plugins: { ...reactHooks.configs.flat['recommended-latest'].plugins, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'no-restricted-globals': [
        'error',
        ...['localStorage', 'sessionStorage', 'indexedDB', 'caches'].map((name) => ({
          name,
          message: 'Nothing of hers in browser storage (issue 8): keep it in memory.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        ...['localStorage', 'sessionStorage', 'indexedDB', 'caches'].map((property) => ({
          object: 'window',
          property,
          message: 'Nothing of hers in browser storage (issue 8): keep it in memory.',
        })),
        { object: 'document', property: 'cookie', message: 'Cookies are set by the server only.' },
      ],
    },
  },
  {
    // Features never import each other (bulletproof-react): share through components/, lib/, hooks/.
    files: ['apps/web/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)features/',
              message:
                'A feature may not import another feature: share through src/components, src/lib or src/hooks.',
            },
          ],
        },
      ],
    },
  },
  {
    // A feature's top-level files: `../x` would be another feature.
    files: ['apps/web/src/features/*/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)',
              message:
                'A feature may not import another feature: share through src/components, src/lib or src/hooks.',
            },
            {
              regex: '(^|/)features/',
              message:
                'A feature may not import another feature: share through src/components, src/lib or src/hooks.',
            },
          ],
        },
      ],
    },
  },
  {
    // CommonJS on purpose: a require hook (node -r) for running the API's sources.
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/web/vite.config.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
