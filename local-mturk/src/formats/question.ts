/**
 * Checks the `Question` of CreateHIT/CreateHITWithHITType and the `Test` of a qualification type.
 *
 * Error codes (the legacy family the 2017 API reuses):
 * - not well-formed, wrong root/namespace, missing or misplaced schema elements → `AWS.MechanicalTurk.XMLParseError`,
 *   worded like the real service: "There was an error parsing the XML question or answer data in your request. …";
 * - a FormattedContent block that is not well-formed XHTML → `AWS.MechanicalTurk.XHTMLParseError`;
 * - well-formed but unacceptable values (ExternalURL not https) → `AWS.MechanicalTurk.InvalidParameterValue`.
 */
import { MTurkRequestError } from '../ops/types';
import {
  XmlSyntaxError,
  attribute,
  childNames,
  childText,
  children,
  firstChild,
  parseXmlDocument,
  textOf,
  type XmlDocument,
  type XmlElement,
} from './xml-document';
import { XMLValidator } from 'fast-xml-parser';

const SCHEMA_BASE = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas';
export const QUESTION_FORM_NAMESPACES = [
  `${SCHEMA_BASE}/2017-11-06/QuestionForm.xsd`,
  `${SCHEMA_BASE}/2005-10-01/QuestionForm.xsd`,
] as const;
export const EXTERNAL_QUESTION_NAMESPACE = `${SCHEMA_BASE}/2006-07-14/ExternalQuestion.xsd`;
export const HTML_QUESTION_NAMESPACE = `${SCHEMA_BASE}/2011-11-11/HTMLQuestion.xsd`;

export type QuestionKind = 'QuestionForm' | 'ExternalQuestion' | 'HTMLQuestion';

export interface QuestionCheckOptions {
  /** Local convenience: accept http:// ExternalURLs on 127.0.0.1/localhost. Off by default (real MTurk demands https). */
  readonly allowLoopbackHttp?: boolean;
}

const XML_PARSE_ERROR = 'AWS.MechanicalTurk.XMLParseError';
const XHTML_PARSE_ERROR = 'AWS.MechanicalTurk.XHTMLParseError';
const INVALID_PARAMETER_VALUE = 'AWS.MechanicalTurk.InvalidParameterValue';

export function xmlParseError(details: string): MTurkRequestError {
  return new MTurkRequestError(
    XML_PARSE_ERROR,
    'There was an error parsing the XML question or answer data in your request. Please make sure the data is ' +
      `well-formed and validates against the appropriate schema. Details: ${details}`,
  );
}

/** Parses any MTurk XML document, turning syntax errors into XMLParseError. */
export function parseMTurkXml(xml: string): XmlDocument {
  try {
    return parseXmlDocument(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw xmlParseError(error.message);
    throw error;
  }
}

/** Validates a HIT Question; returns which of the three formats it is. */
export function checkQuestionXml(xml: string, options: QuestionCheckOptions = {}): QuestionKind {
  const document = parseMTurkXml(xml);
  switch (document.rootName) {
    case 'QuestionForm':
      expectNamespace(document, QUESTION_FORM_NAMESPACES);
      checkQuestionForm(document.root);
      return 'QuestionForm';
    case 'ExternalQuestion':
      expectNamespace(document, [EXTERNAL_QUESTION_NAMESPACE]);
      checkExternalQuestion(document.root, options);
      return 'ExternalQuestion';
    case 'HTMLQuestion':
      expectNamespace(document, [HTML_QUESTION_NAMESPACE]);
      checkHtmlQuestion(document.root);
      return 'HTMLQuestion';
    default:
      throw xmlParseError(
        `cvc-elt.1: Cannot find the declaration of element '${document.rootName}'. ` +
          'The root element must be QuestionForm, ExternalQuestion or HTMLQuestion.',
      );
  }
}

/**
 * A qualification Test must be a QuestionForm without file uploads; when it will be scored by
 * an AnswerKey it may hold only selection questions without an "other" box.
 */
export function checkQualificationTestXml(xml: string, autoGraded: boolean): void {
  const kind = checkQuestionXml(xml);
  if (kind !== 'QuestionForm')
    throw new MTurkRequestError(INVALID_PARAMETER_VALUE, `A qualification test must be a QuestionForm, not an ${kind}.`);
  if (!autoGraded) return;
  for (const question of children(parseMTurkXml(xml).root, 'Question')) {
    const id = childText(question, 'QuestionIdentifier') ?? '';
    const spec = firstChild(question, 'AnswerSpecification') ?? {};
    const selection = firstChild(spec, 'SelectionAnswer');
    if (selection === undefined || firstChild(firstChild(selection, 'Selections') ?? {}, 'OtherSelection') !== undefined)
      throw new MTurkRequestError(
        INVALID_PARAMETER_VALUE,
        `Question '${id}' cannot be scored by an AnswerKey: tests with an AnswerKey may only contain selection questions without an OtherSelection.`,
      );
  }
}

/** The QuestionIdentifiers of a QuestionForm, in order; [] for External/HTML questions (their fields are free-form). */
export function questionIdentifiers(xml: string): string[] {
  const document = parseMTurkXml(xml);
  if (document.rootName !== 'QuestionForm') return [];
  return children(document.root, 'Question').map((q) => childText(q, 'QuestionIdentifier') ?? '');
}

/** QuestionForm question id → its SelectionIdentifiers (free-text questions map to an empty list). */
export function selectionIdentifiersByQuestion(xml: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const document = parseMTurkXml(xml);
  if (document.rootName !== 'QuestionForm') return out;
  for (const question of children(document.root, 'Question')) {
    const selection = firstChild(firstChild(question, 'AnswerSpecification') ?? {}, 'SelectionAnswer');
    const options = children(firstChild(selection ?? {}, 'Selections') ?? {}, 'Selection');
    out.set(childText(question, 'QuestionIdentifier') ?? '', options.map((o) => childText(o, 'SelectionIdentifier') ?? ''));
  }
  return out;
}

function expectNamespace(document: XmlDocument, allowed: readonly string[]): void {
  if (document.namespace !== undefined && allowed.includes(document.namespace)) return;
  throw xmlParseError(
    `cvc-elt.1: Cannot find the declaration of element '${document.rootName}'. ` +
      `Its namespace must be ${allowed.map((ns) => `'${ns}'`).join(' or ')}` +
      (document.namespace === undefined ? ' (no xmlns was declared).' : ` (found '${document.namespace}').`),
  );
}

function requireChildText(element: XmlElement, parent: string, name: string): string {
  const value = childText(element, name);
  if (value === undefined || value === '')
    throw xmlParseError(
      `cvc-complex-type.2.4.b: The content of element '${parent}' is not complete. One of '{${name}}' is expected.`,
    );
  return value;
}

function checkFrameHeight(root: XmlElement, parent: string): void {
  const height = requireChildText(root, parent, 'FrameHeight');
  if (!/^[0-9]+$/.test(height))
    throw xmlParseError(`cvc-datatype-valid.1.2.1: '${height}' is not a valid value for 'integer' (FrameHeight).`);
}

function checkExternalQuestion(root: XmlElement, options: QuestionCheckOptions): void {
  const url = requireChildText(root, 'ExternalQuestion', 'ExternalURL');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MTurkRequestError(INVALID_PARAMETER_VALUE, `The ExternalURL '${url}' is not a valid URL.`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  const httpsOk = parsed.protocol === 'https:' || (options.allowLoopbackHttp === true && loopback && parsed.protocol === 'http:');
  if (!httpsOk)
    throw new MTurkRequestError(INVALID_PARAMETER_VALUE, `The ExternalURL '${url}' must use HTTPS.`);
  checkFrameHeight(root, 'ExternalQuestion');
}

function checkHtmlQuestion(root: XmlElement): void {
  const content = childText(root, 'HTMLContent');
  if (content === undefined || content.trim() === '')
    throw xmlParseError(
      "cvc-complex-type.2.4.b: The content of element 'HTMLQuestion' is not complete. " +
        "'HTMLContent' (a CDATA section holding an HTML document) is expected.",
    );
  checkFrameHeight(root, 'HTMLQuestion');
}

function checkQuestionForm(root: XmlElement): void {
  const questions = children(root, 'Question');
  if (questions.length === 0)
    throw xmlParseError("cvc-complex-type.2.4.b: The content of element 'QuestionForm' is not complete. At least one 'Question' is expected.");
  for (const overview of children(root, 'Overview')) checkContent(overview, 'Overview');
  const seen = new Set<string>();
  for (const question of questions) {
    const id = requireChildText(question, 'Question', 'QuestionIdentifier');
    if (seen.has(id)) throw xmlParseError(`Duplicate QuestionIdentifier '${id}': identifiers must be unique within a QuestionForm.`);
    seen.add(id);
    const content = firstChild(question, 'QuestionContent');
    if (content === undefined)
      throw xmlParseError(`cvc-complex-type.2.4.b: The content of element 'Question' (${id}) is not complete. 'QuestionContent' is expected.`);
    checkContent(content, `QuestionContent of ${id}`);
    const isRequired = childText(question, 'IsRequired');
    if (isRequired !== undefined && !['true', 'false'].includes(isRequired))
      throw xmlParseError(`cvc-datatype-valid.1.2.1: '${isRequired}' is not a valid value for 'boolean' (IsRequired of ${id}).`);
    checkAnswerSpecification(question, id);
  }
}

// Outside the FormattedContent XHTML subset: scripting, styling, frames, embedded objects and form controls
// (answers come from AnswerSpecification, never from markup).
const FORBIDDEN_XHTML = /<\s*(script|style|link|meta|base|iframe|frame|frameset|object|embed|applet|form|input|select|textarea|button)\b/i;
const EVENT_ATTRIBUTE = /<[^>]*\son[a-z]+\s*=/i;
const SCRIPT_URL = /\b(href|src)\s*=\s*["']\s*javascript:/i;

/** Binary media: MimeType/Type image|audio|video, an http(s) DataURL and AltText; Application is withdrawn. */
function checkMedia(content: XmlElement, where: string): void {
  if (children(content, 'Application').length > 0)
    throw xmlParseError(`Application content (${where}) is no longer supported in QuestionForm (withdrawn 2017-12-12).`);
  for (const binary of children(content, 'Binary')) {
    const type = childText(firstChild(binary, 'MimeType') ?? {}, 'Type');
    if (type === undefined || !['image', 'audio', 'video'].includes(type))
      throw xmlParseError(`cvc-enumeration-valid: Binary MimeType Type in ${where} must be image, audio or video (found '${type ?? ''}').`);
    const url = requireChildText(binary, 'Binary', 'DataURL');
    if (!/^https?:\/\/\S+$/i.test(url)) throw xmlParseError(`Binary DataURL in ${where} is not an http(s) URL: '${url}'.`);
    requireChildText(binary, 'Binary', 'AltText');
  }
}

/** FormattedContent must be a well-formed fragment of the restricted XHTML subset. */
function checkContent(content: XmlElement, where: string): void {
  checkMedia(content, where);
  for (const formatted of children(content, 'FormattedContent')) {
    const xhtml = textOf(formatted);
    const problem = (detail: string): MTurkRequestError =>
      new MTurkRequestError(XHTML_PARSE_ERROR, `There was an error parsing the FormattedContent in ${where}: ${detail}`);
    const verdict = XMLValidator.validate(`<FormattedContent>${xhtml}</FormattedContent>`);
    if (verdict !== true) throw problem(`${verdict.err.msg} (line ${verdict.err.line}).`);
    const forbidden = FORBIDDEN_XHTML.exec(xhtml);
    if (forbidden) throw problem(`the element <${forbidden[1]}> is not allowed in FormattedContent.`);
    if (EVENT_ATTRIBUTE.test(xhtml) || SCRIPT_URL.test(xhtml))
      throw problem('scripting (event attributes or javascript: URLs) is not allowed in FormattedContent.');
  }
}

function checkAnswerSpecification(question: XmlElement, id: string): void {
  const spec = firstChild(question, 'AnswerSpecification');
  if (spec === undefined)
    throw xmlParseError(`cvc-complex-type.2.4.b: The content of element 'Question' (${id}) is not complete. 'AnswerSpecification' is expected.`);
  const kinds = childNames(spec).filter((n) => ['FreeTextAnswer', 'SelectionAnswer', 'FileUploadAnswer'].includes(n));
  const total = kinds.reduce((sum, kind) => sum + children(spec, kind).length, 0);
  if (total !== 1)
    throw xmlParseError(`AnswerSpecification of '${id}' must contain exactly one of FreeTextAnswer, SelectionAnswer (found ${total}).`);
  if (kinds[0] === 'FileUploadAnswer')
    throw xmlParseError(`FileUploadAnswer (question '${id}') is no longer supported in QuestionForm (withdrawn 2017-12-12).`);
  const free = firstChild(spec, 'FreeTextAnswer');
  if (free !== undefined) checkFreeText(free, id);
  const selection = firstChild(spec, 'SelectionAnswer');
  if (selection !== undefined) checkSelection(selection, id);
}

function integerAttribute(element: XmlElement, name: string, id: string): number | undefined {
  const raw = attribute(element, name);
  if (raw === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(raw.trim()))
    throw xmlParseError(`cvc-datatype-valid.1.2.1: '${raw}' is not a valid value for 'integer' (${name} of '${id}').`);
  return Number(raw);
}

function checkFreeText(free: XmlElement, id: string): void {
  const constraints = firstChild(free, 'Constraints');
  if (constraints === undefined) return;
  const numeric = firstChild(constraints, 'IsNumeric');
  if (numeric !== undefined) {
    const min = integerAttribute(numeric, 'minValue', id);
    const max = integerAttribute(numeric, 'maxValue', id);
    if (min !== undefined && max !== undefined && min > max)
      throw xmlParseError(`IsNumeric of '${id}': minValue ${min} is greater than maxValue ${max}.`);
  }
  const length = firstChild(constraints, 'Length');
  if (length !== undefined) {
    const min = integerAttribute(length, 'minLength', id);
    const max = integerAttribute(length, 'maxLength', id);
    if ((min ?? 0) < 0 || (max ?? 0) < 0 || (min !== undefined && max !== undefined && min > max))
      throw xmlParseError(`Length of '${id}': minLength/maxLength must be non-negative with minLength <= maxLength.`);
  }
  for (const regex of children(constraints, 'AnswerFormatRegex')) {
    const pattern = attribute(regex, 'regex');
    if (pattern === undefined) throw xmlParseError(`cvc-complex-type.4: Attribute 'regex' must appear on element 'AnswerFormatRegex' ('${id}').`);
    try {
      new RegExp(pattern, attribute(regex, 'flags') === 'i' ? 'i' : '');
    } catch {
      throw new MTurkRequestError(INVALID_PARAMETER_VALUE, `AnswerFormatRegex of '${id}' is not a valid regular expression: ${pattern}`);
    }
  }
}

function checkSelection(selection: XmlElement, id: string): void {
  const selections = firstChild(selection, 'Selections');
  const options = selections === undefined ? [] : children(selections, 'Selection');
  const hasOther = selections !== undefined && firstChild(selections, 'OtherSelection') !== undefined;
  if (options.length === 0 && !hasOther)
    throw xmlParseError(`cvc-complex-type.2.4.b: SelectionAnswer of '${id}' is not complete. 'Selections' with at least one 'Selection' is expected.`);
  const seen = new Set<string>();
  for (const option of options) {
    const selectionId = requireChildText(option, 'Selection', 'SelectionIdentifier');
    if (seen.has(selectionId)) throw xmlParseError(`Duplicate SelectionIdentifier '${selectionId}' in question '${id}'.`);
    seen.add(selectionId);
  }
  const count = (name: string, fallback: number): number => {
    const raw = childText(selection, name);
    if (raw === undefined) return fallback;
    if (!/^[0-9]+$/.test(raw)) throw xmlParseError(`cvc-datatype-valid.1.2.1: '${raw}' is not a valid value for 'nonNegativeInteger' (${name} of '${id}').`);
    return Number(raw);
  };
  const min = count('MinSelectionCount', 1);
  const max = count('MaxSelectionCount', 1);
  if (min > max) throw xmlParseError(`SelectionAnswer of '${id}': MinSelectionCount ${min} is greater than MaxSelectionCount ${max}.`);
  const style = childText(selection, 'StyleSuggestion');
  const styles = ['radiobutton', 'checkbox', 'list', 'dropdown', 'combobox', 'multichooser'];
  if (style !== undefined && !styles.includes(style))
    throw xmlParseError(
      `cvc-enumeration-valid: Value '${style}' is not facet-valid with respect to enumeration ` +
        `'[${styles.join(', ')}]' (StyleSuggestion of '${id}').`,
    );
}
