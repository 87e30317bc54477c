/**
 * MTurk commission, in integer cents. Fee schedule effective 21 July 2015:
 * - 20 % of every reward and every bonus, at least $0.01 per assignment / per bonus (the minimum applies regardless
 *   of the amount, so even a $0.00 reward costs $0.01 per approved assignment);
 * - rewards of HITs with 10 or more assignments pay another 20 % (bonuses never do);
 * - rewards of HITs with a Masters requirement pay another 5 %;
 * - the fee is rounded half-up to the cent ($0.104 → $0.10, $0.105 → $0.11).
 * Fees are charged per approved assignment / per bonus; rejected work costs nothing.
 */
import type { Cents } from './money';

export type FeeKind = 'reward' | 'bonus';

export interface FeeOptions {
  /** The HIT requires the Masters qualification (+5 % on rewards). */
  readonly masters?: boolean;
}

export const BASE_COMMISSION_PERCENT = 20;
export const LARGE_BATCH_EXTRA_PERCENT = 20;
export const LARGE_BATCH_THRESHOLD = 10;
export const MASTERS_EXTRA_PERCENT = 5;
export const MINIMUM_FEE_CENTS = 1;

/** The commission percentage that applies to one payment. */
export function commissionPercent(kind: FeeKind, maxAssignments: number, options: FeeOptions = {}): number {
  if (kind === 'bonus') return BASE_COMMISSION_PERCENT;
  let percent = BASE_COMMISSION_PERCENT;
  if (maxAssignments >= LARGE_BATCH_THRESHOLD) percent += LARGE_BATCH_EXTRA_PERCENT;
  if (options.masters) percent += MASTERS_EXTRA_PERCENT;
  return percent;
}

/** MTurk's fee on one reward (per approved assignment) or one bonus. */
export function mturkFeeCents(amountCents: Cents, kind: FeeKind, maxAssignments: number, options: FeeOptions = {}): Cents {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError(`Not an amount in cents: ${amountCents}`);
  const percent = commissionPercent(kind, maxAssignments, options);
  // Integer half-up rounding: (amount × percent) / 100, +50 before flooring.
  const fee = Math.floor((amountCents * percent + 50) / 100);
  return Math.max(fee, MINIMUM_FEE_CENTS);
}

export interface HitCost {
  readonly rewardCents: Cents;
  readonly maxAssignments: number;
  /** Fee for one approved assignment. */
  readonly feePerAssignmentCents: Cents;
  /** reward × assignments */
  readonly rewardsTotalCents: Cents;
  /** fee × assignments */
  readonly feesTotalCents: Cents;
  /** What approving every assignment costs: rewards + fees. */
  readonly totalCents: Cents;
}

/** "Reward × assignments + fees" for the confirmation dialog of a HIT (or one row of a batch). */
export function hitCostCents(rewardCents: Cents, maxAssignments: number, options: FeeOptions = {}): HitCost {
  if (!Number.isSafeInteger(maxAssignments) || maxAssignments < 0) throw new RangeError(`Not an assignment count: ${maxAssignments}`);
  const feePerAssignmentCents = mturkFeeCents(rewardCents, 'reward', maxAssignments, options);
  const rewardsTotalCents = rewardCents * maxAssignments;
  const feesTotalCents = feePerAssignmentCents * maxAssignments;
  return {
    rewardCents,
    maxAssignments,
    feePerAssignmentCents,
    rewardsTotalCents,
    feesTotalCents,
    totalCents: rewardsTotalCents + feesTotalCents,
  };
}

/** Total cost of a batch of HITs, each with its own reward and assignment count (fees are per HIT, never pooled). */
export function totalCostCents(
  hits: readonly { rewardCents: Cents; maxAssignments: number; masters?: boolean }[],
): { rewardsTotalCents: Cents; feesTotalCents: Cents; totalCents: Cents } {
  let rewardsTotalCents = 0;
  let feesTotalCents = 0;
  for (const hit of hits) {
    const cost = hitCostCents(hit.rewardCents, hit.maxAssignments, { masters: hit.masters ?? false });
    rewardsTotalCents += cost.rewardsTotalCents;
    feesTotalCents += cost.feesTotalCents;
  }
  return { rewardsTotalCents, feesTotalCents, totalCents: rewardsTotalCents + feesTotalCents };
}

/** Bonus plus its flat 20 % fee (minimum $0.01). */
export function bonusCostCents(bonusCents: Cents): { bonusCents: Cents; feeCents: Cents; totalCents: Cents } {
  const feeCents = mturkFeeCents(bonusCents, 'bonus', 1);
  return { bonusCents, feeCents, totalCents: bonusCents + feeCents };
}

/**
 * The Masters qualification types (production, sandbox), then the Categorization and Photo Moderation Masters ids
 * MTurk folded into them in December 2015, which HITs may still name.
 */
export const MASTERS_QUALIFICATION_IDS: readonly string[] = [
  '2F1QJWKUDD8XADTFD2Q0G6UTO95ALH',
  '2ARFPLSP75KLA8M8DH1HTEQVJT3SY6',
  '2F1KVCNHMVHV8E9PBUB2A4J79LU20F',
  '2NDP2L92HECWY8NS8H3CK0CP5L9GHO',
  '2TGBB6BFMFFOM08IBMAFGGESC1UWJX',
];

/**
 * Whether a HIT pays the Masters commission: it requires Masters. A requirement that a worker *not* hold Masters
 * (DoesNotExist) keeps Masters out rather than using them, so it adds nothing. Local MTurk charges by this same rule.
 */
export const requiresMasters = (requirements: readonly { QualificationTypeId: string; Comparator?: string }[]): boolean =>
  requirements.some((r) => MASTERS_QUALIFICATION_IDS.includes(r.QualificationTypeId) && r.Comparator !== 'DoesNotExist');
