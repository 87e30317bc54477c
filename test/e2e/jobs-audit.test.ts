import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteHITCommand, GetHITCommand, UpdateExpirationForHITCommand } from '@aws-sdk/client-mturk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../../local-mturk/test/helpers';
import type { AuditPage } from '../../shared/contract/audit';
import type { JobProgress } from '../../shared/contract/jobs';
import { parseCsv } from '../../shared/domain/csv';
import { launchChromium } from './support/browser';
import { callApi, labEnv, openLabAccount, type LabAccount } from './support/lab-account';
import { startServe, type ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const HITS = 24;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let dataDir: string;
/** The account the running test uses (its own Local MTurk behind a gate, its own connection); closed after it. */
let account: LabAccount | null = null;
const problems: string[] = [];

const call = <T>(name: string, input?: unknown): Promise<T> => callApi<T>(page, serve, name, input);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'tb-e2e-jobs-'));
  [serve, browser] = await Promise.all([startServe(dataDir, labEnv, { crashable: true }), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1360, height: 860 }, colorScheme: 'light', acceptDownloads: true });
  page.on('pageerror', (e) => problems.push(e.message));
  await serve.signIn(page, '#/hits');
  await page.locator('.nav-item').first().waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

afterEach(async () => {
  await account?.close();
  account = null;
  await page.keyboard.press('Escape');
});

/** The page answers within a second when idle; this machine is shared, so allow more. */
const UI = { timeout: 10_000 };

const indicator = () => page.getByTestId('jobs-indicator');
const panel = () => page.getByTestId('jobs-panel');
const job = async (id: string): Promise<JobProgress | undefined> => (await call<JobProgress[]>('jobs.list')).find((j) => j.id === id);

/**
 * A fresh account with `hits` HITs, made the active connection; resolves once the automatic sync that starts has
 * archived all of them, so every test starts from exactly what it set up.
 */
async function archivedAccount(label: string, hits: number, assignmentsPerHit = 1): Promise<{ lab: LabAccount; hitIds: string[] }> {
  const lab = await openLabAccount(page, serve, { label, seed: { hits, assignmentsPerHit, workers: 3 } });
  account = lab;
  await expect.poll(async () => (await call<{ rows: unknown[] }>('hits.page', { filter: {}, limit: 100 })).rows.length, { timeout: 60_000 }).toBe(hits);
  return { lab, hitIds: lab.seeded!.hitIds };
}

/** Lets the first `passing` HIT extensions through and holds MTurk's answers to the rest at the account's gate. */
function holdExtensionsAfter(lab: LabAccount, passing: number): void {
  let passed = 0;
  lab.gate.shut((request) => request.operation === 'UpdateExpirationForHIT' && ++passed > passing);
}

async function expirations(lab: LabAccount, hitIds: readonly string[]): Promise<Map<string, number>> {
  const client = clientFor(lab.lab);
  const hits = await Promise.all(hitIds.map((HITId) => client.send(new GetHITCommand({ HITId }))));
  return new Map(hits.map((out) => [out.HIT!.HITId!, out.HIT!.Expiration!.getTime()]));
}

function lockHolderAlive(folder: string): boolean {
  try {
    process.kill((JSON.parse(readFileSync(join(folder, 'turkbench.lock'), 'utf8')) as { pid: number }).pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('jobs and the audit trail', () => {
  it("lists a new connection's first sync as a job, and shows nothing in the status bar once it is done", async () => {
    await archivedAccount('Sync lab', 3);
    await page.keyboard.press('Control+j');
    await expect.poll(() => panel().textContent(), { timeout: 60_000 }).toMatch(/Full sync of Sync lab.*Done/);
    await page.screenshot({ path: join(SHOTS, 'jobs-panel-sync-light.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => panel().isVisible(), UI).toBe(false);
    expect(await indicator().count()).toBe(0);
  });

  it('follows a bulk extension in the status bar and the jobs panel until it succeeds', async () => {
    const { lab, hitIds } = await archivedAccount('Jobs lab', HITS);
    // Five extensions go through; the job then waits at the gate, running, while the status bar and panel are read.
    holdExtensionsAfter(lab, 5);
    const started = await call<JobProgress>('hits.manage', { hitIds, change: { action: 'extend', bySeconds: 3_600 } });
    expect(started.state).toBe('running');
    await lab.gate.whenHolding();

    await expect.poll(() => indicator().textContent(), { timeout: 15_000 }).toMatch(/^1 job · \d+ %$/);
    await indicator().click();
    const card = panel().locator(`[data-testid="job"]`).filter({ hasText: started.label }).first();
    expect(await card.textContent()).toContain('Jobs lab');
    await expect.poll(() => card.textContent(), UI).toContain(`5 / ${HITS} done`);
    await page.screenshot({ path: join(SHOTS, 'jobs-panel-running-light.png') });
    lab.gate.open();

    await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toBe('succeeded');
    expect(await card.textContent()).toContain(`${HITS} / ${HITS} done`);
    await expect.poll(() => indicator().count(), UI).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'jobs-panel-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'jobs-panel-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('lists every action in the Audit area, filters it, and exports it as CSV', async () => {
    const hits = 12;
    const { hitIds } = await archivedAccount('Audit lab', hits);
    const started = await call<JobProgress>('hits.manage', { hitIds, change: { action: 'extend', bySeconds: 3_600 } });
    await expect.poll(async () => (await job(started.id))?.state, { timeout: 30_000 }).toBe('succeeded');

    await page.keyboard.press('Control+0');
    await expect.poll(() => page.locator('.topbar h1').textContent(), UI).toBe('Audit');
    const rows = page.locator('[aria-label="Audit"] .ag-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(hits);
    const first = (await rows.first().textContent())!;
    expect(first).toContain('Extend HIT');
    expect(first).toContain('Confirmed');
    expect(first).toContain('Audit lab');
    await page.screenshot({ path: join(SHOTS, 'audit-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'audit-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByLabel('Search target or token').fill(hitIds[5]!);
    await expect.poll(() => rows.count(), UI).toBe(1);
    await page.getByLabel('Search target or token').fill('');
    await expect.poll(() => rows.count(), UI).toBe(hits);
    await page.getByLabel('State').selectOption('failed');
    await expect.poll(() => rows.count(), UI).toBe(0);
    await page.getByLabel('State').selectOption('confirmed');
    await expect.poll(() => rows.count(), UI).toBe(hits);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
    if (!csv.ok) throw new Error(csv.error.message);
    expect(csv.value.records[0]!.cells).toEqual(['When (UTC)', 'Connection', 'Action', 'Target', 'Amount', 'Amount is', 'State', "MTurk's answer", 'Job']);
    const body = csv.value.records.slice(1).map((r) => r.cells);
    expect(body).toHaveLength(hits);
    expect(new Set(body.map((cells) => cells[3]))).toEqual(new Set(hitIds));
    expect(body.every((cells) => cells[2] === 'extend-hit' && cells[4] === '' && cells[5] === '' && cells[6] === 'confirmed')).toBe(true);
    await expect.poll(() => page.getByRole('status').textContent(), UI).toContain(`Saved ${hits} actions`);
    await page.getByLabel('State').selectOption('');
  });

  it("lists a job's failures in MTurk's words, flags them in the status bar, and retries them", async () => {
    const { lab, hitIds } = await archivedAccount('Failing lab', 2, 0);
    // A HIT archived by the sync, then deleted behind Turkbench's back: acting on it fails at MTurk.
    const doomed = hitIds[1]!;
    const client = clientFor(lab.lab);
    await client.send(new UpdateExpirationForHITCommand({ HITId: doomed, ExpireAt: new Date(0) }));
    await client.send(new DeleteHITCommand({ HITId: doomed }));

    const started = await call<JobProgress>('hits.manage', { hitIds: [hitIds[0]!, doomed], change: { action: 'extend', bySeconds: 600 } });
    await expect.poll(async () => (await job(started.id))?.state, { timeout: 30_000 }).toBe('failed');
    await expect.poll(() => indicator().textContent(), UI).toMatch(/^!?1 job needs attention$/);

    await indicator().click();
    const card = panel().locator(`[data-testid="job"][data-state="failed"]`).filter({ hasText: started.label }).first();
    await expect.poll(() => card.textContent(), UI).toContain('1 failed');
    const failure = card.locator('.job__failure');
    expect(await failure.count()).toBe(1);
    expect(await failure.textContent()).toContain(doomed);
    expect((await failure.locator('span').nth(1).textContent())!.length).toBeGreaterThan(5);
    await page.screenshot({ path: join(SHOTS, 'jobs-panel-failures-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'jobs-panel-failures-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Looking at the panel is seeing the failure: the warning goes once it closes.
    await page.keyboard.press('Escape');
    await expect.poll(() => indicator().count(), UI).toBe(0);
    await page.keyboard.press('Control+j');
    await card.getByRole('button', { name: 'Retry failed' }).click();
    // The retry is a new job over the one failed item; MTurk refuses it again.
    const retried = async () => (await call<JobProgress[]>('jobs.list')).find((j) => j.label === `${started.label} — retry of 1 failed`);
    await expect.poll(async () => (await retried())?.state, { timeout: 30_000 }).toBe('failed');
    await page.keyboard.press('Escape');

    // The Audit area lists both refusals in red with MTurk's words.
    await page.keyboard.press('Control+0');
    const failedRows = page.locator('[aria-label="Audit"] .ag-row');
    await page.getByLabel('State').selectOption('failed');
    await expect.poll(() => failedRows.count(), UI).toBe(2);
    expect(await failedRows.first().textContent()).toContain(doomed);
    expect(await failedRows.first().locator('.audit-state--failed').textContent()).toBe('Failed');
    await page.getByLabel('State').selectOption('');
    await expect.poll(() => failedRows.count(), UI).toBe(3);
    await page.screenshot({ path: join(SHOTS, 'audit-with-failure-light.png') });
  });

  it('checks an item whose answer was lost with MTurk instead of sending it again', async () => {
    const { lab, hitIds } = await archivedAccount('Lossy lab', 2, 0);
    const [kept, lost] = hitIds as [string, string];
    // MTurk extends the second HIT but its answer is lost, and so is every answer about that HIT while the job runs:
    // the job cannot tell whether it happened.
    lab.gate.lose((request) => request.body.HITId === lost && (request.operation === 'UpdateExpirationForHIT' || request.operation === 'GetHIT'));
    const started = await call<JobProgress>('hits.manage', { hitIds: [kept, lost], change: { action: 'extend', bySeconds: 900 } });
    await expect.poll(async () => (await job(started.id))?.state, { timeout: 30_000 }).toBe('failed');
    expect(await job(started.id)).toMatchObject({ failed: 0, unknown: 1, done: 2 });
    // (An extension sets an absolute time, so the gateway itself may send it again at once; the job never does.)
    const extensionsSent = () => lab.gate.forwarded.filter((r) => r.operation === 'UpdateExpirationForHIT' && r.body.HITId === lost).length;
    const sentByTheJob = extensionsSent();

    lab.gate.open();
    await page.keyboard.press('Control+j');
    const card = panel().locator('[data-testid="job"]').filter({ hasText: started.label }).first();
    await expect.poll(() => card.textContent(), UI).toContain('1 not known yet');
    await page.screenshot({ path: join(SHOTS, 'jobs-panel-unknown-light.png') });
    await card.getByRole('button', { name: 'Check with MTurk' }).click();
    // MTurk says the extension happened: the job is done, and nothing was sent again.
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toBe('succeeded');
    expect(extensionsSent()).toBe(sentByTheJob);
    expect((await call<JobProgress[]>('jobs.list')).some((j) => j.label.startsWith(`${started.label} — retry`))).toBe(false);
  });

  it('offers at start to resume a job that a crash cut off, and finishes it without sending anything twice', async () => {
    const { lab, hitIds } = await archivedAccount('Crash lab', HITS);
    const before = await expirations(lab, hitIds);
    // Two extensions are answered; MTurk carries out the next ones but their answers are held, and the app dies waiting.
    holdExtensionsAfter(lab, 2);
    const started = await call<JobProgress>('hits.manage', { hitIds, change: { action: 'extend', bySeconds: 7_200 } });
    await lab.gate.whenHolding();
    await expect.poll(async () => (await job(started.id))?.done ?? 0, { timeout: 15_000 }).toBe(2);
    await serve.crash();
    lab.gate.open();
    // The killed process may outlive its wrapper by a moment; until it is gone it still holds the data folder.
    await expect.poll(() => lockHolderAlive(dataDir), { timeout: 10_000 }).toBe(false);
    serve = await startServe(dataDir, labEnv, { crashable: true });
    // A new process: a new one-time code and session.
    await serve.signIn(page, '#/audit');
    const stored = await job(started.id);
    expect(stored?.state).toBe('interrupted');
    expect(stored!.done).toBeLessThan(HITS);

    const notice = page.getByTestId('interrupted-notice');
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('did not finish');
    expect(await notice.textContent()).toContain('nothing already done is done again');
    await page.screenshot({ path: join(SHOTS, 'jobs-interrupted-notice.png') });
    await notice.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => notice.count(), UI).toBe(0);

    await expect.poll(async () => (await job(started.id))?.state, { timeout: 30_000 }).toBe('succeeded');
    const journal = await call<AuditPage>('audit.page', { search: started.id, limit: 500 });
    // One confirmed extension per HIT (those whose answers the crash lost are confirmed by asking MTurk); attempts
    // cut off before MTurk applied them are journaled as failed.
    const confirmed = journal.rows.filter((r) => r.state === 'confirmed').map((r) => r.target);
    expect(confirmed.sort()).toEqual([...hitIds].sort());
    expect(journal.rows.every((r) => r.state === 'confirmed' || r.state === 'failed')).toBe(true);
    // MTurk's own record: every HIT moved exactly once by the job's two hours, however often the crash interrupted it.
    const after = await expirations(lab, hitIds);
    for (const id of hitIds) expect(after.get(id)! - before.get(id)!).toBe(7_200_000);
    expect(problems).toEqual([]);
  });
});
