/**
 * What a server needs to host crowd-html-elements templates offline: the element script, and the rewrite that points
 * a template's loader tag at it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

let cached: Promise<string> | undefined;

/**
 * The browser script that defines every crowd element; cached. The packaged app reads the copy built next to the
 * main bundle (out/main/crowd-elements.js); a source checkout (tsx, vitest) bundles crowd-elements/src/elements/.
 */
export function crowdElementsScript(): Promise<string> {
  cached ??= loadScript().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function loadScript(): Promise<string> {
  const prebuilt = join(__dirname, 'crowd-elements.js');
  if (existsSync(prebuilt)) return readFile(prebuilt, 'utf8');
  // A computed specifier keeps bundlers from pulling esbuild into the main bundle; only source checkouts get here.
  const builder = join(__dirname, 'build-script.ts');
  if (!existsSync(builder)) throw new Error(`The crowd-elements script is missing: expected ${prebuilt} (electron-vite build writes it).`);
  const module = (await import(/* @vite-ignore */ builder)) as typeof import('./build-script');
  return module.buildCrowdElementsScript();
}

/** Matches the crowd-html-elements loader tag in any quoting, with any other attributes, with or without `</script>`. */
const LOADER_TAG = /<script\b([^>]*?)\bsrc\s*=\s*(["']?)(?:https?:)?\/\/assets\.crowd\.aws\/crowd-html-elements\.js\2([^>]*)>/gi;

/** Rewrites <script src="https://assets.crowd.aws/crowd-html-elements.js"> (any quoting / attributes) to `localUrl`. */
export function rewriteCrowdScriptTags(html: string, localUrl: string): string {
  const quoted = localUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return html.replace(LOADER_TAG, (_tag, before: string, _quote: string, after: string) => `<script${before}src="${quoted}"${after}>`);
}
