import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatWebsiteTime } from '../../electron/archive/website-format';
import { clientFor } from '../../local-mturk/test/helpers';
import { parseCsv } from '../../shared/domain/csv';
import type { ForwardedRequest } from '../helpers/forwarding-proxy';
import { seedLocalMTurk, type SeedSpec } from '../helpers/seed-local-mturk';
import { websiteFile, websiteRow } from '../integration/archive-service/website-file';
import { launchChromium } from './support/browser';
import { labEnv, openLabAccount, type LabAccount } from './support/lab-account';
import { startServe, type ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const DAY = 86_400_000;

let serve: ServeProcess;
let browser: Browser;
let page: Page;
/** The account the running test uses; closed after it. */
let account: LabAccount | null = null;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // One app and one browser for the file; each test brings its own account (a Local MTurk behind a gate) as a new connection.
  [serve, browser] = await Promise.all([startServe(mkdtempSync(join(tmpdir(), 'tb-e2e-archive-')), labEnv), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', acceptDownloads: true });
  await serve.signIn(page);
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

afterEach(async () => {
  await account?.close();
  account = null;
});

/** A fresh account made the active connection, and the Archive screen opened on it anew. */
async function freshAccount(options: { seed?: SeedSpec; label?: string } = {}): Promise<LabAccount> {
  account = await openLabAccount(page, serve, options);
  await page.goto('about:blank');
  await page.goto(`${serve.url}#/archive`);
  await page.getByTestId('archive').waitFor();
  return account;
}

/** 10 HITs with 2 assignments each, archived by the automatic sync that making the connection active starts. */
async function syncedAccount(label?: string): Promise<LabAccount> {
  const synced = await freshAccount({ seed: { hits: 10, assignmentsPerHit: 2, workers: 4 }, ...(label ? { label } : {}) });
  await expect.poll(() => logRows().first().textContent(), { timeout: 30_000 }).toContain('Succeeded');
  await expect.poll(() => tile('HITs').textContent()).toBe('10');
  return synced;
}

/** …plus an old website results file (3 rows, 2 HITs, due for disposal): 12 HITs and 23 assignments in all. */
async function syncedAndImportedAccount(): Promise<LabAccount> {
  const synced = await syncedAccount();
  await page.getByTestId('import-file').setInputFiles({ name: 'Batch_77_batch_results.csv', mimeType: 'text/csv', buffer: Buffer.from(oldWebsiteFile()) });
  await expect.poll(() => tile('HITs').textContent()).toBe('12');
  return synced;
}

/** Answers about one of these HITs' assignments or bonuses: what a sync fetches per HIT after listing them. */
const aboutHits = (hitIds: readonly string[]) => (request: ForwardedRequest): boolean =>
  typeof request.body.HITId === 'string' && hitIds.includes(request.body.HITId);

const tile = (label: string) => page.locator(`[data-tile="${label}"] .archive-tile__value`);
const logRows = () => page.getByTestId('sync-log').locator('tbody tr');
const headerButton = (name: string) => page.locator('.archive__actions').getByRole('button', { name });

/** The screen scrolls inside the window, so a full-page shot needs a window tall enough for all of it. */
async function shootWhole(name: string): Promise<void> {
  const height = await page.getByTestId('archive').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  await page.setViewportSize({ width: 1280, height: height + 200 });
  await page.screenshot({ path: join(SHOTS, name) });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A results file as the website writes it, from 110 days ago: MTurk disposes of such HITs within two weeks. */
function oldWebsiteFile(): string {
  const at = (days: number): string => formatWebsiteTime(Date.now() - days * DAY);
  const times = { CreationTime: at(112), Expiration: at(110), AcceptTime: at(111), SubmitTime: at(111), AutoApprovalTime: at(108) };
  return websiteFile([websiteRow(0, times), websiteRow(1, times), websiteRow(3, times)]);
}

describe('Archive screen', () => {
  it('explains what a sync does while nothing is archived', async () => {
    await freshAccount();
    await page.getByTestId('archive-empty').waitFor();
    expect(await page.getByTestId('archive-connection').textContent()).toBe('Lab');
    // Coming online started an automatic sync of the (still empty) account; the log shows it.
    await expect.poll(() => logRows().first().textContent(), { timeout: 20_000 }).toContain('Succeeded');
    expect(await page.getByTestId('archive-empty').textContent()).toContain('A sync copies every HIT, assignment, bonus');
    expect(await page.getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'archive-empty.png'), fullPage: true });
  });

  it('syncs with a live progress bar; the counts then match the account and the log shows the run', async () => {
    const { lab, gate } = await freshAccount();
    await expect.poll(() => logRows().first().textContent(), { timeout: 20_000 }).toContain('Succeeded');
    const { hitIds } = await seedLocalMTurk(lab, clientFor(lab), { hits: 10, assignmentsPerHit: 2, workers: 4 });
    // Three HITs' assignments and bonuses come through; MTurk's answers about the other seven wait at the gate.
    gate.shut(aboutHits(hitIds.slice(3)));
    expect(await headerButton('Sync now').getAttribute('title')).toMatch(/\((Ctrl|⌘)\+R\)/);
    await headerButton('Sync now').click();
    const progress = page.getByTestId('sync-progress');
    await gate.whenHolding();
    await expect.poll(() => progress.locator('.archive-progress__details').textContent(), { timeout: 20_000 }).toContain('3 of 10 HITs');
    // Listing HITs is the first sliver of the bar; fetching their assignments moves it.
    const percentShown = Number((await progress.locator('.archive-progress__percent').textContent())?.replace('%', ''));
    expect(percentShown).toBeGreaterThan(20);
    expect(percentShown).toBeLessThan(100);
    expect(await progress.textContent()).toMatch(/Fetching assignments and bonuses · 3 of 10 HITs · [\d,]+ items? · \d+ pages? · ([\d.]+ calls\/s|measuring pace…)/);
    // What is fetched is archived at once: the listed HITs and the three HITs' assignments are there mid-sync.
    await expect.poll(() => tile('HITs').textContent()).toBe('10');
    await expect.poll(() => tile('Assignments').textContent()).toBe('6');
    await page.screenshot({ path: join(SHOTS, 'archive-sync-progress.png'), animations: 'disabled' });

    gate.open();
    await progress.waitFor({ state: 'detached', timeout: 30_000 });
    const banner = await page.locator('.notice--ok', { hasText: 'Sync finished' }).textContent();
    expect(banner).toMatch(/^Sync finished. Archived [\d,]+ HITs?, [\d,]+ assignments?, .* \(([\d,]+) items\)\.$/);
    const counts = await Promise.all(['HITs', 'Assignments', 'Workers', 'Bonuses', 'Qualification types', 'Worker blocks'].map((l) => tile(l).textContent()));
    expect(counts).toEqual(['10', '20', '4', '1', '1', '1']);
    expect(await logRows().count()).toBe(2);
    expect(await logRows().first().textContent()).toContain('Succeeded');
    // The first automatic sync of an account is a full one; "Sync now" is incremental.
    expect(await logRows().nth(1).textContent()).toContain('Full');
    expect(await logRows().first().textContent()).toContain('Incremental');
    expect(await page.getByTestId('last-sync').textContent()).toMatch(/^Last sync: Succeeded (just now|1 min ago) · took [\d.]+ (s|min)/);
    // The header and the banner count the same run the same way.
    const bannerItems = /\(([\d,]+) items\)/.exec(banner ?? '')?.[1];
    expect(await page.getByTestId('last-sync').textContent()).toContain(`· ${bannerItems} items`);

    // Ctrl+R syncs on this screen (instead of reloading the window).
    await page.keyboard.press('Control+r');
    await expect.poll(() => logRows().count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => logRows().first().textContent(), { timeout: 20_000 }).toContain('Succeeded');
  });

  it('refuses a malformed results file, naming the row and column, and imports nothing', async () => {
    await syncedAccount();
    const bad = websiteFile([websiteRow(0), websiteRow(1, { Reward: 'forty cents' })]);
    await page.getByTestId('import-file').setInputFiles({ name: 'Batch_bad_batch_results.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const error = page.getByTestId('import-error');
    await error.waitFor();
    const text = await error.textContent();
    expect(text).toContain('Nothing was imported from Batch_bad_batch_results.csv');
    expect(text).toContain('Row 3, column Reward');
    expect(text).toContain('"forty cents" is not a dollar amount');
    expect(await tile('HITs').textContent()).toBe('10');
    await page.getByTestId('import').screenshot({ path: join(SHOTS, 'archive-import-error.png') });
  });

  it('imports an old website file; its HITs are due for disposal and shown as safely archived', async () => {
    await syncedAccount();
    await page.getByTestId('import-file').setInputFiles({ name: 'Batch_77_batch_results.csv', mimeType: 'text/csv', buffer: Buffer.from(oldWebsiteFile()) });
    await expect.poll(() => page.getByTestId('import').locator('.notice--ok').textContent()).toContain('Imported Batch_77_batch_results.csv: all 3 rows — 2 HITs, 3 assignments');
    await expect.poll(() => tile('HITs').textContent()).toBe('12');
    const disposal = page.getByTestId('disposal');
    expect(await disposal.locator('h3').textContent()).toBe('2 HITs will be disposed by MTurk within 14 days');
    expect(await disposal.textContent()).toContain('All 2 are safely archived');
    expect(await disposal.locator('tbody tr').count()).toBe(2);
    expect(await disposal.locator('tbody tr').first().textContent()).toContain('Label the sentiment of a tweet');

    await shootWhole('archive-light.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await shootWhole('archive-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('exports everything as the website CSV and as JSON downloads', async () => {
    await syncedAndImportedAccount();
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^turkbench-lab-\d{4}-\d\d-\d\d\.csv$/);
    const csv = parseCsv(readFileSync(await csvDownload.path(), 'utf8'));
    if (!csv.ok) throw new Error(csv.error.message);
    expect(csv.value.records[0]!.cells.slice(0, 3)).toEqual(['HITId', 'HITTypeId', 'Title']);
    expect(csv.value.records).toHaveLength(1 + 23);
    await expect.poll(() => page.getByTestId('export').locator('.notice--ok').textContent()).toContain('(23 assignments)');

    await page.getByLabel(/^JSON/).check();
    await page.locator('select[name="export-status"]').selectOption('Approved');
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^turkbench-lab-approved-\d{4}-\d\d-\d\d\.json$/);
    const rows = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8')) as { status: string }[];
    expect(rows.map((r) => r.status)).toEqual(['Approved']);
  });

  it('cancels a running full sync; the log records it and the next sync resumes', async () => {
    const { gate, seeded } = await syncedAccount();
    const runs = await logRows().count();
    // Every answer about a HIT's assignments waits at the gate: the sync is running, and stays so until cancelled.
    gate.shut(aboutHits(seeded!.hitIds));
    await headerButton('Full sync').click();
    const progress = page.getByTestId('sync-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('Full sync');
    await gate.whenHolding();
    await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/api/sync.cancel')),
      progress.getByRole('button', { name: 'Cancel' }).click(),
    ]);
    // The sync is told to stop before the held answers arrive: it takes no new HIT after them.
    gate.open();
    await progress.waitFor({ state: 'detached' });
    expect(await page.locator('.notice--warn', { hasText: 'Cancelled' }).textContent()).toContain('the next sync resumes where this one stopped');
    await expect.poll(() => logRows().count()).toBe(runs + 1);
    expect(await logRows().first().textContent()).toContain('Cancelled');
    expect(await logRows().first().textContent()).toContain('Full');

    // The next sync finishes the cancelled full run instead of starting over.
    await headerButton('Sync now').click();
    await expect.poll(() => logRows().count(), { timeout: 20_000 }).toBe(runs + 2);
    await expect.poll(() => logRows().first().textContent(), { timeout: 20_000 }).toContain('Succeeded');
    expect(await logRows().first().textContent()).toContain('Full');
  });

  it('keeps showing the archive, read-only, when MTurk cannot be reached', async () => {
    const offline = await syncedAndImportedAccount();
    await offline.close();
    await page.reload();
    const notice = page.getByTestId('offline-notice');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain('MTurk is not reachable; you are viewing the archive read-only.');
    expect(await tile('HITs').textContent()).toBe('12');
    expect(await page.getByTestId('disposal').locator('h3').textContent()).toContain('2 HITs');
    expect(await headerButton('Sync now').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('connection-badge').textContent()).toContain('offline');
    // Export still works: it reads the archive only.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Export/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^turkbench-lab-/);
    await shootWhole('archive-offline.png');
  });

  it("keeps a removed connection's archive browsable: opened read-only from the list, its HITs and assignments, exported", async () => {
    const { connectionId } = await syncedAccount('Old lab');
    // Removed in Settings as a user does it: another connection first (the one in use cannot be removed), then Remove.
    await page.goto(`${serve.url}#/settings`);
    await page.locator('[data-connection="local"]').getByRole('button', { name: 'Use this connection' }).click();
    const card = page.locator(`[data-connection="${connectionId}"]`);
    await expect.poll(() => card.locator('.conn-card__active').count()).toBe(0);
    await card.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByTestId('remove-connection');
    expect(await dialog.textContent()).toContain('Its archive is kept');
    await dialog.getByRole('button', { name: 'Remove connection' }).click();
    await expect.poll(() => card.count()).toBe(0);

    await page.goto(`${serve.url}#/archive`);
    const kept = page.getByTestId('kept-archives');
    const row = kept.locator('tbody tr', { hasText: 'Old lab' });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    expect(await row.textContent()).toMatch(/Old lab.*Custom endpoint · http:\/\/127\.0\.0\.1:\d+.*Succeeded.*10.*20.*None — removed/);
    await row.getByRole('button', { name: 'Open the archive of Old lab, read-only' }).click();

    const banner = page.getByTestId('kept-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Kept archive of Old lab — read-only.');
    expect(await banner.textContent()).toMatch(/nothing can be sent to MTurk from it\. To use it again, add a connection to http:\/\/127\.0\.0\.1:\d+ with the same keys\./);
    expect(await page.getByTestId('archive-connection').textContent()).toBe('Old lab');
    await expect.poll(() => tile('HITs').textContent()).toBe('10');
    expect(await tile('Assignments').textContent()).toBe('20');
    for (const name of ['Full sync', 'Sync now']) {
      expect(await headerButton(name).isDisabled()).toBe(true);
      expect(await headerButton(name).getAttribute('title')).toContain('No connection uses this archive (Old lab), so it is read-only');
    }
    expect(await page.getByTestId('import').getByRole('button', { name: 'Choose CSV file…' }).isDisabled()).toBe(true);
    expect(await row.textContent()).toContain('Open');
    // The record grids read the kept archive too.
    await page.locator('[data-tile="Workers"]').getByRole('button', { name: 'Browse workers' }).click();
    await expect.poll(() => page.getByTestId('records-workers').getByTestId('records-count').textContent()).toMatch(/^4 workers/);
    await shootWhole('archive-kept-light.png');

    // Exported from the archive alone, named after the removed connection.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^turkbench-old-lab-\d{4}-\d\d-\d\d\.csv$/);
    const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
    if (!csv.ok) throw new Error(csv.error.message);
    expect(csv.value.records).toHaveLength(1 + 20);

    // Its HITs in the grid, with their assignments; every action that would go to MTurk is greyed with the reason.
    await page.locator('[data-tile="HITs"]').getByRole('link', { name: 'Browse HITs' }).click();
    await expect.poll(() => page.getByTestId('hit-count').textContent(), { timeout: 20_000 }).toMatch(/^10 HITs/);
    expect(await page.getByTestId('kept-banner').textContent()).toContain('Kept archive of Old lab');
    await page.locator('[aria-label="HITs"] .ag-row[row-index="0"] [col-id="title"]').click();
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('1 selected');
    await expect.poll(() => page.locator('[aria-label="Assignments"] .ag-row').count()).toBe(2);
    const extend = page.getByRole('toolbar', { name: 'Manage the selected HITs' }).getByRole('button', { name: 'Extend…' });
    expect(await extend.isDisabled()).toBe(true);
    expect(await extend.getAttribute('title')).toContain('Read-only: no connection uses this archive');
    // Nor do the keys or the context menu offer them.
    await page.keyboard.press('x');
    await page.locator('[aria-label="HITs"] .ag-row[row-index="0"] [col-id="title"]').click({ button: 'right' });
    expect(await page.getByTestId('manage-dialog').count()).toBe(0);
    expect(await page.getByRole('menu', { name: 'HIT actions' }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'hits-kept-light.png'), animations: 'disabled' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'hits-kept-dark.png'), animations: 'disabled' });
    await page.emulateMedia({ colorScheme: 'light' });

    // Back to the connection in use: its own (different) archive again.
    await page.getByTestId('kept-banner').getByRole('button', { name: /^Back to / }).click();
    await expect.poll(() => page.getByTestId('kept-banner').count()).toBe(0);
    await expect.poll(() => page.getByTestId('hit-count').textContent(), { timeout: 20_000 }).not.toMatch(/^10 HITs/);
  });
});
