import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'dist/**', '.preview/**', 'shots/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: false },
      globals: { ...globals.es2020, wx: 'readonly', getApp: 'readonly', getCurrentPages: 'readonly', Component: 'readonly', Behavior: 'readonly', App: 'readonly', WechatMiniprogram: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
      // Mock state is plain dictionaries keyed by token or id; deleting an entry is the point.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  {
    // test/tsconfig.json type-checks the app together with the tests (DOM, jest and node types
    // included), so the globals only tests may use are kept out of app code here.
    files: ['miniprogram/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'document', 'window', 'navigator', 'localStorage', 'process', 'jest', 'global', 'globalThis', 'require', 'module'],
    },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.jest, ...globals.browser } },
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } , sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
);
