import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor } from '../../local-mturk/test/helpers';
import { seedLocalMTurk, type Seeded } from '../helpers/seed-local-mturk';
import { websiteFile, websiteRow } from '../integration/archive-service/website-file';
import { openLabApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

/** What a requester trying the app ran into, each checked the way they found it. */
const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
let lab: LocalMTurk;
let seeded: Seeded;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  seeded = await seedLocalMTurk(lab, clientFor(lab), { hits: 12, assignmentsPerHit: 2, workers: 5 });
  const sandbox = { id: 'sandbox-1', label: 'Old sandbox', kind: 'sandbox', region: 'us-east-1', credentials: { type: 'env' } };
  const production = { id: 'prod-1', label: 'Lab production', kind: 'production', region: 'us-east-1', credentials: { type: 'env' } };
  ({ serve, browser, page } = await openLabApp(lab, { name: 'findings', hash: '#/archive', viewport: { width: 1360, height: 900 }, problems, otherConnections: [sandbox, production] }));
  await page.getByTestId('archive').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

async function shoot(name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const hitRows = () => page.locator('[aria-label="HITs"] .ag-row');
const selectedHitId = () => page.locator('.detail__head .mono').textContent();
const search = () => page.getByLabel('Search HITs');

describe('the HITs grid and panel', () => {
  it('(setup) has the account synced and a website batch imported', async () => {
    await expect.poll(() => page.locator('[data-tile="HITs"] .archive-tile__value').textContent(), { timeout: 30_000 }).toBe('12');
    await page.getByTestId('import-file').setInputFiles({ name: 'Batch_77_batch_results.csv', mimeType: 'text/csv', buffer: Buffer.from(websiteFile([websiteRow(0), websiteRow(1), websiteRow(2)])) });
    await expect.poll(() => page.getByTestId('import').locator('.notice--ok').textContent(), { timeout: 20_000 }).toContain('all 3 rows');
  });

  it('counts the rows and says how many await review; an imported HIT says it is not synced', async () => {
    await page.locator('.nav-item[data-area="hits"]').click();
    await expect.poll(() => page.getByTestId('hit-count').textContent(), { timeout: 15_000 }).toBe('14 HITs');
    const imported = hitRows().filter({ hasText: '3ARCHIVESVCHIT0000000000000A' });
    // Two assignments submitted, none reviewed: "To review" says 2 instead of a bare "0 / 2".
    expect(await imported.locator('[col-id="status"]').textContent()).toBe('Imported (not synced)');
    expect(await imported.locator('[col-id="submitted"]').textContent()).toBe('2');
    expect(await imported.locator('[col-id="assignments"]').textContent()).toBe('0 / 2');
  });

  it('follows the keyboard: moving to another row shows that HIT in the panel', async () => {
    await hitRows().first().locator('[col-id="title"]').click();
    const first = await selectedHitId();
    await page.keyboard.press('ArrowDown');
    await expect.poll(selectedHitId).not.toBe(first);
    const second = await selectedHitId();
    expect(await page.locator('[aria-label="HITs"] .ag-row[row-index="1"]').textContent()).toContain(second);
    await page.keyboard.press('ArrowUp');
    await expect.poll(selectedHitId).toBe(first);
  });

  it('shows an imported HIT\u2019s inputs next to its answers, and says the question is shown as source', async () => {
    await search().fill('3ARCHIVESVCHIT0000000000000A');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('1 HIT');
    await hitRows().first().locator('[col-id="title"]').click();
    const inputs = page.getByTestId('hit-inputs');
    await expect.poll(() => inputs.textContent(), { timeout: 10_000 }).toContain('"Quoted", with a comma');
    expect(await inputs.textContent()).toContain('tweet');
    expect(await inputs.textContent()).toContain('From Batch_77_batch_results.csv');
    expect(await page.getByTestId('hit-question').textContent()).toContain('comes later');
    await expect.poll(() => page.locator('[aria-label="Assignments"] .ag-row').count()).toBe(2);
    await shoot('hits-imported-panel');
    await search().fill('');
  });

  it('finds the HITs of a worker id and of an assignment id typed into the search', async () => {
    const worker = seeded.workerIds[0]!;
    await search().fill(worker.toLowerCase());
    // Worker 0 did assignment 0 of HITs 0, 5 and 10 and assignment 1 of HITs 4 and 9 (see seedLocalMTurk).
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('5 HITs');
    await search().fill(seeded.assignmentIds[7]!);
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('1 HIT');
    expect(await hitRows().first().textContent()).toContain(seeded.hitIds[3]!);
    await search().fill('');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('14 HITs');
  });

  it('filters by a column', async () => {
    await page.getByRole('textbox', { name: 'Title Filter Input' }).fill('sentiment');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('2 HITs');
    await shoot('hits-column-filter');
    await page.getByRole('textbox', { name: 'Title Filter Input' }).press('Control+a');
    await page.getByRole('textbox', { name: 'Title Filter Input' }).press('Backspace');
    await expect.poll(() => page.getByTestId('hit-count').textContent(), { timeout: 5_000 }).toBe('14 HITs');
  });
});

describe('shortcuts', () => {
  it('do nothing while typing in a field', async () => {
    await search().fill('row');
    await search().press('Control+9');
    await search().press('?');
    expect(await page.locator('.topbar h1').textContent()).toBe('HITs');
    expect(await search().inputValue()).toBe('row?');
    expect(await page.locator('dialog[open]').count()).toBe(0);
    await search().fill('');
  });

  it('do nothing while a dialog is open, so what was typed there is kept; Escape still closes it', async () => {
    await page.locator('.nav-item[data-area="settings"]').click();
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.locator('dialog[open]');
    await form.locator('input[name="label"]').fill('Half-typed name');
    await form.locator('input[name="label"]').press('Control+3');
    await page.locator('input[name="source"]').first().focus();
    await page.keyboard.press('Control+3');
    await page.keyboard.press('Control+Shift+L');
    expect(await page.locator('.topbar h1').textContent()).toBe('Settings');
    expect(await form.locator('input[name="label"]').inputValue()).toBe('Half-typed name');
    expect(await page.locator('html').getAttribute('data-theme')).not.toBe('dark');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
  });
});

describe('the connection form', () => {
  it('says what to enter as you type, once', async () => {
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.locator('dialog[open]');
    await form.locator('input[name="requestsPerSecond"]').fill('fast');
    const message = 'Enter a number of requests per second, like 2 or 0.5 — or leave it empty for the safe default.';
    await expect.poll(() => form.locator('.field__error').allTextContents()).toEqual([message]);
    await form.locator('input[name="label"]').fill('');
    await expect.poll(() => form.locator('.field__error').count()).toBe(2);
    await form.getByRole('button', { name: 'Save connection' }).click();
    expect(await form.textContent()).not.toContain('Invalid input');
    expect((await form.textContent())!.split(message).length - 1).toBe(1);
    await shoot('settings-form-validation');
    await form.locator('input[name="requestsPerSecond"]').fill('2');
    await form.locator('input[name="label"]').fill('Fixed');
    await expect.poll(() => form.locator('.field__error').count()).toBe(0);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('removing a connection', () => {
  const card = (label: string) => page.locator('.conn-card', { hasText: label });
  const dialog = () => page.getByTestId('remove-connection');

  it('refuses the connection in use and says to switch first', async () => {
    await card('Lab server').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => dialog().textContent()).toContain('Switch to another connection first');
    expect(await dialog().getByRole('button', { name: 'Remove connection' }).count()).toBe(0);
    await shoot('settings-remove-in-use');
    await dialog().getByRole('button', { name: 'OK' }).click();
    expect(await card('Lab server').count()).toBe(1);
  });

  it('asks before removing, saying the archive is kept; Cancel keeps the connection', async () => {
    await card('Old sandbox').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => dialog().textContent()).toContain('Its archive is kept');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect(await card('Old sandbox').count()).toBe(1);
    await card('Old sandbox').getByRole('button', { name: 'Remove' }).click();
    await dialog().getByRole('button', { name: 'Remove connection' }).click();
    await expect.poll(() => card('Old sandbox').count()).toBe(0);
  });

  it('removes Production only once its name is typed', async () => {
    await card('Lab production').getByRole('button', { name: 'Remove' }).click();
    const remove = dialog().getByRole('button', { name: 'Remove connection' });
    expect(await remove.isDisabled()).toBe(true);
    await dialog().locator('input[name="confirm-name"]').fill('lab production');
    expect(await remove.isDisabled()).toBe(true);
    await shoot('settings-remove-production');
    await dialog().locator('input[name="confirm-name"]').fill('Lab production');
    await remove.click();
    await expect.poll(() => card('Lab production').count()).toBe(0);
  });
});

describe('the Archive counts', () => {
  it('each open a grid of their records', async () => {
    await page.locator('.nav-item[data-area="archive"]').click();
    for (const [tile, button, grid, noun] of [
      ['Workers', 'Browse workers', 'Workers', 'workers'],
      ['Bonuses', 'Browse bonuses', 'Bonuses', 'bonus'],
      ['Qualification types', 'Browse qualification types', 'Qualification types', 'qualification type'],
      ['Worker blocks', 'Browse blocks', 'Worker blocks', 'block'],
    ] as const) {
      const expected = await page.locator(`[data-tile="${tile}"] .archive-tile__value`).textContent();
      await page.locator(`[data-tile="${tile}"]`).getByRole('button', { name: `${button} →` }).click();
      await expect.poll(() => page.getByTestId('records-count').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^${expected} ${noun}`));
      expect(await page.locator(`[aria-label="${grid}"] .ag-row`).count()).toBe(Number(expected));
      await page.locator('.archive-records').scrollIntoViewIfNeeded();
      await shoot(`archive-records-${tile.toLowerCase().replace(/ /g, '-')}`);
    }
    expect(problems).toEqual([]);
  });
});
