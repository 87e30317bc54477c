import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { BATCH, hostileTemplate, INPUT, photo, TEMPLATE } from './support/batch-editor-folders';
import { startServe, type ServeProcess } from './support/serve-process';

/**
 * The batch editor in Chromium over the serve bridge: a Requester-website-style crowd-classifier folder opened,
 * rows previewed in the sandboxed frame, the form checked as typed, a lint finding at its line, save and reopen;
 * and a hostile template that tries to reach the app from its preview.
 */
const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

let serve: ServeProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let folder: string;
let hostileFolder: string;
const problems: string[] = [];
const offLoopback: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const root = mkdtempSync(join(tmpdir(), 'tb-e2e-editor-'));
  folder = join(root, 'animals');
  mkdirSync(folder);
  writeFileSync(join(folder, 'batch.json'), `${JSON.stringify(BATCH, null, 2)}\n`);
  writeFileSync(join(folder, 'template.html'), TEMPLATE);
  writeFileSync(join(folder, 'input.csv'), INPUT);
  [serve, browser] = await Promise.all([startServe(), launchChromium()]);
  hostileFolder = join(root, 'hostile');
  mkdirSync(hostileFolder);
  writeFileSync(join(hostileFolder, 'batch.json'), JSON.stringify({ ...BATCH, QualificationRequirements: [] }));
  writeFileSync(join(hostileFolder, 'template.html'), hostileTemplate(serve.origin));
  writeFileSync(join(hostileFolder, 'input.csv'), 'caption\nrow one\n');

  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, async (route) => {
    const url = route.request().url();
    // The test rows' photos, and the starting template's (a new folder).
    if (/^https:\/\/images\.example\.(invalid|org)\/photos\/(\d+)\.jpg$/.test(url)) {
      await route.fulfill({ status: 200, contentType: 'image/svg+xml', body: photo(`photo ${/(\d+)\.jpg$/.exec(url)![1]}`) });
      return;
    }
    offLoopback.push(url);
    await route.abort();
  });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await serve.signIn(page, '#/batch-editor');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const frame = () => page.frameLocator('iframe.batch-preview__frame');

/** A folder beside the first one: batch.json, the question file and input.csv. */
function sibling(name: string, batch: Record<string, unknown>, question: { file: string; text: string } = { file: 'template.html', text: TEMPLATE }): string {
  const dir = join(folder, '..', name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'batch.json'), JSON.stringify(batch));
  writeFileSync(join(dir, question.file), question.text);
  writeFileSync(join(dir, 'input.csv'), INPUT);
  return dir;
}

async function open(dir: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Batch folder' }).fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.locator('.template-editor .cm-content').waitFor();
}

describe('the batch editor', () => {
  it('shows an empty state that says what to do', async () => {
    await expect.poll(() => page.locator('.empty__title').textContent()).toBe('Open or create a batch folder');
  });

  it('opens a crowd-classifier folder and previews row 1, then row 3, in a sandboxed frame', async () => {
    await open(folder);
    const iframe = page.locator('iframe.batch-preview__frame');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-scripts');
    await expect.poll(() => frame().locator('crowd-image-classifier').getAttribute('src')).toBe('https://images.example.invalid/photos/0001.jpg');
    await expect.poll(() => frame().locator('short-instructions').textContent()).toBe('Pick the animal in the photo: Tabby on a sofa');
    // The frame is another origin: the app cannot read into it either, and its address carries the preview's assignment id.
    const src = (await iframe.getAttribute('src'))!;
    expect(new URL(src).origin).not.toBe(serve.origin);
    expect(new URL(src).searchParams.get('assignmentId')).toBe('ASSIGNMENT_ID_NOT_AVAILABLE');
    // The app's page may frame that one origin and nothing else.
    const appPolicy = (await page.request.get(serve.url)).headers()['content-security-policy']!;
    expect(appPolicy).toContain(`frame-src ${new URL(src).origin};`);
    // The crowd elements ran (the loader tag was rewritten to the preview host's copy).
    await frame().locator('crowd-image-classifier img').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'batch-editor-row1.png') });

    await page.locator('.batch-rows .ag-row[row-id="3"]').click();
    await expect.poll(() => frame().locator('short-instructions').textContent()).toBe('Pick the animal in the photo: Parrot <b>on</b> a perch');
    expect(await frame().locator('short-instructions b').count()).toBe(0);
    expect(await frame().locator('crowd-image-classifier').getAttribute('src')).toBe('https://images.example.invalid/photos/0003.jpg');
    await expect.poll(() => page.locator('.batch-preview__bar strong').textContent()).toBe('Preview of row 3');
  });

  it('refuses a submit in the preview, as MTurk does for ASSIGNMENT_ID_NOT_AVAILABLE', async () => {
    const submit = frame().locator('crowd-form button', { hasText: 'Submit' });
    await expect.poll(async () => (await submit.count()) > 0 && (await submit.first().isDisabled())).toBe(true);
  });

  it('checks the properties as they are typed, in words under the field', async () => {
    await page.getByRole('tab', { name: /Properties/ }).click();
    const reward = page.getByLabel('Reward per assignment ($)');
    await reward.fill('1.2.3');
    await expect.poll(() => page.locator('.field--invalid .field__error').first().textContent()).toBe('This must be a dollar amount with at most two decimals, such as "0.50" (found "1.2.3").');
    await expect.poll(() => page.locator('.batch-cost__none').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'batch-editor-properties-invalid.png') });
    await reward.fill('0.12');
    await expect.poll(() => page.locator('.field--invalid').count()).toBe(0);
    // 3 rows × 3 assignments × ($0.12 + MTurk's 20 % fee, $0.024 → $0.02 an assignment) = $1.26.
    await expect.poll(() => page.getByTestId('batch-total').textContent()).toBe('$1.26');
    expect(await page.getByLabel('Requirement 1 values').inputValue()).toBe('95');

    // A location requirement, with a subdivision, that keeps everyone else from even seeing the HITs.
    await page.getByLabel('Add a requirement').selectOption('locale');
    await page.getByLabel('Requirement 2 comparison').selectOption('NotIn');
    await page.getByLabel('Requirement 2 countries').fill('US-NY, ca, XYZ');
    await expect.poll(() => page.locator('.requirement--invalid .field__error').textContent()).toContain('The location list must be a list such as');
    await page.getByLabel('Requirement 2 countries').fill('US-NY, ca');
    await page.getByLabel('Requirement 2 workers without it').selectOption('DiscoverPreviewAndAccept');
    await expect.poll(() => page.locator('.requirement--invalid').count()).toBe(0);
    await page.locator('.requirements').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'batch-editor-requirements.png') });
    // Nothing launched yet on this connection: the exclusion choices say so rather than showing an empty box.
    await expect.poll(() => page.getByRole('group', { name: 'Earlier batches' }).textContent()).toContain('No batch launched on this connection yet.');
    await page.locator('.exclude-participants').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'batch-editor-exclude-participants.png') });
  });

  it('shows an unknown placeholder as a diagnostic at its line', async () => {
    await page.getByRole('tab', { name: /template\.html/ }).click();
    const lines = TEMPLATE.split('\n');
    const line = lines.findIndex((l) => l.includes('<short-instructions>')) + 1;
    await page.locator('.cm-line').nth(line - 1).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' ${nope}');
    await expect.poll(() => page.locator('.cm-lint-marker-error').count()).toBe(1);
    await expect.poll(() => page.locator('.batch-findings__item--error').first().textContent()).toContain(`Line ${line}`);
    expect(await page.locator('.cm-lintRange-error').first().textContent()).toContain('${nope}');
    // The marker sits on that line in the gutter: its top is the line's top.
    const markerTop = (await page.locator('.cm-gutter-lint .cm-gutterElement:has(.cm-lint-marker-error)').boundingBox())!.y;
    const lineTop = (await page.locator('.cm-line').nth(line - 1).boundingBox())!.y;
    expect(Math.abs(markerTop - lineTop)).toBeLessThan(3);
    await page.screenshot({ path: join(SHOTS, 'batch-editor-lint.png') });
  });

  it('saves the template and properties, and reopens them from disk', async () => {
    // Ctrl+S from inside the template saves, as the Save button does.
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.batch-editor__state').textContent()).toBe('Saved batch.json and template.html.');
    expect(readFileSync(join(folder, 'template.html'), 'utf8')).toContain('</short-instructions> ${nope}');
    const saved = JSON.parse(readFileSync(join(folder, 'batch.json'), 'utf8')) as Record<string, unknown>;
    expect(saved['Reward']).toBe('0.12');
    expect(saved['QualificationRequirements']).toEqual([
      ...BATCH.QualificationRequirements,
      { QualificationTypeId: '00000000000000000071', Comparator: 'NotIn', LocaleValues: [{ Country: 'US', Subdivision: 'NY' }, { Country: 'CA' }], ActionsGuarded: 'DiscoverPreviewAndAccept' },
    ]);
    expect(saved['question']).toBe('template.html');

    await page.reload();
    await open(folder);
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('</short-instructions> ${nope}');
    await expect.poll(() => page.locator('.cm-lint-marker-error').count()).toBe(1);
    await page.getByRole('tab', { name: /Properties/ }).click();
    expect(await page.getByLabel('Reward per assignment ($)').inputValue()).toBe('0.12');
    expect(await page.getByLabel('Requirement 2 countries').inputValue()).toBe('US-NY, CA');
    expect(await page.getByLabel('Requirement 2 workers without it').inputValue()).toBe('DiscoverPreviewAndAccept');
  });

  it('says why a row cannot be previewed, and previews again once the template is fixed', async () => {
    await page.getByRole('tab', { name: /template\.html/ }).click();
    await expect.poll(() => page.locator('.batch-preview .notice--error').textContent()).toContain('${nope}');
    await page.screenshot({ path: join(SHOTS, 'batch-editor-preview-error.png') });
    const line = TEMPLATE.split('\n').findIndex((l) => l.includes('<short-instructions>'));
    await page.locator('.cm-line').nth(line).click();
    await page.keyboard.press('End');
    for (let i = 0; i < ' ${nope}'.length; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('.cm-lint-marker-error').count()).toBe(0);
    await expect.poll(() => frame().locator('short-instructions').textContent()).toBe('Pick the animal in the photo: Tabby on a sofa');
  });

  it('looks right in light and dark', async () => {
    await frame().locator('crowd-image-classifier img').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'batch-editor-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    const toggle = page.getByTestId('theme-toggle');
    for (let i = 0; i < 3 && (await page.locator('html').getAttribute('data-theme')) !== 'dark'; i++) await toggle.click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByRole('tab', { name: /Properties/ }).click();
    await page.screenshot({ path: join(SHOTS, 'batch-editor-properties-dark.png') });
    await page.getByRole('tab', { name: /template\.html/ }).click();
    await page.screenshot({ path: join(SHOTS, 'batch-editor-dark.png') });
  });

  it('asks before discarding unsaved edits, then creates a new folder from the starting template and previews it', async () => {
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('<!-- unsaved -->');
    await expect.poll(() => page.locator('.batch-editor__state').textContent()).toBe('Unsaved changes');
    const fresh = join(folder, '..', 'fresh');
    await page.getByRole('textbox', { name: 'Batch folder' }).fill(fresh);
    await page.getByRole('button', { name: 'New batch folder' }).click();
    const dialog = page.getByTestId('discard-changes');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.cm-content').textContent()).toContain('<!-- unsaved -->');
    await page.getByRole('button', { name: 'New batch folder' }).click();
    await dialog.getByRole('button', { name: 'Discard and create' }).click();
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('crowd-classifier');
    expect(readFileSync(join(folder, 'template.html'), 'utf8')).not.toContain('unsaved');
    expect(readFileSync(join(fresh, 'input.csv'), 'utf8')).toContain('image_url');
    await expect.poll(() => frame().locator('crowd-classifier').getAttribute('header')).toBe('Which animal is in the photo?');
    await expect.poll(() => frame().locator('classification-target img').getAttribute('src')).toBe('https://images.example.org/photos/0001.jpg');
  });

  it("keeps a hostile template's preview away from the app", async () => {
    const appUrl = page.url();
    await open(hostileFolder);
    await expect.poll(() => frame().locator('#results').textContent(), { timeout: 15_000 }).toContain('done');
    const results = (await frame().locator('#results').textContent())!;
    expect(results).toContain('parent.document: SecurityError');
    expect(results).toContain('top.document: SecurityError');
    expect(results).toContain('localStorage: SecurityError');
    expect(results).toContain('cookie: SecurityError');
    expect(results).toContain('fetch: TypeError');
    expect(results).not.toContain('reached');
    // The app is untouched: same address, same title, its own content in place.
    expect(page.url()).toBe(appUrl);
    expect(await page.title()).toBe('Turkbench');
    expect(await page.locator('.batch-editor').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'batch-editor-hostile.png') });
    expect(offLoopback.filter((url) => !url.startsWith('https://evil.example.invalid'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('says under the cost that a micro-batched batch needs a different worker for every assignment', async () => {
    const micro = sibling('micro', { ...BATCH, MaxAssignments: 12, microBatching: true });
    await open(micro);
    await page.getByRole('tab', { name: /Properties/ }).click();
    await expect.poll(() => page.getByTestId('micro-batching-note').textContent()).toBe(
      'Each worker can do one HIT of this batch: a worker who submitted any part of any row no longer sees the batch, so its 36 assignments need 36 different workers.',
    );
    await page.getByTestId('micro-batching-note').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'batch-editor-micro-batching.png') });
    expect(problems).toEqual([]);
  });
  it('previews a question.xml (QuestionForm) rendered as a worker sees it, never as raw XML', async () => {
    const ns = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd';
    const qf = sibling('question-form', { ...BATCH, QualificationRequirements: [], question: 'question.xml' }, {
      file: 'question.xml',
      text:
        `<QuestionForm xmlns="${ns}"><Question><QuestionIdentifier>size</QuestionIdentifier><IsRequired>true</IsRequired>` +
        '<QuestionContent><Text>How big is the animal in: ${caption}</Text></QuestionContent><AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>' +
        '<Selection><SelectionIdentifier>small</SelectionIdentifier><Text>Small</Text></Selection><Selection><SelectionIdentifier>large</SelectionIdentifier><Text>Large</Text></Selection>' +
        '</Selections></SelectionAnswer></AnswerSpecification></Question></QuestionForm>',
    });
    await page.getByRole('textbox', { name: 'Batch folder' }).fill(qf);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('tab', { name: /^question\.xml/ }).click();
    await page.locator('.template-editor .cm-content').waitFor();
    await page.locator('.batch-rows .ag-row[row-id="3"]').click();
    await expect.poll(() => frame().locator('body').textContent(), { timeout: 15_000 }).toContain('How big is the animal in: Parrot <b>on</b> a perch');
    // Controls named as MTurk names a QuestionForm's answers; the caption's markup stays text; no XML on the page.
    expect(await frame().locator('input[type="radio"][name="answer.size"]').count()).toBe(2);
    expect(await frame().locator('body b').count()).toBe(0);
    expect(await frame().locator('body').textContent()).not.toContain('QuestionIdentifier');
    expect(await frame().getByRole('button', { name: 'Submit' }).isDisabled()).toBe(true);
    expect(await page.locator('.batch-preview__text').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'batch-editor-question-form-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'batch-editor-question-form-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });
  it('sets the batch name, frame height, markup columns and micro-batching in the form, and saves them', async () => {
    const dir = sibling('options', { ...BATCH, MaxAssignments: 12 });
    await page.getByRole('textbox', { name: 'Batch folder' }).fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('tab', { name: /Properties/ }).click();
    // The form of the folder just opened: its 12 assignments (the folder before had 3).
    await expect.poll(() => page.getByLabel('Assignments per HIT').inputValue()).toBe('12');
    await page.getByLabel('Frame height (pixels)').fill('tall');
    await expect.poll(() => page.locator('.field--invalid').filter({ hasText: 'Frame height' }).textContent()).toContain('(found "tall")');
    await page.getByLabel('Frame height (pixels)').fill('640');
    await page.getByLabel('Batch name (only you see it)').fill('Animals, pilot');
    const options = page.getByTestId('input-options');
    await options.getByRole('checkbox', { name: 'caption' }).check();
    await options.getByRole('checkbox', { name: /Micro-batch/ }).check();
    await expect.poll(() => page.getByRole('complementary', { name: 'Cost' }).textContent()).toContain('Saved by micro-batching');
    await options.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'batch-editor-options-light.png') });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('.batch-editor__state').textContent()).toBe('Saved batch.json.');
    const saved = JSON.parse(readFileSync(join(dir, 'batch.json'), 'utf8')) as Record<string, unknown>;
    expect([saved['name'], saved['FrameHeight'], saved['trustedColumns'], saved['microBatching']]).toEqual(['Animals, pilot', 640, ['caption'], true]);
    // The ticked column is inserted as markup: row 3's caption has its <b> element in the preview.
    await page.locator('.batch-rows .ag-row[row-id="3"]').click();
    await expect.poll(() => frame().locator('short-instructions b').textContent()).toBe('on');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'batch-editor-options-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });
  it('edits the input rows in the grid: a cell, a new row, a deleted row, saved to input.csv', async () => {
    const dir = sibling('rows', BATCH);
    await page.getByRole('textbox', { name: 'Batch folder' }).fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.locator('.batch-editor__state').textContent()).toBe('Saved');
    await page.locator('.batch-rows .ag-row[row-id="2"] [col-id="c:caption"]').dblclick();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Spaniel, wet, "happy"');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.batch-rows .ag-row[row-id="2"] [col-id="c:caption"]').textContent()).toBe('Spaniel, wet, "happy"');
    await expect.poll(() => frame().locator('short-instructions').textContent()).toBe('Pick the animal in the photo: Spaniel, wet, "happy"');
    await page.getByRole('button', { name: 'Add row' }).click();
    await page.locator('.batch-rows .ag-row[row-id="1"] [col-id="number"]').click();
    await page.getByRole('button', { name: 'Delete row 1' }).click();
    await expect.poll(() => page.locator('.batch-rows .ag-row').count()).toBe(3);
    expect(await page.locator('.batch-editor__state').textContent()).toBe('Unsaved changes');
    await page.screenshot({ path: join(SHOTS, 'batch-editor-rows-light.png') });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('.batch-editor__state').textContent()).toBe('Saved input.csv.');
    expect(readFileSync(join(dir, 'input.csv'), 'utf8')).toBe(
      'image_url,caption\r\nhttps://images.example.invalid/photos/0002.jpg,"Spaniel, wet, ""happy"""\r\nhttps://images.example.invalid/photos/0003.jpg,Parrot <b>on</b> a perch\r\n,\r\n',
    );
    // Row 1 is now the edited one, also once saved and read from the file.
    await expect.poll(() => frame().locator('short-instructions').textContent()).toBe('Pick the animal in the photo: Spaniel, wet, "happy"');
    expect(problems).toEqual([]);
  });

  it('shows JSON Lines rows read-only and says why', async () => {
    const dir = sibling('jsonl', BATCH);
    rmSync(join(dir, 'input.csv'));
    writeFileSync(join(dir, 'input.jsonl'), '{"image_url": "https://images.example.invalid/photos/0001.jpg", "caption": "A cat", "rank": 1}\n');
    await page.getByRole('textbox', { name: 'Batch folder' }).fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('rows-read-only').textContent()).toContain('The rows of input.jsonl are edited in the file itself');
    expect(await page.getByRole('button', { name: 'Add row' }).count()).toBe(0);
    await page.locator('.batch-rows .ag-row[row-id="1"] [col-id="c:caption"]').dblclick();
    expect(await page.locator('.batch-rows .ag-row[row-id="1"] [col-id="c:caption"] input').count()).toBe(0);
    expect(await page.locator('.batch-rows .ag-row[row-id="1"] [col-id="c:rank"]').textContent()).toBe('1');
    await expect.poll(() => frame().locator('short-instructions').textContent(), { timeout: 15_000 }).toBe('Pick the animal in the photo: A cat');
    await page.screenshot({ path: join(SHOTS, 'batch-editor-jsonl-light.png') });
    expect(problems).toEqual([]);
  });
});
