import { describe, expect, it } from 'vitest';
import type { Hit } from '../../../shared/domain/archive-types';
import { planHitChange, requestToken } from '../../../electron/services/hits/plan-hit-change';

const NOW = Date.UTC(2026, 11, 1, 12);
const H = 3_600_000;
const hit = (over: Partial<Hit> = {}): Hit =>
  ({
    hitId: 'HIT1', hitTypeId: 'T1', title: 'Tag', rewardCents: 50, maxAssignments: 5, status: 'Assignable', goneAt: null,
    creationTime: NOW - H, expiration: NOW + H, assignmentsCompleted: 0, qualificationRequirements: [], ...over,
  }) as Hit;
const none = { submitted: 0, reviewed: 0 };

describe('planning a change to one HIT from the archive', () => {
  it('adds assignments with their fees, and refuses to cross the 10-assignment line MTurk refuses', () => {
    expect(planHitChange({ action: 'add-assignments', count: 4 }, hit(), none, NOW, 's')).toMatchObject({
      ok: true,
      change: { kind: 'create-additional-assignments', rewardsCents: 200, feesCents: 40, request: { expectedMaxAssignments: 9, uniqueRequestToken: requestToken('s', 'HIT1') } },
    });
    expect(planHitChange({ action: 'add-assignments', count: 5 }, hit(), none, NOW, 's')).toMatchObject({ ok: false, reason: expect.stringMatching(/at most 4 more/) });
    // Created with 10 or more: the 40 % tier, and no limit.
    expect(planHitChange({ action: 'add-assignments', count: 2 }, hit({ maxAssignments: 10 }), none, NOW, 's')).toMatchObject({ ok: true, change: { rewardsCents: 100, feesCents: 40 } });
    // Masters: +5 %.
    const masters = hit({ qualificationRequirements: [{ QualificationTypeId: '2F1QJWKUDD8XADTFD2Q0G6UTO95ALH', Comparator: 'Exists' }] });
    expect(planHitChange({ action: 'add-assignments', count: 2 }, masters, none, NOW, 's')).toMatchObject({ ok: true, change: { feesCents: 26 } });
    expect(planHitChange({ action: 'add-assignments', count: 1 }, hit({ expiration: NOW - 1 }), none, NOW, 's')).toMatchObject({ ok: false, reason: expect.stringMatching(/extend it first/) });
  });

  it('extends to an absolute time (so applying twice changes nothing) and never shortens', () => {
    expect(planHitChange({ action: 'extend', bySeconds: 86_400 }, hit(), none, NOW, 's')).toMatchObject({ ok: true, change: { request: { expireAt: NOW + H + 86_400_000 } } });
    // An expired HIT is extended from now.
    expect(planHitChange({ action: 'extend', bySeconds: 3600 }, hit({ expiration: NOW - 5 * H }), none, NOW, 's')).toMatchObject({ ok: true, change: { request: { expireAt: NOW + H } } });
    expect(planHitChange({ action: 'extend', to: NOW + H / 2 }, hit(), none, NOW, 's')).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot shorten/) });
    expect(planHitChange({ action: 'extend', to: NOW + 400 * 24 * H }, hit(), none, NOW, 's')).toMatchObject({ ok: false, reason: expect.stringMatching(/at most a year/) });
  });

  it('deletes only reviewed, fully archived HITs', () => {
    expect(planHitChange({ action: 'delete' }, hit(), none, NOW, 's')).toMatchObject({ ok: false, reason: expect.stringMatching(/expire it first/) });
    const reviewable = hit({ status: 'Reviewable', assignmentsCompleted: 3 });
    expect(planHitChange({ action: 'delete' }, reviewable, { submitted: 1, reviewed: 2 }, NOW, 's')).toMatchObject({ ok: false, reason: expect.stringMatching(/not approved or rejected/) });
    expect(planHitChange({ action: 'delete' }, reviewable, { submitted: 0, reviewed: 2 }, NOW, 's')).toMatchObject({ ok: false, reason: expect.stringMatching(/sync first/) });
    expect(planHitChange({ action: 'delete' }, reviewable, { submitted: 0, reviewed: 3 }, NOW, 's')).toMatchObject({ ok: true, change: { kind: 'delete-hit' } });
    expect(planHitChange({ action: 'expire' }, hit({ status: 'Disposed' }), none, NOW, 's')).toMatchObject({ ok: false, reason: expect.stringMatching(/disposed/) });
  });

  it('moves Reviewable ↔ Reviewing only from the right state', () => {
    expect(planHitChange({ action: 'set-reviewing', revert: false }, hit(), none, NOW, 's')).toMatchObject({ ok: false });
    expect(planHitChange({ action: 'set-reviewing', revert: false }, hit({ status: 'Reviewable' }), none, NOW, 's')).toMatchObject({ ok: true });
    expect(planHitChange({ action: 'set-reviewing', revert: true }, hit({ status: 'Reviewing' }), none, NOW, 's')).toMatchObject({ ok: true, change: { detail: 'Reviewing → Reviewable' } });
  });
});

describe('changing the HIT type of a HIT', () => {
  const dear = { rewardCents: 500, qualificationRequirements: [] };
  const open = hit({ maxAssignments: 9, rewardCents: 10, assignmentsAvailable: 6, assignmentsPending: 2 });

  it('costs what the new type adds for every assignment MTurk still holds money for', () => {
    // 6 open + 2 in progress + 1 submitted: 9 × ($5.00 + $1.00) − 9 × ($0.10 + $0.02) = $52.92 more.
    expect(planHitChange({ action: 'change-type', hitTypeId: 'T2' }, open, { submitted: 1, reviewed: 0 }, NOW, 's', dear)).toMatchObject({
      ok: true,
      change: { kind: 'change-hit-type', rewardsCents: 9 * 490, feesCents: 9 * 98, detail: 'type T1 → T2: reward $0.10 → $5.00 for 9 outstanding assignments, MTurk holds $52.92 more' },
    });
    // Expired: the open slots hold nothing any more; reviewed work is paid already.
    expect(planHitChange({ action: 'change-type', hitTypeId: 'T2' }, { ...open, expiration: NOW - 1 }, { submitted: 1, reviewed: 3 }, NOW, 's', dear)).toMatchObject({
      ok: true,
      change: { rewardsCents: 3 * 490, feesCents: 3 * 98 },
    });
    // Open: every assignment not decided, by MTurk's count or the archive's when higher (a decision since the sync).
    expect(planHitChange({ action: 'change-type', hitTypeId: 'T2' }, { ...open, assignmentsCompleted: 2 }, { submitted: 0, reviewed: 3 }, NOW, 's', dear)).toMatchObject({
      ok: true,
      change: { rewardsCents: 6 * 490 },
    });
    // Without MTurk's counts, every assignment not yet reviewed.
    expect(planHitChange({ action: 'change-type', hitTypeId: 'T2' }, hit({ maxAssignments: 9, rewardCents: 10, assignmentsAvailable: null, assignmentsPending: null }), { submitted: 0, reviewed: 4 }, NOW, 's', dear)).toMatchObject({
      ok: true,
      change: { rewardsCents: 5 * 490 },
    });
  });

  it('spends nothing when the new type costs less, and says how much less MTurk holds', () => {
    expect(planHitChange({ action: 'change-type', hitTypeId: 'T2' }, open, none, NOW, 's', { rewardCents: 5, qualificationRequirements: [] })).toMatchObject({
      ok: true,
      change: { rewardsCents: 0, feesCents: 0, detail: expect.stringMatching(/MTurk holds \$0\.54 less$/) },
    });
  });

  it('counts the Masters fee a new type brings', () => {
    const masters = { rewardCents: 10, qualificationRequirements: [{ QualificationTypeId: '2F1QJWKUDD8XADTFD2Q0G6UTO95ALH', Comparator: 'Exists' as const }] };
    // Same reward, 20 % → 25 % fee: $0.02 → $0.03 (half up) on 9 held assignments.
    expect(planHitChange({ action: 'change-type', hitTypeId: 'T2' }, open, none, NOW, 's', masters)).toMatchObject({ ok: true, change: { rewardsCents: 0, feesCents: 9 } });
  });

  it('refuses a type the archive does not know: its cost could not be shown', () => {
    expect(planHitChange({ action: 'change-type', hitTypeId: 'T9' }, open, none, NOW, 's', null)).toMatchObject({ ok: false, reason: expect.stringMatching(/^HIT type T9 is not in the archive.*Sync if it has HITs/) });
    expect(planHitChange({ action: 'change-type', hitTypeId: 'T1' }, open, none, NOW, 's', dear)).toMatchObject({ ok: false, reason: 'already of that HIT type' });
  });
});

describe('extending an expired HIT', () => {
  it('holds money again for the slots nobody took, and nothing for a HIT still open or full', () => {
    // 9 slots: 3 reviewed, 1 in progress, 2 submitted → 3 reopen at $0.10 + $0.02.
    const expired = hit({ maxAssignments: 9, rewardCents: 10, expiration: NOW - H, assignmentsCompleted: 3, assignmentsPending: 1, assignmentsAvailable: 0 });
    expect(planHitChange({ action: 'extend', bySeconds: 86_400 }, expired, { submitted: 2, reviewed: 3 }, NOW, 's')).toMatchObject({
      ok: true,
      change: { rewardsCents: 30, feesCents: 6, detail: expect.stringMatching(/; reopens 3 assignments, MTurk holds \$0\.36 again$/) },
    });
    expect(planHitChange({ action: 'extend', bySeconds: 86_400 }, { ...expired, assignmentsCompleted: 6 }, { submitted: 2, reviewed: 6 }, NOW, 's')).toMatchObject({ ok: true, change: { rewardsCents: 0, feesCents: 0 } });
    expect(planHitChange({ action: 'extend', bySeconds: 86_400 }, hit({ maxAssignments: 9, rewardCents: 10, assignmentsAvailable: 9 }), none, NOW, 's')).toMatchObject({ ok: true, change: { rewardsCents: 0, feesCents: 0 } });
  });
});
