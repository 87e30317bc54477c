import type { DraftCounts, ReviewFilter, ReviewQueueRow, ReviewVerdict } from '../../../../shared/contract/review';
import type { AssignmentStatus } from '../../../../shared/domain/archive-types';
import type { DeadlineWindow } from '../../../../shared/contract/dashboard';

/** "12 to approve, 3 to reject" — or that nothing waits. */
export function draftCountLabel(counts: DraftCounts): string {
  if (counts.approve === 0 && counts.reject === 0) return 'No draft verdicts';
  return `${counts.approve} to approve, ${counts.reject} to reject`;
}

/** The text inputs of the filter bar, as typed. */
export interface FilterFields {
  readonly status: AssignmentStatus | '';
  readonly hitTypeId: string;
  readonly hitId: string;
  readonly workerId: string;
  /** yyyy-mm-dd from a date input (UTC days), or ''. */
  readonly submittedFrom: string;
  readonly submittedTo: string;
  /** Percentages 0–100 as typed, or '': only assignments whose agreement / gold score is below them. */
  readonly agreementBelow?: string;
  readonly goldBelow?: string;
}

export const DEFAULT_FILTER_FIELDS: FilterFields = { status: 'Submitted', hitTypeId: '', hitId: '', workerId: '', submittedFrom: '', submittedTo: '', agreementBelow: '', goldBelow: '' };

const ID = /^[A-Z0-9]{1,64}$/;
const DAY_MS = 86_400_000;

/** The queue filter the fields describe, or the first field that is not valid, named with its value. */
export function filterFrom(fields: FilterFields): { filter: ReviewFilter } | { error: string } {
  const filter: { -readonly [K in keyof ReviewFilter]: ReviewFilter[K] } = {};
  if (fields.status) filter.status = fields.status;
  for (const [key, label] of [['hitTypeId', 'HIT type'], ['hitId', 'HIT']] as const) {
    const value = fields[key].trim().toUpperCase();
    if (!value) continue;
    if (!ID.test(value)) return { error: `${label} "${fields[key]}" is not an id: use capital letters and digits.` };
    filter[key] = value;
  }
  const worker = fields.workerId.trim();
  if (worker) filter.workerId = worker;
  for (const [key, label, offset] of [['submittedFrom', 'Submitted from', 0], ['submittedTo', 'Submitted to', DAY_MS - 1]] as const) {
    const value = fields[key];
    if (!value) continue;
    const at = Date.parse(`${value}T00:00:00Z`);
    if (!Number.isFinite(at)) return { error: `${label} "${value}" is not a date.` };
    filter[key] = at + offset;
  }
  for (const [key, label] of [['agreementBelow', 'Agreement below'], ['goldBelow', 'Gold below']] as const) {
    const value = fields[key]?.trim().replace(/%$/, '') ?? '';
    if (!value) continue;
    const percent = Number(value);
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) return { error: `${label} "${fields[key]}" is not a percentage from 0 to 100.` };
    filter[key] = percent / 100;
  }
  if (filter.submittedFrom !== undefined && filter.submittedTo !== undefined && filter.submittedFrom > filter.submittedTo) {
    return { error: 'Submitted from is after submitted to.' };
  }
  return { filter };
}

/** The rows from `anchor` to `to`, both included, in either direction. */
export function rangeIndexes(anchor: number, to: number): number[] {
  const [low, high] = anchor <= to ? [anchor, to] : [to, anchor];
  return Array.from({ length: high - low + 1 }, (_, i) => low + i);
}

export type Draft = ReviewQueueRow['draft'];

/** A quality share as the queue shows it: "67%", or '' when there is nothing to compare. */
export function shareLabel(share: number | null | undefined): string {
  return share === null || share === undefined ? '' : `${Math.round(share * 100)}%`;
}

/** One drafting step as it can be undone: what each assignment's draft was before it. */
export interface UndoStep {
  readonly verdict: ReviewVerdict;
  readonly before: ReadonlyMap<string, Draft>;
}

/** A bounded stack of drafting steps; `u` pops the newest. */
export class UndoStack {
  readonly #steps: UndoStep[] = [];
  constructor(private readonly limit = 200) {}

  push(verdict: ReviewVerdict, rows: readonly Pick<ReviewQueueRow, 'assignmentId' | 'draft'>[]): void {
    this.#steps.push({ verdict, before: new Map(rows.map((row) => [row.assignmentId, row.draft])) });
    if (this.#steps.length > this.limit) this.#steps.shift();
  }

  pop(): UndoStep | undefined {
    return this.#steps.pop();
  }

  get size(): number {
    return this.#steps.length;
  }
}

/** How to put the drafts of an undone step back: ids to clear, and earlier drafts to restore grouped by verdict+feedback. */
export function undoCalls(step: UndoStep): { clear: string[]; restore: { verdict: ReviewVerdict; feedback: string | null; assignmentIds: string[] }[] } {
  const clear: string[] = [];
  const groups = new Map<string, { verdict: ReviewVerdict; feedback: string | null; assignmentIds: string[] }>();
  for (const [id, draft] of step.before) {
    if (draft === null) {
      clear.push(id);
      continue;
    }
    const key = JSON.stringify([draft.verdict, draft.feedback]);
    const group = groups.get(key) ?? { verdict: draft.verdict, feedback: draft.feedback, assignmentIds: [] };
    group.assignmentIds.push(id);
    groups.set(key, group);
  }
  return { clear, restore: [...groups.values()] };
}

/** What the Draft column says. */
export function draftLabel(draft: Draft): string {
  if (!draft) return '';
  return draft.verdict === 'approve' ? 'Approve' : `Reject: ${draft.feedback ?? ''}`;
}

/** The review keys, for the grid and for the shortcuts dialog. */
export const REVIEW_SHORTCUTS: readonly [string, string][] = [
  ['J · K · ↓ · ↑', 'Review: next / previous assignment'],
  ['Shift ↓ · Shift ↑ · Shift click', 'Review: extend the selection'],
  ['A · R', 'Review: draft approve / reject (reason picker) the selection'],
  ['S · U', 'Review: skip to the next / undo the last draft'],
  ['G', 'Review: group the queue by HIT, by worker, or not (in turn)'],
  ['W', "Review: open the worker's dossier in Workers"],
  ['B', 'Review: block the selection’s workers (soft by default)'],
];

/** A window as the strip shows it: cost is null where only a count is known (one batch's share). */
export type StripWindow = Omit<DeadlineWindow, 'costCents'> & { readonly costCents: number | null };

/**
 * The windows narrowed to one batch (the queue showing only its work): the batch's counts, without per-batch chips.
 * The archive prices whole windows, not each batch's share, so the cost is left out rather than guessed.
 */
export function windowsOfBatch(windows: readonly DeadlineWindow[], batchId: string): StripWindow[] {
  return windows.map((w) => ({ ...w, assignments: w.batches.find((b) => b.batchId === batchId)?.assignments ?? 0, costCents: null, batches: [] }));
}
