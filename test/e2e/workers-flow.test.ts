import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ListQualificationTypesCommand, ListWorkerBlocksCommand, ListWorkersWithQualificationTypeCommand } from '@aws-sdk/client-mturk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor } from '../../local-mturk/test/helpers';
import { seedLocalMTurk } from '../helpers/seed-local-mturk';
import { openLabApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  // Six HITs with two submissions each by four workers; the seed decides a few, the rest wait in the review queue.
  await seedLocalMTurk(lab, clientFor(lab), { hits: 6, assignmentsPerHit: 2, workers: 4 });
  ({ serve, browser, page } = await openLabApp(lab, { name: 'workers-flow', hash: '#/review', problems }));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

const queueRow = (index: number) => page.getByTestId('review-grid').locator(`.ag-row[row-index="${index}"]`);

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}-light.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(SHOTS, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Selects the queue's first assignment and returns its worker. */
async function selectFirstInQueue(): Promise<string> {
  await expect.poll(() => page.getByTestId('review-grid').locator('.ag-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await queueRow(0).locator('[col-id="workerId"]').click();
  await expect.poll(() => page.getByTestId('worker-history').isVisible()).toBe(true);
  return (await page.getByTestId('worker-history').locator('.mono').textContent())!;
}

describe('from the review queue to a worker', () => {
  let workerId = '';

  it("opens the selected assignment's worker's dossier in Workers (W), with gold and agreement", async () => {
    workerId = await selectFirstInQueue();
    await page.keyboard.press('w');
    await expect.poll(() => new URL(page.url()).hash).toBe('#/workers');
    await expect.poll(() => page.getByTestId('dossier-title').textContent()).toBe(workerId);
    // The figures are loaded once for the whole view (their arithmetic is tested against the archive elsewhere); the
    // seed has no gold rows, so gold stays a dash.
    await expect.poll(() => page.getByTestId('dossier-agreement').textContent(), { timeout: 30_000 }).toMatch(/^\d+% \(\d+\/\d+\)$/);
    expect(await page.getByTestId('dossier-gold').textContent()).toBe('—');
    await expect.poll(() => page.locator('[aria-label="Workers"] .ag-header-cell[col-id="gold"]').isVisible()).toBe(true);
    await shoot('workers-flow-dossier-from-queue');
  });

  it('soft-blocks the worker from the queue by default (B), on MTurk as a private qualification', async () => {
    await page.locator('nav[aria-label="Areas"] [data-area="review"]').click();
    expect(await selectFirstInQueue()).toBe(workerId);
    await page.keyboard.press('b');
    const dialog = page.getByTestId('block-dialog');
    expect(await dialog.getByRole('radio', { name: /Soft block/ }).isChecked()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Reason', exact: true }).fill('Copied answers between HITs');
    await shoot('workers-flow-block-from-queue');
    await dialog.getByRole('button', { name: 'Soft-block 1 worker' }).click();
    await expect.poll(() => page.getByTestId('review-started').textContent()).toContain('Soft-block 1 worker');

    const client = clientFor(lab);
    const softType = async () => (await client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true, Query: 'Turkbench soft block' }))).QualificationTypes?.[0];
    await expect.poll(async () => (await softType())?.QualificationTypeId ?? null, { timeout: 30_000 }).not.toBeNull();
    const typeId = (await softType())!.QualificationTypeId!;
    await expect.poll(async () => (await client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: typeId }))).Qualifications?.map((q) => q.WorkerId), { timeout: 30_000 }).toEqual([workerId]);
    const { WorkerBlocks } = await client.send(new ListWorkerBlocksCommand({}));
    expect(WorkerBlocks?.map((b) => b.WorkerId)).not.toContain(workerId);
  });

  it('messages the worker from their dossier, the block and its reason recorded there', async () => {
    await page.getByTestId('worker-line').getByRole('button', { name: 'Dossier (W)' }).click();
    await expect.poll(() => page.getByTestId('dossier-title').textContent()).toBe(workerId);
    await expect.poll(() => page.getByTestId('dossier-blocks').textContent(), { timeout: 30_000 }).toContain('Soft-blocked');
    await expect.poll(() => page.getByTestId('dossier-notes').textContent()).toContain('Copied answers between HITs');

    await page.getByRole('button', { name: 'Paste a list of ids…' }).click();
    await page.getByRole('textbox', { name: 'Worker ids' }).fill(workerId);
    await page.getByRole('button', { name: 'Select these workers' }).click();
    await expect.poll(() => page.getByTestId('worker-selection').textContent()).toBe('1 pasted id selected');
    await page.getByRole('button', { name: 'Message…' }).click();
    const dialog = page.getByTestId('message-dialog');
    await dialog.getByRole('textbox', { name: 'Subject', exact: true }).fill('About your answers, {worker_id}');
    await dialog.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello {worker_id},\nplease write each answer yourself.');
    await expect.poll(() => dialog.getByTestId('message-plan').textContent()).toContain('1 worker on Lab server');
    await dialog.getByRole('button', { name: 'Send to 1 worker' }).click();

    await page.locator(`[aria-label="Workers"] .ag-row[row-id="${workerId}"] [col-id="workerId"]`).click();
    await expect.poll(() => page.getByTestId('dossier-messages').textContent(), { timeout: 30_000 }).toContain(`About your answers, ${workerId}`);
    await shoot('workers-flow-message');
    expect(problems).toEqual([]);
  });
});
