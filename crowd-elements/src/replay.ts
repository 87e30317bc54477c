/**
 * The read-only replay of a submitted assignment: what the page is given (its answers by field name) and how a crowd
 * element finds its own answer in them. Pure: no DOM, no Node — the browser half is elements/replay.ts, the server
 * that builds a replay document embeds `replayDataJson`.
 */
import { isRecord } from './answers';

/** One assignment's answers by field name; a multi-selection has several values. */
export interface ReplayData {
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** What the page says instead of "Submit" (e.g. "Replay of 3XY… by A1B…: read-only"). */
  readonly note: string;
}

/** The element id of the JSON data block a replay document carries. */
export const REPLAY_DATA_ID = 'crowd-replay-data';

/**
 * `data` as JSON safe inside `<script type="application/json">`: no `<` (so no `</script>` or `<!--` in a worker's
 * text can end the block), no `>`/`&`, and no line separators. JSON.parse reads it back unchanged.
 */
export function replayDataJson(data: ReplayData): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The object a crowd-form posted (`taskAnswers`: a JSON array holding one object), or null when there is none. */
export function crowdAnswersOf(fields: ReplayData['fields']): Record<string, unknown> | null {
  const raw = fields['taskAnswers']?.[0];
  if (raw === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
    return isRecord(first) ? first : null;
  } catch {
    return null;
  }
}

/**
 * The answer an element named `name` gave: its own key, or — for `answer-format="flatten-objects"` — the dotted
 * keys under it put back together (`{"box.boundingBoxes": […]}` → `{"boundingBoxes": […]}`).
 */
export function answerNamed(answers: Readonly<Record<string, unknown>>, name: string): unknown {
  if (name === '') return undefined;
  if (Object.prototype.hasOwnProperty.call(answers, name)) return answers[name];
  const prefix = `${name}.`;
  let nested: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(answers)) {
    if (!key.startsWith(prefix)) continue;
    nested ??= {};
    setPath(nested, key.slice(prefix.length).split('.'), value);
  }
  return nested;
}

/** Keys that would reach an object's prototype: a worker's answer must never set them. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  if (path.some((part) => UNSAFE_KEYS.has(part))) return;
  let at = target;
  path.forEach((part, index) => {
    if (index === path.length - 1) {
      at[part] = value;
      return;
    }
    const next = at[part];
    if (!isRecord(next)) at[part] = {};
    at = at[part] as Record<string, unknown>;
  });
}

/** Labels a classifier answer names: `{"label": "cat"}` or `{"labels": ["a", "b"]}`. */
export function labelsOf(value: unknown): string[] {
  if (!isRecord(value)) return [];
  if (Array.isArray(value.labels)) return value.labels.map((label) => String(label));
  return typeof value.label === 'string' ? [value.label] : [];
}

/** The values a plain control should show: a multi-value answer stored joined by `|` is split back. */
export function controlValues(values: readonly string[] | undefined, multiple: boolean): string[] {
  if (values === undefined) return [];
  return multiple && values.length === 1 ? (values[0] as string).split('|') : [...values];
}
