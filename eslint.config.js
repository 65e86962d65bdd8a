import fs from 'node:fs';
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = fs.existsSync('src/features') ? fs.readdirSync('src/features') : [];
/** Features that exist to compose others (map + table + details + monitor; a run's sessions): they may import them. */
const COMPOSING = new Set(['session-explorer', 'run-explorer']);

/**
 * Imports flow one way: contract → lib/components/api → features → app; features never import
 * each other; the browser never imports server/, and the server imports only src/contract. Enforced here so that it lasts.
 */
const importDirection = [
  ...features
    .filter((feature) => !COMPOSING.has(feature))
    .map((feature) => ({
      target: `./src/features/${feature}`,
      from: './src/features',
      except: [`./${feature}`],
      message: 'Features do not import each other: move shared code to src/lib or src/components.',
    })),
  {
    target: ['./src/lib', './src/components', './src/api', './src/contract'],
    from: ['./src/features', './src/app'],
    message: 'Shared code must not depend on features or the app layer.',
  },
  {
    target: './src/features',
    from: './src/app',
    message: 'Features must not import the app layer.',
  },
  {
    target: './src',
    from: './server',
    message: 'The browser never imports server code.',
  },
  {
    target: './server',
    from: './src',
    except: ['./contract'],
    message: 'The server imports only src/contract from the browser tree.',
  },
  {
    target: './src/contract',
    from: ['./src', './server'],
    except: ['./contract'],
    message:
      'src/contract is the wire contract both sides share: it imports nothing else of the project.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'data',
      'node_modules',
      'test-results',
      'playwright-report',
      'coverage',
      '.cache',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.app.json', 'tsconfig.node.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: importDirection }],
      'import-x/no-cycle': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Named exports only: one name per thing, searchable and tree-shakable.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
    },
  },
  {
    files: ['src/features/**/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Program', message: 'No barrel index.ts inside features.' },
      ],
    },
  },
  {
    files: [
      '*.config.{js,ts}',
      'eslint.config.js',
      'playwright.config.ts',
      'vite.config.ts',
      '**/*.d.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
