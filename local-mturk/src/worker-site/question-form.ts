/**
 * QuestionForm for workers: the XML parsed into an ordered model (Overview and Question blocks interleave, content
 * blocks render in document order), the model rendered as an HTML form, and a posted form turned back into
 * QuestionFormAnswers fields — with the same constraint checks the page runs before submitting.
 *
 * Field names: `answer.<QuestionIdentifier>` (repeated for several selections) and `other.<QuestionIdentifier>` for
 * an OtherSelection box, so that no question can collide with the reserved `assignmentId`.
 */
import { XMLParser } from 'fast-xml-parser';
import type { AnswerField } from '../../../shared/mturk/answers';
import { html, trustedMarkup, type SafeHtml } from './html';

export type ContentBlock =
  | { kind: 'title' | 'text'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'binary'; mediaType: string; url: string; alt: string }
  | { kind: 'formatted'; xhtml: string };

export interface RegexConstraint {
  regex: string;
  flags: string;
  errorText: string;
}

export interface FreeTextSpec {
  kind: 'free';
  numeric?: { min?: number; max?: number };
  minLength?: number;
  maxLength?: number;
  regexes: RegexConstraint[];
  defaultText?: string;
  lines: number;
}

export type SelectionStyle = 'radiobutton' | 'checkbox' | 'list' | 'dropdown' | 'combobox' | 'multichooser';

export interface SelectionSpec {
  kind: 'selection';
  min: number;
  max: number;
  style: SelectionStyle;
  options: { id: string; content: ContentBlock[] }[];
  other?: FreeTextSpec;
}

export interface FormQuestion {
  id: string;
  displayName?: string;
  required: boolean;
  content: ContentBlock[];
  answer: FreeTextSpec | SelectionSpec;
}

export type FormItem = { kind: 'overview'; content: ContentBlock[] } | { kind: 'question'; question: FormQuestion };

// ---------------------------------------------------------------- ordered XML tree

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
});

type OrderedEntry = Record<string, unknown>;

function toNode(entry: OrderedEntry): XmlNode | undefined {
  const name = Object.keys(entry).find((key) => key !== ':@' && key !== '#text');
  if (name === undefined || name.startsWith('?') || name.startsWith('!')) return undefined;
  const rawChildren = Array.isArray(entry[name]) ? (entry[name] as OrderedEntry[]) : [];
  const attributes = (entry[':@'] ?? {}) as Record<string, string>;
  const children = rawChildren.map(toNode).filter((node): node is XmlNode => node !== undefined);
  const text = rawChildren.map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join('');
  return { name, attributes, children, text };
}

const childrenNamed = (node: XmlNode, name: string): XmlNode[] => node.children.filter((child) => child.name === name);
const child = (node: XmlNode, name: string): XmlNode | undefined => childrenNamed(node, name)[0];
const childText = (node: XmlNode, name: string): string | undefined => {
  const found = child(node, name);
  return found === undefined ? undefined : found.text.trim();
};

function integerAttribute(node: XmlNode, name: string): number | undefined {
  const raw = node.attributes[name];
  return raw === undefined || raw.trim() === '' ? undefined : Number(raw);
}

// ---------------------------------------------------------------- model

function contentBlocks(node: XmlNode): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  for (const part of node.children) {
    switch (part.name) {
      case 'Title':
        blocks.push({ kind: 'title', text: part.text.trim() });
        break;
      case 'Text':
        blocks.push({ kind: 'text', text: part.text.trim() });
        break;
      case 'List':
        blocks.push({ kind: 'list', items: childrenNamed(part, 'ListItem').map((item) => item.text.trim()) });
        break;
      case 'Binary':
      case 'EmbeddedBinary': {
        const mime = child(part, 'MimeType') ?? child(part, 'EmbeddedMimeType');
        blocks.push({
          kind: 'binary',
          mediaType: mime === undefined ? '' : (childText(mime, 'Type') ?? ''),
          url: childText(part, 'DataURL') ?? '',
          alt: childText(part, 'AltText') ?? '',
        });
        break;
      }
      case 'FormattedContent':
        blocks.push({ kind: 'formatted', xhtml: part.text });
        break;
      default:
        break;
    }
  }
  return blocks;
}

function freeTextSpec(node: XmlNode | undefined): FreeTextSpec {
  const spec: FreeTextSpec = { kind: 'free', regexes: [], lines: 1 };
  if (node === undefined) return spec;
  const constraints = child(node, 'Constraints');
  if (constraints !== undefined) {
    const numeric = child(constraints, 'IsNumeric');
    if (numeric !== undefined) {
      const min = integerAttribute(numeric, 'minValue');
      const max = integerAttribute(numeric, 'maxValue');
      spec.numeric = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    }
    const length = child(constraints, 'Length');
    if (length !== undefined) {
      const min = integerAttribute(length, 'minLength');
      const max = integerAttribute(length, 'maxLength');
      if (min !== undefined) spec.minLength = min;
      if (max !== undefined) spec.maxLength = max;
    }
    for (const regex of childrenNamed(constraints, 'AnswerFormatRegex')) {
      spec.regexes.push({
        regex: regex.attributes.regex ?? '',
        flags: regex.attributes.flags === 'i' ? 'i' : '',
        errorText: regex.attributes.errorText ?? 'Invalid input supplied.',
      });
    }
  }
  const defaultText = childText(node, 'DefaultText');
  if (defaultText !== undefined) spec.defaultText = defaultText;
  const lines = Number(childText(node, 'NumberOfLinesSuggestion') ?? 1);
  spec.lines = Number.isInteger(lines) && lines > 0 ? lines : 1;
  return spec;
}

const STYLES: readonly SelectionStyle[] = ['radiobutton', 'checkbox', 'list', 'dropdown', 'combobox', 'multichooser'];

function selectionSpec(node: XmlNode): SelectionSpec {
  const count = (name: string, fallback: number): number => {
    const raw = childText(node, name);
    return raw === undefined ? fallback : Number(raw);
  };
  const min = count('MinSelectionCount', 1);
  const max = Math.max(count('MaxSelectionCount', 1), 1);
  const suggested = childText(node, 'StyleSuggestion') as SelectionStyle | undefined;
  const style = suggested !== undefined && STYLES.includes(suggested) ? suggested : max > 1 ? 'checkbox' : 'radiobutton';
  const selections = child(node, 'Selections');
  const options = (selections === undefined ? [] : childrenNamed(selections, 'Selection')).map((selection) => ({
    id: childText(selection, 'SelectionIdentifier') ?? '',
    content: contentBlocks(selection),
  }));
  const other = selections === undefined ? undefined : child(selections, 'OtherSelection');
  return { kind: 'selection', min, max, style, options, ...(other === undefined ? {} : { other: freeTextSpec(other) }) };
}

function formQuestion(node: XmlNode): FormQuestion {
  const spec = child(node, 'AnswerSpecification');
  const selection = spec === undefined ? undefined : child(spec, 'SelectionAnswer');
  const displayName = childText(node, 'DisplayName');
  return {
    id: childText(node, 'QuestionIdentifier') ?? '',
    ...(displayName === undefined ? {} : { displayName }),
    required: childText(node, 'IsRequired') === 'true',
    content: contentBlocks(child(node, 'QuestionContent') ?? { name: '', attributes: {}, children: [], text: '' }),
    answer: selection === undefined ? freeTextSpec(spec === undefined ? undefined : child(spec, 'FreeTextAnswer')) : selectionSpec(selection),
  };
}

/** The Overview and Question items of a QuestionForm (already validated when the HIT or test was created). */
export function parseQuestionForm(xml: string): FormItem[] {
  const entries = orderedParser.parse(xml) as OrderedEntry[];
  const root = entries.map(toNode).find((node) => node?.name === 'QuestionForm');
  if (root === undefined) throw new Error('not a QuestionForm document');
  const items: FormItem[] = [];
  for (const node of root.children) {
    if (node.name === 'Overview') items.push({ kind: 'overview', content: contentBlocks(node) });
    if (node.name === 'Question') items.push({ kind: 'question', question: formQuestion(node) });
  }
  return items;
}

// ---------------------------------------------------------------- answers and checks

/** Whether a free-text question demands an answer: IsRequired, or a minimum length. */
const freeTextRequired = (required: boolean, spec: FreeTextSpec): boolean => required || (spec.minLength ?? 0) > 0;

/** What is wrong with one free-text value (undefined when it is acceptable). Mirrors the page's checks. */
export function freeTextProblem(value: string, spec: FreeTextSpec, required: boolean): string | undefined {
  if (value === '') return freeTextRequired(required, spec) ? 'An answer is required.' : undefined;
  if (spec.numeric !== undefined) {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) return 'The answer must be a number.';
    if (spec.numeric.min !== undefined && number < spec.numeric.min) return `The answer must be at least ${spec.numeric.min}.`;
    if (spec.numeric.max !== undefined && number > spec.numeric.max) return `The answer must be at most ${spec.numeric.max}.`;
  }
  const length = [...value].length;
  if (spec.minLength !== undefined && length < spec.minLength) return `The answer must be at least ${spec.minLength} characters long.`;
  if (spec.maxLength !== undefined && length > spec.maxLength) return `The answer must be at most ${spec.maxLength} characters long.`;
  for (const constraint of spec.regexes) if (!new RegExp(constraint.regex, constraint.flags).test(value)) return constraint.errorText;
  return undefined;
}

export interface CheckedAnswers {
  answers: AnswerField[];
  /** One sentence per question that is not acceptable, naming it. */
  problems: string[];
}

function selectionAnswer(question: FormQuestion, spec: SelectionSpec, form: URLSearchParams): { answer?: AnswerField; problem?: string } {
  const chosen = form.getAll(`answer.${question.id}`).filter((value) => value !== '');
  const unknown = chosen.find((id) => !spec.options.some((option) => option.id === id));
  if (unknown !== undefined) return { problem: `'${unknown}' is not one of the choices.` };
  const otherText = spec.other === undefined ? '' : (form.get(`other.${question.id}`) ?? '');
  const count = chosen.length + (otherText === '' ? 0 : 1);
  if (count === 0) return question.required || spec.min > 0 ? { problem: 'Choose an answer.' } : {};
  if (count < spec.min) return { problem: `Choose at least ${spec.min}.` };
  if (count > spec.max) return { problem: `Choose at most ${spec.max}.` };
  if (spec.other !== undefined && otherText !== '') {
    const problem = freeTextProblem(otherText, spec.other, false);
    if (problem !== undefined) return { problem };
  }
  return {
    answer: {
      questionIdentifier: question.id,
      ...(chosen.length > 0 ? { selectionIdentifiers: chosen } : {}),
      ...(otherText === '' ? {} : { otherSelectionText: otherText }),
    },
  };
}

/** A posted form → QuestionFormAnswers fields (unanswered optional questions are left out), or the problems. */
export function answersFromForm(items: readonly FormItem[], form: URLSearchParams): CheckedAnswers {
  const answers: AnswerField[] = [];
  const problems: string[] = [];
  for (const item of items) {
    if (item.kind !== 'question') continue;
    const { question } = item;
    const label = question.displayName ?? question.id;
    if (question.answer.kind === 'free') {
      const value = form.get(`answer.${question.id}`) ?? '';
      const problem = freeTextProblem(value, question.answer, question.required);
      if (problem !== undefined) problems.push(`${label}: ${problem}`);
      else if (value !== '') answers.push({ questionIdentifier: question.id, freeText: value });
      continue;
    }
    const result = selectionAnswer(question, question.answer, form);
    if (result.problem !== undefined) problems.push(`${label}: ${result.problem}`);
    if (result.answer !== undefined) answers.push(result.answer);
  }
  return { answers, problems };
}

// ---------------------------------------------------------------- rendering

function renderBlock(block: ContentBlock): SafeHtml {
  switch (block.kind) {
    case 'title':
      return html`<h2>${block.text}</h2>`;
    case 'text':
      return html`<p class="text">${block.text}</p>`;
    case 'list':
      return html`<ul>${block.items.map((item) => html`<li>${item}</li>`)}</ul>`;
    case 'formatted':
      // Requester XHTML, checked at CreateHIT; it only ever appears inside the sandboxed task document.
      return html`<div class="formatted">${trustedMarkup(block.xhtml)}</div>`;
    case 'binary':
      if (block.mediaType === 'image') return html`<figure><img src="${block.url}" alt="${block.alt}"><figcaption>${block.alt}</figcaption></figure>`;
      if (block.mediaType === 'audio' || block.mediaType === 'video') {
        const media = block.mediaType === 'audio' ? html`<audio controls src="${block.url}"></audio>` : html`<video controls src="${block.url}"></video>`;
        return html`<figure>${media}<figcaption>${block.alt}</figcaption></figure>`;
      }
      return html`<p class="text">${block.alt}</p>`;
  }
}

const renderContent = (blocks: readonly ContentBlock[]): SafeHtml => html`${blocks.map(renderBlock)}`;

/** The attributes that let the browser (and question-form.js) enforce a free-text spec. */
function freeTextAttributes(spec: FreeTextSpec, required: boolean): SafeHtml {
  const parts: SafeHtml[] = [];
  if (freeTextRequired(required, spec)) parts.push(html` required`);
  if (spec.minLength !== undefined) parts.push(html` minlength="${spec.minLength}"`);
  if (spec.maxLength !== undefined) parts.push(html` maxlength="${spec.maxLength}"`);
  if (spec.numeric?.min !== undefined) parts.push(html` min="${spec.numeric.min}"`);
  if (spec.numeric?.max !== undefined) parts.push(html` max="${spec.numeric.max}"`);
  if (spec.regexes.length > 0) parts.push(html` data-regexes="${JSON.stringify(spec.regexes)}"`);
  return html`${parts}`;
}

function renderFreeText(name: string, spec: FreeTextSpec, required: boolean, label: string): SafeHtml {
  const attributes = freeTextAttributes(spec, required);
  const value = spec.defaultText ?? '';
  if (spec.lines > 1 && spec.numeric === undefined) {
    return html`<textarea name="${name}" rows="${spec.lines}" aria-label="${label}"${attributes}>${value}</textarea>`;
  }
  const type = spec.numeric === undefined ? 'text' : 'number';
  const step = spec.numeric === undefined ? '' : html` step="any"`;
  return html`<input type="${type}" name="${name}" value="${value}" aria-label="${label}"${step}${attributes}>`;
}

function renderSelection(question: FormQuestion, spec: SelectionSpec): SafeHtml {
  const name = `answer.${question.id}`;
  const multiple = spec.max > 1 && !['radiobutton', 'dropdown', 'combobox'].includes(spec.style);
  const group = html` data-selection data-min="${question.required || spec.min > 0 ? Math.max(spec.min, 1) : 0}" data-max="${spec.max}"`;
  const other =
    spec.other === undefined
      ? ''
      : html`<label class="other">Other: ${renderFreeText(`other.${question.id}`, spec.other, false, `${question.id} other`)}</label>`;
  if (spec.style === 'radiobutton' || spec.style === 'checkbox') {
    const type = spec.style === 'checkbox' ? 'checkbox' : 'radio';
    const options = spec.options.map(
      (option) => html`<label class="choice"><input type="${type}" name="${name}" value="${option.id}"> ${renderContent(option.content)}</label>`,
    );
    return html`<div class="choices"${group}>${options}${other}</div>`;
  }
  const size = spec.style === 'list' || spec.style === 'multichooser' ? html` size="${Math.min(spec.options.length, 8)}"` : '';
  const placeholder = multiple || spec.style === 'list' ? '' : html`<option value="">Choose…</option>`;
  const options = spec.options.map((option) => html`<option value="${option.id}">${optionLabel(option.content, option.id)}</option>`);
  return html`<div class="choices"${group}><select name="${name}" aria-label="${question.id}"${multiple ? html` multiple` : ''}${size}>${placeholder}${options}</select>${other}</div>`;
}

/** A <select> option can only hold text: the option's Text, else its alt text, else its identifier. */
function optionLabel(content: readonly ContentBlock[], fallback: string): string {
  for (const block of content) {
    if (block.kind === 'text' || block.kind === 'title') return block.text;
    if (block.kind === 'binary') return block.alt;
    if (block.kind === 'formatted') return block.xhtml.replace(/<[^>]*>/g, '').trim();
  }
  return fallback;
}

function renderQuestion(question: FormQuestion): SafeHtml {
  const answer =
    question.answer.kind === 'free'
      ? renderFreeText(`answer.${question.id}`, question.answer, question.required, question.displayName ?? question.id)
      : renderSelection(question, question.answer);
  const heading = question.displayName === undefined ? '' : html`<h3>${question.displayName}${question.required ? ' *' : ''}</h3>`;
  return html`<section class="question" data-question="${question.id}">${heading}${renderContent(question.content)}${answer}</section>`;
}

/** The form's body: overviews and questions in document order (the caller wraps it in a <form>). */
export function renderQuestionForm(items: readonly FormItem[]): SafeHtml {
  return html`${items.map((item) => (item.kind === 'overview' ? html`<section class="overview">${renderContent(item.content)}</section>` : renderQuestion(item.question)))}`;
}
