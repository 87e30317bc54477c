/**
 * Plausible answers in exactly the shape each element submits, within the field's constraints. Everything random
 * comes from the caller's `random` (values in [0,1)), so a seeded generator gives repeatable crowds.
 */
import RandExp from 'randexp';
import {
  boundingBoxAnswer,
  checkValueKey,
  classifierAnswer,
  entityAnswer,
  isRecord,
  keypointAnswer,
  lineAnswer,
  multiLabelAnswer,
  polygonAnswer,
  polylineAnswer,
  type BoundingBox,
  type Entity,
  type ImageSize,
  type Point,
} from '../answers';
import type { ScannedField, TemplateScan } from './index';

type Random = () => number;

const WORDS = ['the', 'cat', 'sat', 'quietly', 'near', 'a', 'red', 'door', 'while', 'rain', 'fell', 'on', 'old', 'streets', 'and', 'people', 'walked', 'home', 'early', 'today'];
const DEFAULT_LABEL = 'object';

const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

export function plausibleValue(field: ScannedField, random: Random): unknown {
  const options = field.options ?? [];
  const labels = options.length > 0 ? options : [DEFAULT_LABEL];
  switch (field.element) {
    case 'crowd-classifier':
    case 'crowd-image-classifier':
      return classifierAnswer(pick(random, labels));
    case 'crowd-classifier-multi-select':
    case 'crowd-image-classifier-multi-select':
      return multiLabelAnswer(nonEmptySubset(random, labels));
    case 'crowd-bounding-box': {
      const image = imageSize(random);
      return boundingBoxAnswer(repeat(random, () => box(random, image, pick(random, labels))), image);
    }
    case 'crowd-keypoint': {
      const image = imageSize(random);
      return keypointAnswer(labels.map((label) => ({ label, ...point(random, image) })), image);
    }
    case 'crowd-polygon': {
      const image = imageSize(random);
      return polygonAnswer(repeat(random, () => ({ label: pick(random, labels), vertices: vertices(random, image, between(random, 3, 6)) })), image);
    }
    case 'crowd-line': {
      const image = imageSize(random);
      return lineAnswer(repeat(random, () => ({ label: pick(random, labels), vertices: vertices(random, image, 2) })), image);
    }
    case 'crowd-polyline': {
      const image = imageSize(random);
      return polylineAnswer(repeat(random, () => ({ label: pick(random, labels), vertices: vertices(random, image, between(random, 2, 5)) })), image);
    }
    case 'crowd-entity-annotation':
      return entityAnswer(entities(random, field.attributes.text ?? '', labels));
    case 'crowd-slider':
      return steppedNumber(random, field.min ?? 0, field.max ?? 100, field.step ?? 1);
    case 'crowd-checkbox':
      return checkStates(random, options.length > 0 ? options : ['on'], field.required, true);
    case 'crowd-radio-group':
      return radioGroupValue(random, field);
    case 'input:radio':
      if (field.inCrowdForm) return checkStates(random, options, field.required, false);
      return options.length === 0 || (!field.required && random() < 0.1) ? '' : pick(random, options);
    case 'input:checkbox':
      if (field.inCrowdForm) return checkStates(random, options.map(checkValueKey), field.required, true);
      return chosenSubset(random, options, field.required);
    case 'select':
      if (field.multiple) return chosenSubset(random, options, field.required);
      return options.length === 0 ? '' : pick(random, options);
    default:
      return textValue(field, random);
  }
}

/** Plausible values for every field of a scan, ready for taskAnswersJson (radio groups spread into their buttons). */
export function plausibleAnswers(scan: TemplateScan, random: Random): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of scan.fields) {
    const value = plausibleValue(field, random);
    if (field.element === 'crowd-radio-group' && isRecord(value)) Object.assign(values, value);
    else values[field.name] = value;
  }
  return values;
}

/** Every button of the group, exactly one of them on (none when the group is optional and left alone). */
function radioGroupValue(random: Random, field: ScannedField): Record<string, Record<string, boolean>> {
  const buttons = parseButtons(field.attributes['data-buttons']);
  const chosen = !field.required && random() < 0.1 ? -1 : Math.floor(random() * buttons.length);
  const value: Record<string, Record<string, boolean>> = {};
  buttons.forEach((button, index) => {
    value[button.name] = { ...value[button.name], [button.value]: index === chosen };
  });
  return value;
}

function parseButtons(json: string | undefined): Array<{ name: string; value: string }> {
  try {
    const parsed: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((b): b is { name: string; value: string } => isRecord(b) && typeof b.name === 'string' && typeof b.value === 'string') : [];
  } catch {
    return [];
  }
}

function checkStates(random: Random, keys: string[], required: boolean, many: boolean): Record<string, boolean> {
  const chosen = many ? chosenSubset(random, keys, required) : required || random() >= 0.1 ? [pick(random, keys)] : [];
  return Object.fromEntries(keys.map((key) => [key, chosen.includes(key)]));
}

function chosenSubset(random: Random, options: string[], required: boolean): string[] {
  const chosen = options.filter(() => random() < 0.5);
  if (chosen.length === 0 && required && options.length > 0) chosen.push(pick(random, options));
  return chosen;
}

function nonEmptySubset(random: Random, options: string[]): string[] {
  const chosen = options.filter(() => random() < 0.4);
  return chosen.length > 0 ? chosen : [pick(random, options)];
}

function repeat<T>(random: Random, make: () => T): T[] {
  return Array.from({ length: between(random, 1, 3) }, make);
}

function imageSize(random: Random): ImageSize {
  return { height: between(random, 300, 1200), width: between(random, 400, 1600) };
}

function point(random: Random, image: ImageSize): Point {
  return { x: between(random, 0, image.width - 1), y: between(random, 0, image.height - 1) };
}

function vertices(random: Random, image: ImageSize, count: number): Point[] {
  return Array.from({ length: count }, () => point(random, image));
}

function box(random: Random, image: ImageSize, label: string): BoundingBox {
  const left = between(random, 0, image.width - 10);
  const top = between(random, 0, image.height - 10);
  return { height: between(random, 10, image.height - top), label, left, top, width: between(random, 10, image.width - left) };
}

/** Word-aligned, non-overlapping spans of the text. */
function entities(random: Random, text: string, labels: string[]): Entity[] {
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  if (words.length === 0) return [];
  const found: Entity[] = [];
  let from = 0;
  for (let n = between(random, 1, 2); n > 0 && from < words.length; n--) {
    const first = between(random, from, words.length - 1);
    const last = Math.min(words.length - 1, first + between(random, 0, 2));
    found.push({ endOffset: (words[last] as { end: number }).end, label: pick(random, labels), startOffset: (words[first] as { start: number }).start });
    from = last + 1;
  }
  return found;
}

function steppedNumber(random: Random, min: number, max: number, step: number): number {
  const safeStep = step > 0 ? step : 1;
  const steps = Math.max(0, Math.floor((max - min) / safeStep + 1e-9));
  const value = min + between(random, 0, steps) * safeStep;
  return Number(value.toFixed(decimals(safeStep) + decimals(min)));
}

const decimals = (n: number) => (Number.isInteger(n) ? 0 : (String(n).split('.')[1]?.length ?? 0));

function inputType(field: ScannedField): string {
  if (field.element === 'crowd-input') return (field.attributes.type ?? 'text').toLowerCase();
  return field.element.startsWith('input:') ? field.element.slice('input:'.length) : 'text';
}

/** Text answers are strings, as the browser submits them. */
function textValue(field: ScannedField, random: Random): string {
  if (field.element === 'input:hidden') return field.attributes.value ?? '';
  if (!field.required && random() < 0.1) return '';
  if (field.pattern) {
    const matching = fromPattern(field, random);
    if (matching !== undefined) return matching;
  }
  switch (inputType(field)) {
    case 'number':
    case 'range': {
      const min = field.min ?? (inputType(field) === 'range' ? 0 : Math.min(0, (field.max ?? 100) - 100));
      const max = field.max ?? min + 100;
      return String(steppedNumber(random, min, max, field.step ?? 1));
    }
    case 'email':
      return `worker${between(random, 1, 9999)}@example.com`;
    case 'url':
      return `https://example.com/${pick(random, WORDS)}`;
    case 'tel':
      return `555-${String(between(random, 0, 9999)).padStart(4, '0')}`;
    case 'date':
      return `20${between(random, 20, 25)}-${pad(between(random, 1, 12))}-${pad(between(random, 1, 28))}`;
    case 'time':
      return `${pad(between(random, 0, 23))}:${pad(between(random, 0, 59))}`;
    case 'color':
      return `#${between(random, 0, 0xffffff).toString(16).padStart(6, '0')}`;
    default:
      return sentence(random, field.minLength ?? 0, field.maxLength);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A string the pattern accepts in full (as the browser checks it) and within the length limits, if one is found. */
function fromPattern(field: ScannedField, random: Random): string | undefined {
  let whole: RegExp;
  try {
    whole = new RegExp(`^(?:${field.pattern})$`, 'u');
  } catch {
    return undefined;
  }
  const generator = new RandExp(whole);
  generator.max = Math.min(field.maxLength ?? 12, 12);
  generator.randInt = (low: number, high: number) => between(random, low, high);
  for (let attempt = 0; attempt < 25; attempt++) {
    const candidate = generator.gen();
    const lengthOk = candidate.length >= (field.minLength ?? 0) && candidate.length <= (field.maxLength ?? Infinity);
    if (whole.test(candidate) && lengthOk && (candidate !== '' || !field.required)) return candidate;
  }
  return undefined;
}

function sentence(random: Random, minLength: number, maxLength: number | undefined): string {
  const target = Math.max(minLength, Math.min(maxLength ?? 60, between(random, 8, 60)));
  let text = pick(random, WORDS);
  while (text.length < target) text += ` ${pick(random, WORDS)}`;
  const limit = maxLength ?? Infinity;
  if (text.length > limit) text = text.slice(0, limit).trimEnd();
  // Trimming a trailing space may undercut the minimum: pad with letters instead.
  while (text.length < minLength) text += 'a';
  return text;
}
