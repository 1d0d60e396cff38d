// ESLint: typescript-eslint's type-checked rules (floating promises and the like need the types),
// the Lit and web components plugins' recommended rules, and unused code as an error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test/artifacts/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  wc.configs['flat/recommended'],
  lit.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Lit calls event listeners bound in templates with the element as `this`.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // `typeof import('…')` types the modules that load on demand.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': ['error', { allow: ['debug', 'warn', 'error'] }],
      // Global event maps are extended by declaration merging.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      'lit/no-template-bind': 'error',
      'lit/no-this-assign-in-render': 'error',
      // `lang` is meant as the global attribute: elements declare it to render in the page's language.
      'lit/no-native-attributes': 'off',
      // LitElement defines every lifecycle callback its subclasses call super for.
      'wc/guard-super-call': 'off',
    },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'components/test-fixtures.ts'],
    rules: {
      // chai's property assertions: expect(x).to.be.true
      '@typescript-eslint/no-unused-expressions': 'off',
      // fakes keep the async signature of what they stand in for
      '@typescript-eslint/require-await': 'off',
      // tests and benchmarks print their figures
      'no-console': 'off',
      // saving and restoring methods (console.log) is what fakes do
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The adapter for xmpp.js, which ships no types: its `any` stays inside this one module.
    files: ['src/transport/websocket.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript run by Node (scripts, test runner config): no type information.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node }, parserOptions: { projectService: false } },
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-console': 'off' },
  },
);
