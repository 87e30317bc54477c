import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { BUILT_SCRIPT_NAME, buildCrowdElementsScript } from './crowd-elements/src/build-script';

/** Ships the crowd-elements browser script beside the main bundle (out/main/crowd-elements.js), where serve.ts reads it. */
function crowdElementsScript(): Plugin {
  return {
    name: 'turkbench:crowd-elements-script',
    async generateBundle() {
      const source = await buildCrowdElementsScript(resolve(__dirname, 'crowd-elements/src/elements/index.ts'));
      this.emitFile({ type: 'asset', fileName: BUILT_SCRIPT_NAME, source });
    },
  };
}

/**
 * Three bundles: main (Node, CommonJS), preload (one self-contained CommonJS file, because a
 * sandboxed preload cannot require modules), renderer (React, browser). Serve mode reuses the
 * renderer bundle from out/renderer.
 */
export default defineConfig({
  main: {
    plugins: [crowdElementsScript()],
    build: {
      outDir: 'out/main',
      // electron-store is ESM-only; bundling it keeps main a plain CommonJS file.
      externalizeDeps: { exclude: ['electron-store'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main.ts'),
          // The CLI is a second entry of the same Node bundle: bin/turkbench.mjs runs out/main/cli.js.
          cli: resolve(__dirname, 'cli/main.ts'),
          // A worker thread needs a file of its own: website CSV imports run there (electron/archive/import-off-thread.ts).
          'import-worker': resolve(__dirname, 'electron/archive/import-worker.ts'),
          // Checkpoints of the archive's WAL run on a thread of their own (electron/archive/checkpointer.ts).
          'checkpoint-worker': resolve(__dirname, 'electron/archive/checkpoint-worker.ts'),
        },
        // Shared chunks beside the entries, so `__dirname` is out/main wherever the code lands (the import worker's path).
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
