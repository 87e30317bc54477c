/**
 * A newcomer's first run on the built-in Local MTurk: Settings shows how to reach it from boto3 / the AWS CLI (the
 * secret only after "Show"), and the first-run button on the empty HITs screen fills it with the demo account.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFreshApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ serve, browser, page } = await openFreshApp({ name: 'first-run', hash: '#/settings', viewport: { width: 1280, height: 900 }, problems }));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('Settings → Built-in Local MTurk', () => {
  it('shows the endpoint, region and key id, and the secret only after Show; the keys work', async () => {
    const panel = page.getByTestId('local-mturk-panel');
    await panel.getByTestId('local-endpoint').waitFor({ timeout: 20_000 });
    const endpoint = (await panel.getByTestId('local-endpoint').textContent()) ?? '';
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await panel.getByTestId('local-region').textContent()).toBe('us-east-1');
    const keyId = (await panel.getByTestId('local-access-key').textContent()) ?? '';
    expect(keyId).toMatch(/^AKIA[A-Z0-9]+$/);
    expect(await panel.getByTestId('local-secret').textContent()).toMatch(/^•+$/);
    expect(await panel.getByTestId('snippet-boto3').textContent()).toContain(`endpoint_url='${endpoint}'`);
    expect(await panel.getByTestId('snippet-aws-cli').textContent()).toContain(`--endpoint-url ${endpoint} --region us-east-1`);
    expect(await panel.getByTestId('snippet-aws-cli').textContent()).toContain('PASTE-THE-SECRET-ACCESS-KEY');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'settings-local-mturk.png'), fullPage: true });

    await panel.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => panel.getByTestId('local-secret').textContent()).not.toMatch(/^•+$/);
    const secret = (await panel.getByTestId('local-secret').textContent()) ?? '';
    expect(await panel.getByTestId('snippet-boto3').textContent()).toContain(`aws_secret_access_key='${secret}'`);
    // What the panel shows is what a client signs with: the control API takes the secret as its token.
    const health = await fetch(`${endpoint}/_local/health`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(health.status).toBe(200);
    await page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: join(SHOTS, 'settings-local-mturk-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await panel.getByRole('button', { name: 'Hide' }).click();
    expect(await panel.getByTestId('local-secret').textContent()).toMatch(/^•+$/);
  });
});

describe('the first-run demo', () => {
  it('offers the demo on the empty Archive screen of the built-in connection', async () => {
    await page.goto(`${serve.url}#/archive`);
    const empty = page.getByTestId('archive-empty');
    await empty.waitFor({ timeout: 20_000 });
    expect(await empty.getByRole('button', { name: 'Fill the built-in Local MTurk with a demo account' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'archive-first-run.png'), fullPage: true });
  });

  it('offers the demo on the empty HITs screen, asks first, and fills the grid', async () => {
    await page.goto(`${serve.url}#/hits`);
    const offer = page.getByTestId('demo-offer');
    await offer.waitFor({ timeout: 20_000 });
    // Nothing to act on or select yet: no row of disabled actions, no empty detail pane.
    const actions = page.getByRole('toolbar', { name: 'Manage the selected HITs' });
    expect(await actions.count()).toBe(0);
    expect(await page.getByTestId('hit-detail').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'hits-first-run.png') });
    await offer.getByRole('button', { name: 'Fill the built-in Local MTurk with a demo account' }).click();
    const dialog = page.getByTestId('demo-confirm');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('not on MTurk');
    await page.screenshot({ path: join(SHOTS, 'hits-first-run-confirm.png') });
    await dialog.getByRole('button', { name: 'Create the demo account' }).click();

    await expect.poll(() => page.getByTestId('hit-count').textContent(), { timeout: 30_000 }).toBe('14 HITs');
    const rows = page.locator('[aria-label="HITs"] .ag-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await page.locator('[aria-label="HITs"]').textContent()).toContain('Label the road sign in a photo');
    await actions.waitFor();
    await page.getByTestId('hit-detail').waitFor();
    await page.screenshot({ path: join(SHOTS, 'hits-demo-filled.png') });

    // The survey's answers arrived with it: selections and constrained free text, shown as text.
    await rows.filter({ hasText: 'Short survey about your online shopping habits' }).click();
    const assignments = page.locator('[aria-label="Assignments"] .ag-row');
    await expect.poll(() => assignments.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    expect(await assignments.first().textContent()).toMatch(/zip_code: \d{5}/);
    await page.screenshot({ path: join(SHOTS, 'hits-demo-survey.png') });
  });

  it('says the demo is already there on a second press, and the archive shows its counts', async () => {
    await page.goto(`${serve.url}#/settings`);
    const panel = page.getByTestId('local-mturk-panel');
    await panel.getByRole('button', { name: 'Fill the built-in Local MTurk with a demo account' }).click();
    await page.getByTestId('demo-confirm').getByRole('button', { name: 'Create the demo account' }).click();
    await expect.poll(() => panel.getByTestId('demo-result').textContent(), { timeout: 20_000 }).toContain('already there (14 HITs); nothing was added');
    // The demo's crowd keeps working, and Settings says so.
    await expect.poll(() => panel.getByTestId('local-crowd').textContent()).toContain('Simulated crowd: 120 workers take and submit HITs at real-time pace');
    await panel.screenshot({ path: join(SHOTS, 'settings-local-mturk-crowd.png') });

    await page.goto(`${serve.url}#/archive`);
    await page.getByTestId('archive').waitFor();
    await expect.poll(() => page.getByTestId('archive').textContent(), { timeout: 20_000 }).toMatch(/14\s*HITs/i);
    await page.screenshot({ path: join(SHOTS, 'archive-demo-filled.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
