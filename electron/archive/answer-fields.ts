/** Assignment answers as the archive stores them: the raw XML plus a flat field → text map. */
import { flattenAnswers, parseQuestionFormAnswers } from '../../shared/mturk/answers';

export interface ParsedAnswers {
  readonly answers: Record<string, string>;
  /** Why the XML could not be parsed; the raw XML is archived regardless. */
  readonly problem: string | null;
}

/** Never throws: an unparseable answer must not stop the archive from keeping the raw XML. */
export function answersFromXml(xml: string): ParsedAnswers {
  try {
    return { answers: flattenAnswers(parseQuestionFormAnswers(xml)), problem: null };
  } catch (error) {
    return { answers: {}, problem: error instanceof Error ? error.message : String(error) };
  }
}
