import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor } from '../../local-mturk/test/helpers';
import { seedLocalMTurk } from '../helpers/seed-local-mturk';
import { openLabApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const HITS = 4;
// The seed approves one assignment and rejects another: the rest wait for review.
const SUBMITTED = HITS * 2 - 2;
let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  await seedLocalMTurk(lab, clientFor(lab), { hits: HITS, assignmentsPerHit: 2, workers: 3 });
  ({ serve, browser, page } = await openLabApp(lab, { name: 'review', hash: '#/review', problems }));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

const grid = () => page.getByTestId('review-grid');
const row = (index: number) => grid().locator(`.ag-row[row-index="${index}"]`);
const draftOf = (index: number) => row(index).locator('[col-id="draft"]').textContent();
const counter = () => page.getByTestId('draft-counter').textContent();

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}-light.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(SHOTS, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('reviewing from the keyboard', () => {
  it('drafts approvals and a rejection, undoes one, sends them and sees the statuses change', async () => {
    await expect.poll(() => grid().locator('.ag-row').count(), { timeout: 30_000 }).toBe(SUBMITTED);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await row(i).getAttribute('row-id'))!);

    await row(0).locator('[col-id="workerId"]').click();
    await expect.poll(() => page.getByTestId('answer-panel').isVisible()).toBe(true);
    await page.keyboard.press('a');
    await expect.poll(() => draftOf(0)).toBe('Approve');
    await page.keyboard.press('a');
    await expect.poll(() => draftOf(1)).toBe('Approve');
    await expect.poll(counter).toBe('2 to approve, 0 to reject');

    // Row 2 is skipped; row 3 is rejected with a template reason.
    await page.keyboard.press('s');
    await page.keyboard.press('r');
    const reject = page.getByTestId('reject-dialog');
    await expect.poll(() => reject.isVisible()).toBe(true);
    await reject.getByRole('button', { name: /does not follow the instructions/ }).click();
    await shoot('review-reject');
    await reject.getByRole('button', { name: 'Draft rejection' }).click();
    await expect.poll(() => draftOf(3)).toBe('Reject: The answer does not follow the instructions.');
    expect(await draftOf(2)).toBe('');
    await expect.poll(counter).toBe('2 to approve, 1 to reject');

    // Undo takes back the rejection, the last draft, and only it.
    await row(3).locator('[col-id="workerId"]').click();
    await page.keyboard.press('u');
    await expect.poll(() => draftOf(3)).toBe('');
    await expect.poll(counter).toBe('2 to approve, 0 to reject');
    await page.keyboard.press('r');
    await expect.poll(() => reject.isVisible()).toBe(true);
    await reject.getByTestId('reject-reason').fill('Wrong label for {assignment}');
    await page.keyboard.press('Enter');
    await expect.poll(() => draftOf(3)).toBe(`Reject: Wrong label for ${ids[3]}`);
    await expect.poll(counter).toBe('2 to approve, 1 to reject');
    await shoot('review-queue');

    await page.getByTestId('review-send').click();
    const send = page.getByTestId('send-dialog');
    await expect.poll(() => send.getByTestId('plan-approve').textContent(), { timeout: 15_000 }).toBe('2');
    expect(await send.getByTestId('plan-reject').textContent()).toBe('1');
    await shoot('review-send');
    await send.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.getByTestId('review-started').isVisible()).toBe(true);

    // The queue shows Submitted work: the three decided assignments leave it once the job has run.
    await expect.poll(() => grid().locator('.ag-row').count(), { timeout: 30_000 }).toBe(SUBMITTED - 3);
    await expect.poll(counter).toBe('No draft verdicts');
    await page.getByLabel('Status').selectOption('');
    await expect.poll(async () => {
      const statuses: Record<string, string> = {};
      for (const id of [ids[0]!, ids[1]!, ids[3]!]) statuses[id] = (await grid().locator(`.ag-row[row-id="${id}"] [col-id="status"]`).textContent()) ?? '';
      return statuses;
    }, { timeout: 30_000 }).toEqual({ [ids[0]!]: 'Approved', [ids[1]!]: 'Approved', [ids[3]!]: 'Rejected' });
    await shoot('review-after-send');
    expect(problems).toEqual([]);
  });

  it('drafts a Shift+arrow range in one keystroke, undoes it as one step, and lists the keys in the shortcuts dialog', async () => {
    await page.getByLabel('Status').selectOption('Submitted');
    const left = SUBMITTED - 3;
    await expect.poll(() => grid().locator('.ag-row').count(), { timeout: 30_000 }).toBe(left);
    await row(0).locator('[col-id="workerId"]').click();
    for (let i = 1; i < left; i++) await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => grid().locator('.ag-row.ag-row-selected').count()).toBe(left);
    await page.keyboard.press('a');
    await expect.poll(counter).toBe(`${left} to approve, 0 to reject`);
    for (let i = 0; i < left; i++) await expect.poll(() => draftOf(i)).toBe('Approve');
    await page.keyboard.press('u');
    await expect.poll(counter).toBe('No draft verdicts');
    for (let i = 0; i < left; i++) await expect.poll(() => draftOf(i)).toBe('');

    await page.keyboard.press('?');
    const help = page.locator('dialog[open]');
    await expect.poll(() => help.textContent()).toContain('Review: draft approve / reject (reason picker) the selection');
    await page.keyboard.press('Escape');

    await page.getByLabel('Worker id').fill('NOBODY');
    await expect.poll(() => page.getByTestId('review-empty').textContent()).toBe('No assignment matches these filters.');
    await shoot('review-empty');
    expect(problems).toEqual([]);
  });

  it('keeps paired filters together and the verdict buttons on one line in a small window, sidebar open or not', async () => {
    const top = async (name: string | RegExp, role: 'textbox' | 'button' = 'textbox'): Promise<number> => (await page.getByRole(role, { name, exact: true }).boundingBox())!.y;
    const dates = page.getByRole('group', { name: 'Submitted between' }).locator('input');
    const dateTops = async (): Promise<number[]> => Promise.all([0, 1].map(async (i) => (await dates.nth(i).boundingBox())!.y));
    for (const width of [1024, 1200, 1360]) {
      await page.setViewportSize({ width, height: 760 });
      await expect.poll(async () => new Set(await dateTops()).size, { message: `date pair at ${width}px` }).toBe(1);
      await expect.poll(async () => (await top('Agreement below (%)')) === (await top('Gold below (%)')), { message: `quality pair at ${width}px` }).toBe(true);
      await expect.poll(async () => (await top('Send…', 'button')) === (await top('Bonus selected…', 'button')), { message: `actions at ${width}px` }).toBe(true);
      await shoot(`review-${width}`);
    }
    await page.setViewportSize({ width: 1360, height: 860 });
    expect(problems).toEqual([]);
  });
});
