/**
 * What launching a batch costs, computed the way MTurk charges it: per HIT, reward × assignments plus the fee (20 %;
 * 40 % for a HIT with 10 or more assignments; +5 % with a Masters requirement; at least 1 cent per assignment).
 * With micro-batching, a row wanting 10+ assignments is published as sub-HITs of at most 9, which pay the lower fee.
 */
import { commissionPercent, hitCostCents, LARGE_BATCH_THRESHOLD } from '../domain/fees';
import type { Cents } from '../domain/money';

/** The most assignments a sub-HIT may have and still pay the lower fee. */
export const MICRO_BATCH_MAX = LARGE_BATCH_THRESHOLD - 1;

export interface BatchCostInput {
  readonly rows: number;
  readonly rewardCents: Cents;
  readonly maxAssignments: number;
  readonly masters: boolean;
  readonly microBatching: boolean;
}

export interface BatchCost {
  readonly rows: number;
  /** HITs MTurk will hold: rows × sub-HITs per row. */
  readonly hits: number;
  /** Assignments of each row's HIT(s): one entry per sub-HIT (one entry when not micro-batched). */
  readonly subHitSizes: readonly number[];
  readonly assignments: number;
  readonly feePercent: number;
  readonly rewardsCents: Cents;
  readonly feesCents: Cents;
  readonly totalCents: Cents;
  /** What the same batch would cost published as one HIT per row; set only when micro-batching changes the plan. */
  readonly withoutMicroBatching: { readonly feesCents: Cents; readonly totalCents: Cents; readonly feePercent: number } | null;
  readonly savingCents: Cents;
}

/** `n` assignments split into as few sub-HITs of at most 9 as possible, as even as possible (10 → 5 + 5). */
export function subHitSizes(n: number): number[] {
  if (n < LARGE_BATCH_THRESHOLD) return [n];
  const parts = Math.ceil(n / MICRO_BATCH_MAX);
  const base = Math.floor(n / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < n % parts ? 1 : 0));
}

function costOf(sizes: readonly number[], rows: number, rewardCents: Cents, masters: boolean): { rewardsCents: Cents; feesCents: Cents } {
  let rewardsCents = 0;
  let feesCents = 0;
  for (const size of sizes) {
    const cost = hitCostCents(rewardCents, size, { masters });
    rewardsCents += cost.rewardsTotalCents;
    feesCents += cost.feesTotalCents;
  }
  return { rewardsCents: rewardsCents * rows, feesCents: feesCents * rows };
}

export function batchCost(input: BatchCostInput): BatchCost {
  const single = [input.maxAssignments];
  const sizes = input.microBatching ? subHitSizes(input.maxAssignments) : single;
  const planned = costOf(sizes, input.rows, input.rewardCents, input.masters);
  const micro = sizes.length > 1;
  const unsplit = micro ? costOf(single, input.rows, input.rewardCents, input.masters) : null;
  const totalCents = planned.rewardsCents + planned.feesCents;
  return {
    rows: input.rows,
    hits: input.rows * sizes.length,
    subHitSizes: sizes,
    assignments: input.rows * input.maxAssignments,
    feePercent: commissionPercent('reward', Math.max(...sizes), { masters: input.masters }),
    rewardsCents: planned.rewardsCents,
    feesCents: planned.feesCents,
    totalCents,
    withoutMicroBatching: unsplit
      ? {
          feesCents: unsplit.feesCents,
          totalCents: unsplit.rewardsCents + unsplit.feesCents,
          feePercent: commissionPercent('reward', input.maxAssignments, { masters: input.masters }),
        }
      : null,
    savingCents: unsplit ? unsplit.rewardsCents + unsplit.feesCents - totalCents : 0,
  };
}

/** The balance after paying `cost` in full; negative means the account cannot cover the batch. */
export const balanceAfter = (balanceCents: Cents, cost: BatchCost): Cents => balanceCents - cost.totalCents;

/**
 * What micro-batching asks of the crowd, in words for the cost summary and the launch dialog. The hidden exclusion is
 * one qualification for the whole batch (all its HITs share one HIT type), so a worker who submitted any sub-HIT sees
 * none of the batch's HITs again: every assignment needs a different worker. Null when the batch is not split.
 */
export function microBatchingNote(cost: BatchCost): string | null {
  if (cost.subHitSizes.length < 2) return null;
  return `Each worker can do one HIT of this batch: a worker who submitted any part of any row no longer sees the batch, so its ${cost.assignments.toLocaleString('en-US')} assignments need ${cost.assignments.toLocaleString('en-US')} different workers.`;
}
