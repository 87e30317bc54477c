/**
 * The answer shapes crowd elements submit, shared by the browser elements (which build them from what the worker
 * did) and the Node scanner (which fabricates plausible ones). Pure: no DOM, no Node.
 */

export interface Point {
  x: number;
  y: number;
}
export interface ImageSize {
  width: number;
  height: number;
}
export interface BoundingBox {
  height: number;
  label: string;
  left: number;
  top: number;
  width: number;
}
export interface Entity {
  endOffset: number;
  label: string;
  startOffset: number;
}

export const classifierAnswer = (label: string) => ({ label });
export const multiLabelAnswer = (labels: string[]) => ({ labels });

export const boundingBoxAnswer = (boxes: BoundingBox[], image: ImageSize) => ({
  boundingBoxes: boxes,
  inputImageProperties: image,
});
export const keypointAnswer = (points: Array<Point & { label: string }>, image: ImageSize) => ({
  inputImageProperties: image,
  keypoints: points.map((p) => ({ label: p.label, x: p.x, y: p.y })),
});
export const polygonAnswer = (shapes: Array<{ label: string; vertices: Point[] }>, image: ImageSize) => ({
  inputImageProperties: image,
  polygons: shapes,
});
export const lineAnswer = (shapes: Array<{ label: string; vertices: Point[] }>, image: ImageSize) => ({
  inputImageProperties: image,
  lines: shapes,
});
export const polylineAnswer = (shapes: Array<{ label: string; vertices: Point[] }>, image: ImageSize) => ({
  inputImageProperties: image,
  polylines: shapes,
});
export const entityAnswer = (entities: Entity[]) => ({ entities });

/** A checkbox (or radio button) reports its state under its value, `on` when it has none. */
export const checkValueKey = (value: string | null | undefined): string => (value ? value : 'on');

/**
 * Label lists in templates are written as JSON (`["cat","dog"]`) or, very often, as a JavaScript-style array with
 * single quotes (`['cat', 'dog']`), which the real elements accept too.
 */
export function parseLabelList(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return [];
  const parsed = parseLooseJson(text);
  if (Array.isArray(parsed)) {
    return parsed
      .map((item) => (typeof item === 'string' ? item : isRecord(item) && typeof item.label === 'string' ? item.label : String(item)))
      .filter((item) => item !== '');
  }
  return text
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(',')
    .map((item) => item.trim().replace(/^['"]|['"]$/g, ''))
    .filter((item) => item !== '');
}

/** Parses JSON, falling back to the single-quoted dialect templates commonly use. */
export function parseLooseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      const doubled = text.replace(/'((?:[^'\\]|\\.)*)'/g, (_m, inner: string) => JSON.stringify(inner.replace(/\\'/g, "'")));
      const quotedKeys = doubled.replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":').replace(/,\s*([}\]])/g, '$1');
      return JSON.parse(quotedKeys);
    } catch {
      return undefined;
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `answer-format="flatten-objects"`: nested objects become dotted keys (`{"sentiment":{"label":"happy"}}` →
 * `{"sentiment.label":"happy"}`); arrays are values and stay as they are.
 */
export function flattenObjects(values: Record<string, unknown>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  const visit = (prefix: string, value: unknown) => {
    if (isRecord(value) && Object.keys(value).length > 0) {
      for (const [key, inner] of Object.entries(value)) visit(prefix === '' ? key : `${prefix}.${key}`, inner);
    } else {
      flat[prefix] = value;
    }
  };
  for (const [key, value] of Object.entries(values)) visit(key, value);
  return flat;
}

/** Object keys in code-unit order at every level, as the real crowd-form writes them. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
  return sorted;
}

/** The single `taskAnswers` FreeText a crowd-form submits: a JSON array holding one object of all answers. */
export function taskAnswersJson(values: Record<string, unknown>, answerFormat?: 'flatten-objects'): string {
  const shaped = answerFormat === 'flatten-objects' ? flattenObjects(values) : values;
  return JSON.stringify([sortKeys(shaped)]);
}
