import { ListAssignmentsForHITCommand, MTurkClient } from '@aws-sdk/client-mturk';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/domain/csv';
import { parseQuestionFormAnswers, TASK_ANSWERS_IDENTIFIER } from '../../shared/mturk/answers';
import { PHOTO_CATEGORIES, photoAnimal, photoBatch, photoUrl } from '../integration/batches/batch-folders';
import { launchChromium } from './support/browser';
import { callApi, labEnv, openLabAccount, type LabAccount } from './support/lab-account';
import { startServe, type ServeProcess } from './support/serve-process';

/**
 * The requester's whole flow in Chromium: a folder made like a Requester-website template (crowd-html-elements from
 * MTurk's CDN, a crowd-classifier, a picture per row from ${image_url}) with 50 rows is opened in the editor, rows 1
 * and 50 previewed, the cost read, tried on the built-in Local MTurk while another connection is active, worked by
 * the simulated crowd, followed to 100 %, and its results downloaded as the website's CSV.
 */
const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const ROWS = 50;
const ASSIGNMENTS = 2;

let serve: ServeProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let account: LabAccount;
let folder: string;
const problems: string[] = [];
const offLoopback: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  folder = photoBatch(ROWS, { MaxAssignments: ASSIGNMENTS });
  [serve, browser] = await Promise.all([startServe(undefined, labEnv), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', acceptDownloads: true });
  // Tests never leave loopback: anything else is recorded and refused.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, async (route) => {
    offLoopback.push(route.request().url());
    await route.abort();
  });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await serve.signIn(page, '#/batch-editor');
  // Another connection is active: "Try on Local MTurk" must still go to the built-in one.
  account = await openLabAccount(page, serve, { label: 'Lab account' });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await account?.close();
  await serve?.stop();
});

/** The page as it is now, in the light and the dark theme. */
async function shots(name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: join(SHOTS, `flow-${name}-light.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(SHOTS, `flow-${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

const frame = () => page.frameLocator('iframe.batch-preview__frame');
const dialog = () => page.getByTestId('launch-dialog');
const batchPage = () => page.getByTestId('batch-page');

describe('the requester flow, from a website template to its results', () => {
  it('opens the folder and previews rows 1 and 50 in the sandboxed frame', { timeout: 60_000 }, async () => {
    await page.getByRole('textbox', { name: 'Batch folder' }).fill(folder);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('.template-editor .cm-content').waitFor();
    expect(await page.locator('iframe.batch-preview__frame').getAttribute('sandbox')).toBe('allow-scripts');
    await expect.poll(() => frame().locator('classification-target img').getAttribute('src'), { timeout: 20_000 }).toBe(photoUrl(1));
    expect(await frame().locator('classification-target p').textContent()).toBe(`Photo 1 of the shelter, ${photoAnimal(1).toLowerCase()} run`);
    // The crowd elements ran from the preview host's copy: the classifier offers the template's categories.
    await expect.poll(() => frame().locator('crowd-classifier').getByRole('radio').count(), { timeout: 20_000 }).toBe(PHOTO_CATEGORIES.length);
    await shots('1-preview-row-1');

    // From the keyboard, as a requester walks the rows: Ctrl+↓ goes to the last row, and the preview follows it.
    await page.locator('.batch-rows .ag-row[row-id="1"] .ag-cell').last().click();
    await page.keyboard.press('Control+ArrowDown');
    await expect.poll(() => page.locator('.batch-preview__bar strong').textContent()).toBe(`Preview of row ${ROWS}`);
    await expect.poll(() => frame().locator('classification-target img').getAttribute('src'), { timeout: 20_000 }).toBe(photoUrl(ROWS));
    expect(await frame().locator('classification-target p').textContent()).toBe(`Photo ${ROWS} of the shelter, ${photoAnimal(ROWS).toLowerCase()} run`);
    await shots('2-preview-row-50');
  });

  it('shows the cost: 50 HITs × 2 assignments × $0.05 with MTurk’s 20 % fee', async () => {
    await page.getByRole('tab', { name: /Properties/ }).click();
    const cost = page.getByRole('complementary', { name: 'Cost' });
    // 100 assignments × $0.05 = $5.00, + 20 % ($0.01 an assignment) = $1.00.
    await expect.poll(() => page.getByTestId('batch-total').textContent()).toBe('$6.00');
    expect(await cost.textContent()).toContain('$5.00');
    expect(await cost.textContent()).toContain('MTurk fee (20 %)$1.00');
    // Nothing was edited: the folder is as saved, so it can be launched as it is.
    expect(await page.locator('.batch-editor__state').textContent()).toBe('Saved');
    await shots('3-cost');
  });

  it('tries the folder on the built-in Local MTurk while another connection is active', { timeout: 60_000 }, async () => {
    await page.getByRole('button', { name: 'Try on Local MTurk' }).click();
    await expect.poll(() => dialog().locator('h2').textContent(), { timeout: 15_000 }).toBe('Try the batch on Local MTurk');
    const cost = dialog().getByTestId('launch-cost');
    await expect.poll(() => cost.textContent(), { timeout: 15_000 }).toContain(`$5.00 rewards (${ROWS * ASSIGNMENTS} assignments over ${ROWS} HITs)`);
    expect(await cost.textContent()).toContain('$6.00 in total');
    expect(await dialog().textContent()).toContain('Local MTurk');
    expect(await dialog().textContent()).not.toContain('Lab account');
    expect(await dialog().getByTestId('production-notice').count()).toBe(0);
    expect(await dialog().getByTestId('trial-notice').textContent()).toContain('nothing reaches MTurk');
    const launch = dialog().locator('.dialog__actions button').last();
    expect(await launch.textContent()).toBe(`Launch ${ROWS} HITs · $6.00`);
    await shots('4-try-on-local');

    await launch.click();
    await expect.poll(() => page.url()).toContain('#/batches');
    await expect.poll(() => batchPage().getByTestId('figure-hits').textContent(), { timeout: 40_000 }).toBe(String(ROWS));
    expect(await batchPage().locator('.batch-page__meta').textContent()).toContain('on Local MTurk');
    expect(await batchPage().getByTestId('batch-percent').textContent()).toBe('0 %');
    // Nothing went to the active connection's MTurk.
    expect(account.lab.requester.call('ListHITs', {})['NumResults']).toBe(0);
    await shots('5-launched');
  });

  it('lets the simulated crowd work the batch, and the progress bar reaches 100 %', { timeout: 60_000 }, async () => {
    await batchPage().getByRole('button', { name: 'Simulate the crowd' }).click();
    await expect.poll(() => batchPage().getByTestId('batch-action-outcome').textContent(), { timeout: 40_000 }).toContain(`${ROWS * ASSIGNMENTS} assignments of this batch are archived`);
    await expect.poll(() => batchPage().getByTestId('batch-percent').textContent(), { timeout: 20_000 }).toBe('100 %');
    const bar = batchPage().getByRole('progressbar');
    expect(await bar.getAttribute('aria-valuenow')).toBe(String(ROWS * ASSIGNMENTS));
    expect(await bar.getAttribute('aria-valuemax')).toBe(String(ROWS * ASSIGNMENTS));
    expect(await batchPage().getByTestId('batch-progress').textContent()).toBe(`${ROWS * ASSIGNMENTS} / ${ROWS * ASSIGNMENTS} submitted · 0 approved`);
    expect(await batchPage().getByRole('button', { name: 'Simulate the crowd' }).isDisabled()).toBe(true);
    await shots('6-done');
  });

  it('downloads the results as the website’s CSV with the inputs and the crowd’s answers', { timeout: 90_000 }, async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), batchPage().getByRole('button', { name: 'CSV', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^turkbench-batch-animal-photos-b[0-9a-f]{12}-\d{4}-\d\d-\d\d\.csv$/);
    const parsed = parseCsv(readFileSync((await download.path())!, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [header, ...records] = parsed.value.records.map((r) => r.cells);
    const at = (name: string): number => header!.indexOf(name);
    expect(header).toEqual(expect.arrayContaining(['HITId', 'AssignmentId', 'WorkerId', 'Input.image_url', 'Input.caption', 'Answer.animal.label']));
    expect(records).toHaveLength(ROWS * ASSIGNMENTS);
    expect(new Set(records.map((cells) => cells[at('Input.image_url')])).size).toBe(ROWS);
    await expect.poll(() => batchPage().getByTestId('batch-action-outcome').textContent()).toContain(`${ROWS * ASSIGNMENTS} assignments`);
    await shots('7-downloaded');

    // Every answer is the one the crowd submitted to the built-in Local MTurk, read back through its MTurk API.
    const access = await callApi<{ endpoint: string; region: string; accessKeyId: string }>(page, serve, 'localMTurk.access');
    const { secretAccessKey } = await callApi<{ secretAccessKey: string }>(page, serve, 'localMTurk.revealSecret');
    const mturk = new MTurkClient({ endpoint: access.endpoint, region: access.region, credentials: { accessKeyId: access.accessKeyId, secretAccessKey } });
    cleanups.push(() => mturk.destroy());
    const submitted = new Map<string, string>();
    for (const hitId of new Set(records.map((cells) => cells[at('HITId')]!))) {
      for (const a of (await mturk.send(new ListAssignmentsForHITCommand({ HITId: hitId, MaxResults: 100 }))).Assignments ?? []) {
        const taskAnswers = parseQuestionFormAnswers(a.Answer ?? '').find((f) => f.questionIdentifier === TASK_ANSWERS_IDENTIFIER)!.freeText!;
        submitted.set(a.AssignmentId!, (JSON.parse(taskAnswers) as { animal: { label: string } }[])[0]!.animal.label);
      }
    }
    expect(submitted.size).toBe(ROWS * ASSIGNMENTS);
    for (const cells of records) {
      expect(PHOTO_CATEGORIES).toContain(cells[at('Answer.animal.label')]);
      expect(cells[at('Answer.animal.label')]).toBe(submitted.get(cells[at('AssignmentId')]!));
    }
  });

  it('then publishes the same folder on the active connection', { timeout: 60_000 }, async () => {
    await page.goto(`${serve.url}#/batch-editor`);
    await page.getByRole('textbox', { name: 'Batch folder' }).fill(folder);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('button', { name: 'Publish…' }).click();
    await expect.poll(() => dialog().getByTestId('launch-cost').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await dialog().locator('h2').textContent()).toBe('Launch the batch');
    // The trial on Local MTurk is another connection's batch: this is the folder's first launch here.
    expect(await dialog().textContent()).toContain('Animal photos on Lab account');
    expect(await dialog().getByTestId('trial-notice').count()).toBe(0);
    await shots('8-publish');
    await dialog().locator('.dialog__actions button').last().click();
    await expect.poll(() => batchPage().getByTestId('figure-hits').textContent(), { timeout: 40_000 }).toBe(String(ROWS));
    expect(await batchPage().locator('.batch-page__meta').textContent()).toContain('on Lab account');
    expect(await batchPage().getByRole('button', { name: 'Simulate the crowd' }).count()).toBe(0);
    expect(account.lab.requester.call('ListHITs', { MaxResults: 100 })['NumResults']).toBe(ROWS);

    // The list shows the active connection's batch, and the trial apart, on the built-in Local MTurk.
    await page.getByRole('button', { name: '← All batches' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Batches', exact: true }).getByTestId('batch-card').count()).toBe(1);
    const trials = page.getByTestId('batch-trials');
    await expect.poll(() => trials.getByTestId('batch-card').count()).toBe(1);
    expect(await trials.getByTestId('batch-percent').textContent()).toBe('100 %');
    await shots('9-list');
    expect(problems).toEqual([]);
    expect(offLoopback).toEqual([]);
  });
});

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((clean) => clean()));
