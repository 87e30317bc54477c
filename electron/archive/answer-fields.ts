/** Assignment answers as the archive stores them: the raw XML plus a flat field → text map. */
import { flattenAnswers, parseQuestionFormAnswers, TASK_ANSWERS_IDENTIFIER } from '../../shared/mturk/answers';

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

/**
 * Answers with their structure kept, for JSON exports: a crowd-form's single `taskAnswers` answer becomes the object
 * it holds (nested values as the page sent them); other answers map identifier → the flat text. Null when unreadable.
 */
export function nestedAnswers(xml: string): Record<string, unknown> | null {
  let fields;
  try {
    fields = parseQuestionFormAnswers(xml);
  } catch {
    return null;
  }
  const task = fields.length === 1 && fields[0]!.questionIdentifier === TASK_ANSWERS_IDENTIFIER ? fields[0]!.freeText : undefined;
  if (task !== undefined) {
    try {
      const parsed: unknown = JSON.parse(task);
      if (Array.isArray(parsed) && parsed.length === 1 && typeof parsed[0] === 'object' && parsed[0] !== null) return parsed[0] as Record<string, unknown>;
    } catch {
      // Not JSON: falls through to the flat text.
    }
  }
  return { ...flattenAnswers(fields) };
}

/**
 * The Answer.* values of a results file: as archived, except that crowd-form lists are JSON text (`["a","b"]`) rather
 * than joined with `|`, so a value holding `|` reads back unchanged. Unreadable XML keeps the archived values.
 */
export function answersForResults(xml: string, archived: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  try {
    return flattenAnswers(parseQuestionFormAnswers(xml), { listsAsJson: true });
  } catch {
    return archived;
  }
}
