/**
 * A strict, fast reader for the one shape MTurk actually sends as QuestionFormAnswers: an optional XML declaration,
 * the root with plain attributes, `<Answer>` elements holding only the known fields as plain text with the five XML
 * entities and character references. Anything else (CDATA, comments, prefixes, other entities, CR, an element it
 * does not know, anything malformed) returns undefined and the caller uses the full XML parser, so the result is
 * always what that parser would give; this one exists because the parser was half the archive's ingest time.
 */
import type { AnswerField } from './answers';

const ROOT = 'QuestionFormAnswers';
const ROOT_CLOSE = `</${ROOT}>`;
const ANSWER_OPEN = '<Answer>';
const ANSWER_CLOSE = '</Answer>';
const FIELDS = new Set(['QuestionIdentifier', 'FreeText', 'SelectionIdentifier', 'OtherSelectionText', 'UploadedFileKey', 'UploadedFileSizeInBytes']);
const DECLARATION = /^<\?xml\s+version\s*=\s*(["'])1\.0\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/;
const ATTRIBUTE = /\s+([A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?)\s*=\s*(?:"[^"<&]*"|'[^'<&]*')/y;
/** Raw characters the XML parser would normalise or refuse: left to it. */
const NEEDS_PARSER = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F]|\]\]>/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const isSpace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;

function skipSpace(xml: string, at: number): number {
  while (at < xml.length && isSpace(xml.charCodeAt(at))) at++;
  return at;
}

/** Returns the answers, or undefined when the document is anything but the plain shape. Never throws. */
export function scanQuestionFormAnswers(xml: string): AnswerField[] | undefined {
  let at = 0;
  if (xml.startsWith('<?')) {
    const declaration = DECLARATION.exec(xml);
    if (!declaration) return undefined;
    at = declaration[0].length;
  }
  at = skipSpace(xml, at);
  if (!xml.startsWith(`<${ROOT}`, at)) return undefined;
  at = scanRootAttributes(xml, at + ROOT.length + 1);
  if (at < 0) return undefined;
  const answers: AnswerField[] = [];
  if (xml.startsWith('/>', at)) at += 2;
  else {
    at += 1; // '>'
    for (;;) {
      at = skipSpace(xml, at);
      if (xml.startsWith(ROOT_CLOSE, at)) {
        at += ROOT_CLOSE.length;
        break;
      }
      if (!xml.startsWith(ANSWER_OPEN, at)) return undefined;
      const scanned = scanAnswer(xml, at + ANSWER_OPEN.length);
      if (!scanned) return undefined;
      answers.push(scanned.field);
      at = scanned.end;
    }
  }
  return skipSpace(xml, at) === xml.length ? answers : undefined;
}

/** Index of the root's `>` or `/>`, or -1; attributes must be plain and distinct (the parser ignores them). */
function scanRootAttributes(xml: string, at: number): number {
  const names = new Set<string>();
  for (;;) {
    ATTRIBUTE.lastIndex = at;
    const attribute = ATTRIBUTE.exec(xml);
    if (!attribute) break;
    if (names.has(attribute[1]!)) return -1;
    names.add(attribute[1]!);
    at = ATTRIBUTE.lastIndex;
  }
  at = skipSpace(xml, at);
  return xml.startsWith('>', at) || xml.startsWith('/>', at) ? at : -1;
}

interface Scanned {
  readonly field: AnswerField;
  readonly end: number;
}

function scanAnswer(xml: string, at: number): Scanned | undefined {
  const values = new Map<string, string>();
  const selections: string[] = [];
  for (;;) {
    at = skipSpace(xml, at);
    if (xml.startsWith(ANSWER_CLOSE, at)) break;
    if (xml.charCodeAt(at) !== 0x3c) return undefined; // '<'
    const nameEnd = xml.indexOf('>', at);
    if (nameEnd < 0) return undefined;
    const name = xml.slice(at + 1, nameEnd);
    if (!FIELDS.has(name)) return undefined;
    const textEnd = xml.indexOf('<', nameEnd + 1);
    if (textEnd < 0 || xml.charCodeAt(textEnd + 1) !== 0x2f || !xml.startsWith(name, textEnd + 2) || xml.charCodeAt(textEnd + 2 + name.length) !== 0x3e)
      return undefined;
    const text = decodeText(xml.slice(nameEnd + 1, textEnd));
    if (text === undefined) return undefined;
    if (name === 'SelectionIdentifier') selections.push(text.trim());
    else if (values.has(name)) return undefined; // the parser's error message is the one to give
    else values.set(name, text);
    at = textEnd + name.length + 3;
  }
  const field = toField(values, selections);
  return field && { field, end: at + ANSWER_CLOSE.length };
}

/** The same field the XML parser path builds; undefined where that path would throw (it then says why). */
function toField(values: ReadonlyMap<string, string>, selections: readonly string[]): AnswerField | undefined {
  const questionIdentifier = values.get('QuestionIdentifier')?.trim();
  if (!questionIdentifier) return undefined;
  const field: AnswerField = { questionIdentifier };
  const freeText = values.get('FreeText');
  if (freeText !== undefined) field.freeText = freeText;
  if (selections.length > 0) field.selectionIdentifiers = [...selections];
  const other = values.get('OtherSelectionText');
  if (other !== undefined) field.otherSelectionText = other;
  const key = values.get('UploadedFileKey');
  if (key !== undefined) field.uploadedFileKey = key.trim();
  const size = values.get('UploadedFileSizeInBytes');
  if (size !== undefined) {
    const digits = size.trim();
    if (!/^[0-9]+$/.test(digits)) return undefined;
    field.uploadedFileSizeInBytes = Number(digits);
  }
  return field;
}

/** Element text with the five XML entities and character references decoded; undefined for anything else. */
export function decodeText(raw: string): string | undefined {
  if (NEEDS_PARSER.test(raw)) return undefined;
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) return undefined;
    const decoded = entity(raw.slice(amp + 1, semi));
    if (decoded === undefined) return undefined;
    out += raw.slice(from, amp) + decoded;
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

function entity(name: string): string | undefined {
  const named = Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
  if (named !== undefined) return named;
  const digits = /^#(?:([0-9]{1,7})|x([0-9A-Fa-f]{1,6}))$/.exec(name);
  if (!digits) return undefined;
  const code = digits[1] !== undefined ? Number(digits[1]) : parseInt(digits[2]!, 16);
  const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}
