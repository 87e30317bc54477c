import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plausibleAnswers, plausibleValue, scanTemplate, taskAnswersJson, type ScannedField } from '../src/scan/index';
import { rewriteCrowdScriptTags } from '../src/serve';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

/** A small seeded PRNG (mulberry32), so every failing seed can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

describe('scanTemplate', () => {
  it('reads an image classification template with flatten-objects', () => {
    const scan = scanTemplate(fixture('image-classification.html'));
    expect(scan.form).toBe('crowd-form');
    expect(scan.answerFormat).toBe('flatten-objects');
    expect(scan.fields).toHaveLength(1);
    expect(scan.fields[0]).toMatchObject({
      name: 'category',
      element: 'crowd-image-classifier',
      required: true,
      options: ['Cat', 'Dog', 'Bird', 'None of the above'],
      attributes: { src: '${image_url}', header: 'Choose the correct category for the image' },
    });
  });

  it('reads a sentiment template: classifier, radio group, checkbox group, input', () => {
    const scan = scanTemplate(fixture('sentiment.html'));
    expect(scan.form).toBe('crowd-form');
    expect(scan.answerFormat).toBeUndefined();
    expect(scan.fields.map((f) => [f.name, f.element])).toEqual([
      ['sentiment', 'crowd-classifier'],
      ['sarcastic|sincere', 'crowd-radio-group'],
      ['flags', 'crowd-checkbox'],
      ['comment', 'crowd-input'],
    ]);
    expect(scan.fields[0]?.options).toEqual(['Strongly Negative', 'Negative', 'Neutral', 'Positive', 'Strongly Positive']);
    expect(scan.fields[1]?.options).toEqual(['sarcastic', 'sincere']);
    expect(scan.fields[2]).toMatchObject({ options: ['offensive', 'spam'], multiple: true, required: false });
    expect(scan.fields[3]).toMatchObject({ maxLength: 40, required: false, attributes: { label: 'Anything else?' } });
  });

  it('reads a bounding box template', () => {
    const scan = scanTemplate(fixture('bounding-box.html'));
    expect(scan.fields).toEqual([
      expect.objectContaining({ name: 'annotatedResult', element: 'crowd-bounding-box', options: ['Car', 'Truck', 'Bicycle'], required: false }),
    ]);
  });

  it('reads a plain HTML survey: constraints, groups, reserved names left out', () => {
    const scan = scanTemplate(fixture('survey.html'));
    expect(scan.form).toBe('html-form');
    const byName = Object.fromEntries(scan.fields.map((f) => [f.name, f]));
    expect(Object.keys(byName)).toEqual(['age', 'zip', 'email', 'mode', 'days', 'satisfaction', 'describe']);
    expect(byName.age).toMatchObject({ element: 'input:number', required: true, min: 18, max: 99 });
    expect(byName.zip).toMatchObject({ element: 'input:text', required: true, pattern: '[0-9]{5}' });
    expect(byName.email).toMatchObject({ element: 'input:email', required: false });
    expect(byName.mode).toMatchObject({ element: 'input:radio', required: true, options: ['car', 'bus', 'bike'] });
    expect(byName.mode?.multiple).toBeUndefined();
    expect(byName.days).toMatchObject({ element: 'input:checkbox', multiple: true, options: ['mon', 'tue', 'wed'] });
    expect(byName.satisfaction).toMatchObject({ element: 'select', required: true, options: ['1', '3', 'Very happy'] });
    expect(byName.describe).toMatchObject({ element: 'textarea', required: true, minLength: 10, maxLength: 200 });
    expect(byName.email?.inCrowdForm).toBeUndefined();
  });

  it('reads every annotation element and ignores layout elements', () => {
    const scan = scanTemplate(fixture('annotations.html'));
    expect(scan.fields.map((f) => f.element)).toEqual([
      'crowd-keypoint',
      'crowd-polygon',
      'crowd-line',
      'crowd-polyline',
      'crowd-entity-annotation',
      'crowd-classifier-multi-select',
      'crowd-slider',
      'crowd-text-area',
      'crowd-input',
    ]);
    const entity = scan.fields.find((f) => f.element === 'crowd-entity-annotation');
    expect(entity?.options).toEqual(['person', 'place']);
    expect(scan.fields.find((f) => f.name === 'confidence')).toMatchObject({ min: 1, max: 10, step: 1, required: true });
  });

  it('says when there is no form at all', () => {
    expect(scanTemplate('<p>Just text <input name="x"></p>')).toMatchObject({ form: 'none' });
  });
});

describe('plausibleValue', () => {
  const scans = ['image-classification.html', 'sentiment.html', 'bounding-box.html', 'survey.html', 'annotations.html'].map((f) => scanTemplate(fixture(f)));
  const fields = scans.flatMap((s) => s.fields);
  const field = (name: string) => fields.find((f) => f.name === name) as ScannedField;

  it('classifiers answer {label} from their categories; multi-selects {labels}', () => {
    for (const seed of SEEDS) {
      const random = seeded(seed);
      expect(field('category').options).toContain((plausibleValue(field('category'), random) as { label: string }).label);
      const multi = plausibleValue(field('topics'), random) as { labels: string[] };
      expect(Object.keys(multi)).toEqual(['labels']);
      expect(multi.labels.length).toBeGreaterThan(0);
      for (const label of multi.labels) expect(field('topics').options).toContain(label);
    }
  });

  it('image annotations stay inside the image, in natural pixels, with known labels', () => {
    for (const seed of SEEDS) {
      const random = seeded(seed);
      const boxes = plausibleValue(field('annotatedResult'), random) as {
        boundingBoxes: Array<{ height: number; label: string; left: number; top: number; width: number }>;
        inputImageProperties: { height: number; width: number };
      };
      expect(Object.keys(boxes).sort()).toEqual(['boundingBoxes', 'inputImageProperties']);
      const { width, height } = boxes.inputImageProperties;
      expect(boxes.boundingBoxes.length).toBeGreaterThan(0);
      for (const box of boxes.boundingBoxes) {
        expect(Object.keys(box).sort()).toEqual(['height', 'label', 'left', 'top', 'width']);
        expect(['Car', 'Truck', 'Bicycle']).toContain(box.label);
        expect(Number.isInteger(box.left) && box.left >= 0 && box.left + box.width <= width).toBe(true);
        expect(Number.isInteger(box.top) && box.top >= 0 && box.top + box.height <= height).toBe(true);
        expect(box.width).toBeGreaterThan(0);
      }
      const keypoints = plausibleValue(field('eyes'), random) as { keypoints: Array<{ label: string; x: number; y: number }>; inputImageProperties: { width: number; height: number } };
      expect(keypoints.keypoints.map((k) => k.label)).toEqual(['Left eye', 'Right eye']);
      for (const k of keypoints.keypoints) expect(k.x >= 0 && k.x < keypoints.inputImageProperties.width && k.y >= 0 && k.y < keypoints.inputImageProperties.height).toBe(true);
      const roof = plausibleValue(field('roof'), random) as { polygons: Array<{ label: string; vertices: unknown[] }> };
      for (const polygon of roof.polygons) expect(polygon.vertices.length).toBeGreaterThanOrEqual(3);
      const horizon = plausibleValue(field('horizon'), random) as { lines: Array<{ vertices: unknown[] }> };
      for (const line of horizon.lines) expect(line.vertices).toHaveLength(2);
      const lanes = plausibleValue(field('lanes'), random) as { polylines: Array<{ vertices: unknown[] }> };
      for (const line of lanes.polylines) expect(line.vertices.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('entity spans are word-aligned offsets into the text', () => {
    const text = 'Alice flew from Paris to Tokyo on Monday';
    for (const seed of SEEDS) {
      const value = plausibleValue(field('crowd-entity-annotation'), seeded(seed)) as { entities: Array<{ startOffset: number; endOffset: number; label: string }> };
      let previousEnd = -1;
      for (const entity of value.entities) {
        expect(Object.keys(entity).sort()).toEqual(['endOffset', 'label', 'startOffset']);
        expect(['person', 'place']).toContain(entity.label);
        expect(entity.startOffset).toBeGreaterThan(previousEnd);
        expect(text.slice(entity.startOffset, entity.endOffset)).toMatch(/^\S(.*\S)?$/);
        expect(entity.startOffset === 0 || text[entity.startOffset - 1] === ' ').toBe(true);
        previousEnd = entity.endOffset;
      }
    }
  });

  it('plain survey answers respect required, min/max, pattern and lengths', () => {
    for (const seed of SEEDS) {
      const random = seeded(seed);
      const age = Number(plausibleValue(field('age'), random));
      expect(Number.isInteger(age) && age >= 18 && age <= 99).toBe(true);
      expect(plausibleValue(field('zip'), random)).toMatch(/^[0-9]{5}$/);
      const email = plausibleValue(field('email'), random) as string;
      expect(email === '' || /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(email)).toBe(true);
      expect(['car', 'bus', 'bike']).toContain(plausibleValue(field('mode'), random));
      const days = plausibleValue(field('days'), random) as string[];
      for (const day of days) expect(['mon', 'tue', 'wed']).toContain(day);
      expect(['1', '3', 'Very happy']).toContain(plausibleValue(field('satisfaction'), random));
      const describe = plausibleValue(field('describe'), random) as string;
      expect(describe.length >= 10 && describe.length <= 200).toBe(true);
      const comment = plausibleValue(field('comment'), random) as string;
      expect(comment.length).toBeLessThanOrEqual(40);
      const confidence = plausibleValue(field('confidence'), random) as number;
      expect(Number.isInteger(confidence) && confidence >= 1 && confidence <= 10).toBe(true);
      const count = Number(plausibleValue(field('count'), random));
      expect(count >= 0 && count <= 50).toBe(true);
    }
  });

  it('patterns with length limits are honoured together', () => {
    const code: ScannedField = { name: 'code', element: 'input:text', required: true, pattern: '[A-Z]{2}-\\d+', minLength: 5, maxLength: 7, attributes: {} };
    for (const seed of SEEDS) {
      const value = plausibleValue(code, seeded(seed)) as string;
      expect(value).toMatch(/^[A-Z]{2}-\d+$/);
      expect(value.length >= 5 && value.length <= 7).toBe(true);
    }
  });

  it('crowd checkboxes and radio groups answer in {"<value>": checked} objects', () => {
    for (const seed of SEEDS) {
      const random = seeded(seed);
      const flags = plausibleValue(field('flags'), random) as Record<string, boolean>;
      expect(Object.keys(flags).sort()).toEqual(['offensive', 'spam']);
      const group = plausibleValue(field('sarcastic|sincere'), random) as Record<string, Record<string, boolean>>;
      expect(Object.keys(group).sort()).toEqual(['sarcastic', 'sincere']);
      expect(Object.values(group).filter((button) => button.yes).length).toBeLessThanOrEqual(1);
    }
    const required = { ...field('sarcastic|sincere'), required: true };
    for (const seed of SEEDS) {
      const group = plausibleValue(required, seeded(seed)) as Record<string, Record<string, boolean>>;
      expect(Object.values(group).filter((button) => button.yes)).toHaveLength(1);
    }
  });

  it('plain radios and checkboxes inside a crowd-form answer as crowd-form posts them', () => {
    const scan = scanTemplate(`<crowd-form>
      <label><input type="radio" name="size" value="S" required>S</label><label><input type="radio" name="size" value="L">L</label>
      <input type="checkbox" name="agree">
      <crowd-image-classifier-multi-select name="tags" categories='["a","b"]' src="x.png"></crowd-image-classifier-multi-select>
    </crowd-form>`);
    expect(scan.fields.map((f) => [f.name, f.element, f.inCrowdForm])).toEqual([
      ['size', 'input:radio', true],
      ['agree', 'input:checkbox', true],
      ['tags', 'crowd-image-classifier-multi-select', undefined],
    ]);
    for (const seed of SEEDS) {
      const random = seeded(seed);
      const size = plausibleValue(scan.fields[0]!, random) as Record<string, boolean>;
      expect(Object.keys(size).sort()).toEqual(['L', 'S']);
      expect(Object.values(size).filter(Boolean)).toHaveLength(1);
      expect(Object.keys(plausibleValue(scan.fields[1]!, random) as object)).toEqual(['on']);
      const tags = plausibleValue(scan.fields[2]!, random) as { labels: string[] };
      expect(tags.labels.length).toBeGreaterThan(0);
    }
  });

  it('plausibleAnswers spreads a radio group into its buttons', () => {
    const answers = plausibleAnswers(scanTemplate(fixture('sentiment.html')), seeded(7));
    expect(Object.keys(answers).sort()).toEqual(['comment', 'flags', 'sarcastic', 'sentiment', 'sincere']);
  });
});

describe('taskAnswersJson', () => {
  const values = { sentiment: { label: 'Positive' }, flags: { spam: false, offensive: true }, comment: 'ok', annotatedResult: { boundingBoxes: [{ width: 5, top: 1, left: 2, label: 'Car', height: 3 }], inputImageProperties: { width: 10, height: 8 } } };

  it('is one JSON array holding one object, keys in order', () => {
    expect(taskAnswersJson(values)).toBe(
      '[{"annotatedResult":{"boundingBoxes":[{"height":3,"label":"Car","left":2,"top":1,"width":5}],"inputImageProperties":{"height":8,"width":10}},"comment":"ok","flags":{"offensive":true,"spam":false},"sentiment":{"label":"Positive"}}]',
    );
  });

  it('flatten-objects turns nested objects into dotted keys and keeps arrays', () => {
    expect(JSON.parse(taskAnswersJson(values, 'flatten-objects'))).toEqual([
      {
        'annotatedResult.boundingBoxes': [{ height: 3, label: 'Car', left: 2, top: 1, width: 5 }],
        'annotatedResult.inputImageProperties.height': 8,
        'annotatedResult.inputImageProperties.width': 10,
        comment: 'ok',
        'flags.offensive': true,
        'flags.spam': false,
        'sentiment.label': 'Positive',
      },
    ]);
  });
});

describe('rewriteCrowdScriptTags', () => {
  it('points every form of the loader tag at the local script and leaves other scripts alone', () => {
    const html = [
      '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>',
      "<script src='https://assets.crowd.aws/crowd-html-elements.js' ></script>",
      '<script src=https://assets.crowd.aws/crowd-html-elements.js></script>',
      '<SCRIPT type="text/javascript" SRC="https://assets.crowd.aws/crowd-html-elements.js" defer></SCRIPT>',
      '<script src="//assets.crowd.aws/crowd-html-elements.js"></script>',
      '<script src="https://s3.amazonaws.com/mturk-public/externalHIT_v1.js"></script>',
    ].join('\n');
    const out = rewriteCrowdScriptTags(html, '/_local/crowd-elements.js?v=1&x="y"');
    expect(out).not.toContain('assets.crowd.aws');
    expect(out.match(/src="\/_local\/crowd-elements\.js\?v=1&amp;x=&quot;y&quot;"/g)).toHaveLength(5);
    expect(out).toContain('type="text/javascript"');
    expect(out).toContain(' defer>');
    expect(out).toContain('externalHIT_v1.js');
  });
});
