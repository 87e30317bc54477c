import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CreateHITCommand, GetHITCommand } from '@aws-sdk/client-mturk';
import { htmlQuestion } from '../../shared/batch/question';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../../local-mturk/test/helpers';
import { sentenceBatch } from '../integration/batches/batch-folders';
import { callApi, openAppWithLabAccount, type LabAccount } from './support/lab-account';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const ROWS = 2;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let account: LabAccount;
let hitIds: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ serve, browser, page, account } = await openAppWithLabAccount({ name: 'batch-controls', hash: '#/batches', problems }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await account?.close();
  await serve?.stop();
});

const dialog = () => page.getByTestId('batch-change-dialog');
const confirmButton = () => dialog().locator('.dialog__actions button').last();
const batchPage = () => page.getByTestId('batch-page');
const shot = (name: string) => page.screenshot({ path: join(SHOTS, name) });

/** What Local MTurk says of each of the batch's HITs, through the API. */
async function hitsOnMTurk(): Promise<{ open: boolean; max: number }[]> {
  const lab = clientFor(account.lab);
  const hits = await Promise.all(hitIds.map((id) => lab.send(new GetHITCommand({ HITId: id }))));
  return hits.map(({ HIT }) => ({ open: HIT!.Expiration!.getTime() > Date.now() && HIT!.HITStatus === 'Assignable', max: HIT!.MaxAssignments! }));
}

async function runChange(button: string, expectReady: string): Promise<string> {
  await batchPage().getByRole('button', { name: button, exact: true }).click();
  await expect.poll(() => dialog().getByTestId('ready-count').textContent(), { timeout: 15_000 }).toBe(expectReady);
  return (await confirmButton().textContent()) ?? '';
}

async function confirmAndWait(): Promise<void> {
  await confirmButton().click();
  await expect.poll(() => dialog().count()).toBe(0);
  await expect.poll(() => page.getByTestId('batch-action-outcome').textContent()).toMatch(/follow it in Jobs/);
  expect(await page.getByTestId('batch-change-started').textContent()).toMatch(/^Started: .+ — see Jobs/);
}

describe('a batch page’s pause, resume and add assignments', () => {
  it('opens a launched batch with its controls', { timeout: 60_000 }, async () => {
    const folder = sentenceBatch(ROWS);
    await callApi(page, serve, 'batches.launch', { folder });
    await page.getByRole('button', { name: /^Open batch / }).first().click();
    await expect.poll(() => batchPage().getByTestId('batch-status').textContent(), { timeout: 30_000 }).toBe('Running');
    hitIds = (await page.locator('.batch-page__grid .ag-row [col-id="hitId"]').allTextContents()).filter((id) => /^[A-Z0-9]{20,}$/.test(id));
    expect(hitIds).toHaveLength(ROWS);
    expect(await hitsOnMTurk()).toEqual(Array(ROWS).fill({ open: true, max: 2 }));
    expect(await batchPage().getByRole('button', { name: 'Resume', exact: true }).isDisabled()).toBe(true);
  });

  it('pauses: every open HIT expires on MTurk', { timeout: 60_000 }, async () => {
    expect(await runChange('Pause', `${ROWS} HITs will change`)).toBe(`Pause · ${ROWS} HITs`);
    await shot('batch-pause-light.png');
    await confirmAndWait();
    await expect.poll(() => hitsOnMTurk(), { timeout: 20_000 }).toEqual(Array(ROWS).fill({ open: false, max: 2 }));
    await expect.poll(() => batchPage().getByTestId('batch-status').textContent(), { timeout: 20_000 }).not.toBe('Running');
  });

  it('resumes: the HITs are open again', { timeout: 60_000 }, async () => {
    // Pausing released what MTurk held for the slots nobody took; reopening them holds it again: 2 × ($0.10 + 20 %) a HIT.
    expect(await runChange('Resume', `${ROWS} HITs will change`)).toBe(`Resume · ${ROWS} HITs · $0.48`);
    expect(await dialog().getByTestId('manage-cost').textContent()).toContain('$0.48');
    await shot('batch-resume-light.png');
    await confirmAndWait();
    await expect.poll(() => hitsOnMTurk(), { timeout: 20_000 }).toEqual(Array(ROWS).fill({ open: true, max: 2 }));
    await expect.poll(() => batchPage().getByTestId('batch-status').textContent(), { timeout: 20_000 }).toBe('Running');
  });

  it('adds assignments after showing their cost with the fee; a bad count is named', { timeout: 60_000 }, async () => {
    await batchPage().getByRole('button', { name: 'Add assignments…' }).click();
    await dialog().getByLabel('Assignments to add').fill('two');
    await expect.poll(() => dialog().getByRole('alert').textContent()).toContain('not "two"');
    expect(await confirmButton().isDisabled()).toBe(true);
    await dialog().getByLabel('Assignments to add').fill('1');
    await expect.poll(() => dialog().getByTestId('ready-count').textContent(), { timeout: 15_000 }).toBe(`${ROWS} HITs will change`);
    // One more $0.10 assignment on each of 2 HITs: $0.20 rewards + 20 % fee.
    expect(await dialog().getByTestId('manage-cost').textContent()).toContain('$0.24');
    expect(await confirmButton().textContent()).toBe(`Add assignments · ${ROWS} HITs · $0.24`);
    await shot('batch-add-assignments-light.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('batch-add-assignments-dark.png');
    await confirmAndWait();
    await expect.poll(() => hitsOnMTurk(), { timeout: 20_000 }).toEqual(Array(ROWS).fill({ open: true, max: 3 }));
    // The page counts the added assignments as soon as the job has recorded them.
    await expect.poll(() => batchPage().getByTestId('batch-progress').textContent(), { timeout: 20_000 }).toBe(`0 / ${ROWS * 3} submitted · 0 approved`);
    expect(await page.locator('.batch-page__grid .ag-row [col-id="submitted"]').allTextContents()).toEqual(Array(ROWS).fill('0 / 3'));
    await shot('batch-controls-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
    await shot('batch-controls-light.png');
    expect(problems).toEqual([]);
  });

  it('opens the review queue with only the batch’s work, and can widen it to every batch', { timeout: 90_000 }, async () => {
    const lab = clientFor(account.lab);
    const outside = await lab.send(
      new CreateHITCommand({
        Title: 'Outside any batch', Description: 'Work no batch launched', Reward: '0.10', MaxAssignments: 1,
        AssignmentDurationInSeconds: 600, LifetimeInSeconds: 3_600, AutoApprovalDelayInSeconds: 3_600, Question: htmlQuestion('<crowd-form><crowd-input name="word"></crowd-input></crowd-form>', 300),
      }),
    );
    const worker = account.lab.control.createWorker({ country: 'US' }).workerId;
    const inBatch = account.lab.control.accept(worker, hitIds[0]!);
    // As a crowd-form posts: one taskAnswers field holding the form's values.
    account.lab.control.submit(inBatch.AssignmentId, { taskAnswers: JSON.stringify([{ rating: 4 }]) });
    const elsewhere = account.lab.control.accept(worker, outside.HIT!.HITId!);
    account.lab.control.submit(elsewhere.AssignmentId, { taskAnswers: JSON.stringify([{ word: 'hello' }]) });
    await expect
      .poll(
        async () => {
          await callApi(page, serve, 'sync.start', { mode: 'incremental' });
          return batchPage().getByTestId('batch-progress').textContent();
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toBe(`1 / ${ROWS * 3} submitted · 0 approved`);

    await batchPage().getByRole('button', { name: 'Review its work' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/review');
    expect(await page.getByTestId('review-batch').textContent()).toContain('Only the work of batch Rate a sentence');
    const rows = page.getByTestId('review-grid').locator('.ag-row');
    await expect.poll(() => rows.evaluateAll((found) => found.map((r) => r.getAttribute('row-id'))), { timeout: 20_000 }).toEqual([inBatch.AssignmentId]);
    // The deadline strip counts the batch's work only: the outside HIT's auto-approves within the hour.
    expect(await page.getByTestId('deadline-0').textContent()).toBe('Within 24 hours: 0 of this batch');
    expect(await page.getByTestId('deadline-1').textContent()).toBe('Within 3 days: 1 of this batch');
    // The worker's rating, replayed in the batch's own template.
    const replay = page.frameLocator('[data-testid="replay-frame"]');
    await replay.locator('html[data-replayed]').waitFor({ state: 'attached', timeout: 15_000 });
    expect(await replay.locator('crowd-slider[name="rating"]').evaluate((el) => (el as unknown as { value: number }).value)).toBe(4);
    await shot('batch-review-light.png');
    await page.getByRole('button', { name: 'Show every batch' }).click();
    await expect.poll(() => rows.evaluateAll((found) => found.map((r) => r.getAttribute('row-id')).sort()), { timeout: 20_000 }).toEqual([inBatch.AssignmentId, elsewhere.AssignmentId].sort());
    expect(await page.getByTestId('review-batch').count()).toBe(0);
    await expect.poll(() => page.getByTestId('deadline-0').textContent()).toMatch(/^Within 24 hours: 1 \(\$0\.12\)$/);
    expect(problems).toEqual([]);
  });

  it('reaches the batch from the Dashboard: its page, or its work in the review queue', { timeout: 60_000 }, async () => {
    // The Batches area back on its list, so only the Dashboard's link can open the page.
    await page.goto(`${serve.url}#/batches`);
    await batchPage().getByRole('button', { name: '← All batches' }).click();
    await expect.poll(() => batchPage().count()).toBe(0);
    await page.goto(`${serve.url}#/dashboard`);
    const card = page.getByTestId('batches-in-progress');
    await expect.poll(() => card.locator('li').count(), { timeout: 20_000 }).toBe(1);
    // The assignments added on the batch page count here too.
    expect(await card.getByTestId('batch-progress').textContent()).toBe(`1 / ${ROWS * 3} submitted · 0 approved`);
    await shot('dashboard-batch-in-progress-light.png');
    await card.getByRole('button', { name: 'Review 1' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/review');
    expect(await page.getByTestId('review-batch').textContent()).toContain('Only the work of batch Rate a sentence');
    await page.goto(`${serve.url}#/dashboard`);
    await card.getByRole('button', { name: 'Rate a sentence' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/batches');
    await expect.poll(() => batchPage().getByTestId('batch-progress').textContent(), { timeout: 20_000 }).toBe(`1 / ${ROWS * 3} submitted · 0 approved`);
    expect(problems).toEqual([]);
  });
});
