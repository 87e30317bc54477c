import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_IDS } from '../../shared/preferences';
import { launchChromium } from './support/browser';
import { startServe, type ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [serve, browser] = await Promise.all([startServe(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  await serve.signIn(page);
  await page.locator('.nav-item').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('the shell in a real browser over the HTTP bridge', () => {
  it('keeps no secret in the address bar: the signed-in page is the plain address', () => {
    expect(page.url()).toBe(serve.url);
  });

  it('renders every area, reachable from the sidebar: its screen, or an empty state saying what it will do', async () => {
    expect(await page.locator('.nav-item').count()).toBe(AREA_IDS.length);
    for (const id of AREA_IDS) {
      const item = page.locator(`.nav-item[data-area="${id}"]`);
      const label = (await item.locator('.nav-item__label').textContent())!;
      await item.click();
      await expect.poll(() => page.locator('.topbar h1').textContent()).toBe(label);
      await expect.poll(() => page.locator('.content').getAttribute('data-area')).toBe(id);
      // An area either has its screen (a heading, a toolbar or a grid) or the placeholder saying what it will do.
      const content = page.locator(`.content[data-area="${id}"]`);
      await content.locator('h2, [role="search"], [role="grid"]').first().waitFor();
      if ((await content.locator('.empty__promises').count()) > 0) {
        expect(await content.locator('.empty__title').textContent()).toBe(`Nothing in ${label} yet`);
        expect(await content.locator('.empty__promises li').count()).toBeGreaterThanOrEqual(2);
      }
      expect(await item.getAttribute('aria-current')).toBe('page');
      await page.screenshot({ path: join(SHOTS, `${id}.png`) });
    }
  });

  it('shows icons only in a narrow window; the toggle opens the sidebar for the moment and leaves the preference alone', async () => {
    const labels = () => page.locator('.sidebar .nav-item__label').count();
    const toggle = page.locator('.sidebar__toggle');
    expect(await labels()).toBe(AREA_IDS.length);
    await page.setViewportSize({ width: 1000, height: 700 });
    await expect.poll(labels).toBe(0);
    expect(await toggle.getAttribute('title')).toMatch(/^Expand sidebar/);
    await page.screenshot({ path: join(SHOTS, 'shell-narrow.png') });
    await toggle.click();
    await expect.poll(labels).toBe(AREA_IDS.length);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(labels).toBe(AREA_IDS.length);
    await page.reload();
    await page.locator('.nav-item').first().waitFor();
    expect(await labels()).toBe(AREA_IDS.length);
  });

  it('shows which MTurk it is connected to', async () => {
    expect(await page.getByTestId('connection-badge').textContent()).toContain('Local MTurk');
  });

  it('switches areas from the keyboard (Ctrl+1…9)', async () => {
    await page.keyboard.press('Control+3');
    await expect.poll(() => page.locator('.topbar h1').textContent()).toBe('HITs');
    await page.keyboard.press('Control+9');
    await expect.poll(() => page.locator('.topbar h1').textContent()).toBe('Settings');
  });

  it('switches to the dark theme and remembers it across a reload', async () => {
    const toggle = page.getByTestId('theme-toggle');
    const theme = () => page.locator('html').getAttribute('data-theme');
    // The toggle cycles themes and applies each after saving it: wait for each click to land before judging it.
    for (let i = 0; i < 3 && (await theme()) !== 'dark'; i++) {
      const label = await toggle.getAttribute('title');
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('title')).not.toBe(label);
    }
    await expect.poll(theme).toBe('dark');
    await page.screenshot({ path: join(SHOTS, 'settings-dark.png') });
    await page.reload();
    await page.locator('.nav-item').first().waitFor();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    // The last area is remembered too (it lives in the URL hash and in preferences).
    expect(await page.locator('.topbar h1').textContent()).toBe('Settings');
  });

  it('opens the keyboard shortcuts list with ?', async () => {
    await page.locator('body').press('?');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Keyboard shortcuts');
    await page.keyboard.press('Escape');
  });

  it('shows a visitor without the session only the sign-in form, and refuses the used code', async () => {
    const stranger = await browser.newPage();
    await stranger.goto(serve.origin + '/');
    expect(await stranger.locator('h1').textContent()).toBe('Open Turkbench');
    expect(await stranger.locator('.nav-item').count()).toBe(0);
    await stranger.screenshot({ path: join(SHOTS, 'sign-in.png') });
    await stranger.locator('input[name="code"]').fill(serve.code);
    await stranger.getByRole('button', { name: 'Open Turkbench' }).click();
    await stranger.getByRole('alert').waitFor();
    expect(await stranger.getByRole('alert').textContent()).toContain('This code has already been used');
    expect(await stranger.locator('input[name="code"]').count()).toBe(0);
    await stranger.screenshot({ path: join(SHOTS, 'sign-in-code-used.png') });
    await stranger.close();
  });

  it('logged no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
