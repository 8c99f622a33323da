// Lint rules, including the runtime boundaries of DESIGN.md: renderer/ and shared/ never import electron
// or node:*, shared/ never imports react or dexie, electron/ never imports renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

const noElectronOrNode = [
  { regex: '^electron(/.*)?$', message: 'Only electron/ may import electron; use the preload API.' },
  { regex: '^node:', message: 'Node built-ins are not available here (see DESIGN.md boundaries).' },
];
const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'events', 'stream', 'buffer'].map((name) => ({
  name,
  message: 'Node built-ins are not available here (see DESIGN.md boundaries).',
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.bench/**', 'tests/security/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts', 'electron/**/*.ts', 'signaling/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Lists styled without bullets lose their list role in WebKit, so role="list" is kept on purpose.
      'jsx-a11y/no-redundant-roles': ['error', { ul: ['list'], ol: ['list'] }],
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: noElectronOrNode }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'history', 'fetch', 'XMLHttpRequest', 'WebSocket', 'RTCPeerConnection', 'Notification', 'HTMLElement', 'Element', 'Node', 'Event', 'EventTarget', 'BroadcastChannel'].map((name) => ({
          name,
          message: 'shared/ runs in Node, Chromium and Electron alike: only ES and WebCrypto (globalThis.crypto) are allowed.',
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins,
          patterns: [
            ...noElectronOrNode,
            { regex: '^(react|react-dom|dexie|dexie-[a-z-]+)(/.*)?$', message: 'shared/ is pure: no UI or storage libraries.' },
            { regex: '(^|/)(renderer|electron)/', message: 'shared/ depends on nothing else in the project.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)renderer/', message: 'electron/ never imports renderer/.' }] }],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', '*.config.{ts,js}', 'renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Every end-to-end spec checks the app's network promise through tests/e2e/test.ts.
    files: ['tests/e2e/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@playwright/test', message: 'Import test and expect from ./test, which checks that nothing leaves this machine.' }] }],
    },
  },
  {
    files: ['eslint.config.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
