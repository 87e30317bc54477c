/**
 * How a batch is doing, from what the archive holds about its HITs and assignments: status, progress, spend so far,
 * when it will finish at the current pace, how long the work takes and what hourly wage that pays. Pure, so the
 * main process computes it for every batch and tests pin each rule down.
 */
import { mturkFeeCents, type FeeOptions } from '../domain/fees';
import type { Cents } from '../domain/money';

/** The U.S. federal minimum wage, the default floor a batch's effective wage is compared with. */
export const DEFAULT_WAGE_FLOOR_CENTS = 725;

export type BatchStatus = 'launching' | 'running' | 'in-review' | 'done' | 'ended' | 'cancelled';

export const BATCH_STATUS_LABELS: Readonly<Record<BatchStatus, string>> = {
  launching: 'Launching',
  running: 'Running',
  'in-review': 'Awaiting review',
  done: 'Done',
  ended: 'Ended',
  cancelled: 'Cancelled',
};

/** One HIT the batch wants. `created` is false while the launch has not made it yet. */
export interface HitFacts {
  readonly created: boolean;
  readonly maxAssignments: number;
  /** Epoch ms; null while not created. */
  readonly expiresAt: number | null;
  /** MTurk's HIT status as last archived (null while not created or not synced). */
  readonly status: string | null;
}

export interface AssignmentFacts {
  readonly status: 'Submitted' | 'Approved' | 'Rejected';
  /** Epoch ms. */
  readonly acceptedAt: number | null;
  readonly submittedAt: number | null;
  readonly rewardCents: Cents;
  /** The HIT's MaxAssignments: it decides the fee tier. */
  readonly hitMaxAssignments: number;
}

export interface BatchFactsInput {
  readonly hits: readonly HitFacts[];
  readonly assignments: readonly AssignmentFacts[];
  /** The reward of one assignment, for the wage. */
  readonly rewardCents: Cents;
  readonly fees: FeeOptions;
  /** When the batch was launched (epoch ms). */
  readonly startedAt: number;
  readonly cancelled: boolean;
  readonly now: number;
}

export interface BatchFigures {
  readonly status: BatchStatus;
  readonly hits: number;
  readonly hitsCreated: number;
  readonly assignments: { readonly total: number; readonly submitted: number; readonly approved: number; readonly rejected: number };
  /** Approved rewards plus MTurk's fee on each. */
  readonly spentCents: Cents;
  readonly startedAt: number;
  /** When the last assignment should come in at the pace so far; null when nothing is coming or nothing came yet. */
  readonly etaAt: number | null;
  readonly medianWorkSeconds: number | null;
  /** The reward divided by the median work time, per hour; null without timed work. */
  readonly hourlyWageCents: number | null;
}

/** What the batch costs so far: each approved assignment's reward and the fee MTurk charges on it. */
export function spentCents(assignments: readonly AssignmentFacts[], fees: FeeOptions): Cents {
  let total = 0;
  for (const a of assignments) {
    if (a.status === 'Approved') total += a.rewardCents + mturkFeeCents(a.rewardCents, 'reward', a.hitMaxAssignments, fees);
  }
  return total;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median seconds from accept to submit over the work that has both times (clock skew below zero is dropped). */
export function medianWorkSeconds(assignments: readonly AssignmentFacts[]): number | null {
  const seconds: number[] = [];
  for (const a of assignments) {
    if (a.acceptedAt !== null && a.submittedAt !== null && a.submittedAt >= a.acceptedAt) seconds.push((a.submittedAt - a.acceptedAt) / 1000);
  }
  return median(seconds);
}

/** Reward per hour of median work, in whole cents; null when no work was timed. Instant work counts as one second. */
export function hourlyWageCents(rewardCents: Cents, workSeconds: number | null): number | null {
  if (workSeconds === null) return null;
  return Math.round((rewardCents * 3600) / Math.max(workSeconds, 1));
}

export function isBelowWageFloor(hourlyCents: number | null, floorCents: number): boolean {
  return hourlyCents !== null && hourlyCents < floorCents;
}

/**
 * When the batch finishes if submissions keep coming at their average rate since launch. Null when nothing is
 * outstanding, nothing was submitted yet (no rate to go by), or the batch is no longer collecting work.
 */
export function etaAt(input: { submitted: number; total: number; startedAt: number; now: number; collecting: boolean }): number | null {
  const remaining = input.total - input.submitted;
  if (!input.collecting || remaining <= 0 || input.submitted === 0) return null;
  const elapsed = Math.max(input.now - input.startedAt, 1);
  return Math.round(input.now + (remaining * elapsed) / input.submitted);
}

const CLOSED_HIT_STATUSES = new Set(['Reviewable', 'Reviewing', 'Disposed']);

/** A HIT still taking work: created, not past its expiry and not closed by MTurk. */
const collectingHit = (hit: HitFacts, now: number): boolean =>
  hit.created && (hit.expiresAt === null || hit.expiresAt > now) && !CLOSED_HIT_STATUSES.has(hit.status ?? '');

export function batchStatus(input: { hits: readonly HitFacts[]; total: number; submitted: number; reviewed: number; cancelled: boolean; now: number }): BatchStatus {
  if (input.cancelled) return 'cancelled';
  if (input.hits.some((h) => !h.created)) return 'launching';
  if (input.total > 0 && input.reviewed >= input.total) return 'done';
  if (input.total > 0 && input.submitted >= input.total) return 'in-review';
  if (input.hits.some((h) => collectingHit(h, input.now))) return 'running';
  // Nothing takes work any more: reviewed everything that came, or some still waits for review.
  return input.submitted > input.reviewed ? 'in-review' : 'ended';
}

export function batchFigures(input: BatchFactsInput): BatchFigures {
  const total = input.hits.reduce((sum, h) => sum + h.maxAssignments, 0);
  let approved = 0;
  let rejected = 0;
  for (const a of input.assignments) {
    if (a.status === 'Approved') approved++;
    else if (a.status === 'Rejected') rejected++;
  }
  const submitted = input.assignments.length;
  const status = batchStatus({ hits: input.hits, total, submitted, reviewed: approved + rejected, cancelled: input.cancelled, now: input.now });
  const work = medianWorkSeconds(input.assignments);
  return {
    status,
    hits: input.hits.length,
    hitsCreated: input.hits.filter((h) => h.created).length,
    assignments: { total, submitted, approved, rejected },
    spentCents: spentCents(input.assignments, input.fees),
    startedAt: input.startedAt,
    etaAt: etaAt({ submitted, total, startedAt: input.startedAt, now: input.now, collecting: status === 'running' || status === 'launching' }),
    medianWorkSeconds: work,
    hourlyWageCents: hourlyWageCents(input.rewardCents, work),
  };
}
