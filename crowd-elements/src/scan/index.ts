/**
 * Reads a requester template (an HTMLQuestion document or a crowd-html-elements template) and lists the answers it
 * collects, so the simulated crowd can fill it in without a browser. Pure: no DOM, no Node built-ins.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { checkValueKey, parseLabelList, taskAnswersJson as answersJson } from '../answers';

export { plausibleValue, plausibleAnswers } from './plausible';

export interface ScannedField {
  /** The answer key (crowd element `name`, or the form control's name). */
  name: string;
  /** 'crowd-classifier', 'crowd-bounding-box', … or 'input:text' | 'input:number' | 'input:radio' | 'select' | 'textarea' … */
  element: string;
  required: boolean;
  /** Categories / labels / radio values / select options / checkbox values. */
  options?: string[];
  /** Multi-select / checkbox groups / select[multiple]. */
  multiple?: boolean;
  min?: number;
  max?: number;
  step?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** Every attribute of the element as written (of the first element, for grouped radios/checkboxes). */
  attributes: Record<string, string>;
  /** Set when a plain radio/checkbox sits inside a crowd-form, which reports it as `{value: checked}` objects. */
  inCrowdForm?: true;
}

export interface TemplateScan {
  form: 'crowd-form' | 'html-form' | 'none';
  answerFormat?: 'flatten-objects';
  fields: ScannedField[];
}

/** Field names MTurk reserves: never answers. */
const RESERVED_NAMES = new Set(['assignmentId', 'hitId', 'turkSubmitTo', 'workerId']);
const SINGLE_CLASSIFIERS = new Set(['crowd-classifier', 'crowd-image-classifier']);
const MULTI_CLASSIFIERS = new Set(['crowd-classifier-multi-select', 'crowd-image-classifier-multi-select']);
const IMAGE_ANNOTATORS = new Set(['crowd-bounding-box', 'crowd-keypoint', 'crowd-polygon', 'crowd-line', 'crowd-polyline']);
const NOT_ANSWERS = new Set(['submit', 'button', 'reset', 'image', 'file']);

export function scanTemplate(html: string): TemplateScan {
  const document = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false });
  const elements = descendants(document.children);
  const crowdForm = elements.find((el) => el.name === 'crowd-form');
  const form: TemplateScan['form'] = crowdForm ? 'crowd-form' : elements.some((el) => el.name === 'form') ? 'html-form' : 'none';
  const scan: TemplateScan = { form, fields: [] };
  if (crowdForm?.attribs['answer-format'] === 'flatten-objects') scan.answerFormat = 'flatten-objects';

  const byName = new Map<string, ScannedField>();
  const add = (field: ScannedField) => {
    if (field.name === '' || RESERVED_NAMES.has(field.name) || byName.has(field.name)) return;
    byName.set(field.name, field);
    scan.fields.push(field);
  };
  const inCrowdForm = form === 'crowd-form';

  for (const el of elements) {
    const tag = el.name;
    const attrs = { ...el.attribs };
    const name = attrs.name ?? '';
    const required = 'required' in attrs;
    if (SINGLE_CLASSIFIERS.has(tag)) {
      // The real classifiers refuse to submit until a category is picked.
      add({ name, element: tag, required: true, options: parseLabelList(attrs.categories), attributes: attrs });
    } else if (MULTI_CLASSIFIERS.has(tag)) {
      add({ name, element: tag, required, multiple: true, options: parseLabelList(attrs.categories), attributes: attrs });
    } else if (IMAGE_ANNOTATORS.has(tag)) {
      add({ name, element: tag, required, options: parseLabelList(attrs.labels), attributes: attrs });
    } else if (tag === 'crowd-entity-annotation') {
      add({ name, element: tag, required, options: parseLabelList(attrs.labels), attributes: attrs });
    } else if (tag === 'crowd-input') {
      add(textField(name, tag, required, attrs));
    } else if (tag === 'crowd-text-area') {
      add(textField(name, tag, required, attrs));
    } else if (tag === 'crowd-slider') {
      add({ name, element: tag, required, min: num(attrs.min) ?? 0, max: num(attrs.max) ?? 100, step: num(attrs.step) ?? 1, attributes: attrs });
    } else if (tag === 'crowd-checkbox') {
      addToGroup(byName, add, { name, element: tag, required, options: [checkValueKey(attrs.value)], attributes: attrs });
    } else if (tag === 'crowd-radio-group') {
      add(radioGroupField(el, attrs));
    } else if (tag === 'input') {
      const type = (attrs.type ?? 'text').toLowerCase();
      if (NOT_ANSWERS.has(type)) continue;
      if (type === 'radio' || type === 'checkbox') {
        const field: ScannedField = { name, element: `input:${type}`, required, options: [type === 'checkbox' && inCrowdForm ? checkValueKey(attrs.value) : (attrs.value ?? 'on')], attributes: attrs };
        if (inCrowdForm) field.inCrowdForm = true;
        addToGroup(byName, add, field);
      } else {
        add(textField(name, `input:${type}`, required, attrs));
      }
    } else if (tag === 'textarea') {
      add(textField(name, 'textarea', required, attrs));
    } else if (tag === 'select') {
      const options = descendants(el.children)
        .filter((child) => child.name === 'option')
        .map((option) => option.attribs.value ?? textOf(option).trim());
      // A required select's empty first option is the "choose one" placeholder, never an answer.
      add({ name, element: 'select', required, ...('multiple' in attrs ? { multiple: true } : {}), options: options.filter((o) => o !== ''), attributes: attrs });
    }
  }
  return scan;
}

/** The single `taskAnswers` FreeText a crowd-form submits for these values, honouring flatten-objects. */
export function taskAnswersJson(values: Record<string, unknown>, answerFormat?: 'flatten-objects'): string {
  return answersJson(values, answerFormat);
}

/**
 * A crowd-radio-group answers with one entry per button (`{"<button name>": {"<value>": checked}}`), so its field
 * lists the buttons: `options` are the buttons' answer keys, `attributes['data-buttons']` their names and values as
 * JSON. Its name is the group's `name` when written, else the button names joined with `|`; the group's value is
 * spread into the answers rather than nested under that name (see plausibleAnswers).
 */
function radioGroupField(group: Element, attrs: Record<string, string>): ScannedField {
  const buttons = descendants(group.children)
    .filter((el) => el.name === 'crowd-radio-button')
    .map((el) => ({ name: el.attribs.name ?? '', value: checkValueKey(el.attribs.value) }))
    .filter((button) => button.name !== '');
  const name = attrs.name ?? buttons.map((b) => b.name).join('|');
  return {
    name,
    element: 'crowd-radio-group',
    required: 'required' in attrs,
    options: buttons.map((b) => b.name),
    attributes: { ...attrs, 'data-buttons': JSON.stringify(buttons) },
  };
}

function textField(name: string, element: string, required: boolean, attrs: Record<string, string>): ScannedField {
  const field: ScannedField = { name, element, required, attributes: attrs };
  const min = num(attrs.min);
  const max = num(attrs.max);
  const step = num(attrs.step);
  const minLength = num(attrs.minlength ?? attrs['min-length']);
  const maxLength = num(attrs.maxlength ?? attrs['max-length']);
  if (min !== undefined) field.min = min;
  if (max !== undefined) field.max = max;
  if (step !== undefined) field.step = step;
  if (minLength !== undefined) field.minLength = minLength;
  if (maxLength !== undefined) field.maxLength = maxLength;
  if (attrs.pattern) field.pattern = attrs.pattern;
  // A minimum length means an answer must be given (as in QuestionForm).
  if (minLength !== undefined && minLength > 0) field.required = true;
  return field;
}

/** Radios and checkboxes sharing a name are one answer with several options. */
function addToGroup(byName: Map<string, ScannedField>, add: (field: ScannedField) => void, field: ScannedField) {
  const existing = byName.get(field.name);
  if (!existing || existing.element !== field.element) return add(field);
  for (const option of field.options ?? []) if (!existing.options?.includes(option)) existing.options?.push(option);
  existing.required ||= field.required;
  if (field.element !== 'input:radio' && (existing.options?.length ?? 0) > 1) existing.multiple = true;
}

function descendants(nodes: ChildNode[]): Element[] {
  const out: Element[] = [];
  const walk = (list: ChildNode[]) => {
    for (const node of list) {
      if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
        out.push(node as Element);
        walk((node as Element).children);
      }
    }
  };
  walk(nodes);
  return out;
}

function textOf(el: Element): string {
  let text = '';
  for (const child of el.children) {
    if (child.type === 'text') text += child.data;
    else if (child.type === 'tag') text += textOf(child as Element);
  }
  return text;
}

function num(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

