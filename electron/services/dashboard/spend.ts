/**
 * Where the money goes, as pure arithmetic over archive facts: spend per day, week or batch (approved rewards,
 * bonuses and MTurk's fee on each), what is still owed (submitted work and open HITs at their cost), and the
 * auto-approval radar. Days and weeks are UTC (weeks start on Monday), so every computer shows the same buckets.
 */
import type { DashboardLiabilities, DeadlineWindow, RadarBand, SpendBucket, SpendGrouping } from '../../../shared/contract/dashboard';
import { mturkFeeCents } from '../../../shared/domain/fees';

/** Where a HIT's cost comes from: its reward, its size (10+ assignments pay more fee) and Masters. */
export interface HitPricing {
  readonly rewardCents: number;
  readonly maxAssignments: number;
  readonly masters: boolean;
}

/** The batch a payment belongs to; null for work launched outside any batch. */
export interface BatchRef {
  readonly id: string;
  readonly name: string;
}

export interface ApprovedWork extends HitPricing {
  readonly approvedAt: number;
  readonly batch: BatchRef | null;
  /** How many assignments this stands for (the archive counts them per HIT and day); 1 when absent. */
  readonly count?: number;
}

export interface PaidBonus {
  readonly grantedAt: number;
  readonly amountCents: number;
  readonly batch: BatchRef | null;
}

export interface SubmittedWork extends HitPricing {
  /** When MTurk approves it by itself; null when the archive does not know. */
  readonly autoApprovalAt: number | null;
  readonly batch: BatchRef | null;
  /** How many assignments this stands for (same HIT, same auto-approval time); 1 when absent. */
  readonly count?: number;
}

export interface OpenHit extends HitPricing {
  /** Assignments that can still come in (available before expiry, plus the ones workers hold). */
  readonly remainingAssignments: number;
}

const DAY_MS = 86_400_000;
export const OUTSIDE_BATCHES_KEY = '';

const rewardFee = (work: HitPricing): number => mturkFeeCents(work.rewardCents, 'reward', work.maxAssignments, { masters: work.masters });

/** "2026-12-01": the UTC day. */
export const dayKey = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** The UTC Monday that starts the week holding `at`, as its day key. */
export function weekKey(at: number): string {
  const dayStart = Math.floor(at / DAY_MS) * DAY_MS;
  const weekday = (new Date(dayStart).getUTCDay() + 6) % 7; // Monday = 0
  return dayKey(dayStart - weekday * DAY_MS);
}

interface Mutable {
  key: string;
  label: string;
  rewardsCents: number;
  bonusesCents: number;
  feesCents: number;
  assignments: number;
  bonuses: number;
}

function bucketOf(grouping: SpendGrouping, at: number, batch: BatchRef | null): { key: string; label: string } {
  if (grouping === 'day') return { key: dayKey(at), label: dayKey(at) };
  if (grouping === 'week') return { key: weekKey(at), label: `Week of ${weekKey(at)}` };
  return batch ? { key: batch.id, label: batch.name } : { key: OUTSIDE_BATCHES_KEY, label: 'Outside batches' };
}

/** bucketOf, with a day's (or week's) key formatted once per day rather than once per payment. */
function bucketKeys(grouping: SpendGrouping): (at: number, batch: BatchRef | null) => { key: string; label: string } {
  if (grouping === 'batch') return (at, batch) => bucketOf(grouping, at, batch);
  const byDay = new Map<number, { key: string; label: string }>();
  return (at) => {
    const day = Math.floor(at / DAY_MS);
    let found = byDay.get(day);
    if (!found) byDay.set(day, (found = bucketOf(grouping, at, null)));
    return found;
  };
}

/**
 * Spend grouped by day, week or batch. Days and weeks come oldest first, batches by total, most expensive first;
 * only buckets with spend appear (the chart fills the calendar gaps itself).
 */
export function spendBy(grouping: SpendGrouping, approved: readonly ApprovedWork[], bonuses: readonly PaidBonus[]): SpendBucket[] {
  const buckets = new Map<string, Mutable>();
  const keysOf = bucketKeys(grouping);
  const bucket = (at: number, batch: BatchRef | null): Mutable => {
    const { key, label } = keysOf(at, batch);
    let found = buckets.get(key);
    if (!found) {
      found = { key, label, rewardsCents: 0, bonusesCents: 0, feesCents: 0, assignments: 0, bonuses: 0 };
      buckets.set(key, found);
    }
    return found;
  };
  for (const work of approved) {
    const b = bucket(work.approvedAt, work.batch);
    const count = work.count ?? 1;
    b.rewardsCents += work.rewardCents * count;
    b.feesCents += rewardFee(work) * count;
    b.assignments += count;
  }
  for (const bonus of bonuses) {
    const b = bucket(bonus.grantedAt, bonus.batch);
    b.bonusesCents += bonus.amountCents;
    b.feesCents += mturkFeeCents(bonus.amountCents, 'bonus', 1);
    b.bonuses += 1;
  }
  const rows: SpendBucket[] = [...buckets.values()].map((b) => ({ ...b, totalCents: b.rewardsCents + b.bonusesCents + b.feesCents }));
  return grouping === 'batch' ? rows.sort((a, b) => b.totalCents - a.totalCents || a.label.localeCompare(b.label)) : rows.sort((a, b) => a.key.localeCompare(b.key));
}

/** The sum of a list of buckets, for the totals line. */
export function spendTotal(buckets: readonly SpendBucket[]): Omit<SpendBucket, 'key' | 'label'> {
  const total = { rewardsCents: 0, bonusesCents: 0, feesCents: 0, totalCents: 0, assignments: 0, bonuses: 0 };
  for (const b of buckets) {
    total.rewardsCents += b.rewardsCents;
    total.bonusesCents += b.bonusesCents;
    total.feesCents += b.feesCents;
    total.totalCents += b.totalCents;
    total.assignments += b.assignments;
    total.bonuses += b.bonuses;
  }
  return total;
}

/** What approving everything still pending would cost: submitted work, and every assignment open HITs can still get. */
export function liabilities(submitted: readonly SubmittedWork[], openHits: readonly OpenHit[]): DashboardLiabilities {
  let submittedCents = 0;
  let submittedAssignments = 0;
  for (const work of submitted) {
    submittedCents += (work.rewardCents + rewardFee(work)) * (work.count ?? 1);
    submittedAssignments += work.count ?? 1;
  }
  let openCents = 0;
  let openAssignments = 0;
  for (const hit of openHits) {
    if (hit.remainingAssignments <= 0) continue;
    openCents += hit.remainingAssignments * (hit.rewardCents + rewardFee(hit));
    openAssignments += hit.remainingAssignments;
  }
  return {
    submittedAssignments,
    submittedCents,
    openHits: openHits.filter((h) => h.remainingAssignments > 0).length,
    openAssignments,
    openCents,
    totalCents: submittedCents + openCents,
  };
}

/** The radar's bands: how long until MTurk approves submitted work by itself, soonest first. */
export const RADAR_BANDS: readonly { readonly label: string; readonly untilHours: number }[] = [
  { label: 'Under 6 hours', untilHours: 6 },
  { label: '6 to 24 hours', untilHours: 24 },
  { label: '1 to 3 days', untilHours: 72 },
  { label: 'Over 3 days', untilHours: Number.POSITIVE_INFINITY },
];

/** Submitted work by time left before auto-approval, with what approving each band costs. Unknown times count as the last band. */
export function autoApprovalRadar(submitted: readonly SubmittedWork[], now: number): RadarBand[] {
  const bands = RADAR_BANDS.map((band) => ({ label: band.label, assignments: 0, costCents: 0, soonestAt: null as number | null }));
  for (const work of submitted) {
    const hoursLeft = work.autoApprovalAt === null ? Number.POSITIVE_INFINITY : (work.autoApprovalAt - now) / 3_600_000;
    const index = RADAR_BANDS.findIndex((band) => hoursLeft < band.untilHours);
    const band = bands[index === -1 ? bands.length - 1 : index]!;
    band.assignments += work.count ?? 1;
    band.costCents += (work.rewardCents + rewardFee(work)) * (work.count ?? 1);
    if (work.autoApprovalAt !== null && (band.soonestAt === null || work.autoApprovalAt < band.soonestAt)) band.soonestAt = work.autoApprovalAt;
  }
  return bands;
}

/** The review queue's deadline windows: work MTurk approves by itself within 24 hours and within 3 days. */
export const DEADLINE_WINDOWS: readonly { readonly label: string; readonly hours: number }[] = [
  { label: 'Within 24 hours', hours: 24 },
  { label: 'Within 3 days', hours: 72 },
];

/** Submitted work inside each deadline window (the 3-day window includes the 24-hour one), in total and per batch. */
export function deadlineWindows(submitted: readonly SubmittedWork[], now: number): DeadlineWindow[] {
  return DEADLINE_WINDOWS.map(({ label, hours }) => {
    const before = now + hours * 3_600_000;
    const perBatch = new Map<string, { batchId: string; name: string; assignments: number }>();
    let assignments = 0;
    let costCents = 0;
    for (const work of submitted) {
      if (work.autoApprovalAt === null || work.autoApprovalAt >= before) continue;
      const count = work.count ?? 1;
      assignments += count;
      costCents += (work.rewardCents + rewardFee(work)) * count;
      if (work.batch === null) continue;
      const batch = perBatch.get(work.batch.id) ?? { batchId: work.batch.id, name: work.batch.name, assignments: 0 };
      batch.assignments += count;
      perBatch.set(work.batch.id, batch);
    }
    const batches = [...perBatch.values()].sort((a, b) => b.assignments - a.assignments || a.name.localeCompare(b.name));
    return { label, before, assignments, costCents, batches };
  });
}
