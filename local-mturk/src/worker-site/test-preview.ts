/**
 * A qualification test shown outside the worker site — the workbench's "take the test yourself" preview — rendered and
 * scored by the same code the worker site uses: the QuestionForm document a worker sees, and the value a submitted
 * form earns under the AnswerKey, exactly as a worker's request is scored.
 */
import { buildQuestionFormAnswers, type AnswerField } from '../../../shared/mturk/answers';
import { scoreAgainstAnswerKey } from '../formats/answer-key';
import { html } from './html';
import { answersFromForm, parseQuestionForm, renderQuestionForm } from './question-form';
import { frameMessageDocument, questionFormDocument, questionFormDocumentCsp } from './task-documents';

export { STATIC_FILES as WORKER_STATIC_FILES } from './assets';

/** The document's policy, for a host serving the worker static files at `${origin}/worker/static/`, framed by `frameAncestors`. */
export const testPreviewCsp = (origin: string, frameAncestors: string): string => questionFormDocumentCsp(origin, frameAncestors);

/** The test as a worker taking it sees it; the form posts to `action`. */
export function testPreviewDocument(origin: string, title: string, testXml: string, action: string): string {
  return questionFormDocument({ siteOrigin: origin, title, form: renderQuestionForm(parseQuestionForm(testXml)), action, hidden: {}, preview: false });
}

/** `score` is null for a test without an AnswerKey (the requester then decides each request). */
export type TestScoring = { readonly problems: string[] } | { readonly answers: AnswerField[]; readonly score: number | null };

/** What a submitted test form earns: the qualification value the AnswerKey gives, or what the worker must correct. */
export function scoreTestForm(testXml: string, answerKeyXml: string | null, form: URLSearchParams): TestScoring {
  const checked = answersFromForm(parseQuestionForm(testXml), form);
  if (checked.problems.length > 0) return { problems: checked.problems };
  const score = answerKeyXml === null ? null : scoreAgainstAnswerKey(answerKeyXml, buildQuestionFormAnswers(checked.answers));
  return { answers: checked.answers, score };
}

/** The frame's answer to a submitted test: the score (or the problems) and a way back to the test. */
export function testScoreDocument(origin: string, scoring: TestScoring, retryUrl: string): string {
  const again = html`<p><a href="${retryUrl}">Take the test again</a></p>`;
  if ('problems' in scoring) {
    return frameMessageDocument(origin, 'Not scored', html`<p>Please correct:</p><ul>${scoring.problems.map((p) => html`<li>${p}</li>`)}</ul>${again}`);
  }
  if (scoring.score === null) {
    return frameMessageDocument(origin, 'Answers received', html`<p>This test has no answer key: each request waits for the requester to grant or reject it.</p>${again}`);
  }
  return frameMessageDocument(origin, 'Your score', html`<p>The answer key gives these answers the qualification value <strong data-score="${String(scoring.score)}">${String(scoring.score)}</strong>.</p>${again}`);
}
