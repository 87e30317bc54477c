/**
 * What a replay frame shows for one archived assignment: its HIT's question as the worker saw it, and the answers
 * the crowd-elements replay fills in. HTMLQuestion documents are served as written; a QuestionForm is rendered as
 * the Local MTurk worker site renders it (names `answer.<id>` / `other.<id>`); an ExternalQuestion page is never
 * loaded, its fields are the replay.
 */
import type { ReplayData } from '../../../crowd-elements/src/replay';
import { parseQuestionForm, renderQuestionForm } from '../../../local-mturk/src/worker-site/question-form';
import { html } from '../../../local-mturk/src/worker-site/html';
import { taskQuestionOf } from '../../../local-mturk/src/worker-site/task-documents';
import { MULTI_VALUE_SEPARATOR, parseQuestionFormAnswers, type AnswerField } from '../../../shared/mturk/answers';

export type ReplayField = { readonly name: string; readonly values: readonly string[] };

export type ReplaySource =
  | { readonly kind: 'html'; readonly document: string; readonly frameHeight: number }
  | { readonly kind: 'question-form'; readonly document: string }
  | { readonly kind: 'external'; readonly url: string; readonly frameHeight: number };

/** The page to replay in, from the HIT's Question XML; throws Error naming the problem when it cannot be read. */
export function replaySource(questionXml: string, styleUrl: string, title: string): ReplaySource {
  const question = taskQuestionOf(questionXml);
  if (question.kind === 'HTMLQuestion') return { kind: 'html', document: question.content, frameHeight: question.frameHeight };
  if (question.kind === 'ExternalQuestion') return { kind: 'external', url: question.url, frameHeight: question.frameHeight };
  return { kind: 'question-form', document: questionFormDocument(question.xml, styleUrl, title) };
}

/**
 * A QuestionForm as the Local MTurk worker site renders it, under its stylesheet, with the Submit button disabled (a
 * preview or a replay submits nothing). Throws Error naming the problem when the XML cannot be read.
 */
export function questionFormDocument(questionFormXml: string, styleUrl: string, title: string): string {
  const form = renderQuestionForm(parseQuestionForm(questionFormXml));
  return html`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="${styleUrl}"></head>
<body class="task"><form>${form}<button type="submit" disabled>Submit</button></form></body></html>`.value;
}

/**
 * The assignment's answers by the names the page's controls carry. From the answer XML when archived (exact: a
 * multi-selection keeps its values apart); otherwise from the archived flat answers, where several values are
 * joined by `|` (the replay splits them back for multi-value controls).
 */
export function replayFields(answerXml: string, flatAnswers: Readonly<Record<string, string>>, questionForm: boolean): ReplayField[] {
  if (answerXml.trim() !== '') return parseQuestionFormAnswers(answerXml).flatMap((field) => fieldsOf(field, questionForm));
  return Object.entries(flatAnswers).map(([name, value]) => ({
    name: questionForm ? `answer.${name}` : name,
    values: questionForm ? value.split(MULTI_VALUE_SEPARATOR) : [value],
  }));
}

function fieldsOf(field: AnswerField, questionForm: boolean): ReplayField[] {
  const id = field.questionIdentifier;
  const chosen = field.selectionIdentifiers ?? (field.freeText !== undefined ? [field.freeText] : []);
  if (!questionForm) return [{ name: id, values: field.otherSelectionText !== undefined ? [...chosen, field.otherSelectionText] : chosen }];
  return [
    ...(chosen.length > 0 ? [{ name: `answer.${id}`, values: chosen }] : []),
    ...(field.otherSelectionText !== undefined ? [{ name: `other.${id}`, values: [field.otherSelectionText] }] : []),
  ];
}

export function replayData(fields: readonly ReplayField[], note: string): ReplayData {
  const byName: Record<string, readonly string[]> = Object.create(null) as Record<string, readonly string[]>;
  for (const field of fields) byName[field.name] = Object.hasOwn(byName, field.name) ? [...byName[field.name]!, ...field.values] : field.values;
  return { fields: byName, note };
}
