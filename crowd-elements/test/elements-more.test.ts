/**
 * The remaining elements in real Chromium: drawing tools (mouse and keyboard), entity annotation, multi-select and
 * image classifiers, slider, text area, number input, alert and instructions; screenshots go to
 * test-results/crowd-elements/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
  page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
});

/** Screen position of a fraction of an annotator's image, and the natural pixel it maps to. */
async function imageSpot(element: Locator, natural: { width: number; height: number }) {
  const overlay = element.locator('svg.overlay');
  await eventually(() => overlay.getAttribute('viewBox')).toBe(`0 0 ${natural.width} ${natural.height}`);
  await overlay.scrollIntoViewIfNeeded();
  const rect = (await overlay.boundingBox())!;
  return (fx: number, fy: number) => ({
    screen: { x: rect.x + rect.width * fx, y: rect.y + rect.height * fy },
    image: { x: Math.round(natural.width * fx), y: Math.round(natural.height * fy) },
  });
}

/** Vertex lists compared within a pixel of rounding. */
function expectVertices(actual: Array<{ x: number; y: number }>, expected: Array<{ x: number; y: number }>) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((p, i) => {
    expect(Math.abs(p.x - (expected[i] as { x: number }).x)).toBeLessThanOrEqual(1);
    expect(Math.abs(p.y - (expected[i] as { y: number }).y)).toBeLessThanOrEqual(1);
  });
}

describe('drawing tools', () => {
  it('keypoint, polygon, line and polyline by mouse and by typed coordinates', async () => {
    const size = { width: 600, height: 400 };
    const html = `${LOADER}
<crowd-form>
  <crowd-keypoint name="eyes" src="/image-600x400.svg" labels='["Left eye","Right eye"]' header="Mark the eyes" style="width:700px"></crowd-keypoint>
  <crowd-polygon name="roof" src="/image-600x400.svg" labels="['Roof']" header="Outline the roof" style="width:700px"></crowd-polygon>
  <crowd-line name="horizon" src="/image-600x400.svg" labels="['Horizon']" style="width:700px"></crowd-line>
  <crowd-polyline name="lanes" src="/image-600x400.svg" labels="['Lane']" style="width:700px"></crowd-polyline>
</crowd-form>`;
    await page.goto(server.publish(html));

    const keypoint = page.locator('crowd-keypoint');
    let spot = await imageSpot(keypoint, size);
    const eye = spot(0.25, 0.5);
    await page.mouse.click(eye.screen.x, eye.screen.y);
    await keypoint.getByRole('radio', { name: /Right eye/ }).click();
    await keypoint.getByRole('textbox', { name: /Coordinates/ }).fill('450, 200');
    await keypoint.getByRole('textbox', { name: /Coordinates/ }).press('Enter');

    const polygon = page.locator('crowd-polygon');
    spot = await imageSpot(polygon, size);
    const corners = [spot(0.1, 0.1), spot(0.5, 0.1), spot(0.3, 0.6)];
    for (const corner of corners) await page.mouse.click(corner.screen.x, corner.screen.y);
    await page.mouse.click(corners[0]!.screen.x + 2, corners[0]!.screen.y + 2);
    await eventually(() => polygon.locator('.shapes li').count()).toBe(1);
    await polygon.getByRole('textbox', { name: /Coordinates/ }).fill('10,10 50,10');
    await polygon.getByRole('button', { name: 'Add' }).click();
    await eventually(() => polygon.locator('.status').textContent()).toContain('x3, y3');
    await polygon.getByRole('textbox', { name: /Coordinates/ }).fill('10,10 50,10 30,40');
    await polygon.getByRole('button', { name: 'Add' }).click();

    const line = page.locator('crowd-line');
    spot = await imageSpot(line, size);
    const ends = [spot(0.02, 0.5), spot(0.98, 0.4)];
    for (const end of ends) await page.mouse.click(end.screen.x, end.screen.y);
    await eventually(() => line.locator('.shapes li').count()).toBe(1);

    const polyline = page.locator('crowd-polyline');
    spot = await imageSpot(polyline, size);
    const lane = [spot(0.2, 0.9), spot(0.4, 0.5), spot(0.5, 0.2)];
    await page.mouse.click(lane[0]!.screen.x, lane[0]!.screen.y);
    await page.mouse.click(lane[1]!.screen.x, lane[1]!.screen.y);
    await page.mouse.dblclick(lane[2]!.screen.x, lane[2]!.screen.y);
    await eventually(() => polyline.locator('.shapes li').count()).toBe(1);
    await polyline.getByRole('textbox', { name: /Coordinates/ }).fill('1, 2, 3, 4, 5, 6');
    await polyline.getByRole('textbox', { name: /Coordinates/ }).press('Enter');

    await page.screenshot({ path: join(SHOTS, 'drawing-tools.png'), fullPage: true });
    const submitted = server.nextSubmission();
    await page.locator('crowd-form .submit').click();
    const [answers] = (await submitted).taskAnswers as [Record<string, Record<string, unknown>>];
    const image = { height: 400, width: 600 };

    const eyes = answers.eyes as { inputImageProperties: unknown; keypoints: Array<{ label: string; x: number; y: number }> };
    expect(Object.keys(eyes)).toEqual(['inputImageProperties', 'keypoints']);
    expect(eyes.inputImageProperties).toEqual(image);
    expect(eyes.keypoints.map((k) => k.label)).toEqual(['Left eye', 'Right eye']);
    expectVertices(eyes.keypoints, [eye.image, { x: 450, y: 200 }]);

    const roof = answers.roof as { inputImageProperties: unknown; polygons: Array<{ label: string; vertices: Array<{ x: number; y: number }> }> };
    expect(Object.keys(roof)).toEqual(['inputImageProperties', 'polygons']);
    expect(roof.polygons.map((p) => p.label)).toEqual(['Roof', 'Roof']);
    expectVertices(roof.polygons[0]!.vertices, corners.map((c) => c.image));
    expect(roof.polygons[1]!.vertices).toEqual([{ x: 10, y: 10 }, { x: 50, y: 10 }, { x: 30, y: 40 }]);

    const horizon = answers.horizon as { lines: Array<{ label: string; vertices: Array<{ x: number; y: number }> }> };
    expect(Object.keys(horizon)).toEqual(['inputImageProperties', 'lines']);
    expect(horizon.lines[0]!.label).toBe('Horizon');
    expectVertices(horizon.lines[0]!.vertices, ends.map((e) => e.image));

    const lanes = answers.lanes as { polylines: Array<{ label: string; vertices: Array<{ x: number; y: number }> }> };
    expect(Object.keys(lanes)).toEqual(['inputImageProperties', 'polylines']);
    expectVertices(lanes.polylines[0]!.vertices, lane.map((p) => p.image));
    expect(lanes.polylines[1]!.vertices).toEqual([{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6 }]);
  });
});

describe('crowd-entity-annotation', () => {
  it('labels a mouse selection and typed offsets; reports {entities:[{endOffset,label,startOffset}]}', async () => {
    const html = `${LOADER}
<crowd-form>
  <crowd-entity-annotation name="crowd-entity-annotation" header="Highlight people and places"
    labels='[{"label": "person", "shortDisplayName": "per", "fullDisplayName": "Person"}, {"label": "place", "shortDisplayName": "loc", "fullDisplayName": "Place"}]'
    text="Alice flew from Paris to Tokyo on Monday"></crowd-entity-annotation>
</crowd-form>`;
    await page.goto(server.publish(html));
    const annotator = page.locator('crowd-entity-annotation');
    await annotator.locator('.text').waitFor();
    // Where "Paris" (offsets 16–21) is on screen, then a real mouse drag across it.
    const word = (await page.evaluate(`(() => {
      const text = document.querySelector('crowd-entity-annotation').shadowRoot.querySelector('.text').firstChild;
      const range = document.createRange();
      range.setStart(text, 16);
      range.setEnd(text, 21);
      const r = range.getBoundingClientRect();
      return { left: r.left, right: r.right, y: r.top + r.height / 2 };
    })()`)) as { left: number; right: number; y: number };
    await page.mouse.move(word.left + 1, word.y);
    await page.mouse.down();
    await page.mouse.move(word.right - 1, word.y, { steps: 4 });
    await page.mouse.up();
    await annotator.getByRole('button', { name: /Place/ }).click();
    await eventually(() => annotator.locator('mark').count()).toBe(1);

    await annotator.getByRole('textbox', { name: /Offsets/ }).fill('0, 5');
    await annotator.getByRole('textbox', { name: /Offsets/ }).press('Enter');
    await annotator.getByRole('textbox', { name: /Offsets/ }).fill('18, 30');
    await annotator.getByRole('button', { name: 'Add' }).click();
    await eventually(() => annotator.locator('.status').textContent()).toContain('overlaps');
    await page.screenshot({ path: join(SHOTS, 'entity-annotation.png') });

    const submitted = server.nextSubmission();
    await page.locator('crowd-form .submit').click();
    expect((await submitted).taskAnswers).toEqual([
      {
        'crowd-entity-annotation': {
          entities: [
            { endOffset: 5, label: 'person', startOffset: 0 },
            { endOffset: 21, label: 'place', startOffset: 16 },
          ],
        },
      },
    ]);
  });
});

describe('classifiers, slider, text and layout elements', () => {
  it('multi-select with exclusion, image classifiers, slider, text area, number input, alert, instructions', async () => {
    const html = `${LOADER}
<crowd-form>
  <crowd-instructions link-text="View instructions" link-type="button">
    <short-summary><p>Label the photo and the article.</p></short-summary>
    <detailed-instructions><p>Choose every topic the article covers.</p></detailed-instructions>
    <positive-example><p>A football report: Sports.</p></positive-example>
    <negative-example><p>Do not guess topics from the headline alone.</p></negative-example>
  </crowd-instructions>
  <crowd-alert type="warning" dismissible>Work carefully: answers are reviewed.</crowd-alert>
  <crowd-classifier-multi-select name="topics" categories='["Sports","Politics","Science"]' header="Topics" exclusion-category='{ "text": "None of the above" }'>
    <classification-target>Scientists measured the speed of sprinters.</classification-target>
  </crowd-classifier-multi-select>
  <crowd-image-classifier name="animal" src="/image-300x200.svg" categories="['Cat','Dog']" header="Which animal?"></crowd-image-classifier>
  <crowd-image-classifier-multi-select name="colors" src="/image-300x200.svg" categories="['Green','Yellow','Red']" header="Which colours?"></crowd-image-classifier-multi-select>
  <crowd-slider name="confidence" min="1" max="10" step="1" value="1" required pin></crowd-slider>
  <crowd-text-area name="notes" label="Notes" max-length="120" char-counter></crowd-text-area>
  <crowd-input name="count" label="How many people?" type="number" min="0" max="50" required></crowd-input>
</crowd-form>`;
    await page.goto(server.publish(html));

    await page.getByRole('button', { name: 'View instructions' }).click();
    const dialog = page.getByRole('dialog');
    await eventually(() => dialog.isVisible()).toBe(true);
    await eventually(() => page.getByText('Do not guess topics').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'instructions.png') });
    await page.keyboard.press('Escape');
    await eventually(() => dialog.isVisible()).toBe(false);
    expect(await page.getByText('Do not guess topics').isVisible()).toBe(false);

    await page.getByRole('button', { name: 'Dismiss' }).click();
    await eventually(() => page.locator('crowd-alert').isVisible()).toBe(false);

    const topics = page.locator('crowd-classifier-multi-select');
    await topics.getByRole('button', { name: /Sports/ }).click();
    await page.keyboard.press('3');
    await eventually(() => topics.getByRole('button', { name: /Science/ }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('4');
    await eventually(() => topics.getByRole('button', { name: /Sports/ }).getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('1');
    await page.keyboard.press('2');

    await page.locator('crowd-image-classifier').getByRole('radio', { name: /Dog/ }).click();
    const colors = page.locator('crowd-image-classifier-multi-select');
    await colors.getByRole('button', { name: /Green/ }).click();
    await colors.getByRole('button', { name: /Red/ }).click();

    const before = server.submissions.length;
    await page.locator('crowd-form .submit').click();
    await eventually(() => page.locator('crowd-form .message').textContent()).toContain('move the slider');
    const slider = page.locator('crowd-slider input[type=range]');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');

    await page.locator('crowd-text-area textarea').fill('Two runners, one coach.');
    await page.locator('crowd-input[name=count] input').fill('51');
    await page.locator('crowd-form .submit').click();
    await eventually(() => page.locator('crowd-form .message').textContent()).toContain('How many people?');
    expect(server.submissions.length).toBe(before);
    await page.locator('crowd-input[name=count] input').fill('3');
    await page.screenshot({ path: join(SHOTS, 'classifiers-and-inputs.png'), fullPage: true });

    const submitted = server.nextSubmission();
    await page.locator('crowd-form .submit').click();
    expect((await submitted).taskAnswers).toEqual([
      {
        animal: { label: 'Dog' },
        colors: { labels: ['Green', 'Red'] },
        confidence: 3,
        count: '3',
        notes: 'Two runners, one coach.',
        topics: { labels: ['Sports', 'Politics'] },
      },
    ]);
  });
});
