// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

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
      '.ci/out/**',
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
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', fetch: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
  prettier,
);
