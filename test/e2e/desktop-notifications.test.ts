import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentenceBatch } from '../integration/batches/batch-folders';
import { launchChromium } from './support/browser';
import { callApi, labEnv, openLabAccount, type LabAccount } from './support/lab-account';
import { startServe, type ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let account: LabAccount;
const problems: string[] = [];

interface Shown {
  readonly title: string;
  readonly body: string;
}
interface BatchRow {
  readonly id: string;
  readonly figures: { readonly hitsCreated: number; readonly assignments: { readonly submitted: number } };
}

// Every Notification the page creates is recorded before the real one is made, so the test sees exactly what the
// requester would.
const OBSERVE_NOTIFICATIONS = `
  window.__shown = [];
  const Real = window.Notification;
  window.Notification = class extends Real {
    constructor(title, options) {
      window.__shown.push({ title, body: options && options.body });
      super(title, options);
    }
  };
`;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  serve = await startServe(mkdtempSync(join(tmpdir(), 'tb-e2e-notify-')), labEnv);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: 'light' });
  await context.grantPermissions(['notifications'], { origin: serve.origin });
  await context.addInitScript(OBSERVE_NOTIFICATIONS);
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await serve.signIn(page, '#/batches');
  account = await openLabAccount(page, serve, { label: 'Lab' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await account?.close();
  await serve?.stop();
});

const shown = (): Promise<Shown[]> => page.evaluate('window.__shown') as Promise<Shown[]>;
const shot = (name: string) => page.screenshot({ path: join(SHOTS, name) });

/** One row, one assignment: a simulated crowd submits exactly one piece of work for it. */
async function launchOneAssignmentBatch(options: Record<string, unknown> = {}): Promise<string> {
  const launched = await callApi<{ batchId: string }>(page, serve, 'batches.launch', { folder: sentenceBatch(1, { MaxAssignments: 1, ...options }), newBatch: true });
  await expect
    .poll(async () => (await callApi<BatchRow[]>(page, serve, 'batches.list')).find((b) => b.id === launched.batchId)?.figures.hitsCreated, { timeout: 30_000 })
    .toBe(1);
  return launched.batchId;
}

/** The page's next look at the batches in which `batchId` has `submitted` pieces of work. */
function lookSeeing(batchId: string, submitted: number): Promise<Response> {
  return page.waitForResponse(
    async (response) => {
      if (!response.url().endsWith('/api/batches.list')) return false;
      const result = (await response.json()) as { ok: boolean; value?: BatchRow[] };
      return result.value?.find((b) => b.id === batchId)?.figures.assignments.submitted === submitted;
    },
    { timeout: 40_000 },
  );
}

async function submitOneAndSync(batchId: string): Promise<void> {
  await account.lab.control.simulate({ until: 'done' });
  await expect
    .poll(
      async () => {
        await callApi(page, serve, 'sync.start', { mode: 'full' });
        return (await callApi<BatchRow[]>(page, serve, 'batches.list')).find((b) => b.id === batchId)?.figures.assignments.submitted;
      },
      { timeout: 40_000, interval: 1_000 },
    )
    .toBe(1);
}

describe('desktop notifications', () => {
  it('announces a simulated submission in a watched batch once', { timeout: 120_000 }, async () => {
    const batchId = await launchOneAssignmentBatch();
    await page.locator(`[data-batch-id="${batchId}"] .batch-card__open`).click();
    const watch = page.getByTestId('batch-watch');
    const baseline = lookSeeing(batchId, 0);
    await watch.click();
    await baseline;
    expect(await watch.getAttribute('aria-pressed')).toBe('true');
    expect(await watch.textContent()).toBe('Watching ✓');

    await submitOneAndSync(batchId);
    await expect.poll(async () => (await shown()).filter((n) => /new submission/.test(n.title)), { timeout: 30_000 }).toHaveLength(1);
    const [note] = (await shown()).filter((n) => /new submission/.test(n.title));
    expect(note).toEqual({ title: '1 new submission in Rate a sentence', body: '1 assignment received so far. Open Review to decide on them.' });
    // Another look at the same archive says nothing again.
    const again = lookSeeing(batchId, 1);
    await callApi(page, serve, 'sync.start', { mode: 'full' });
    await again;
    expect((await shown()).filter((n) => /new submission/.test(n.title))).toHaveLength(1);
    await shot('notifications-batch-watching-light.png');
  });

  it('raises nothing while muted, and unmuting does not replay what happened meanwhile', { timeout: 120_000 }, async () => {
    await page.goto(`${serve.origin}/#/settings`);
    const mute = page.getByTestId('notifications-muted');
    await mute.check();
    await expect.poll(async () => (await callApi<{ notificationsMuted?: boolean }>(page, serve, 'prefs.get')).notificationsMuted).toBe(true);
    const before = (await shown()).length;

    // Due within the hour: without the mute this batch would raise a deadline warning as well as a submission.
    const batchId = await launchOneAssignmentBatch({ AutoApprovalDelayInSeconds: 3600 });
    const watched = (await callApi<{ watchedBatches: string[] }>(page, serve, 'prefs.get')).watchedBatches;
    const baseline = lookSeeing(batchId, 0);
    await callApi(page, serve, 'prefs.set', { watchedBatches: [...watched, batchId] });
    await baseline;
    const sawIt = lookSeeing(batchId, 1);
    await submitOneAndSync(batchId);
    await sawIt;
    expect(await shown()).toHaveLength(before);
    await shot('notifications-settings-muted-light.png');

    const unmutedLook = lookSeeing(batchId, 1);
    await mute.uncheck();
    await unmutedLook;
    expect(await shown()).toHaveLength(before);
    expect(problems).toEqual([]);
  });

  it('shows the deadline strip above the review queue and narrows the queue to a window', { timeout: 60_000 }, async () => {
    await page.goto(`${serve.origin}/#/review`);
    const day = page.getByTestId('deadline-0');
    await expect.poll(() => day.textContent(), { timeout: 20_000 }).toMatch(/^Within 24 hours: 1 \(\$0\.\d\d\)$/);
    await day.click();
    expect(await day.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('.review-grid .ag-row').count(), { timeout: 20_000 }).toBe(1);
    await shot('review-deadline-strip-light.png');
    await page.getByRole('button', { name: 'Show every deadline' }).click();
    await expect.poll(() => page.locator('.review-grid .ag-row').count(), { timeout: 20_000 }).toBe(2);
    expect(problems).toEqual([]);
  });

  it('previews a rejection template filled for the assignment, refuses an unknown placeholder and saves it', { timeout: 60_000 }, async () => {
    await page.getByTestId('review-grid').locator('.ag-row[row-index="0"] [col-id="workerId"]').click();
    await page.keyboard.press('r');
    const dialog = page.getByTestId('reject-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const preview = dialog.getByTestId('reject-preview');
    await dialog.getByTestId('reject-reason').fill('Hello {name}');
    await expect.poll(() => preview.textContent()).toContain('{name} is not a placeholder');
    expect(await dialog.getByRole('button', { name: 'Draft rejection' }).isDisabled()).toBe(true);
    await dialog.getByTestId('reject-reason').fill('{worker_id}: "{hit_title}" wants the sentence rated.');
    await expect.poll(() => preview.textContent()).toMatch(/^(A\w+) reads: \1: "Rate a sentence" wants the sentence rated\.$/);
    await dialog.getByRole('button', { name: 'Save as template' }).click();
    await expect
      .poll(async () => (await callApi<{ rejectTemplates: string[] }>(page, serve, 'prefs.get')).rejectTemplates)
      .toEqual(['{worker_id}: "{hit_title}" wants the sentence rated.']);
    expect(await dialog.getByRole('button', { name: /^Forget template/ }).count()).toBe(1);
    await shot('review-reject-template-light.png');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(problems).toEqual([]);
  });
});
