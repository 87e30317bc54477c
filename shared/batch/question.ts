/**
 * The Question string MTurk takes for one row: an HTMLQuestion wrapping the substituted document, a QuestionForm
 * (already XML), or an ExternalQuestion for a URL.
 */
import type { Result } from '../result';
import type { QuestionKind } from './lint';
import { escapeMarkup, substitute } from './substitute';

const SCHEMAS = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas';

/** CDATA cannot hold "]]>": it is split across two sections, which XML joins back into the same text. */
const cdata = (text: string): string => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

export function htmlQuestion(html: string, frameHeight: number): string {
  return `<HTMLQuestion xmlns="${SCHEMAS}/2011-11-11/HTMLQuestion.xsd"><HTMLContent>${cdata(html)}</HTMLContent><FrameHeight>${frameHeight}</FrameHeight></HTMLQuestion>`;
}

export function externalQuestion(url: string, frameHeight: number): string {
  return `<ExternalQuestion xmlns="${SCHEMAS}/2006-07-14/ExternalQuestion.xsd"><ExternalURL>${escapeMarkup(url)}</ExternalURL><FrameHeight>${frameHeight}</FrameHeight></ExternalQuestion>`;
}

/** The size MTurk counts against its 65,535-byte limit. */
export const questionBytes = (question: string): number => new TextEncoder().encode(question).length;

export interface RowQuestion {
  /** What MTurk gets: the Question XML. */
  readonly question: string;
  /** What a worker's frame shows: the substituted document (HTMLQuestion), the form XML, or the URL. */
  readonly content: string;
}

/** One row's question: the template with the row's values (escaped for where they land), wrapped for MTurk. */
export function buildQuestion(
  kind: QuestionKind,
  template: string,
  values: Readonly<Record<string, string>>,
  options: { readonly frameHeight: number; readonly trustedColumns: readonly string[] },
): Result<RowQuestion> {
  const escaping = kind === 'external' ? 'url' : kind === 'html' ? 'html' : 'xml';
  const content = substitute(template, values, { escaping, trustedColumns: new Set(options.trustedColumns) });
  if (!content.ok) return content;
  const question = kind === 'html' ? htmlQuestion(content.value, options.frameHeight) : kind === 'external' ? externalQuestion(content.value, options.frameHeight) : content.value;
  return { ok: true, value: { question, content: content.value } };
}
