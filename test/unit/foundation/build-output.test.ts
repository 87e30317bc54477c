import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = join(__dirname, '..', '..', '..', 'out');
const read = (path: string): string => {
  const full = join(OUT, path);
  if (!existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first (npm test does).`);
  return readFileSync(full, 'utf8');
};

describe('npm run build output', () => {
  it('bundles the main process as CommonJS', () => {
    const main = read('main/index.js');
    expect(main).toMatch(/require\("electron"\)/);
    expect(main).not.toMatch(/^import\s/m);
  });

  it('bundles the preload as one self-contained CommonJS file (a sandboxed preload cannot load modules)', () => {
    const preload = read('preload/index.js');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^import\s/m);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('builds the renderer page with no inline script or style and no remote resources', () => {
    // Its policy comes as a response header from both servers, with a nonce a static meta tag cannot carry.
    const html = read('renderer/index.html');
    expect(html).not.toMatch(/<style|style=|<script>|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/);
  });
});
