// ESLint 9 flat config: typescript-eslint type-checked rules everywhere, SuiteScript header rules on
// the SuiteScript sources. Generated output (src/FileCabinet, build/) is not linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import suitescript from 'eslint-plugin-suitescript';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'coverage/', 'src/FileCabinet/', '.ns-local/', '**/*.d.ts', '__tests__/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // SuiteScript entry points: header tags must be present and valid.
    files: ['src/TypeScripts/**/*.ts'],
    plugins: { suitescript },
    languageOptions: { globals: {} },
    rules: {
      'suitescript/api-version': 'error',
      'suitescript/script-type': 'error',
      'suitescript/no-log-module': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs', 'jest.config.js', 'suitecloud.config.js', 'bin/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
