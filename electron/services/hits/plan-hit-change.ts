/**
 * Decides, from the archive alone, what an action would do to one HIT — or why it would leave it alone — before
 * anything is sent. MTurk's rules are checked here so a requester reads them per HIT instead of as 500 errors.
 */
import { createHash } from 'node:crypto';
import type { HitChange } from '../../../shared/contract/manage-hits';
import type { OperationKind } from '../../../shared/domain/archive-types';
import { LARGE_BATCH_THRESHOLD, mturkFeeCents, requiresMasters } from '../../../shared/domain/fees';
import { displayMoney } from '../../../shared/domain/money';
import type { Hit, HitType } from '../../../shared/domain/archive-types';
import type { ArchivedAssignmentCounts } from '../../archive/repos/hit-assignment-counts';

export interface PlannedChange {
  readonly kind: OperationKind;
  readonly request: unknown;
  readonly detail: string;
  readonly rewardsCents: number;
  readonly feesCents: number;
}

export type HitPlan = { readonly ok: true; readonly change: PlannedChange } | { readonly ok: false; readonly reason: string };

const skip = (reason: string): HitPlan => ({ ok: false, reason });
const plan = (change: PlannedChange): HitPlan => ({ ok: true, change });
const free = { rewardsCents: 0, feesCents: 0 };

const OPEN = new Set(['Assignable', 'Unassignable']);

function when(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** MTurk's UniqueRequestToken (at most 64 characters), the same for the same job and HIT on every retry. */
export function requestToken(seed: string, hitId: string): string {
  return `tb-${createHash('sha256').update(`${seed}:${hitId}`).digest('hex').slice(0, 40)}`;
}

/** What a HIT type makes each assignment cost: its reward and, for HITs of this size, MTurk's fee on it. */
type TypeTerms = Pick<HitType, 'rewardCents' | 'qualificationRequirements'>;

function perAssignment(terms: TypeTerms, maxAssignments: number): { rewardCents: number; feeCents: number } {
  return { rewardCents: terms.rewardCents, feeCents: mturkFeeCents(terms.rewardCents, 'reward', maxAssignments, { masters: requiresMasters(terms.qualificationRequirements) }) };
}

/**
 * Assignments MTurk still holds money for: while the HIT is open, every one not yet approved or rejected (taken or
 * not, synced or not); once it has expired, only work in progress and submitted work not yet decided.
 */
function heldAssignments(hit: Hit, counts: ArchivedAssignmentCounts, expired: boolean): number {
  if (!expired || hit.assignmentsPending === null) return Math.max(0, hit.maxAssignments - decided(hit, counts));
  return hit.assignmentsPending + counts.submitted;
}

/** Approved or rejected: MTurk's count, or the archive's when that is higher (a decision made since the last sync). */
const decided = (hit: Hit, counts: ArchivedAssignmentCounts): number => Math.max(hit.assignmentsCompleted ?? 0, counts.reviewed);

/** An expired HIT's slots nobody took: extending it opens them again. Unknown counts are taken as none taken. */
export function reopenedAssignments(hit: Hit, counts: ArchivedAssignmentCounts): number {
  return Math.max(0, hit.maxAssignments - decided(hit, counts) - (hit.assignmentsPending ?? 0) - counts.submitted);
}

/**
 * A HIT type carries the reward and the requirements, so moving a HIT to another type changes what every assignment
 * MTurk still holds money for costs: a dearer type is new spending, checked against the balance like any other.
 */
function planTypeChange(hit: Hit, targetTypeId: string, target: TypeTerms | null, counts: ArchivedAssignmentCounts, expired: boolean): HitPlan {
  if (hit.hitTypeId === targetTypeId) return skip('already of that HIT type');
  if (!target) {
    return skip(
      `HIT type ${targetTypeId} is not in the archive, so what it pays (and so the cost of the change) is unknown: MTurk has no call that reads a HIT type, so Turkbench knows one from the batch that created it or from its HITs. Sync if it has HITs, or move these HITs to a type that has`,
    );
  }
  const before = perAssignment(hit, hit.maxAssignments);
  const after = perAssignment(target, hit.maxAssignments);
  const held = heldAssignments(hit, counts, expired);
  const rewardsDelta = (after.rewardCents - before.rewardCents) * held;
  const totalDelta = rewardsDelta + (after.feeCents - before.feeCents) * held;
  const rewardsCents = totalDelta > 0 ? Math.min(totalDelta, Math.max(0, rewardsDelta)) : 0;
  const money =
    totalDelta > 0 ? `MTurk holds ${displayMoney(totalDelta)} more` : totalDelta < 0 ? `MTurk holds ${displayMoney(-totalDelta)} less` : 'the same cost';
  return plan({
    kind: 'change-hit-type',
    request: { hitId: hit.hitId, hitTypeId: targetTypeId },
    detail: `type ${hit.hitTypeId} → ${targetTypeId}: reward ${displayMoney(before.rewardCents)} → ${displayMoney(after.rewardCents)} for ${held} outstanding assignment${held === 1 ? '' : 's'}, ${money}`,
    rewardsCents,
    feesCents: totalDelta > 0 ? totalDelta - rewardsCents : 0,
  });
}

/** `targetType`: for a change of type, the new type as archived (null when it is not). */
export function planHitChange(change: HitChange, hit: Hit, counts: ArchivedAssignmentCounts, now: number, tokenSeed: string, targetType: TypeTerms | null = null): HitPlan {
  if (hit.status === 'Disposed' || hit.goneAt !== null) return skip('deleted or disposed on MTurk; only the archive copy is left');
  const expired = hit.expiration <= now;
  switch (change.action) {
    case 'expire':
      if (expired) return skip(`already expired (${when(hit.expiration)})`);
      return plan({ kind: 'expire-hit', request: { hitId: hit.hitId }, detail: `expires now instead of ${when(hit.expiration)}`, ...free });

    case 'extend': {
      const target = change.to ?? Math.max(hit.expiration, now) + change.bySeconds! * 1000;
      if (target <= now) return skip(`${when(target)} is in the past`);
      if (target <= hit.expiration) return skip(`already open until ${when(hit.expiration)}; MTurk cannot shorten a HIT's lifetime`);
      if (target - hit.creationTime > 365 * 86_400_000) return skip('MTurk keeps a HIT open for at most a year after it was created');
      // Expiry released the money held for the slots nobody took; reopening them holds it again.
      const reopened = expired ? reopenedAssignments(hit, counts) : 0;
      const cost = perAssignment(hit, hit.maxAssignments);
      const again = reopened > 0 ? `; reopens ${reopened} assignment${reopened === 1 ? '' : 's'}, MTurk holds ${displayMoney(reopened * (cost.rewardCents + cost.feeCents))} again` : '';
      return plan({
        kind: 'extend-hit',
        request: { hitId: hit.hitId, expireAt: target },
        detail: `${when(hit.expiration)} → ${when(target)}${again}`,
        rewardsCents: reopened * cost.rewardCents,
        feesCents: reopened * cost.feeCents,
      });
    }

    case 'add-assignments': {
      const after = hit.maxAssignments + change.count;
      if (hit.maxAssignments < LARGE_BATCH_THRESHOLD && after >= LARGE_BATCH_THRESHOLD) {
        return skip(`created with ${hit.maxAssignments} assignments: MTurk refuses to take a HIT created with fewer than 10 to 10 or more (at most ${LARGE_BATCH_THRESHOLD - 1 - hit.maxAssignments} more)`);
      }
      if (expired) return skip('expired: extend it first, or workers cannot take the new assignments');
      const fee = mturkFeeCents(hit.rewardCents, 'reward', after, { masters: requiresMasters(hit.qualificationRequirements) });
      return plan({
        kind: 'create-additional-assignments',
        request: { hitId: hit.hitId, count: change.count, expectedMaxAssignments: after, uniqueRequestToken: requestToken(tokenSeed, hit.hitId) },
        detail: `${hit.maxAssignments} → ${after} assignments at ${displayMoney(hit.rewardCents)}`,
        rewardsCents: hit.rewardCents * change.count,
        feesCents: fee * change.count,
      });
    }

    case 'set-reviewing':
      if (change.revert) {
        if (hit.status !== 'Reviewing') return skip(`is ${hit.status ?? 'of unknown status'}, not Reviewing`);
        return plan({ kind: 'set-hit-reviewing', request: { hitId: hit.hitId, revert: true }, detail: 'Reviewing → Reviewable', ...free });
      }
      if (hit.status !== 'Reviewable') return skip(`is ${hit.status ?? 'of unknown status'}: only a Reviewable HIT can be set to Reviewing`);
      return plan({ kind: 'set-hit-reviewing', request: { hitId: hit.hitId, revert: false }, detail: 'Reviewable → Reviewing', ...free });

    case 'change-type':
      return planTypeChange(hit, change.hitTypeId, targetType, counts, expired);

    case 'delete': {
      if (hit.status !== null && OPEN.has(hit.status)) return skip(`still ${hit.status}: expire it first, then delete it once its work is reviewed`);
      if (hit.status !== 'Reviewable' && hit.status !== 'Reviewing') return skip(`is ${hit.status ?? 'of unknown status'}: MTurk deletes only Reviewable or Reviewing HITs`);
      if (counts.submitted > 0) return skip(`${counts.submitted} submitted assignment(s) are not approved or rejected yet`);
      const completed = hit.assignmentsCompleted ?? 0;
      if (counts.reviewed < completed) return skip(`${completed - counts.reviewed} of its assignments are not in the archive yet: sync first, so deleting loses nothing`);
      return plan({ kind: 'delete-hit', request: { hitId: hit.hitId }, detail: `delete on MTurk (${counts.reviewed} assignment(s) kept in the archive)`, ...free });
    }
  }
}

export function describeChange(change: HitChange): string {
  switch (change.action) {
    case 'expire':
      return 'Expire now';
    case 'extend':
      return change.to !== undefined ? `Extend to ${when(change.to)}` : `Extend by ${formatDuration(change.bySeconds!)}`;
    case 'add-assignments':
      return `Add ${change.count} assignment${change.count === 1 ? '' : 's'}`;
    case 'set-reviewing':
      return change.revert ? 'Set back to Reviewable' : 'Set to Reviewing';
    case 'change-type':
      return `Change HIT type to ${change.hitTypeId}`;
    case 'delete':
      return 'Delete';
  }
}

export function formatDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? '' : 's'}`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} hour${seconds === 3_600 ? '' : 's'}`;
  return `${Math.round(seconds / 60)} minutes`;
}
