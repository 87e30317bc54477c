import type { ReviewQueueRow } from '../../../../shared/contract/review';
import { formatCents } from '../../grid/format';

/**
 * Rejection reasons with placeholders, filled per assignment so each worker reads a reason about their own work.
 * A placeholder that cannot be filled is a problem the dialog shows before anything is drafted — never a literal
 * "{hit_title}" sent to a worker.
 */

/** Reasons every requester starts with; saved templates come after them. */
export const BUILT_IN_REASONS: readonly string[] = [
  'The answer does not follow the instructions.',
  'The answer is empty or copied from the question.',
  'The answer failed the known-answer (gold) check.',
  'The work was submitted far too fast to have been done.',
];

export type ReasonRow = Pick<ReviewQueueRow, 'workerId' | 'assignmentId' | 'hitId' | 'title' | 'rewardCents'>;
/** An assignment's answers by field name (from its replay), for `{field:NAME}`. */
export type ReasonAnswers = ReadonlyMap<string, readonly string[]>;

/** The placeholders, for the dialog's hint. `{worker}` and `{assignment}` stay as older spellings. */
export const PLACEHOLDERS: readonly string[] = ['{worker_id}', '{assignment_id}', '{hit_id}', '{hit_title}', '{reward}', '{field:NAME}'];

const PLACEHOLDER = /\{([a-z_]+)(?::([^{}]{1,100}))?\}/g;

/** Whether filling this template needs the assignment's answers (a `{field:…}` placeholder). */
export function needsAnswers(template: string): boolean {
  return [...template.matchAll(PLACEHOLDER)].some((m) => m[1] === 'field');
}

/** The template filled for one assignment, or the first placeholder that cannot be filled, named. */
export function fillTemplate(template: string, row: ReasonRow, answers?: ReasonAnswers): { text: string } | { problem: string } {
  let problem: string | null = null;
  const text = template.replace(PLACEHOLDER, (whole, name: string, argument: string | undefined) => {
    const value = placeholderValue(name, argument, row, answers);
    if (value === null) {
      problem ??= placeholderProblem(whole, name, argument, row, answers);
      return whole;
    }
    return value;
  });
  return problem === null ? { text: text.trim() } : { problem };
}

function placeholderValue(name: string, argument: string | undefined, row: ReasonRow, answers: ReasonAnswers | undefined): string | null {
  if (argument !== undefined && name !== 'field') return null;
  switch (name) {
    case 'worker':
    case 'worker_id':
      return row.workerId;
    case 'assignment':
    case 'assignment_id':
      return row.assignmentId;
    case 'hit_id':
      return row.hitId;
    case 'hit_title':
      return row.title;
    case 'reward':
      return formatCents(row.rewardCents);
    case 'field': {
      const values = argument === undefined ? undefined : answers?.get(argument.trim());
      return values === undefined ? null : values.join(', ') || '(empty)';
    }
    default:
      return null;
  }
}

function placeholderProblem(whole: string, name: string, argument: string | undefined, row: ReasonRow, answers: ReasonAnswers | undefined): string {
  if (name !== 'field') return `${whole} is not a placeholder; use ${PLACEHOLDERS.join(', ')}.`;
  if (argument === undefined) return '{field} needs the answer field\'s name, as in {field:label}.';
  if (answers === undefined) return `${whole} needs the answers of ${row.assignmentId}, which could not be read.`;
  return `${row.assignmentId} has no answer field "${argument.trim()}" (it has ${[...answers.keys()].join(', ') || 'none'}).`;
}

/** Every row's filled reason, or the first row whose template cannot be filled. */
export function fillAll(template: string, rows: readonly ReasonRow[], answersOf: (assignmentId: string) => ReasonAnswers | undefined): { filled: Map<string, string> } | { problem: string } {
  const filled = new Map<string, string>();
  for (const row of rows) {
    const result = fillTemplate(template, row, answersOf(row.assignmentId));
    if ('problem' in result) return result;
    filled.set(row.assignmentId, result.text);
  }
  return { filled };
}

/** The saved templates with one more (trimmed, not repeated), or without one. */
export function withTemplate(saved: readonly string[], template: string): string[] {
  const text = template.trim();
  return text === '' || saved.includes(text) || BUILT_IN_REASONS.includes(text) ? [...saved] : [...saved, text];
}

export function withoutTemplate(saved: readonly string[], template: string): string[] {
  return saved.filter((t) => t !== template);
}
