import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor } from '../../local-mturk/test/helpers';
import { seedLocalMTurk } from '../helpers/seed-local-mturk';
import { launchChromium } from './support/browser';
import { startServe, type ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const HITS = 12;
let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

const connectionsFile = (kind: 'custom' | 'production'): string =>
  JSON.stringify({
    version: 1,
    activeId: 'lab',
    connections: [
      kind === 'custom'
        ? { id: 'lab', label: 'Lab server', kind, endpoint: lab.url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 300 }
        : { id: 'lab', label: 'Lab server', kind, region: 'us-east-1', credentials: { type: 'env' } },
    ],
  });

const startApp = async (): Promise<void> => {
  serve = await startServe(dataDir, { AWS_ACCESS_KEY_ID: lab.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.credentials.secretAccessKey });
  page = await browser.newPage({ viewport: { width: 1360, height: 860 }, colorScheme: 'light' });
  page.on('pageerror', (e) => problems.push(e.message));
  await serve.signIn(page, '#/hits');
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  await seedLocalMTurk(lab, clientFor(lab), { hits: HITS, assignmentsPerHit: 2, workers: 3 });
  dataDir = mkdtempSync(join(tmpdir(), 'tb-e2e-manage-'));
  writeFileSync(join(dataDir, 'connections.json'), connectionsFile('custom'));
  browser = await launchChromium();
  await startApp();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

const grid = () => page.locator('[aria-label="HITs"]');
const row = (index: number) => grid().locator(`.ag-row[row-index="${index}"]`);
const dialog = () => page.getByTestId('manage-dialog');
const confirmButton = () => dialog().locator('.dialog__actions button').last();

/** Every loaded HIT's Expires cell, by HIT id. */
async function expiresById(): Promise<Record<string, string>> {
  return grid()
    .locator('.ag-row')
    .evaluateAll((rows) =>
      Object.fromEntries(rows.map((r) => [r.getAttribute('row-id') ?? '', r.querySelector('[col-id="expiration"]')?.textContent ?? ''])),
    );
}

async function selectRows(first: number, last: number): Promise<string[]> {
  await row(first).locator('[col-id="title"]').click();
  await row(last).locator('[col-id="title"]').click({ modifiers: ['Shift'] });
  await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe(`${last - first + 1} selected`);
  const ids: string[] = [];
  for (let i = first; i <= last; i++) ids.push((await row(i).getAttribute('row-id'))!);
  return ids;
}

describe('managing HITs from the grid', () => {
  it('extends exactly the selected HITs by a day', async () => {
    await expect.poll(() => grid().locator('.ag-row').count(), { timeout: 30_000 }).toBe(HITS);
    const before = await expiresById();
    const chosen = await selectRows(0, 2);

    await row(1).locator('[col-id="title"]').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'HIT actions' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    // The right-clicked row was already selected: the selection stays.
    expect(await page.getByTestId('selection-count').textContent()).toBe('3 selected');
    await page.screenshot({ path: join(SHOTS, 'manage-menu-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'manage-menu-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    await menu.getByRole('menuitem', { name: /Extend/ }).click();
    await expect.poll(() => confirmButton().textContent(), { timeout: 15_000 }).toBe('Extend 3 HITs');
    expect(await confirmButton().isEnabled()).toBe(true);
    expect(await dialog().getByTestId('ready-count').textContent()).toBe('3 HITs will change');

    // A nonsense duration says why in words and holds the button back.
    await dialog().getByLabel('Extend by').fill('soon');
    await expect.poll(() => dialog().getByRole('alert').first().textContent()).toBe('"soon" is not a number of days: type a number such as 2 or 1.5.');
    expect(await confirmButton().isDisabled()).toBe(true);
    await dialog().getByLabel('Extend by').fill('1');
    await expect.poll(() => confirmButton().isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'manage-extend-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'manage-extend-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    await confirmButton().click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => page.getByTestId('manage-started').textContent()).toMatch(/^Started: .+ — see Jobs/);

    await expect
      .poll(async () => {
        const after = await expiresById();
        return Object.keys(before).filter((id) => after[id] !== before[id]).sort();
      }, { timeout: 30_000 })
      .toEqual([...chosen].sort());
    const after = await expiresById();
    for (const id of chosen) expect(Date.parse(after[id]!) - Date.parse(before[id]!)).toBe(86_400_000);
  });

  it('selects every loaded row with Ctrl+A and opens the menu from the keyboard', async () => {
    await row(0).locator('[col-id="title"]').click();
    await page.keyboard.press('ControlOrMeta+a');
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe(`${HITS} selected`);
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'HIT actions' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(await grid().locator(':focus').count()).toBe(1);
    // Typing in the grid's filter is typing, not a shortcut.
    await grid().locator('.ag-floating-filter input').first().press('x');
    expect(await dialog().count()).toBe(0);
    await grid().locator('.ag-floating-filter input').first().fill('');
  });

  it('shows why MTurk would refuse to add assignments past ten, and offers nothing to confirm', async () => {
    await selectRows(4, 6);
    await row(6).locator('[col-id="title"]').press('a');
    await expect.poll(() => dialog().isVisible()).toBe(true);
    // One more each stays under the line: it costs rewards plus MTurk's fee, against the balance.
    await expect.poll(() => confirmButton().textContent(), { timeout: 15_000 }).toMatch(/^Add 1 assignment to 3 HITs — \$\d+\.\d\d$/);
    expect(await dialog().getByTestId('manage-cost').textContent()).toMatch(/^\$1\.50 rewards \+ \$\d+\.\d\d MTurk fees = \$\d+\.\d\dBalance \$[\d,]+\.\d\d → \$[\d,]+\.\d\d after$/);
    await page.screenshot({ path: join(SHOTS, 'manage-add-cost-light.png') });
    await dialog().getByLabel('Assignments to add').fill('9');
    const skipped = dialog().getByTestId('skipped');
    await expect.poll(() => skipped.textContent(), { timeout: 15_000 }).toContain('3 HITs will be left alone');
    expect(await skipped.textContent()).toContain('created with 2 assignments: MTurk refuses to take a HIT created with fewer than 10 to 10 or more (at most 7 more)');
    expect(await confirmButton().textContent()).toBe('Nothing to change');
    expect(await confirmButton().isDisabled()).toBe(true);
    expect(await dialog().getByTestId('manage-cost').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'manage-add-skipped-light.png') });
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
  });
});
