/**
 * The Question string MTurk takes for one row: an HTMLQuestion wrapping the substituted document, a QuestionForm
 * (already XML), or an ExternalQuestion for a URL.
 */
import { escapeMarkup } from './substitute';

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
