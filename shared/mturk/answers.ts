/**
 * QuestionFormAnswers — the XML string in `Assignment.Answer` and `QualificationRequest.Answer` — and the
 * flat field map the workbench archive stores for every assignment, including the crowd-html-elements convention of a
 * single `taskAnswers` FreeText holding a JSON array with one object. Pure: no Node, no DOM.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { scanQuestionFormAnswers } from './answers-scanner';

export const QUESTION_FORM_ANSWERS_NAMESPACE =
  'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd';

export interface AnswerField {
  questionIdentifier: string;
  freeText?: string;
  selectionIdentifiers?: string[];
  otherSelectionText?: string;
  uploadedFileKey?: string;
  uploadedFileSizeInBytes?: number;
}

/** Separator used when several values share one flat field (multiple selections, repeated form fields). */
export const MULTI_VALUE_SEPARATOR = '|';
export const TASK_ANSWERS_IDENTIFIER = 'taskAnswers';

// ---------------------------------------------------------------- build

// Characters XML 1.0 cannot carry at all (not even escaped); dropped rather than producing a document nobody can parse.
const XML_INVALID_CHARS = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(text: string): string {
  return text
    .replace(XML_INVALID_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;'); // keep CR through XML end-of-line normalisation
}

const element = (name: string, text: string): string => `<${name}>${escapeXmlText(text)}</${name}>`;

export function buildQuestionFormAnswers(answers: readonly AnswerField[]): string {
  const body = answers.map((answer) => {
    const parts = [element('QuestionIdentifier', answer.questionIdentifier)];
    if (answer.freeText !== undefined) parts.push(element('FreeText', answer.freeText));
    for (const selection of answer.selectionIdentifiers ?? []) parts.push(element('SelectionIdentifier', selection));
    if (answer.otherSelectionText !== undefined) parts.push(element('OtherSelectionText', answer.otherSelectionText));
    if (answer.uploadedFileSizeInBytes !== undefined)
      parts.push(element('UploadedFileSizeInBytes', String(answer.uploadedFileSizeInBytes)));
    if (answer.uploadedFileKey !== undefined) parts.push(element('UploadedFileKey', answer.uploadedFileKey));
    return `<Answer>${parts.join('')}</Answer>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' +
    `<QuestionFormAnswers xmlns="${QUESTION_FORM_ANSWERS_NAMESPACE}">${body.join('')}</QuestionFormAnswers>`
  );
}

// ---------------------------------------------------------------- parse

const REPEATABLE = new Set(['Answer', 'SelectionIdentifier']);
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false, // FreeText whitespace is the worker's
  htmlEntities: true, // numeric character references (&#233;) as well as the five XML entities
  isArray: (name) => REPEATABLE.has(name),
});

/** Parses a QuestionFormAnswers document. An empty string means "no answers". Throws Error naming the problem. */
export function parseQuestionFormAnswers(xml: string): AnswerField[] {
  return scanQuestionFormAnswers(xml) ?? parseWithXmlParser(xml);
}

/** The general path (any well-formed document); the scanner must always agree with it, which the tests check. */
export function parseWithXmlParser(xml: string): AnswerField[] {
  if (xml.trim() === '') return [];
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new Error(`QuestionFormAnswers is not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    // e.g. DOCTYPE external entities, which the parser refuses (and which answers never contain)
    throw new Error(`QuestionFormAnswers could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = asRecord(document)?.QuestionFormAnswers;
  if (root === undefined) throw new Error('QuestionFormAnswers: the root element must be <QuestionFormAnswers>');
  if (Array.isArray(root)) throw new Error('QuestionFormAnswers: the document has more than one root element');
  if (typeof root === 'string') return []; // <QuestionFormAnswers/> or only whitespace inside
  const answers = asRecord(root)?.Answer;
  if (answers === undefined) return [];
  if (!Array.isArray(answers)) throw new Error('QuestionFormAnswers: <Answer> elements are malformed');
  return answers.map((answer, index) => parseAnswer(answer, index + 1));
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function textOf(value: unknown, what: string, position: number): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) throw new Error(`QuestionFormAnswers: answer ${position} has more than one <${what}>`);
  throw new Error(`QuestionFormAnswers: <${what}> of answer ${position} must contain only text`);
}

function parseAnswer(value: unknown, position: number): AnswerField {
  const answer = asRecord(value);
  if (answer === undefined || answer.QuestionIdentifier === undefined)
    throw new Error(`QuestionFormAnswers: answer ${position} has no <QuestionIdentifier>`);
  const questionIdentifier = textOf(answer.QuestionIdentifier, 'QuestionIdentifier', position).trim();
  if (questionIdentifier === '') throw new Error(`QuestionFormAnswers: answer ${position} has an empty <QuestionIdentifier>`);
  const field: AnswerField = { questionIdentifier };
  if (answer.FreeText !== undefined) field.freeText = textOf(answer.FreeText, 'FreeText', position);
  if (answer.SelectionIdentifier !== undefined) {
    const selections = answer.SelectionIdentifier as unknown[];
    field.selectionIdentifiers = selections.map((s) => textOf(s, 'SelectionIdentifier', position).trim());
  }
  if (answer.OtherSelectionText !== undefined)
    field.otherSelectionText = textOf(answer.OtherSelectionText, 'OtherSelectionText', position);
  if (answer.UploadedFileKey !== undefined)
    field.uploadedFileKey = textOf(answer.UploadedFileKey, 'UploadedFileKey', position).trim();
  if (answer.UploadedFileSizeInBytes !== undefined) {
    const size = textOf(answer.UploadedFileSizeInBytes, 'UploadedFileSizeInBytes', position).trim();
    if (!/^[0-9]+$/.test(size))
      throw new Error(`QuestionFormAnswers: <UploadedFileSizeInBytes> of answer ${position} is not a whole number: '${size}'`);
    field.uploadedFileSizeInBytes = Number(size);
  }
  return field;
}

// ---------------------------------------------------------------- flatten

/**
 * One string per field, ready for a grid/CSV column:
 * - FreeText → its text; selections → identifiers joined by `|`; an "other" box → `<id>.other`;
 *   a file upload → `<id>` = file key and `<id>.sizeInBytes`;
 * - a field repeated under the same identifier (a multi-valued HTML form field) → values joined by `|`;
 * - `taskAnswers` (crowd-html-elements) holding `[{...}]` → one dotted field per leaf (`sentiment.label`),
 *   where an object of booleans (a radio/checkbox group, `{"cat":true,"dog":false}`) becomes its true keys joined by
 *   `|`, a list of scalars is joined by `|`, a list of objects (e.g. bounding boxes) is kept as JSON text, and null → ''.
 *   A `taskAnswers` that is not a one-object JSON array is kept verbatim under `taskAnswers`.
 * `listsAsJson` writes every `taskAnswers` list as JSON text instead (`["a","b"]`): unambiguous when a value holds `|`,
 * as a results file for other programs needs.
 */
export function flattenAnswers(fields: readonly AnswerField[], options: { listsAsJson?: boolean } = {}): Record<string, string> {
  // No prototype: a worker's field may be called `__proto__` or `constructor`, and must be kept as any other.
  const out = Object.create(null) as Record<string, string>;
  const put = (key: string, value: string): void => {
    out[key] = Object.hasOwn(out, key) ? `${out[key]}${MULTI_VALUE_SEPARATOR}${value}` : value;
  };
  for (const field of fields) {
    const id = field.questionIdentifier;
    const task = id === TASK_ANSWERS_IDENTIFIER && field.freeText !== undefined ? taskAnswersObject(field.freeText) : undefined;
    if (task !== undefined) {
      flattenJson(task, '', put, options.listsAsJson === true);
      continue;
    }
    if (field.freeText !== undefined) put(id, field.freeText);
    if (field.selectionIdentifiers !== undefined) put(id, field.selectionIdentifiers.join(MULTI_VALUE_SEPARATOR));
    if (field.otherSelectionText !== undefined) put(`${id}.other`, field.otherSelectionText);
    if (field.uploadedFileKey !== undefined) put(id, field.uploadedFileKey);
    if (field.uploadedFileSizeInBytes !== undefined) put(`${id}.sizeInBytes`, String(field.uploadedFileSizeInBytes));
    if (!Object.hasOwn(out, id) && !Object.hasOwn(out, `${id}.other`)) put(id, ''); // answered nothing: keep the column
  }
  return out;
}

function taskAnswersObject(text: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 1) return undefined;
  return asRecord(parsed[0]);
}

type Scalar = string | number | boolean | null;
const isScalar = (value: unknown): value is Scalar =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);
const scalarText = (value: Scalar): string => (value === null ? '' : String(value));

/**
 * Objects nested deeper than this are kept whole, as JSON text, under their key: a worker's answer is untrusted, and
 * flattening thousands of levels would overflow the stack and lose the answer's other fields with it.
 */
const MAX_FLATTENED_DEPTH = 32;
const TOO_DEEP = '(nested too deeply to show: see the raw answer)';

function subtreeAsJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return TOO_DEEP; // deeper than JSON.stringify itself can go; the raw answer XML keeps it
  }
}

function flattenJson(value: Record<string, unknown>, prefix: string, put: (key: string, value: string) => void, listsAsJson: boolean, depth = 1): void {
  for (const [name, child] of Object.entries(value)) {
    const key = prefix === '' ? name : `${prefix}.${name}`;
    if (isScalar(child)) put(key, scalarText(child));
    else if (depth >= MAX_FLATTENED_DEPTH && !Array.isArray(child)) put(key, subtreeAsJson(child));
    else if (Array.isArray(child)) {
      put(key, child.every(isScalar) && !listsAsJson ? child.map(scalarText).join(MULTI_VALUE_SEPARATOR) : subtreeAsJson(child));
    } else {
      const record = asRecord(child) ?? {};
      const entries = Object.entries(record);
      const isChoiceGroup = entries.length > 0 && entries.every(([, v]) => typeof v === 'boolean');
      if (isChoiceGroup)
        put(key, entries.filter(([, v]) => v === true).map(([k]) => k).join(MULTI_VALUE_SEPARATOR));
      else if (entries.length === 0) put(key, '');
      else flattenJson(record, key, put, listsAsJson, depth + 1);
    }
  }
}
