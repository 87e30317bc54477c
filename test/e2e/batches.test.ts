import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApproveAssignmentCommand, ListAssignmentsForHITCommand } from '@aws-sdk/client-mturk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../../local-mturk/test/helpers';
import { sentenceBatch } from '../integration/batches/batch-folders';
import { callApi, openAppWithLabAccount, type LabAccount } from './support/lab-account';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const ROWS = 5;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let account: LabAccount;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ serve, browser, page, account } = await openAppWithLabAccount({ name: 'batches', hash: '#/batches', problems }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await account?.close();
  await serve?.stop();
});

const dialog = () => page.getByTestId('launch-dialog');
const confirmButton = () => dialog().locator('.dialog__actions button').last();
const shot = (name: string) => page.screenshot({ path: join(SHOTS, name) });

async function checkFolder(folder: string): Promise<void> {
  await dialog().getByLabel('Batch folder').fill(folder);
  await dialog().getByRole('button', { name: 'Check' }).click();
}

describe('the Batches area', () => {
  it('says how to make a batch while there is none', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'No batches yet' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.locator('.empty__summary').textContent()).toContain('turkbench batch new DIR');
    await shot('batches-empty-light.png');
  });

  it('launches a folder: problems block, the cost is confirmed, and the batch page fills as HITs are created', { timeout: 90_000 }, async () => {
    await page.getByRole('button', { name: 'Launch a folder…' }).first().click();
    // A folder with a problem: listed with its file and key, and it cannot go on.
    // Browser mode has no native folder picker: the path is typed, and the picker method says why it is not there.
    expect(await dialog().getByRole('button', { name: 'Browse…' }).count()).toBe(0);
    await expect(callApi(page, serve, 'batches.pickFolder')).rejects.toThrow(/cannot open a folder picker/);
    await checkFolder('batches/sentences');
    await expect.poll(() => dialog().getByRole('alert').textContent()).toContain('is not a full path');
    await checkFolder(sentenceBatch(2, { Reward: 'ten cents' }));
    await expect.poll(() => dialog().getByTestId('launch-findings').textContent()).toContain('batch.json · Reward');
    expect(await dialog().getByTestId('launch-check').textContent()).toMatch(/problems? to fix/);
    expect(await confirmButton().isDisabled()).toBe(true);
    await shot('batches-check-errors-light.png');

    const folder = sentenceBatch(ROWS);
    await checkFolder(folder);
    await expect.poll(() => dialog().getByTestId('launch-check').textContent()).toContain(`Ready: ${ROWS} rows`);
    await confirmButton().click();
    const cost = dialog().getByTestId('launch-cost');
    await expect.poll(() => cost.textContent(), { timeout: 15_000 }).toContain('$1.00 rewards (10 assignments over 5 HITs)');
    expect(await cost.textContent()).toContain('$0.20 MTurk fee (20 %)');
    expect(await cost.textContent()).toContain('$1.20 in total');
    expect(await cost.textContent()).toMatch(/Balance \$[\d,]+\.\d\d → \$[\d,]+\.\d\d after/);
    expect(await confirmButton().textContent()).toBe('Launch 5 HITs · $1.20');
    await shot('batches-confirm-light.png');

    // MTurk's answers to creates after the second are held: the page shows the launch part-way, then complete.
    let passed = 0;
    account.gate.shut((request) => request.operation === 'CreateHITWithHITType' && ++passed > 2);
    await confirmButton().click();
    const batchPage = page.getByTestId('batch-page');
    await expect.poll(() => batchPage.getByTestId('figure-hits').textContent(), { timeout: 20_000 }).toBe(`2 of ${ROWS} created`);
    expect(await batchPage.getByTestId('batch-status').textContent()).toBe('Launching');
    expect(await page.locator('.batch-page__grid .ag-row').count()).toBe(ROWS);
    await shot('batches-launching-light.png');
    account.gate.open();
    await expect.poll(() => batchPage.getByTestId('figure-hits').textContent(), { timeout: 30_000 }).toBe(String(ROWS));
    expect(await batchPage.getByTestId('batch-status').textContent()).toBe('Running');
    const hitIds = await page.locator('.batch-page__grid .ag-row [col-id="hitId"]').allTextContents();
    expect(hitIds.filter((id) => /^[A-Z0-9]{20,}$/.test(id))).toHaveLength(ROWS);
    const sentences = await page.locator('.batch-page__grid .ag-row [col-id="input-0"]').allTextContents();
    expect(sentences.sort()).toEqual(Array.from({ length: ROWS }, (_, i) => `Sentence number ${i + 1} <${i % 7 === 0 ? 'b' : 'i'}>`).sort());
  });

  it('shows the crowd’s work after a sync: progress, median work time and wage', { timeout: 90_000 }, async () => {
    await account.lab.control.simulate({ until: 'done' });
    const progress = page.getByTestId('batch-page').getByTestId('batch-progress');
    await expect
      .poll(
        async () => {
          await callApi(page, serve, 'sync.start', { mode: 'full' });
          return progress.textContent();
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toBe(`${ROWS * 2} / ${ROWS * 2} submitted · 0 approved`);
    expect(await page.getByTestId('batch-page').getByTestId('batch-status').textContent()).toBe('Awaiting review');
    expect(await page.getByTestId('figure-median-work').textContent()).toMatch(/\d+ (s|min)/);
    expect(await page.getByTestId('figure-hourly-wage').textContent()).toMatch(/^\$[\d,]+\.\d\d\/h/);
    const submitted = await page.locator('.batch-page__grid .ag-row [col-id="submitted"]').allTextContents();
    expect(submitted).toEqual(Array(ROWS).fill('2 / 2'));

    // Two approved on MTurk: after a sync the bar and the spend show them ($0.10 + $0.02 fee each).
    const lab = clientFor(account.lab);
    const firstHit = (await page.locator('.batch-page__grid .ag-row[row-id="1.0"] [col-id="hitId"]').textContent())!;
    for (const a of (await lab.send(new ListAssignmentsForHITCommand({ HITId: firstHit }))).Assignments ?? []) {
      await lab.send(new ApproveAssignmentCommand({ AssignmentId: a.AssignmentId! }));
    }
    await expect
      .poll(
        async () => {
          await callApi(page, serve, 'sync.start', { mode: 'full' });
          return page.getByTestId('figure-spent-on-rewards').textContent();
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toBe('$0.24');
    expect(await progress.textContent()).toBe(`${ROWS * 2} / ${ROWS * 2} submitted · 2 approved`);
    await shot('batches-page-light.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('batches-page-dark.png');

    await page.getByRole('button', { name: '← All batches' }).click();
    const card = page.getByTestId('batch-card');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByTestId('batch-progress').textContent()).toBe(`${ROWS * 2} / ${ROWS * 2} submitted · 2 approved`);
    await shot('batches-list-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
    await shot('batches-list-light.png');
  });

  it('asks before launching the same folder again', { timeout: 60_000 }, async () => {
    const list = await callApi<{ folder: string }[]>(page, serve, 'batches.list');
    await page.getByRole('button', { name: 'Launch a folder…' }).first().click();
    await checkFolder(list[0]!.folder);
    await expect.poll(() => dialog().getByTestId('launch-check').textContent()).toContain('Ready');
    await confirmButton().click();
    await expect.poll(() => dialog().getByTestId('launched-before').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await confirmButton().textContent()).toBe('Launch another batch');
    await shot('batches-another-light.png');
    await confirmButton().click();
    await expect.poll(() => dialog().getByTestId('launch-cost').isVisible(), { timeout: 15_000 }).toBe(true);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect(await callApi<unknown[]>(page, serve, 'batches.list')).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('says before a micro-batched launch that every assignment needs a different worker', { timeout: 60_000 }, async () => {
    await page.getByRole('button', { name: 'Launch a folder…' }).first().click();
    await checkFolder(sentenceBatch(3, { MaxAssignments: 12, microBatching: true }));
    await expect.poll(() => dialog().getByTestId('launch-check').textContent()).toContain('Ready');
    await confirmButton().click();
    await expect.poll(() => dialog().getByTestId('launch-micro-batching').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await dialog().getByTestId('launch-micro-batching').textContent()).toBe(
      'Micro-batched: each row as sub-HITs of 6 + 6 assignments, saving $0.72. Each worker can do one HIT of this batch: a worker who submitted any part of any row no longer sees the batch, so its 36 assignments need 36 different workers.',
    );
    await shot('batches-micro-batched-light.png');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect(await callApi<unknown[]>(page, serve, 'batches.list')).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
