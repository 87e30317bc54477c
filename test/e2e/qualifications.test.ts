import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CreateQualificationTypeCommand, GetQualificationScoreCommand, GetQualificationTypeCommand, ListQualificationRequestsCommand, ListQualificationTypesCommand, type MTurkClient } from '@aws-sdk/client-mturk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { clientFor } from '../../local-mturk/test/helpers';
import { createHit } from '../../local-mturk/test/helpers';
import { buildTestXml } from '../../shared/qualifications/test-xml';
import { openLabApp } from './support/lab-app';
import type { ServeProcess } from './support/serve-process';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
let lab: LocalMTurk;
let client: MTurkClient;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let applicant: string;
let taker: string;
let screeningTypeId: string;
let pilotHitTypeId: string;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startLocalMTurk({ port: 0 });
  client = clientFor(lab);
  applicant = lab.control.createWorker().workerId;
  taker = lab.control.createWorker().workerId;
  // A type with a test but no answer key: the applicant's answers wait in the requests queue for the requester.
  const screening = buildTestXml({
    title: 'Screening',
    overview: '',
    questions: [{ id: 'lang', text: 'Do you read German?', style: 'radiobutton', options: [{ id: 'yes', text: 'Yes', score: 1 }, { id: 'no', text: 'No', score: 0 }] }],
    mapping: { kind: 'none' },
  });
  if (!screening.ok) throw new Error('the screening test does not build');
  const made = await client.send(
    new CreateQualificationTypeCommand({ Name: 'German readers', Description: 'Reads German texts', QualificationTypeStatus: 'Active', Test: screening.value.test, TestDurationInSeconds: 300 }),
  );
  screeningTypeId = made.QualificationType!.QualificationTypeId!;
  expect(lab.control.requestQualification(applicant, screeningTypeId, { lang: ['yes'] }).outcome).toBe('Pending');
  expect(lab.control.requestQualification(taker, screeningTypeId, { lang: ['no'] }).outcome).toBe('Pending');
  // A pilot the applicant took part in: its submitters are the past participants to exclude.
  const pilot = await createHit(client, { Title: 'Pilot study' });
  pilotHitTypeId = pilot.HITTypeId!;
  lab.control.submit(lab.control.accept(applicant, pilot.HITId!).AssignmentId, { label: 'pilot answer' });

  // Making the connection active starts the automatic sync that archives the types and the open request.
  ({ serve, browser, page } = await openLabApp(lab, { name: 'quals', hash: '#/qualifications', problems }));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await lab?.close();
});

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}-light.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(SHOTS, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

const scoreOf = async (typeId: string, workerId: string): Promise<number | undefined> => {
  try {
    return (await client.send(new GetQualificationScoreCommand({ QualificationTypeId: typeId, WorkerId: workerId }))).Qualification?.IntegerValue;
  } catch {
    return undefined;
  }
};
const typeRow = (name: string) => page.locator('.quals-view__types .ag-row').filter({ hasText: name });

describe('the Qualifications area', () => {
  it('shows the requests queue with the test answers, accepts one with a score and rejects a checked one with a reason', async () => {
    await expect.poll(() => typeRow('German readers').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('tab', { name: /Requests/ }).click();
    const requests = page.getByTestId('request');
    await expect.poll(() => requests.count(), { timeout: 30_000 }).toBe(2);
    const ofApplicant = requests.filter({ hasText: applicant });
    expect(await ofApplicant.locator('.requests__answers').textContent()).toBe('lang: yes');
    expect(await requests.filter({ hasText: taker }).locator('.requests__answers').textContent()).toBe('lang: no');
    await shoot('quals-requests');
    await page.getByLabel('Score to accept with').fill('7');
    await ofApplicant.getByRole('button', { name: 'Accept with 7' }).click();
    await expect.poll(() => scoreOf(screeningTypeId, applicant), { timeout: 30_000 }).toBe(7);
    await expect.poll(() => requests.count(), { timeout: 30_000 }).toBe(1);

    await page.getByRole('checkbox', { name: `Select the request of ${taker}` }).check();
    await page.getByLabel('Reason for rejecting').fill('German is needed for these texts');
    await page.getByRole('button', { name: 'Reject 1 checked' }).click();
    await expect.poll(() => page.getByTestId('requests-none').isVisible(), { timeout: 30_000 }).toBe(true);
    const { QualificationRequests } = await client.send(new ListQualificationRequestsCommand({ QualificationTypeId: screeningTypeId }));
    expect(QualificationRequests).toEqual([]);
    expect(await scoreOf(screeningTypeId, taker)).toBeUndefined();
  });

  it('builds a test, previews it as a worker sees it, takes it for a score, and creates the type', async () => {
    await page.getByRole('button', { name: 'New type…' }).click();
    const editor = page.getByTestId('type-editor');
    await editor.getByLabel('Name', { exact: true }).fill('Bird spotters');
    await editor.getByLabel('Description', { exact: true }).fill('Tells birds from other animals');
    await editor.getByLabel('Test title').fill('Bird quiz');
    await editor.getByLabel('Question 1 text').fill('Which is a bird?');
    await editor.getByLabel('Question 1 option 1 text').fill('Robin');
    await editor.getByLabel('Question 1 option 1 score').fill('10');
    await editor.getByLabel('Question 1 option 2 text').fill('Bat');
    await editor.getByRole('button', { name: 'Add question' }).click();
    await editor.getByLabel('Question 2 text').fill('Which bird cannot fly?');
    await editor.getByLabel('Question 2 option 1 text').fill('Kiwi');
    await editor.getByLabel('Question 2 option 1 score').fill('10');
    await editor.getByLabel('Question 2 option 2 id').fill('b ad');
    await expect.poll(() => editor.getByRole('alert').first().textContent()).toContain('Question 2, option 2: the id "b ad" must be');
    await editor.getByLabel('Question 2 option 2 id').fill('b');
    await editor.getByLabel('Question 2 option 2 text').fill('Crow');

    const frame = page.frameLocator('[data-testid="test-preview-frame"]');
    await expect.poll(() => frame.getByText('Which bird cannot fly?').count(), { timeout: 15_000 }).toBe(1);
    await shoot('quals-test-builder');
    await frame.locator('input[name="answer.q1"][value="a"]').check();
    await frame.locator('input[name="answer.q2"][value="b"]').check();
    await frame.getByRole('button', { name: 'Submit' }).click();
    // Robin (10) + Crow (0) of a best 20: the percentage mapping gives 50.
    await expect.poll(() => frame.locator('[data-score]').getAttribute('data-score'), { timeout: 15_000 }).toBe('50');
    await shoot('quals-test-score');

    await editor.getByRole('button', { name: 'Create type' }).click();
    await expect.poll(() => typeRow('Bird spotters').count(), { timeout: 30_000 }).toBe(1);
    expect(await typeRow('Bird spotters').textContent()).toContain('Test, scored');

    // On Local MTurk a worker takes the created test and is scored as its answer key says.
    const { QualificationTypes } = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true, Query: 'Bird spotters' }));
    const typeId = QualificationTypes![0]!.QualificationTypeId!;
    const type = (await client.send(new GetQualificationTypeCommand({ QualificationTypeId: typeId }))).QualificationType!;
    expect(type.AnswerKey).toContain('<MaximumSummedScore>20</MaximumSummedScore>');
    expect(type.TestDurationInSeconds).toBe(600);
    expect(lab.control.requestQualification(taker, typeId, { q1: ['a'], q2: ['a'] })).toMatchObject({ outcome: 'Granted', integerValue: 100 });
    expect(await scoreOf(typeId, taker)).toBe(100);
  });

  it('grants a pasted list of workers a score (no notification by default) and shows them as holders', async () => {
    await typeRow('German readers').locator('[col-id="name"]').click();
    await page.getByRole('tab', { name: 'Holders' }).click();
    // A list saved as "Unicode text" (UTF-16 with a BOM) is converted, not read as garbled ids, and the panel says so.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${taker.toLowerCase()}\r\nnot-an-id\r\n`, 'utf16le')]);
    await page.getByLabel('Load CSV…').setInputFiles({ name: 'holders.txt', mimeType: 'text/plain', buffer: utf16 });
    await expect.poll(() => page.getByLabel('Worker ids to grant or revoke').inputValue()).toBe(`${taker.toLowerCase()}\nnot-an-id\n`); // a text box's value has LF line ends
    expect(await page.getByTestId('holders-file-note').textContent()).toBe("holders.txt: Read as UTF-16LE (the file's byte order mark says so).");
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('line 2 "not-an-id"');
    await shoot('quals-holders-file');
    // A file it cannot read is refused naming it, and leaves no earlier list behind to be granted by mistake.
    await page.getByLabel('Load CSV…').setInputFiles({ name: 'garbled.csv', mimeType: 'text/csv', buffer: Buffer.from([0x41, 0x31, 0x0a, 0x81, 0x8d, 0x8f, 0x90]) });
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/^garbled\.csv: .*load it again\.$/);
    expect(await page.getByLabel('Worker ids to grant or revoke').inputValue()).toBe('');
    await page.getByLabel('Worker ids to grant or revoke').fill(taker);
    expect(await page.getByTestId('holders-file-note').count()).toBe(0);
    expect(await page.locator('.holders').getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: 'Notify workers' }).isChecked()).toBe(false);
    await page.getByLabel('Score to grant').fill('3');
    await page.getByRole('button', { name: 'Grant / set score for 1 worker' }).click();
    await expect.poll(() => scoreOf(screeningTypeId, taker), { timeout: 30_000 }).toBe(3);
    const holders = page.locator('.holders__grid .ag-row');
    await expect.poll(() => holders.filter({ hasText: taker }).locator('[col-id="integerValue"]').textContent(), { timeout: 30_000 }).toBe('3');
    expect(await page.getByTestId('holders-count').textContent()).toMatch(/^(1 worker holds|(0|[2-9]|[1-9]\d+) workers hold) this type$/);
    await shoot('quals-holders');
  });

  it('excludes the past participants of a HIT type into the selected type, after every sync too, and imports a registry', async () => {
    await typeRow('Bird spotters').locator('[col-id="name"]').click();
    await page.getByRole('tab', { name: 'Past participants' }).click();
    const panel = page.getByTestId('exclusions');
    await panel.getByLabel('Exclude the participants of').selectOption('hit-type');
    await panel.getByLabel('Source id').fill(pilotHitTypeId);
    await panel.getByRole('checkbox', { name: /after every sync/ }).check();
    await panel.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => page.getByTestId('exclusion-plan').textContent()).toContain('1 took part; 0 already hold it; 1 will be granted it and registered under study “Bird spotters”');
    const { QualificationTypes } = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true, Query: 'Bird spotters' }));
    const birdTypeId = QualificationTypes![0]!.QualificationTypeId!;
    await page.getByTestId('exclusion-plan').getByRole('button', { name: 'Exclude 1 worker' }).click();
    await expect.poll(() => scoreOf(birdTypeId, applicant), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => panel.locator('.exclusions__rules').textContent()).toContain(pilotHitTypeId);
    // Saved by a spreadsheet as Windows-1252: the study's accented name arrives intact, and the panel says how it was read.
    await panel.getByTestId('registry-file').setInputFiles({ name: 'old-lab.csv', mimeType: 'text/csv', buffer: Buffer.from(`study,worker_id\r\nÉtude de printemps,${taker}\r\n`, 'latin1') });
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('old-lab.csv: 1 row(s), 1 new participant(s) in 1 study. Read as Windows-1252 (Western European): the file is not UTF-8. Check accented letters in the archive; if they look wrong, save the file as CSV UTF-8 and import it again.');
    await expect.poll(() => panel.textContent()).toContain('Bird spotters (1) · Étude de printemps (1)');
    await shoot('quals-exclusions');
  });

  it('reopens a built test for editing, deactivates a type, and says what deleting it would break', async () => {
    await typeRow('Bird spotters').locator('[col-id="name"]').click();
    await page.getByRole('button', { name: 'Edit…' }).click();
    const editor = page.getByTestId('type-editor');
    await expect.poll(() => editor.getByLabel('Question 2 text').inputValue()).toBe('Which bird cannot fly?');
    expect(await editor.getByLabel('Question 1 option 1 score').inputValue()).toBe('10');
    await editor.getByLabel('Description', { exact: true }).fill('Tells birds from bats');
    await editor.getByLabel('Question 1 option 2 score').fill('5');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => typeRow('Bird spotters').count(), { timeout: 30_000 }).toBe(1);
    const { QualificationTypes } = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true, Query: 'Bird spotters' }));
    expect(QualificationTypes![0]).toMatchObject({ Description: 'Tells birds from bats', AnswerKey: expect.stringContaining('<SelectionIdentifier>b</SelectionIdentifier><AnswerScore>5</AnswerScore>') });

    await page.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => typeRow('Bird spotters').locator('[col-id="status"]').textContent(), { timeout: 30_000 }).toBe('Inactive');
    await page.getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => typeRow('Bird spotters').locator('[col-id="status"]').textContent(), { timeout: 30_000 }).toBe('Active');

    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByTestId('delete-type-dialog');
    await expect.poll(() => dialog.textContent()).toContain('No archived HIT type or open HIT requires it.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(problems).toEqual([]);
  });
});
