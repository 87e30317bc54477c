/**
 * Review replay: a submitted assignment shown read-only inside its own template. Every crowd element shows its part
 * of the posted `taskAnswers`; plain controls (an HTML form, a rendered QuestionForm) get their values; then nothing
 * can be changed or submitted. Worker text only ever becomes a control's value or an element's textContent.
 */
import { checkValueKey, isRecord } from '../answers';
import { answerNamed, controlValues, crowdAnswersOf, REPLAY_DATA_ID, type ReplayData } from '../replay';
import { isReplayTarget, whenParsed } from './base';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const NOT_ANSWERS = new Set(['submit', 'button', 'reset', 'image', 'file', 'hidden']);
/** Keys that only move focus or scroll; every other key could change an answer or submit. */
const NAVIGATION_KEYS = new Set(['Tab', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End']);

/** Shows `data` once the page's elements have rendered (they render when the document is parsed). */
export function replay(data: ReplayData): void {
  whenParsed(() => setTimeout(() => applyReplay(data), 0));
}

/** The replay document's entry: reads the JSON block the server embedded (never markup) and replays it. */
export function replayFromDocument(): void {
  const block = document.getElementById(REPLAY_DATA_ID);
  // The script may be loaded twice (the template's loader tag and the replay's own): replay once.
  if (!block || block.hasAttribute('data-replaying')) return;
  block.setAttribute('data-replaying', '');
  const data = JSON.parse(block.textContent ?? '{}') as ReplayData;
  replay({ fields: isRecord(data.fields) ? data.fields : {}, note: typeof data.note === 'string' ? data.note : 'Read-only replay.' });
}

function applyReplay(data: ReplayData): void {
  const crowd = crowdAnswersOf(data.fields);
  for (const el of document.querySelectorAll('*')) {
    if (isReplayTarget(el)) el.showAnswer(crowd ?? {});
    else if (isControl(el) && el.name !== '' && !el.closest('crowd-radio-group')) fillControl(el, crowd, data.fields);
  }
  lockDown(data.note);
  document.documentElement.setAttribute('data-replayed', '');
}

function isControl(el: Element): el is Control {
  if (el instanceof HTMLInputElement) return !NOT_ANSWERS.has(el.type);
  return el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
}

/** A plain control inside a crowd-form answers in taskAnswers; one in an HTML form or QuestionForm has its own field. */
function fillControl(el: Control, crowd: Record<string, unknown> | null, fields: ReplayData['fields']): void {
  if (crowd !== null && el.closest('crowd-form')) return fillFromCrowd(el, answerNamed(crowd, el.name));
  const multiple = (el instanceof HTMLSelectElement && el.multiple) || (el instanceof HTMLInputElement && el.type === 'checkbox');
  // Own fields only: a control named `constructor` must not read Object's.
  const own = Object.prototype.hasOwnProperty.call(fields, el.name) ? fields[el.name] : undefined;
  const values = controlValues(own, multiple);
  if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) el.checked = values.includes(el.value);
  else if (el instanceof HTMLSelectElement) for (const option of el.options) option.selected = values.includes(option.value);
  else if (own !== undefined) el.value = values.join('|');
}

function fillFromCrowd(el: Control, answer: unknown): void {
  if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
    el.checked = isRecord(answer) && answer[checkValueKey(el.getAttribute('value'))] === true;
  } else if (el instanceof HTMLSelectElement && el.multiple) {
    const chosen = Array.isArray(answer) ? answer.map(String) : [];
    for (const option of el.options) option.selected = chosen.includes(option.value);
  } else if (answer !== undefined) {
    el.value = typeof answer === 'string' ? answer : JSON.stringify(answer);
  }
}

/** Disables every control (the page's and the elements' own), refuses submits, and swallows editing input. */
function lockDown(note: string): void {
  const roots: Array<Document | ShadowRoot> = [document];
  for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  for (const root of roots) {
    for (const control of root.querySelectorAll('input, select, textarea, button')) (control as HTMLInputElement).disabled = true;
  }
  for (const button of document.querySelectorAll('crowd-button, crowd-checkbox, crowd-radio-button')) button.setAttribute('disabled', '');
  for (const form of document.querySelectorAll('crowd-form')) (form as HTMLElement & { showReplay?: (note: string) => void }).showReplay?.(note);
  const refuse = (event: Event) => {
    if (event instanceof KeyboardEvent && NAVIGATION_KEYS.has(event.key)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  for (const type of ['keydown', 'keypress', 'dblclick', 'submit', 'beforeinput', 'paste', 'drop']) window.addEventListener(type, refuse, true);
  // Clicks only open and close details (instructions); a button the page adds later cannot act.
  window.addEventListener('click', (event) => {
    if (event.composedPath().some((node) => node instanceof HTMLElement && node.localName === 'summary')) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }, true);
  // Pointer presses still select text (the reviewer may copy it); they just never reach a drawing tool.
  window.addEventListener('pointerdown', (event) => event.stopImmediatePropagation(), true);
}
