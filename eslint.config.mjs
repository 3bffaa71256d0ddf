// Lint what we write; generated output (bundles, miniprogram_npm, compiled .js) is not ours to lint.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.build/**',
      '.data/**',
      'coverage/**',
      'preview/**',
      'cloudfunctions/*/index.js',
      'miniprogram/miniprogram_npm/**',
      'miniprogram/**/*.js',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['scripts/**/*.js', 'jest.config.js', 'test/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['miniprogram/**/*.ts'],
    rules: {
      // Pages talk to services, services to transport (DESIGN.md): only the transport may touch wx.cloud.
      'no-restricted-properties': ['error', { object: 'wx', property: 'cloud', message: 'Only miniprogram/transport may call wx.cloud.' }],
    },
  },
  {
    files: ['miniprogram/transport/**/*.ts', 'miniprogram/app.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
