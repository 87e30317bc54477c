import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor } from '../../local-mturk/test/helpers';
import { seedLocalMTurk } from '../helpers/seed-local-mturk';
import { openLabApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
// Registered before any page script runs, as a string (tsx-compiled functions do not survive serialisation).
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));
`;

let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  await seedLocalMTurk(lab, clientFor(lab), { hits: 8, assignmentsPerHit: 1, workers: 2 });
  ({ serve, browser, page } = await openLabApp(lab, {
    name: 'csp',
    hash: '#/hits',
    problems: consoleErrors,
    beforeSignIn: async (p) => {
      p.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      await p.addInitScript(RECORD_VIOLATIONS);
    },
  }));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

describe('the strict Content-Security-Policy (no inline styles) in a real browser', () => {
  it('is what the page was served with', async () => {
    const response = await page.request.get(serve.url);
    const csp = response.headers()['content-security-policy']!;
    expect(csp).toMatch(/style-src 'self' 'nonce-[^']+'/);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('still renders the HITs grid styled by its theme, with no violation reported', async () => {
    const rows = page.locator('[aria-label="HITs"] .ag-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(3);
    // The theme's <style> elements are in, each with the nonce; without them the header would be unstyled.
    expect(await page.locator('head style[data-ag-scope], head style').count()).toBeGreaterThan(0);
    const unNonced = await page.evaluate('[...document.querySelectorAll("style")].filter((s) => !s.nonce).length');
    expect(unNonced).toBe(0);
    const header = await page.evaluate(
      'JSON.stringify((() => { const h = document.querySelector("[aria-label=HITs] .ag-header"); const s = getComputedStyle(h); return { height: h.getBoundingClientRect().height, border: s.borderBottomStyle, font: getComputedStyle(document.querySelector("[aria-label=HITs] .ag-header-cell-text")).fontWeight }; })())',
    );
    const style = JSON.parse(header as string) as { height: number; border: string; font: string };
    expect(style.height).toBeGreaterThan(20);
    expect(style.border).toBe('solid');
    await rows.first().click();
    await page.screenshot({ path: join(SHOTS, 'hits-strict-csp.png') });
    expect(await page.evaluate('window.__cspViolations')).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
