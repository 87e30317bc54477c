import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ListQualificationTypesCommand, ListWorkerBlocksCommand, ListWorkersWithQualificationTypeCommand } from '@aws-sdk/client-mturk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor } from '../../local-mturk/test/helpers';
import { seedLocalMTurk, type Seeded } from '../helpers/seed-local-mturk';
import { openLabApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const WORKERS = 4;
let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let seeded: Seeded;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  // Four workers (made with the server's worker control) on six HITs; the seed approves, rejects, bonuses and hard-blocks.
  seeded = await seedLocalMTurk(lab, clientFor(lab), { hits: 6, assignmentsPerHit: 2, workers: WORKERS });
  // Making the connection active starts the automatic sync that archives every worker.
  ({ serve, browser, page } = await openLabApp(lab, { name: 'workers', hash: '#/workers', problems }));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

const grid = () => page.locator('[aria-label="Workers"]');
const rows = () => grid().locator('.ag-row');
const dossier = () => page.getByTestId('dossier');
const rowIds = () => rows().evaluateAll((list) => list.map((r) => r.getAttribute('row-id') ?? '').sort());

async function openDossier(workerId: string): Promise<void> {
  await grid().locator(`.ag-row[row-id="${workerId}"] [col-id="workerId"]`).click();
  await expect.poll(() => page.getByTestId('dossier-title').textContent()).toBe(workerId);
}

describe('the Workers area', () => {
  it('lists every worker of the account and finds one by id prefix', async () => {
    await expect.poll(rowIds, { timeout: 30_000 }).toEqual([...seeded.workerIds].sort());
    const target = seeded.workerIds[0]!;
    await page.getByLabel('Search workers by id').fill(target.slice(0, target.length - 1).toLowerCase());
    await expect.poll(rowIds).toEqual(seeded.workerIds.filter((id) => id.startsWith(target.slice(0, target.length - 1))).sort());
    await page.getByLabel('Search workers by id').fill(target);
    await expect.poll(rowIds).toEqual([target]);
    await page.getByLabel('Search workers by id').fill('ZZZ');
    await expect.poll(() => page.getByTestId('workers-none').textContent()).toBe('No worker id starts with ZZZ.');
    await page.getByLabel('Search workers by id').fill(target);
    await expect.poll(rowIds).toEqual([target]);
  });

  it("opens a dossier with the worker's work, verdicts, answers and bonus, and keeps a private note", async () => {
    const target = seeded.workerIds[0]!;
    await openDossier(target);
    // The seed approved this worker's first assignment, rejected the next worker's first, and paid this one a bonus.
    await expect.poll(() => dossier().locator('[aria-labelledby="dossier-assignments"] li').count()).toBe(3);
    expect(await dossier().textContent()).toContain('Approved');
    expect(await dossier().textContent()).toContain('label: answer 0-0');
    expect(await dossier().locator('[aria-labelledby="dossier-bonuses"]').textContent()).toContain('Great work');

    await dossier().getByLabel('New note').fill('Careful with <b>edge</b> cases');
    await dossier().getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => page.getByTestId('dossier-notes').textContent()).toContain('Careful with <b>edge</b> cases');
    expect(await page.getByTestId('dossier-notes').locator('b').count()).toBe(0);
  });

  it('soft-blocks by default, with the reason in the dossier', async () => {
    const target = seeded.workerIds[0]!;
    await page.getByRole('button', { name: 'Block…', exact: true }).click();
    const dialog = page.getByTestId('block-dialog');
    expect(await dialog.getByRole('radio', { name: /Soft block/ }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: /Hard block/ }).check();
    expect(await dialog.textContent()).toContain("counts blocks against a worker's standing");
    await page.screenshot({ path: join(SHOTS, 'workers-hard-block-warning-light.png') });
    await dialog.getByRole('radio', { name: /Soft block/ }).check();
    await dialog.getByRole('textbox', { name: 'Reason', exact: true }).fill('Answers off topic');
    await dialog.getByRole('button', { name: 'Soft-block 1 worker' }).click();
    await expect.poll(() => page.getByTestId('dossier-blocks').textContent(), { timeout: 30_000 }).toContain('Soft-blocked');
    await expect.poll(() => page.getByTestId('dossier-notes').textContent()).toContain('Answers off topic');
    // On MTurk it is a grant of the account's private soft-block type, not a CreateWorkerBlock.
    const client = clientFor(lab);
    const { QualificationTypes } = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true, Query: 'Turkbench soft block' }));
    expect(QualificationTypes).toHaveLength(1);
    const { Qualifications } = await client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: QualificationTypes![0]!.QualificationTypeId! }));
    expect(Qualifications?.map((q) => q.WorkerId)).toEqual([target]);
    const { WorkerBlocks } = await client.send(new ListWorkerBlocksCommand({}));
    expect(WorkerBlocks?.map((b) => b.WorkerId)).not.toContain(target);
  });

  it('messages two pasted workers: limits as typed, the plan, then a delivery in each dossier', async () => {
    await page.getByLabel('Search workers by id').fill('');
    const pair = [seeded.workerIds[1]!, seeded.workerIds[2]!];
    await page.getByRole('button', { name: 'Paste a list of ids…' }).click();
    await page.getByRole('textbox', { name: 'Worker ids' }).fill(`${pair[0]!.toLowerCase()}\nnot-an-id`);
    await page.getByRole('button', { name: 'Select these workers' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('line 2 "not-an-id"');
    await page.getByRole('textbox', { name: 'Worker ids' }).fill(`${pair[0]}, ${pair[1]}`);
    await page.getByRole('button', { name: 'Select these workers' }).click();
    await expect.poll(() => page.getByTestId('worker-selection').textContent()).toBe('2 pasted ids selected');
    await expect.poll(rowIds).toEqual([...pair].sort());

    await page.getByRole('button', { name: 'Message…' }).click();
    const dialog = page.getByTestId('message-dialog');
    await dialog.getByRole('textbox', { name: 'Subject', exact: true }).fill('x'.repeat(201));
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('MTurk allows at most 200');
    await dialog.getByRole('textbox', { name: 'Subject', exact: true }).fill('A follow-up study, {worker_id}');
    await dialog.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello {worker_id},\nthank you for your careful work.');
    await expect.poll(() => dialog.getByTestId('message-plan').textContent()).toContain('2 workers on Lab server');
    const planText = await dialog.getByTestId('message-plan').textContent();
    expect(planText).toContain(`A follow-up study, ${pair[0]}`);
    expect(planText).toContain('2 NotifyWorkers calls');
    await page.screenshot({ path: join(SHOTS, 'workers-message-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'workers-message-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Send to 2 workers' }).click();

    // MTurk delivers only to workers whose work you approved or rejected: the seed rejected the first one's, and
    // never decided on the second one's, so theirs is a soft failure with MTurk's reason.
    const expected = [
      { workerId: pair[0]!, delivery: 'Delivered', reason: null },
      { workerId: pair[1]!, delivery: 'Not delivered (temporary)', reason: 'has not done work for you that you approved or rejected' },
    ];
    for (const { workerId, delivery, reason } of expected) {
      await openDossier(workerId);
      await expect.poll(() => page.getByTestId('dossier-messages').textContent(), { timeout: 30_000 }).toContain(`A follow-up study, ${workerId}`);
      expect(await page.getByTestId('delivery').first().textContent()).toBe(delivery);
      if (reason) expect(await page.getByTestId('dossier-messages').textContent()).toContain(reason);
    }
    await page.screenshot({ path: join(SHOTS, 'workers-dossier-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'workers-dossier-dark.png') });
    expect(problems).toEqual([]);
  });
});
