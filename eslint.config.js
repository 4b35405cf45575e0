import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const io = ['node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'puppeteer', 'puppeteer-core', 'handlebars'];
const pure = (folder) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      { paths: io.map((name) => ({ name, message: `src/${folder} is pure: no I/O, browser or templates here.` })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'dist-check/**', 'node_modules/**', 'out/**', 'coverage/**', 'bench/models/**', 'test/**/__snapshots__/**', 'test/corpus/**', 'templates/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.cjs', 'bin/*.js', 'bench/*.js', 'vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  pure('model'),
  pure('rules'),
  pure('diagrams'),
  pure('formatters'),
  pure('diagnostics'),
  { ...pure('diff'), ignores: ['src/diff/git.ts'] },
  {
    files: ['test/**/*.ts', 'bench/**', '*.config.*', 'eslint.config.js', 'bin/**'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
