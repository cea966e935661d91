// Lint rules, including the layer boundaries: src-shared is pure TypeScript, src-renderer never
// reaches into src-main, and src-main never reaches into src-renderer.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const mainPattern = { regex: '(^|/)src-main(/|$)', message: 'Only src-main and the test harness may import src-main.' };
const rendererPattern = { regex: '(^|/)src-renderer(/|$)', message: 'Only src-renderer may import src-renderer.' };
const nodePattern = { regex: '^node:', message: 'src-shared and src-renderer run without Node: keep Node modules in src-main.' };
const uiPatterns = [
  { regex: '^(react|react-dom)(/|$)', message: 'src-shared is pure TypeScript: no React.' },
  { regex: '^monaco-editor(/|$)', message: 'src-shared is pure TypeScript: no Monaco.' },
];
const electronPath = { name: 'electron', message: 'Only the Electron adapter in src-main/electron may load electron at run time.' };

const rendererPaths = [
  ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node: ask main through window.butterfly.' })),
  { name: 'electron', message: 'The renderer talks to main only through window.butterfly.' },
];
const monacoPatterns = [
  { regex: '^(monaco-editor|@monaco-editor/react)(/|$)', message: 'Only src-renderer/editor may import Monaco; use its JsonDiffEditor.' },
];

// Browser globals that must not appear in pure code; the TypeScript lib setting hides their
// types too, and this rule catches a plain-JavaScript use.
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'src-shared is pure TypeScript: no Node modules.' })),
            { name: 'electron', message: 'src-shared is pure TypeScript: no Electron.' },
          ],
          patterns: [nodePattern, mainPattern, rendererPattern, ...uiPatterns],
        },
      ],
      'no-restricted-globals': ['error', ...domGlobals, 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: rendererPaths, patterns: [nodePattern, mainPattern, ...monacoPatterns] }],
    },
  },
  {
    // Monaco stays behind the editor module; the screens use its diff component only.
    files: ['src-renderer/editor/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: rendererPaths, patterns: [nodePattern, mainPattern] }],
    },
  },
  {
    files: ['src-main/**/*.{ts,mjs}'],
    ignores: ['src-main/electron/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ ...electronPath, allowTypeImports: true }], patterns: [rendererPattern] },
      ],
    },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [rendererPattern] }],
    },
  },
  {
    // The preload is bundled on its own and may load only electron and the IPC contract.
    files: ['src-main/electron/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!electron$|\\.\\./\\.\\./src-shared/ipc/)', message: 'The preload may import only electron and src-shared/ipc.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ ...electronPath, allowTypeImports: true }] },
      ],
    },
  },
);
