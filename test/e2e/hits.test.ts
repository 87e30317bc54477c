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
let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  await seedLocalMTurk(lab, clientFor(lab), { hits: 60, assignmentsPerHit: 2, workers: 5 });
  ({ serve, browser, page } = await openLabApp(lab, { name: 'hits', hash: '#/hits', colorScheme: 'dark', problems }));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

const rows = () => page.locator('[aria-label="HITs"] .ag-row');

describe('the HITs area', () => {
  it('shows every HIT of the account once the automatic sync has archived them', async () => {
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBeGreaterThan(10);
    await expect.poll(() => page.locator('[aria-label="HITs"] .ag-row[row-index="59"]').count(), { timeout: 20_000 }).toBe(0);
    // Scroll to the end: the 60th row exists and nothing beyond it.
    await rows().first().hover();
    await expect
      .poll(async () => {
        await page.mouse.wheel(0, 1500);
        return page.locator('[aria-label="HITs"] .ag-row[row-index="59"]').count();
      })
      .toBe(1);
    expect(await page.locator('[aria-label="HITs"] .ag-row[row-index="60"]').count()).toBe(0);
  });

  it('filters by text', async () => {
    await page.getByLabel('Search HITs').fill('row 42');
    await expect.poll(() => rows().count()).toBe(1);
    await expect.poll(() => rows().first().textContent()).toContain('batch-1 row 42');
  });

  it('says in the grid when nothing matches, and never calls a filtered view an empty account', async () => {
    const none = page.getByTestId('grid-no-rows');
    const emptyAccount = page.getByLabel('An empty account');
    await page.getByLabel('Search HITs').fill('no such HIT anywhere');
    await expect.poll(() => none.textContent()).toBe('No HIT matches the search, the status and the column filters.');
    expect(await emptyAccount.count()).toBe(0);
    // The Title column's own filter alone, with the search cleared.
    await page.getByLabel('Search HITs').fill('');
    const titleFilter = page.locator('[aria-label="HITs"] .ag-floating-filter input').first();
    await titleFilter.fill('no such title');
    await expect.poll(() => none.isVisible()).toBe(true);
    expect(await emptyAccount.count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'hits-no-match.png') });
    await titleFilter.fill('');
    await page.getByLabel('Search HITs').fill('row 42');
    await expect.poll(() => rows().count()).toBe(1);
  });

  it('shows the assignments of the selected HIT with their answers as text', async () => {
    await rows().first().click();
    const assignments = page.locator('[aria-label="Assignments"] .ag-row');
    await expect.poll(() => assignments.count(), { timeout: 15_000 }).toBe(2);
    expect(await assignments.first().textContent()).toMatch(/label: answer 42-\d/);
    await page.screenshot({ path: join(SHOTS, 'hits-dark.png') });
  });

  it('is one click from the Archive counts', async () => {
    await page.locator('.nav-item[data-area="archive"]').click();
    await page.getByRole('link', { name: 'Browse HITs →' }).click();
    await expect.poll(() => page.locator('.topbar h1').textContent()).toBe('HITs');
    await expect.poll(() => rows().count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
