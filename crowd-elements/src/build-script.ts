/**
 * Bundles the browser elements into one self-contained script with esbuild. Used at build time (the Electron main
 * bundle ships the result as out/main/crowd-elements.js) and, from source checkouts, on first use by serve.ts.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

export const BUILT_SCRIPT_NAME = 'crowd-elements.js';

/** `entry` defaults to this folder's elements/index.ts; a bundled caller (the Vite config) passes the real path. */
export async function buildCrowdElementsScript(entry = join(__dirname, 'elements', 'index.ts')): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no crowd-elements script');
  return output.text;
}
