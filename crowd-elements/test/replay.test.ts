/**
 * The read-only replay in real Chromium: a page carrying a submitted assignment's answers shows them inside the
 * template (choice checked, boxes drawn, text as values), executes none of the worker's text, and can neither be
 * edited nor submitted.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerNamed, crowdAnswersOf, REPLAY_DATA_ID, replayDataJson, type ReplayData } from '../src/replay';
import { LOADER, eventually, launchBrowser, startTaskServer, type TaskServer } from './support/task-server';

let server: TaskServer;
let browser: Browser;
let page: Page;
let executed: string[];

beforeAll(async () => {
  server = await startTaskServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  await page?.close();
  page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  executed = [];
  await page.exposeFunction('__pwned', (tag: unknown) => executed.push(String(tag)));
  page.on('dialog', (dialog) => {
    executed.push(`dialog ${dialog.message()}`);
    void dialog.dismiss();
  });
});

const HOSTILE = `<img src=x onerror="window.__pwned('img')"></textarea><script>window.__pwned('script')</script>`;

/** The template followed by the replay's data block and script, as the review's replay documents end. */
function replayPage(template: string, data: ReplayData): string {
  return `${template}\n<script type="application/json" id="${REPLAY_DATA_ID}">${replayDataJson(data)}</script>${LOADER}`;
}

const LABELLING = `${LOADER}
<crowd-form>
  <crowd-classifier name="category" categories="['Stop', 'Yield', 'Speed limit']" header="Which sign?">
    <classification-target><p>A sign</p></classification-target>
  </crowd-classifier>
  <crowd-bounding-box name="signs" src="/image-400x300.svg" labels="['sign', 'pole']" header="Box the signs"></crowd-bounding-box>
  <crowd-text-area name="comment" label="Comment"></crowd-text-area>
  <input type="text" name="plain">
</crowd-form>`;

const labellingAnswers = (label: string) => ({
  category: { label },
  comment: HOSTILE,
  plain: HOSTILE,
  signs: { boundingBoxes: [{ height: 60, label: 'sign', left: 40, top: 30, width: 80 }, { height: 100, label: 'pole', left: 200, top: 120, width: 20 }], inputImageProperties: { height: 300, width: 400 } },
});

const replayed = () => page.waitForSelector('html[data-replayed]', { state: 'attached' });

describe('replay of a crowd-form', () => {
  it('checks the chosen category, draws the boxes, shows hostile text as values only, and stays read-only', async () => {
    await page.goto(server.publish(replayPage(LABELLING, { fields: { taskAnswers: [JSON.stringify([labellingAnswers('Yield')])] }, note: 'Replay of A1 by W1: read-only.' }), { assignmentId: 'ASSIGNMENT_ID_NOT_AVAILABLE' }));
    await replayed();
    const choices = page.locator('crowd-classifier button.choice');
    expect(await choices.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-checked')))).toEqual(['false', 'true', 'false']);
    const boxes = page.locator('crowd-bounding-box svg.overlay rect');
    await eventually(() => boxes.count()).toBe(2);
    expect(await boxes.first().evaluate((rect) => ['x', 'y', 'width', 'height'].map((a) => rect.getAttribute(a)))).toEqual(['40', '30', '80', '60']);
    expect(await page.locator('crowd-bounding-box .shapes li').allTextContents()).toEqual(['1. sign — left 40, top 30, 80 × 60Delete', '2. pole — left 200, top 120, 20 × 100Delete']);
    expect(await page.locator('crowd-text-area textarea').inputValue()).toBe(HOSTILE);
    expect(await page.locator('input[name=plain]').inputValue()).toBe(HOSTILE);
    expect(await page.locator('crowd-form .message').textContent()).toBe('Replay of A1 by W1: read-only.');

    // Nothing can change or submit it: keys, clicks on categories, the submit button.
    await page.keyboard.press('3');
    await choices.nth(0).click({ force: true });
    expect(await choices.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-checked')))).toEqual(['false', 'true', 'false']);
    expect(await page.locator('crowd-form .submit').isDisabled()).toBe(true);
    expect(await page.locator('crowd-text-area textarea').isDisabled()).toBe(true);
    expect(await page.locator('crowd-bounding-box button').evaluateAll((buttons) => buttons.every((b) => (b as unknown as { disabled: boolean }).disabled))).toBe(true);
    const before = server.submissions.length;
    await page.keyboard.press('Enter');
    expect(await page.evaluate(`(document.querySelector('crowd-form').submitAnswers(), document.querySelector('crowd-form').shadowRoot.querySelector('.message').textContent)`)).toBe('Replay of A1 by W1: read-only.');
    expect(server.submissions.length).toBe(before);
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(executed).toEqual([]);
  });

  it('names a submitted label that is not one of the categories as text, checking none', async () => {
    await page.goto(server.publish(replayPage(LABELLING, { fields: { taskAnswers: [JSON.stringify([labellingAnswers(HOSTILE)])] }, note: 'read-only' })));
    await replayed();
    expect(await page.locator('crowd-classifier button.choice[aria-checked=true]').count()).toBe(0);
    expect(await page.locator('crowd-classifier [data-replay=outside]').textContent()).toBe(`Answered outside the categories: ${HOSTILE}`);
    expect(executed).toEqual([]);
  });

  it('puts flatten-objects answers back under their element', async () => {
    const flat = `${LOADER}<crowd-form answer-format="flatten-objects"><crowd-classifier name="sentiment" categories="['sad', 'happy']" header="Mood"><classification-target>x</classification-target></crowd-classifier><crowd-checkbox name="agree" value="yes">I agree</crowd-checkbox></crowd-form>`;
    await page.goto(server.publish(replayPage(flat, { fields: { taskAnswers: [JSON.stringify([{ 'sentiment.label': 'happy', 'agree.yes': true }])] }, note: 'read-only' })));
    await replayed();
    expect(await page.locator('crowd-classifier button.choice').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-checked')))).toEqual(['false', 'true']);
    expect(await page.locator('crowd-checkbox').getAttribute('checked')).toBe('');
  });
});

describe('replay of the other answering elements', () => {
  it('radio group, slider, checkbox, polygon and entity annotation each show their submitted answer', async () => {
    const template = `${LOADER}<crowd-form>
      <crowd-radio-group><crowd-radio-button name="happy" value="happy">Happy</crowd-radio-button><crowd-radio-button name="sad" value="sad">Sad</crowd-radio-button></crowd-radio-group>
      <crowd-slider name="score" min="0" max="10" editable></crowd-slider>
      <crowd-slider name="plain" min="1" max="5"></crowd-slider>
      <crowd-checkbox name="agree" value="yes">I agree</crowd-checkbox>
      <crowd-polygon name="roof" src="/image-600x400.svg" labels="['Roof']"></crowd-polygon>
      <crowd-entity-annotation name="ner" labels='[{"label": "person", "shortDisplayName": "per", "fullDisplayName": "Person"}]' text="Alice flew to Paris"></crowd-entity-annotation>
    </crowd-form>`;
    const answers = {
      happy: { happy: false },
      sad: { sad: true },
      score: 7,
      plain: 4,
      agree: { yes: true },
      roof: { inputImageProperties: { height: 400, width: 600 }, polygons: [{ label: 'Roof', vertices: [{ x: 10, y: 10 }, { x: 200, y: 10 }, { x: 100, y: 150 }] }] },
      ner: { entities: [{ endOffset: 5, label: 'person', startOffset: 0 }] },
    };
    await page.goto(server.publish(replayPage(template, { fields: { taskAnswers: [JSON.stringify([answers])] }, note: 'read-only' })));
    await replayed();
    expect(await page.locator('crowd-radio-button').evaluateAll((buttons) => buttons.map((b) => b.hasAttribute('checked')))).toEqual([false, true]);
    expect(await page.locator('crowd-slider[name="score"] input[type=range]').inputValue()).toBe('7');
    expect(await page.locator('crowd-slider input[type=number]').inputValue()).toBe('7');
    // A slider that shows no number of its own shows the submitted one.
    expect(await page.locator('crowd-slider[name="plain"] input[type=range]').inputValue()).toBe('4');
    expect(await page.locator('crowd-slider[name="plain"] output').textContent()).toBe('4');
    expect(await page.locator('crowd-slider[name="score"] output').count()).toBe(0);
    expect(await page.locator('crowd-checkbox').getAttribute('checked')).toBe('');
    await eventually(() => page.locator('crowd-polygon svg.overlay polygon').getAttribute('points')).toBe('10,10 200,10 100,150');
    expect(await page.locator('crowd-entity-annotation mark').textContent()).toBe('Alice');
    expect(await page.locator('crowd-slider input').evaluateAll((inputs) => inputs.every((i) => (i as unknown as { disabled: boolean }).disabled))).toBe(true);
  });
});

describe('replay of a plain form', () => {
  it('fills text, radios, checkboxes and selects from the fields (several values joined by |) and disables them', async () => {
    const form = `<form method="post" action="/mturk/externalSubmit">
      <input type="text" name="title"><textarea name="notes"></textarea>
      <label><input type="radio" name="size" value="s">S</label><label><input type="radio" name="size" value="l">L</label>
      <label><input type="checkbox" name="tags" value="a">A</label><label><input type="checkbox" name="tags" value="b">B</label><label><input type="checkbox" name="tags" value="c">C</label>
      <select name="pick" multiple><option value="x">X</option><option value="y">Y</option></select>
      <input type="submit" value="Submit"></form>`;
    await page.goto(server.publish(replayPage(form, { fields: { title: [HOSTILE], notes: ['line 1\nline 2'], size: ['l'], tags: ['a|c'], pick: ['x', 'y'] }, note: 'read-only' })));
    await replayed();
    expect(await page.locator('input[name=title]').inputValue()).toBe(HOSTILE);
    expect(await page.locator('textarea[name=notes]').inputValue()).toBe('line 1\nline 2');
    expect(await page.locator('input[name=size]').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { checked: boolean }).checked))).toEqual([false, true]);
    expect(await page.locator('input[name=tags]').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { checked: boolean }).checked))).toEqual([true, false, true]);
    expect(await page.locator('select[name=pick] option').evaluateAll((options) => options.map((o) => (o as unknown as { selected: boolean }).selected))).toEqual([true, true]);
    expect(await page.locator('input, select, textarea').evaluateAll((controls) => controls.every((c) => (c as unknown as { disabled: boolean }).disabled))).toBe(true);
    expect(executed).toEqual([]);
  });
});

describe('replay data', () => {
  it('embeds worker text so that no </script> or <!-- can end the block, and reads back unchanged', () => {
    const data: ReplayData = { fields: { a: ['</script><script>x()</script>', '<!-- \u2028 & >'] }, note: 'n' };
    const json = replayDataJson(data);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(data);
  });

  it('finds an element answer by name, or nested back from dotted keys, never touching a prototype', () => {
    expect(answerNamed({ box: { boundingBoxes: [] } }, 'box')).toEqual({ boundingBoxes: [] });
    expect(answerNamed({ 'box.inputImageProperties.width': 4, 'box.boundingBoxes': [] }, 'box')).toEqual({ boundingBoxes: [], inputImageProperties: { width: 4 } });
    expect(answerNamed({ 'box.__proto__.polluted': true }, 'box')).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(answerNamed({ other: 1 }, 'box')).toBeUndefined();
  });

  it('reads the crowd-form object out of taskAnswers, and nothing out of a broken one', () => {
    expect(crowdAnswersOf({ taskAnswers: ['[{"a":1}]'] })).toEqual({ a: 1 });
    expect(crowdAnswersOf({ taskAnswers: ['not json'] })).toBeNull();
    expect(crowdAnswersOf({ other: ['x'] })).toBeNull();
  });
});
