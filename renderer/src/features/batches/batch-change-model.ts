/**
 * The batch page's pause, resume and add-assignments: what the dialog asks, the change it sends, and the words on its
 * buttons. Kept apart from the dialog so the rules are plain functions.
 */
import type { BatchChangeInput } from '../../../../shared/contract/batches';
import type { ManagePlan } from '../../../../shared/contract/manage-hits';
import { displayMoney } from '../../../../shared/domain/money';

export type BatchChangeAction = BatchChangeInput['action'];

export type BatchChangeOrProblem = { readonly ok: true; readonly change: BatchChangeInput } | { readonly ok: false; readonly problem: string };

/** The change for the action; the count (add-assignments only) as typed, checked here so the plan is never asked for nonsense. */
export function batchChangeFrom(action: BatchChangeAction, countText: string): BatchChangeOrProblem {
  if (action !== 'add-assignments') return { ok: true, change: { action } };
  const text = countText.trim();
  if (!/^\d+$/.test(text)) return { ok: false, problem: `Type a whole number of assignments to add to each HIT (not "${countText}").` };
  const count = Number(text);
  if (count < 1) return { ok: false, problem: 'Add at least one assignment.' };
  if (count > 1_000_000) return { ok: false, problem: 'Add at most 1,000,000 assignments at once.' };
  return { ok: true, change: { action, count } };
}

export const BATCH_CHANGE_TITLES: Readonly<Record<BatchChangeAction, string>> = {
  pause: 'Pause the batch',
  resume: 'Resume the batch',
  'add-assignments': 'Add assignments to the batch',
};

/** What the action does, in a sentence above the plan. */
export const BATCH_CHANGE_EXPLAINED: Readonly<Record<BatchChangeAction, string>> = {
  pause: 'Expires every open HIT of the batch now, so no new worker can take it (work in progress can still be submitted), and publishes no further sub-HITs until resumed.',
  resume: "Reopens the batch's HITs that still want work, for the batch's lifetime from now.",
  'add-assignments': 'Asks for more assignments on each HIT of the batch; they are paid like the first ones, plus MTurk’s fee.',
};

/** The confirm button: the verb, how many HITs, and what it spends. */
export function batchChangeConfirmLabel(action: BatchChangeAction, plan: Pick<ManagePlan, 'ready' | 'cost'> | null): string {
  const verb = { pause: 'Pause', resume: 'Resume', 'add-assignments': 'Add assignments' }[action];
  if (!plan) return verb;
  if (plan.ready.length === 0) return action === 'add-assignments' ? verb : `${verb} (no HIT to change)`;
  const hits = `${plan.ready.length.toLocaleString('en-US')} HIT${plan.ready.length === 1 ? '' : 's'}`;
  return plan.cost ? `${verb} · ${hits} · ${displayMoney(plan.cost.totalCents)}` : `${verb} · ${hits}`;
}

/**
 * Whether the plan can be confirmed. Adding assignments needs a HIT to add them to; a pause or resume with nothing
 * to change still sets or lifts the batch's hold on further sub-HITs.
 */
export function batchChangeConfirmable(action: BatchChangeAction, plan: Pick<ManagePlan, 'ready'> | null): boolean {
  if (!plan) return false;
  return action !== 'add-assignments' || plan.ready.length > 0;
}
