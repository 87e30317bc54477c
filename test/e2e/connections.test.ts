import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { launchChromium } from './support/browser';
import { startServe, type ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // A standalone Local MTurk plays "another MTurk endpoint"; its keys reach Turkbench the AWS way, via the environment.
  lab = await startLocalMTurk({ port: 0 });
  [serve, browser] = await Promise.all([
    startServe(mkdtempSync(join(tmpdir(), 'tb-e2e-conn-')), { AWS_ACCESS_KEY_ID: lab.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.credentials.secretAccessKey }),
    launchChromium(),
  ]);
  page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  await serve.signIn(page, '#/settings');
  await page.locator('.conn-card').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

const badge = () => page.getByTestId('connection-badge');

describe('Settings → Connections', () => {
  it('starts on the built-in Local MTurk, online, and tests it with a balance', async () => {
    await expect.poll(() => badge().textContent(), { timeout: 15_000 }).toContain('online');
    const local = page.locator('.conn-card[data-connection="local"]');
    expect(await local.textContent()).toContain('In use');
    await local.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => local.locator('.notice').textContent()).toMatch(/Connected · balance \$[\d,]+\.\d\d · \d+ ms/);
  });

  it('does not offer to store keys in browser mode, and says why', async () => {
    await page.getByRole('button', { name: 'Add connection' }).click();
    const stored = page.locator('input[name="source"]').nth(2);
    expect(await stored.isDisabled()).toBe(true);
    expect(await page.locator('dialog[open]').textContent()).toContain('browser mode has no access to the OS keychain');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('adds a custom endpoint, tests it and switches to it', async () => {
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.locator('dialog[open]');
    await form.locator('select[name="kind"]').selectOption('custom');
    await form.locator('input[name="label"]').fill('Lab Local MTurk');
    await form.locator('input[name="endpoint"]').fill(lab.url);
    await form.locator('input[name="source"]').nth(1).check();
    await page.screenshot({ path: join(SHOTS, 'settings-add-connection.png') });
    await form.getByRole('button', { name: 'Save connection' }).click();
    const card = page.locator('.conn-card', { hasText: 'Lab Local MTurk' });
    await card.waitFor();
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => card.locator('.notice').textContent()).toContain('Connected');
    await card.getByRole('button', { name: 'Use this connection' }).click();
    await expect.poll(() => badge().textContent()).toContain('Custom endpoint');
    await expect.poll(() => badge().textContent()).toContain('Lab Local MTurk');
    await expect.poll(() => badge().textContent()).toContain('online');
    expect(await card.textContent()).toContain('In use');
  });

  it('shows a precise error when the endpoint is wrong', async () => {
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.locator('dialog[open]');
    await form.locator('select[name="kind"]').selectOption('custom');
    await form.locator('input[name="label"]').fill('Nowhere');
    await form.locator('input[name="endpoint"]').fill('http://127.0.0.1:9');
    await form.locator('input[name="source"]').nth(1).check();
    await form.getByRole('button', { name: 'Save connection' }).click();
    const card = page.locator('.conn-card', { hasText: 'Nowhere' });
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => card.locator('.notice--error').textContent()).toMatch(/127\.0\.0\.1:9/);
  });

  it('asks before switching to production, and marks production unmistakably', async () => {
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.locator('dialog[open]');
    await form.locator('select[name="kind"]').selectOption('production');
    expect(await form.textContent()).toContain('Production spends real money');
    expect(await form.locator('input[name="label"]').inputValue()).toBe('MTurk Production');
    await form.locator('input[name="source"]').nth(1).check();
    await form.getByRole('button', { name: 'Save connection' }).click();
    const card = page.locator('.conn-card--production');
    await card.waitFor();
    expect(await card.locator('.kind-badge').textContent()).toBe('PRODUCTION');
    expect(await card.locator('h3').textContent()).toBe('MTurk Production');
    await card.getByRole('button', { name: 'Use this connection' }).click();
    const confirm = page.locator('dialog[open]', { hasText: 'Switch to PRODUCTION?' });
    await confirm.waitFor();
    await page.screenshot({ path: join(SHOTS, 'settings-confirm-production.png') });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await badge().textContent()).toContain('Custom endpoint');
    await page.screenshot({ path: join(SHOTS, 'settings-connections.png'), fullPage: true });
  });
});
