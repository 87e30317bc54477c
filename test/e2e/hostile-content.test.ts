import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQualificationTypeCommand, CreateWorkerBlockCommand, SendBonusCommand } from '@aws-sdk/client-mturk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor, createHit } from '../../local-mturk/test/helpers';
import { websiteFile, websiteRow } from '../integration/archive-service/website-file';
import { launchChromium } from './support/browser';
import { ALL_PAYLOADS, overflow, PAYLOADS, RLO_NAME, watchForExecution, type Watch } from './support/hostile';
import { startServe, type ServeProcess } from './support/serve-process';

/**
 * Everything a worker, another tool or an imported file can put into the archive is hostile here, and every
 * screen and export that shows it is opened: nothing may run, open a dialog, break the CSP or the layout.
 */
const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const HOSTILE_QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
  <HTMLContent><![CDATA[<!DOCTYPE html><html><body>${PAYLOADS.script}${PAYLOADS.img}<form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit">
  <input type="hidden" name="assignmentId" value=""/><input name="label"/><input type="submit"/></form></body></html>]]></HTMLContent>
  <FrameHeight>600</FrameHeight>
</HTMLQuestion>`;
/** As long an unbroken title as MTurk (and the import) allows: 128 characters with no break opportunity. */
const LONG_UNBROKEN = 'W'.repeat(128 - RLO_NAME.length);
const HUGE_ANSWER = `${PAYLOADS.img}${'z'.repeat(2_000_000)}`;

let lab: LocalMTurk;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let watch: Watch;

async function seedHostileAccount(): Promise<void> {
  const client = clientFor(lab);
  const worker = lab.control.createWorker({ country: 'US', approvalRatePercent: 99 }).workerId;
  const other = lab.control.createWorker({ country: 'US', approvalRatePercent: 99 }).workerId;
  const hit = await createHit(client, {
    Title: `${PAYLOADS.img} ${RLO_NAME}`.slice(0, 128),
    Description: ALL_PAYLOADS,
    Keywords: `${PAYLOADS.svg},${PAYLOADS.template}`,
    RequesterAnnotation: `${PAYLOADS.css}`.slice(0, 255),
    Question: HOSTILE_QUESTION,
    MaxAssignments: 3,
  });
  const first = lab.control.accept(worker, hit.HITId!);
  lab.control.submit(first.AssignmentId, { label: ALL_PAYLOADS, file: RLO_NAME, long: 'q'.repeat(100_000) });
  const second = lab.control.accept(other, hit.HITId!);
  lab.control.submit(second.AssignmentId, { label: HUGE_ANSWER });
  await client.send(new SendBonusCommand({ WorkerId: worker, AssignmentId: first.AssignmentId, BonusAmount: '0.10', Reason: ALL_PAYLOADS, UniqueRequestToken: 'hostile-1' }));
  await client.send(new CreateQualificationTypeCommand({ Name: `${PAYLOADS.svg} ${RLO_NAME}`, Description: ALL_PAYLOADS, QualificationTypeStatus: 'Active' }));
  await client.send(new CreateWorkerBlockCommand({ WorkerId: other, Reason: `${PAYLOADS.script} ${RLO_NAME}` }));
}

/** A website results file whose every free-text cell is hostile, with a title as long and unbroken as allowed. */
function hostileResultsFile(): string {
  const hostile = {
    Title: `${LONG_UNBROKEN}${RLO_NAME}`,
    Description: ALL_PAYLOADS,
    Keywords: PAYLOADS.template,
    RequesterAnnotation: PAYLOADS.svg,
    RequesterFeedback: PAYLOADS.link,
    'Input.tweet': `${ALL_PAYLOADS} ${RLO_NAME} ${'i'.repeat(100_000)}`,
    'Answer.sentiment': `${PAYLOADS.iframe} ${RLO_NAME}`,
  };
  return websiteFile([websiteRow(2, hostile), websiteRow(3, hostile)]);
}

async function shoot(name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function expectClean(where: string): Promise<void> {
  expect(await overflow(page), `layout on ${where}`).toEqual([]);
  expect(await watch.findings(), `after ${where}`).toEqual([]);
}

const hitRows = () => page.locator('[aria-label="HITs"] .ag-row');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  await seedHostileAccount();
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-e2e-hostile-'));
  const connection = { id: 'lab', label: `Lab ${RLO_NAME}`, kind: 'custom', endpoint: lab.url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 300 };
  writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections: [connection] }));
  [serve, browser] = await Promise.all([
    startServe(dataDir, { AWS_ACCESS_KEY_ID: lab.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.credentials.secretAccessKey }),
    launchChromium(),
  ]);
  page = await browser.newPage({ viewport: { width: 1360, height: 900 }, colorScheme: 'light', acceptDownloads: true });
  watch = await watchForExecution(page);
  await serve.signIn(page, '#/archive');
  await page.getByTestId('archive').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

describe('hostile content', () => {
  it('is archived by the automatic sync and by a results-file import, and the Archive screen shows it inertly', async () => {
    await expect.poll(() => page.locator('[data-tile="HITs"] .archive-tile__value').textContent(), { timeout: 40_000 }).toBe('1');
    await page.getByTestId('import-file').setInputFiles({ name: `Batch_${RLO_NAME}.csv`, mimeType: 'text/csv', buffer: Buffer.from(hostileResultsFile()) });
    await expect.poll(() => page.getByTestId('import').locator('.notice--ok').textContent(), { timeout: 20_000 }).toContain('all 2 rows');
    await expect.poll(() => page.locator('[data-tile="HITs"] .archive-tile__value').textContent()).toBe('2');
    await shoot('hostile-archive');
    await expectClean('the Archive screen');
  });

  it('shows workers, bonuses, qualification types and blocks as text in their grids', async () => {
    for (const [tile, button, grid] of [
      ['Workers', 'Browse workers', 'Workers'],
      ['Bonuses', 'Browse bonuses', 'Bonuses'],
      ['Qualification types', 'Browse qualification types', 'Qualification types'],
      ['Worker blocks', 'Browse blocks', 'Worker blocks'],
    ] as const) {
      await page.locator(`[data-tile="${tile}"]`).getByRole('button', { name: `${button} →` }).click();
      const rows = page.locator(`[aria-label="${grid}"] .ag-row`);
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      if (grid !== 'Workers') await expect.poll(() => rows.first().textContent()).toMatch(/<(img|svg|script)/);
      if (grid === 'Worker blocks' || grid === 'Qualification types') await expect.poll(() => rows.first().textContent()).toContain('photo⟨U+202E⟩gnp.exe');
      await page.locator('.archive-records').scrollIntoViewIfNeeded();
      await shoot(`hostile-archive-${tile.toLowerCase().replace(/ /g, '-')}`);
      await expectClean(`the ${grid} grid`);
    }
  });

  it('shows hostile HITs in the grid and the panel as text, bidi controls visible, huge values cut', async () => {
    await page.locator('.nav-item[data-area="hits"]').click();
    await expect.poll(() => hitRows().count(), { timeout: 15_000 }).toBe(2);
    await shoot('hostile-hits');
    await expectClean('the HITs grid');

    // The synced HIT: a 2 MB answer, a 100k answer, an RLO file name, the question's source.
    const synced = hitRows().filter({ hasText: 'photo⟨U+202E⟩gnp.exe' }).filter({ hasNotText: 'WWWW' });
    const started = Date.now();
    await synced.click();
    const assignments = page.locator('[aria-label="Assignments"] .ag-row');
    await expect.poll(() => assignments.count(), { timeout: 20_000 }).toBe(2);
    console.log(`A HIT with a 2 MB answer showed its assignments ${Date.now() - started} ms after the click.`);
    expect(await page.getByTestId('detail-title').textContent()).toContain('photo⟨U+202E⟩gnp.exe');
    expect(await page.getByTestId('detail-title').locator('bdi').count()).toBe(1);
    expect(await assignments.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('(2,000,0')]));
    // The grid page carried 10,000 characters of the 2 MB answer; the rest comes on request, a step at a time or as a file.
    await assignments.filter({ hasText: '(2,000,0' }).locator('[col-id="workerId"]').click();
    const answer = page.getByTestId('answer-panel');
    await expect.poll(() => answer.textContent()).toContain(`Showing 10,000 of ${HUGE_ANSWER.length.toLocaleString('en-US')} characters.`);
    await answer.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => answer.textContent(), { timeout: 15_000 }).toContain(`Showing 210,000 of ${HUGE_ANSWER.length.toLocaleString('en-US')} characters.`);
    expect((await answer.locator('pre').textContent())!.length).toBe(210_000);
    const [saved] = await Promise.all([page.waitForEvent('download'), answer.getByRole('button', { name: 'Save all as a text file' }).click()]);
    expect(readFileSync((await saved.path())!, 'utf8')).toBe(HUGE_ANSWER);
    await expectClean('the 2 MB answer');
    await page.getByTestId('hit-question').locator('summary').click();
    expect(await page.getByTestId('hit-question').textContent()).toContain(`<script>window.__pwned('script')</script>`);
    await shoot('hostile-hit-panel-synced');
    await expectClean('the panel of the synced HIT');

    // The imported HIT: a 128-character unbroken title (clamped and wrapped: the layout checks below) and 100k-character
    // hostile inputs. Longer titles are refused at import, as MTurk refuses them.
    await hitRows().filter({ hasText: 'WWWW' }).click();
    await expect.poll(() => page.getByTestId('hit-inputs').textContent(), { timeout: 10_000 }).toContain('tweet');
    const inputs = page.getByTestId('hit-inputs');
    expect(await inputs.textContent()).toContain(PAYLOADS.img);
    expect(await inputs.textContent()).toContain('photo⟨U+202E⟩gnp.exe');
    await shoot('hostile-hit-panel-imported');
    await expectClean('the panel of the imported HIT');
    await inputs.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => inputs.locator('pre').textContent()).toContain('i'.repeat(100_000));
    await expectClean('the full input value');
  });

  it('exports the hostile rows as data without running any of it', async () => {
    await page.locator('.nav-item[data-area="archive"]').click();
    for (const format of ['csv', 'json']) {
      await page.locator(`input[name="export-format"][value="${format}"]`).check();
      const name = `Export ${format.toUpperCase()}`;
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      const file = await download.path();
      expect(file).toBeTruthy();
    }
    await expectClean('the exports');
  });
});
