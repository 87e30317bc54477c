/**
 * Minimal XML access for the MTurk data formats: well-formedness check, root element + its namespace, and a uniform
 * element tree in which every child element is an array (so callers never branch on "one vs many").
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlElement = Readonly<Record<string, unknown>>;

export interface XmlDocument {
  readonly rootName: string;
  readonly namespace: string | undefined;
  readonly root: XmlElement;
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const ATTRIBUTE_PREFIX = '@_';
const TEXT = '#text';

const rootParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: ATTRIBUTE_PREFIX, parseTagValue: false });
const treeParser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  alwaysCreateTextNode: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** Throws XmlSyntaxError (with line and column) when the text is not one well-formed XML document. */
export function parseXmlDocument(xml: string): XmlDocument {
  if (xml.trim() === '') throw new XmlSyntaxError('the document is empty');
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new XmlSyntaxError(`${msg} (line ${line}, column ${col})`);
  }
  const shallow = parseOrExplain(rootParser, xml);
  const roots = Object.keys(shallow).filter((key) => !key.startsWith('?') && !key.startsWith('!'));
  const qualifiedRoot = roots[0];
  if (qualifiedRoot === undefined) throw new XmlSyntaxError('the document has no root element');
  if (roots.length > 1 || Array.isArray(shallow[qualifiedRoot])) throw new XmlSyntaxError('the document has more than one root element');
  const colon = qualifiedRoot.indexOf(':');
  const prefix = colon < 0 ? undefined : qualifiedRoot.slice(0, colon);
  const rootAttributes = shallow[qualifiedRoot];
  const attributes = typeof rootAttributes === 'object' && rootAttributes !== null ? (rootAttributes as Record<string, unknown>) : {};
  const nsValue = attributes[`${ATTRIBUTE_PREFIX}xmlns${prefix === undefined ? '' : `:${prefix}`}`];
  const rootName = colon < 0 ? qualifiedRoot : qualifiedRoot.slice(colon + 1);
  const tree = parseOrExplain(treeParser, xml);
  const rootList = tree[rootName];
  const root = Array.isArray(rootList) && typeof rootList[0] === 'object' && rootList[0] !== null ? (rootList[0] as XmlElement) : {};
  return { rootName, namespace: typeof nsValue === 'string' ? nsValue : undefined, root };
}

/** The parser refuses some well-formed input (DOCTYPE external entities): report it as a syntax problem. */
function parseOrExplain(parser: XMLParser, xml: string): Record<string, unknown> {
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    throw new XmlSyntaxError(error instanceof Error ? error.message : String(error));
  }
}

/** Child elements named `name` (always an array). */
export function children(element: XmlElement, name: string): XmlElement[] {
  const value = element[name];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is XmlElement => typeof v === 'object' && v !== null);
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return children(element, name)[0];
}

/** Text content of an element (CDATA included), trimmed; '' when it has none. */
export function textOf(element: XmlElement | undefined): string {
  const value = element?.[TEXT];
  return typeof value === 'string' ? value : '';
}

/** Text of the first child `name`, or undefined when there is no such child. */
export function childText(element: XmlElement, name: string): string | undefined {
  const child = firstChild(element, name);
  return child === undefined ? undefined : textOf(child);
}

export function attribute(element: XmlElement, name: string): string | undefined {
  const value = element[`${ATTRIBUTE_PREFIX}${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** Names of the child elements, in document order of first appearance (attributes and text excluded). */
export function childNames(element: XmlElement): string[] {
  return Object.keys(element).filter((key) => key !== TEXT && !key.startsWith(ATTRIBUTE_PREFIX));
}
