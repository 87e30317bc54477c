import { OVERRIDE_WINDOW_MS, type ReviewQueueRow } from '../../../../shared/contract/review';
import { formatTime } from '../../grid/format';

/** Whether a rejection can be undone (approved after all, MTurk's OverrideRejection) and, when not, why not. */
export type OverrideOffer = { readonly kind: 'none' } | { readonly kind: 'available'; readonly until: number } | { readonly kind: 'closed'; readonly reason: string };

const WINDOW_DAYS = OVERRIDE_WINDOW_MS / 86_400_000;

export function overrideOffer(row: Pick<ReviewQueueRow, 'status' | 'submitTime' | 'overridableUntil'>, now: number): OverrideOffer {
  if (row.status !== 'Rejected') return { kind: 'none' };
  if (row.overridableUntil !== null && now < row.overridableUntil) return { kind: 'available', until: row.overridableUntil };
  if (row.overridableUntil !== null) {
    return { kind: 'closed', reason: `MTurk lets a rejection be undone only within ${WINDOW_DAYS} days of submission; this work was submitted ${formatTime(row.submitTime)}, so that ended ${formatTime(row.overridableUntil)}.` };
  }
  if (row.submitTime === null) return { kind: 'closed', reason: 'Its submission time is not archived, so the 30-day window cannot be checked; sync the HIT first.' };
  return { kind: 'closed', reason: 'Its HIT is no longer on MTurk (deleted or disposed of), so the rejection cannot be overridden.' };
}
