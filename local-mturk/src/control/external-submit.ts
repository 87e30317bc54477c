/**
 * POST /mturk/externalSubmit — where HTMLQuestion / ExternalQuestion forms post, so a page loaded with
 * `turkSubmitTo=<this server>` submits to the Local MTurk like it would to MTurk. Every form field except the reserved
 * ones becomes one `<Answer>` with FreeText (a repeated field gives one Answer per value). The assignment id is the
 * capability, as on MTurk: no other authentication.
 */
import type { AnswerField } from '../../../shared/mturk/answers';
import type { LocalControl } from './control';

export const EXTERNAL_SUBMIT_PATH = '/mturk/externalSubmit';

const RESERVED = new Set(['assignmentId', 'hitId', 'turkSubmitTo', 'workerId']);

export interface ExternalSubmitResponse {
  status: number;
  body: string;
}

export function handleExternalSubmit(control: LocalControl, raw: Buffer): ExternalSubmitResponse {
  const form = new URLSearchParams(raw.toString('utf8'));
  const assignmentId = form.get('assignmentId');
  if (!assignmentId || assignmentId === 'ASSIGNMENT_ID_NOT_AVAILABLE') {
    return { status: 400, body: 'This HIT is being previewed: accept it before submitting.' };
  }
  const answers: AnswerField[] = [];
  for (const [name, value] of form) if (!RESERVED.has(name)) answers.push({ questionIdentifier: name, freeText: value });
  try {
    control.submit(assignmentId, answers);
  } catch (error) {
    return { status: 409, body: error instanceof Error ? error.message : String(error) };
  }
  return { status: 200, body: 'Your work was submitted to the Local MTurk.' };
}
