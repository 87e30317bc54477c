// Folders are runtime boundaries; these rules make crossing one a lint error instead of a code-review catch.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const SDK = '@aws-sdk/client-mturk';
/** The one module allowed to import the MTurk SDK (the gateway's adapter). */
const SDK_ADAPTER = 'electron/mturk/sdk.ts';
/** The Electron shell: the only files that may import `electron` itself. */
const ELECTRON_SHELL = ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**', 'electron/security/index.ts'];

const sdkBan = { name: SDK, message: `Only ${SDK_ADAPTER} may import the MTurk SDK; use the gateway port.` };
const electronBan = { name: 'electron', message: 'Only the Electron shell (electron/main.ts, preload.ts, shell/, security/) may import electron; put logic in plain modules.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,mjs}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [sdkBan, electronBan] }],
    },
  },
  {
    // shared/ runs in every process: no Node, no Electron, no DOM-only packages, no reaching into a process folder.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [sdkBan, electronBan, ...nodeBuiltins.map((name) => ({ name, message: 'shared/ must not import Node built-ins.' })), { name: 'react', message: 'shared/ must not import UI code.' }, { name: 'react-dom', message: 'shared/ must not import UI code.' }],
          patterns: [{ group: ['**/electron/**', '**/renderer/**', '**/local-mturk/**'], message: 'shared/ must not import from a process folder.' }],
        },
      ],
    },
  },
  {
    // The renderer is sandboxed browser code: it reaches main only through the contract.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [sdkBan, electronBan, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is sandboxed: no Node built-ins.' }))],
          patterns: [{ group: ['**/electron/**', '**/local-mturk/**'], message: 'renderer/ must not import main-process or Local MTurk code; use the contract (shared/contract).' }],
        },
      ],
      // Text reaches the page as text: these props put their string in as HTML.
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXAttribute[name.name=/^overlay(NoRows|Loading)Template$/]', message: 'ag-grid overlay templates are markup: use noRowsOverlayComponent={GridOverlayText} (components/GridOverlayText.tsx).' },
        { selector: 'JSXAttribute[name.name="dangerouslySetInnerHTML"]', message: 'No HTML from strings in the app: set text (components/UntrustedText.tsx); untrusted documents go in a sandboxed frame.' },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [sdkBan, electronBan], patterns: [{ group: ['**/renderer/**'], message: 'Main-process code must not import the renderer.' }] }],
    },
  },
  {
    // The CLI is a front over the same core as the window: plain Node, no Electron, no renderer.
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [sdkBan, electronBan], patterns: [{ group: ['**/renderer/**', '**/local-mturk/**'], message: 'The CLI reaches MTurk through the core, like the app.' }] }],
    },
  },
  {
    files: ELECTRON_SHELL,
    rules: { 'no-restricted-imports': ['error', { paths: [sdkBan], patterns: [{ group: ['**/renderer/**'], message: 'Main-process code must not import the renderer.' }] }] },
  },
  {
    files: [SDK_ADAPTER],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan] }] },
  },
  {
    // The Local MTurk is a separate server: testing the workbench against it must be a real client–server test.
    files: ['local-mturk/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, { name: SDK, message: 'The Local MTurk is the server side; it never uses the client SDK.' }],
          patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'local-mturk/ shares only shared/ with the workbench.' }],
        },
      ],
    },
  },
  {
    // crowd-elements/ is its own module: Local MTurk, the worker site and the renderer all build on it, never the reverse.
    files: ['crowd-elements/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [sdkBan, electronBan],
          patterns: [{ group: ['**/electron/**', '**/renderer/**', '**/local-mturk/**', '**/cli/**'], message: 'crowd-elements/ imports only shared/ and its own files.' }],
        },
      ],
    },
  },
  {
    // The scanner runs anywhere and the elements run in the worker's browser frame: neither may use Node.
    files: ['crowd-elements/src/answers.ts', 'crowd-elements/src/scan/**/*.ts', 'crowd-elements/src/elements/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [sdkBan, electronBan, ...nodeBuiltins.map((name) => ({ name, message: 'This part of crowd-elements runs in the browser too: no Node built-ins.' }))],
          patterns: [{ group: ['**/electron/**', '**/renderer/**', '**/local-mturk/**', '**/cli/**', '**/serve', '**/build-script'], message: 'crowd-elements/ imports only shared/ and its own browser-safe files.' }],
        },
      ],
    },
  },
  {
    // Tests and benchmarks drive the real SDK on purpose (that is what makes them client–server tests).
    files: ['test/**/*.ts', 'local-mturk/test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'Node-side tests must not import renderer code (renderer logic tests go in test/unit/renderer/).' }] }],
    },
  },
  {
    // Pure renderer logic (models, formatters, column definitions) is unit-tested under Node.
    files: ['test/unit/renderer/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
