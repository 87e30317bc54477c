/**
 * The review queue grouped by worker (with each worker's record with you beside it) and by HIT, still driven from
 * the keyboard.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor } from '../../local-mturk/test/helpers';
import { seedLocalMTurk, type Seeded } from '../helpers/seed-local-mturk';
import { openLabApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
// Four HITs × two workers of three; the seed approves the first assignment and rejects the second.
const SUBMITTED = 4 * 2 - 2;
let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let seeded: Seeded;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  seeded = await seedLocalMTurk(lab, clientFor(lab), { hits: 4, assignmentsPerHit: 2, workers: 3 });
  ({ serve, browser, page } = await openLabApp(lab, { name: 'grouping', hash: '#/review', viewport: { width: 1440, height: 900 }, problems }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

const grid = () => page.getByTestId('review-grid');
const cells = async (colId: string): Promise<string[]> => {
  const values: string[] = [];
  for (let i = 0; i < SUBMITTED; i++) values.push((await grid().locator(`.ag-row[row-index="${i}"] [col-id="${colId}"]`).textContent()) ?? '');
  return values;
};
/** Rows shown (a grouped grid renders each row twice: its pinned group cell and the rest). */
const rowCount = () => grid().locator('.ag-row [col-id="workerId"]').count();
/** Each value in one unbroken run. */
const contiguous = (values: string[]): boolean => new Set(values).size === values.filter((v, i) => i === 0 || values[i - 1] !== v).length;

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}-light.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(SHOTS, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('grouping the review queue', () => {
  it("groups by worker with each worker's record beside the group, and J / A still work", async () => {
    await expect.poll(() => rowCount(), { timeout: 30_000 }).toBe(SUBMITTED);
    await page.getByLabel('Group').selectOption('worker');
    await expect.poll(() => grid().locator('.ag-header-cell[col-id="group"]').count()).toBe(1);
    await expect.poll(async () => contiguous(await cells('workerId'))).toBe(true);
    const labels = (await cells('group')).filter((label) => label !== '');
    const [w0, w1, w2] = seeded.workerIds;
    // Worker 0 had one assignment approved, worker 1 one rejected (both now out of the Submitted queue).
    expect([...labels].sort()).toEqual([`${w0} · 100 % approved`, `${w1} · 0 % approved`, `${w2} · none decided`].sort());

    await grid().locator('.ag-row[row-index="0"] [col-id="workerId"]').click();
    await page.keyboard.press('j');
    // Beside the queue, the selected worker's whole record.
    const second = (await cells('workerId'))[1]!;
    const record = second === w0 ? '1 approved · 0 rejected · 100 % approved by you' : second === w1 ? '0 approved · 1 rejected · 0 % approved by you' : '0 approved · 0 rejected · nothing decided yet';
    // Worker i of the seed works assignment a of HIT h when (h + a) % 3 === i: 3, 3 and 2 assignments.
    const archived = second === w2 ? 2 : 3;
    await expect.poll(() => page.getByTestId('worker-history').textContent()).toBe(`Worker ${second} with you: ${record} (${archived} archived)`);
    await shoot('review-grouped-by-worker');
    await page.keyboard.press('a');
    await expect.poll(() => grid().locator('.ag-row[row-index="1"] [col-id="draft"]').textContent()).toBe('Approve');
    await expect.poll(() => page.getByTestId('draft-counter').textContent()).toBe('1 to approve, 0 to reject');
    await page.keyboard.press('u');
    await expect.poll(() => page.getByTestId('draft-counter').textContent()).toBe('No draft verdicts');
  });

  it('groups by HIT (G from the grid cycles to it), each HIT once, and back to the deadline order without grouping', async () => {
    // From "by worker", G goes round to no grouping, then to "by HIT".
    await grid().locator('.ag-row[row-index="0"] [col-id="workerId"]').click();
    await page.keyboard.press('g');
    await expect.poll(() => page.getByLabel('Group').inputValue()).toBe('');
    await grid().locator('.ag-row[row-index="0"] [col-id="workerId"]').click();
    await page.keyboard.press('g');
    await expect.poll(() => page.getByLabel('Group').inputValue()).toBe('hit');
    // The first HIT's two assignments were both decided: three HITs have work waiting.
    await expect.poll(async () => contiguous(await cells('hitId')) && (await cells('group')).filter((l) => l !== '').length === 3).toBe(true);
    expect(new Set(await cells('hitId'))).toEqual(new Set(seeded.hitIds.slice(1)));
    await shoot('review-grouped-by-hit');
    await page.getByLabel('Group').selectOption('');
    await expect.poll(() => grid().locator('.ag-header-cell[col-id="group"]').count()).toBe(0);
    await expect.poll(() => rowCount()).toBe(SUBMITTED);
    expect(problems).toEqual([]);
  });
});
