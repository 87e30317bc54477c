import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor, createHit } from '../../local-mturk/test/helpers';
import { openLabApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
/** Three HITs, four workers each; one worker per HIT disagrees with the other three. */
const LABELS = [
  ['cat', 'cat', 'cat', 'dog'],
  ['dog', 'dog', 'bird', 'dog'],
  ['bird', 'cat', 'bird', 'bird'],
];
let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const dissenters = new Set<string>();
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  const client = clientFor(lab);
  const workers = Array.from({ length: 4 }, () => lab.control.createWorker({ country: 'US' }).workerId);
  for (const labels of LABELS) {
    const hit = await createHit(client, { MaxAssignments: 4 });
    labels.forEach((label, i) => {
      const { AssignmentId } = lab.control.accept(workers[i]!, hit.HITId!);
      lab.control.submit(AssignmentId, { label });
      if (labels.filter((l) => l === label).length === 1) dissenters.add(AssignmentId);
    });
  }
  ({ serve, browser, page } = await openLabApp(lab, { name: 'quality', hash: '#/review', problems }));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

const grid = () => page.getByTestId('review-grid');
const shownIds = async (): Promise<string[]> => (await grid().locator('.ag-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('row-id') ?? ''))).sort();

describe('quality figures in the review queue', () => {
  it('shows how far each assignment agrees with the others on its HIT, and filters to those that disagree', async () => {
    await expect.poll(() => grid().locator('.ag-row').count(), { timeout: 30_000 }).toBe(12);
    for (const id of dissenters) await expect.poll(() => grid().locator(`.ag-row[row-id="${id}"] [col-id="agreement"]`).textContent()).toBe('0%');
    const agreeing = [...(await shownIds())].find((id) => !dissenters.has(id))!;
    await expect.poll(() => grid().locator(`.ag-row[row-id="${agreeing}"] [col-id="agreement"]`).textContent()).toBe('67%');
    await page.screenshot({ path: join(SHOTS, 'review-quality-light.png') });

    await page.getByLabel('Agreement below (%)').fill('50');
    await expect.poll(shownIds).toEqual([...dissenters].sort());
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'review-quality-filtered-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });
});
