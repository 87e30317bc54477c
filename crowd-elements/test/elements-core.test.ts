/**
 * The core elements in real Chromium: each case loads a template the way a worker would (with MTurk's query
 * parameters), interacts by mouse and keyboard, and checks the taskAnswers the crowd-form posts.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plausibleAnswers, scanTemplate, taskAnswersJson } from '../src/scan/index';
import { LOADER, eventually, launchBrowser, startTaskServer, type TaskServer } from './support/task-server';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'crowd-elements');
let server: TaskServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startTaskServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  await page?.close();
  page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
});

const SENTIMENT = `${LOADER}
<crowd-form>
  <crowd-classifier name="sentiment" categories="['Negative', 'Neutral', 'Positive']" header="What is the sentiment?">
    <classification-target>The food was <b>wonderful</b>.</classification-target>
    <short-instructions>Pick the main sentiment.</short-instructions>
  </crowd-classifier>
</crowd-form>`;

describe('crowd-classifier', () => {
  it('number keys pick a category and Enter submits {"<name>":{"label":…}}', async () => {
    await page.goto(server.publish(SENTIMENT));
    await page.locator('crowd-classifier button.choice').first().waitFor();
    await page.locator('crowd-classifier button.choice').nth(2).click();
    await page.keyboard.press('1');
    await eventually(() => page.locator('crowd-classifier button.choice').first().getAttribute('aria-checked')).toBe('true');
    // Styled under the page's strict CSP (constructed stylesheets, no inline styles).
    expect(await page.evaluate('getComputedStyle(document.querySelector("crowd-form").shadowRoot.querySelector(".submit")).backgroundColor')).toBe('rgb(236, 114, 17)');
    await page.screenshot({ path: join(SHOTS, 'classifier.png') });
    const submitted = server.nextSubmission();
    await page.keyboard.press('Enter');
    const submission = await submitted;
    expect(submission.assignmentId).toMatch(/^A\d+EXAMPLE$/);
    expect(submission.taskAnswers).toEqual([{ sentiment: { label: 'Negative' } }]);
    expect(Object.keys(submission.fields).sort()).toEqual(['assignmentId', 'taskAnswers']);
  });

  it('refuses to submit until a category is chosen, with a visible message', async () => {
    await page.goto(server.publish(SENTIMENT));
    const before = server.submissions.length;
    await page.locator('crowd-form .submit').click();
    await eventually(() => page.locator('crowd-form .message').textContent()).toContain('choose a category');
    expect(await page.locator('crowd-form .message').isVisible()).toBe(true);
    expect(server.submissions.length).toBe(before);
    await page.getByRole('radio', { name: 'Positive' }).click();
    const submitted = server.nextSubmission();
    await page.locator('crowd-form .submit').click();
    expect((await submitted).taskAnswers).toEqual([{ sentiment: { label: 'Positive' } }]);
  });

  it('in preview (ASSIGNMENT_ID_NOT_AVAILABLE) the submit button is disabled and Enter is refused', async () => {
    await page.goto(server.publish(SENTIMENT, { assignmentId: 'ASSIGNMENT_ID_NOT_AVAILABLE' }));
    expect(await page.locator('crowd-form .submit').isDisabled()).toBe(true);
    await eventually(() => page.locator('crowd-form .message').textContent()).toContain('preview');
    const before = server.submissions.length;
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('crowd-form .message').textContent()).toContain('must accept the HIT');
    expect(server.submissions.length).toBe(before);
  });
});

describe('crowd-form submit address', () => {
  it('refuses a turkSubmitTo that is not http(s) instead of posting to it', async () => {
    await page.goto(server.publish(SENTIMENT, { turkSubmitTo: 'javascript:document.title="owned"//' }));
    await page.getByRole('radio', { name: 'Neutral' }).click();
    await page.locator('crowd-form .submit').click();
    await eventually(() => page.locator('crowd-form .message').textContent()).toContain('no valid turkSubmitTo');
    expect(await page.title()).not.toBe('owned');
  });
});

describe('crowd-radio-group, crowd-checkbox, crowd-input and plain controls', () => {
  const SURVEY = `${LOADER}
<crowd-form>
  <crowd-radio-group>
    <crowd-radio-button name="happy" value="yes">Happy</crowd-radio-button>
    <crowd-radio-button name="sad">Sad</crowd-radio-button>
    <crowd-radio-button name="meh" value="meh">Meh</crowd-radio-button>
  </crowd-radio-group>
  <crowd-checkbox name="colors" value="Red">Red</crowd-checkbox>
  <crowd-checkbox name="colors" value="Green">Green</crowd-checkbox>
  <crowd-checkbox name="agree" required>I agree</crowd-checkbox>
  <crowd-input name="city" label="City" required></crowd-input>
  <p><input type="text" name="plainText"> <textarea name="plainArea"></textarea></p>
  <label><input type="radio" name="size" value="S"> S</label><label><input type="radio" name="size" value="L"> L</label>
  <label><input type="checkbox" name="extras" value="ice"> ice</label>
  <select name="pick"><option>one</option><option value="2">two</option></select>
</crowd-form>`;

  it('submit is blocked while required ones are empty; answers have the real shapes', async () => {
    await page.goto(server.publish(SURVEY));
    const before = server.submissions.length;
    await page.locator('crowd-form .submit').click();
    await eventually(() => page.locator('crowd-form .message').textContent()).toContain('I agree');
    await page.getByRole('checkbox', { name: 'I agree' }).click();
    await page.locator('crowd-form .submit').click();
    await eventually(() => page.locator('crowd-form .message').textContent()).toContain('City');
    expect(server.submissions.length).toBe(before);

    // Radio group by keyboard: click the first, arrow to the next.
    await page.getByRole('radio', { name: 'Happy' }).click();
    await page.keyboard.press('ArrowDown');
    await eventually(() => page.getByRole('radio', { name: 'Sad' }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('checkbox', { name: 'Green' }).click();
    await page.locator('crowd-input[name=city] input').fill('Lisbon');
    await page.locator('input[name=plainText]').fill('typed');
    await page.locator('textarea[name=plainArea]').fill('line one\nline two');
    await page.locator('input[name=size][value=L]').check();
    await page.locator('select[name=pick]').selectOption('2');
    const submitted = server.nextSubmission();
    await page.locator('crowd-input[name=city] input').press('Enter');
    expect((await submitted).taskAnswers).toEqual([
      {
        agree: { on: true },
        city: 'Lisbon',
        colors: { Green: true, Red: false },
        extras: { ice: false },
        happy: { yes: false },
        meh: { meh: false },
        pick: '2',
        plainArea: 'line one\nline two',
        plainText: 'typed',
        sad: { on: true },
        size: { L: true, S: false },
      },
    ]);
  });

  it('a template onsubmit handler can veto, script can submit; answer-format="flatten-objects" flattens', async () => {
    const html = `${LOADER}
<crowd-form answer-format="flatten-objects">
  <crowd-classifier name="animal" categories='["cat","dog"]' header="Which?"><classification-target>?</classification-target></crowd-classifier>
  <crowd-checkbox name="sure">Sure</crowd-checkbox>
  <crowd-button form-action="submit" variant="primary">Send it</crowd-button>
</crowd-form>
<script>
  window.vetoes = 0;
  document.querySelector('crowd-form').onsubmit = function (e) {
    if (!document.querySelector('crowd-checkbox').checked) { window.vetoes++; e.preventDefault(); }
  };
</script>`;
    await page.goto(server.publish(html));
    expect(await page.locator('crowd-form .submit').count()).toBe(0);
    await page.getByRole('radio', { name: 'dog' }).click();
    const before = server.submissions.length;
    await page.getByRole('button', { name: 'Send it' }).click();
    await eventually(() => page.evaluate(() => (globalThis as unknown as { vetoes: number }).vetoes)).toBe(1);
    expect(server.submissions.length).toBe(before);
    await page.getByRole('checkbox', { name: 'Sure' }).click();
    // Templates may also submit from script, as on a form element.
    const submitted = server.nextSubmission();
    await page.evaluate('document.querySelector("crowd-form").submit()');
    expect((await submitted).taskAnswers).toEqual([{ 'animal.label': 'dog', 'sure.on': true }]);
  });
});

describe('crowd-bounding-box', () => {
  it('draws by mouse in natural pixels, adds by typed coordinates, deletes, submits the documented shape', async () => {
    const html = `${LOADER}
<crowd-form>
  <crowd-bounding-box name="annotatedResult" src="/image-800x600.svg" header="Box the vehicles" labels="['Car', 'Truck']" style="width: 760px">
    <short-instructions>Draw tight boxes.</short-instructions>
  </crowd-bounding-box>
</crowd-form>`;
    await page.goto(server.publish(html));
    const overlay = page.locator('crowd-bounding-box svg.overlay');
    await eventually(() => overlay.getAttribute('viewBox')).toBe('0 0 800 600');
    const rect = (await overlay.boundingBox())!;
    // Shown smaller than its natural size, so screen and image pixels differ.
    expect(rect.width).toBeLessThan(800);
    const at = (fx: number, fy: number) => ({ x: rect.x + rect.width * fx, y: rect.y + rect.height * fy });
    const start = at(0.25, 0.25);
    const end = at(0.75, 0.5);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2);
    await page.mouse.move(end.x, end.y);
    await page.mouse.up();
    await eventually(() => page.locator('crowd-bounding-box .shapes li').count()).toBe(1);

    // Keyboard path: "2" picks Truck, then coordinates typed and Enter.
    await page.mouse.click(990, 790);
    await page.keyboard.press('2');
    await page.getByRole('textbox', { name: /Coordinates/ }).fill('10, 20, 30, 40');
    await page.getByRole('textbox', { name: /Coordinates/ }).press('Enter');
    await page.getByRole('textbox', { name: /Coordinates/ }).fill('700, 500, 300, 300');
    await page.getByRole('textbox', { name: /Coordinates/ }).press('Enter');
    await eventually(() => page.locator('crowd-bounding-box .status').textContent()).toContain('within the image');
    await page.getByRole('textbox', { name: /Coordinates/ }).fill('1, 1, 5, 5');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('button', { name: 'Delete 3 Truck' }).click();
    await eventually(() => page.locator('crowd-bounding-box .shapes li').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'bounding-box.png') });

    const submitted = server.nextSubmission();
    await page.locator('crowd-form .submit').click();
    const [answers] = (await submitted).taskAnswers as [{ annotatedResult: { boundingBoxes: Array<Record<string, unknown>>; inputImageProperties: unknown } }];
    expect(answers.annotatedResult.inputImageProperties).toEqual({ height: 600, width: 800 });
    const [drawn, typed] = answers.annotatedResult.boundingBoxes as [Record<string, number | string>, Record<string, number | string>];
    expect(Object.keys(drawn)).toEqual(['height', 'label', 'left', 'top', 'width']);
    expect(drawn.label).toBe('Car');
    for (const [key, value] of Object.entries({ left: 200, top: 150, width: 400, height: 150 })) expect(Math.abs((drawn[key] as number) - value)).toBeLessThanOrEqual(2);
    expect(typed).toEqual({ height: 40, label: 'Truck', left: 10, top: 20, width: 30 });
  });
});

/** The structure of a value: primitives become their type, arrays the structure of their first item. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

describe('the simulated crowd and the real elements agree', () => {
  it('plausibleAnswers for the sentiment fixture has the shape of a real submission of it', async () => {
    const template = readFileSync(join(__dirname, 'fixtures', 'sentiment.html'), 'utf8').replace('${review_text}', 'Great value, slow delivery.');
    await page.goto(server.publish(template));
    await page.getByRole('radio', { name: 'Neutral' }).click();
    await page.getByRole('radio', { name: 'Sincere' }).click();
    await page.getByRole('checkbox', { name: 'Spam' }).click();
    await page.locator('crowd-input[name=comment] input').fill('ok');
    const submitted = server.nextSubmission();
    await page.locator('crowd-form .submit').click();
    const real = (await submitted).taskAnswers as unknown[];
    const simulated: unknown = JSON.parse(taskAnswersJson(plausibleAnswers(scanTemplate(template), () => 0.5)));
    expect(shapeOf(simulated)).toEqual(shapeOf(real));
    expect(real).toEqual([{ comment: 'ok', flags: { offensive: false, spam: true }, sarcastic: { yes: false }, sentiment: { label: 'Neutral' }, sincere: { yes: true } }]);
  });
});
