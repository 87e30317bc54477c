import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWebsiteTime } from '../../electron/archive/website-format';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor } from '../../local-mturk/test/helpers';
import { parseCsv } from '../../shared/domain/csv';
import { seedLocalMTurk } from '../helpers/seed-local-mturk';
import { websiteFile, websiteRow } from '../integration/archive-service/website-file';
import { launchChromium } from './support/browser';
import { startServe, type ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const DAY = 86_400_000;

let lab: LocalMTurk;
let labOpen = true;
let serve: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // A standalone Local MTurk plays the requester's account; a little latency keeps a sync on screen long enough to watch.
  lab = await startLocalMTurk({ port: 0, latencyMs: 40 });
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-e2e-archive-'));
  const connection = { id: 'lab', label: 'Lab', kind: 'custom', endpoint: lab.url, region: 'us-east-1', credentials: { type: 'env' } };
  writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections: [connection] }));
  [serve, browser] = await Promise.all([
    startServe(dataDir, { AWS_ACCESS_KEY_ID: lab.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.credentials.secretAccessKey }),
    launchChromium(),
  ]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', acceptDownloads: true });
  await serve.signIn(page, '#/archive');
  await page.getByTestId('archive').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (labOpen) await lab?.close();
});

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
    await page.getByTestId('archive-empty').waitFor();
    expect(await page.getByTestId('archive-connection').textContent()).toBe('Lab');
    // Coming online started an automatic sync of the (still empty) account; the log shows it.
    await expect.poll(() => logRows().first().textContent(), { timeout: 20_000 }).toContain('Succeeded');
    expect(await page.getByTestId('archive-empty').textContent()).toContain('A sync copies every HIT, assignment, bonus');
    expect(await page.getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'archive-empty.png'), fullPage: true });
  });

  it('syncs with a live progress bar; the counts then match the account and the log shows the run', async () => {
    await seedLocalMTurk(lab, clientFor(lab), { hits: 10, assignmentsPerHit: 2, workers: 4 });
    expect(await headerButton('Sync now').getAttribute('title')).toMatch(/\((Ctrl|⌘)\+R\)/);
    await headerButton('Sync now').click();
    const progress = page.getByTestId('sync-progress');
    await progress.waitFor();
    // Listing HITs is the first sliver of the bar; fetching their assignments moves it.
    const percentShown = async (): Promise<number> => Number((await progress.locator('.archive-progress__percent').textContent())?.replace('%', ''));
    await expect.poll(percentShown, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await percentShown()).toBeLessThan(100);
    expect(await progress.textContent()).toMatch(/Fetching assignments and bonuses · \d+ of 10 HITs · [\d,]+ items? · \d+ pages? · ([\d.]+ calls\/s|measuring pace…)/);
    await page.screenshot({ path: join(SHOTS, 'archive-sync-progress.png') });

    await progress.waitFor({ state: 'detached', timeout: 45_000 });
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
    const runs = await logRows().count();
    await headerButton('Full sync').click();
    const progress = page.getByTestId('sync-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('Full sync');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await progress.waitFor({ state: 'detached' });
    expect(await page.locator('.notice--warn', { hasText: 'Cancelled' }).textContent()).toContain('the next sync resumes where this one stopped');
    await expect.poll(() => logRows().count()).toBe(runs + 1);
    expect(await logRows().first().textContent()).toContain('Cancelled');
  });

  it('keeps showing the archive, read-only, when MTurk cannot be reached', async () => {
    await lab.close();
    labOpen = false;
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
});
