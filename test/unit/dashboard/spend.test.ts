import { describe, expect, it } from 'vitest';
import { autoApprovalRadar, dayKey, deadlineWindows, liabilities, spendBy, spendTotal, weekKey, type ApprovedWork, type PaidBonus, type SubmittedWork } from '../../../electron/services/dashboard/spend';

const at = (iso: string): number => Date.parse(iso);
const alpha = { id: 'b1', name: 'Alpha' };
const beta = { id: 'b2', name: 'Beta' };

const approved = (iso: string, rewardCents: number, maxAssignments: number, extra: Partial<ApprovedWork> = {}): ApprovedWork => ({
  approvedAt: at(iso), rewardCents, maxAssignments, masters: false, batch: null, ...extra,
});
const bonus = (iso: string, amountCents: number, batch: PaidBonus['batch'] = null): PaidBonus => ({ grantedAt: at(iso), amountCents, batch });

describe('spend buckets', () => {
  it('sums rewards, bonuses and the right fee on each per UTC day', () => {
    const buckets = spendBy(
      'day',
      [
        approved('2026-11-30T23:59:59Z', 50, 1), // 20 %: 10
        approved('2026-12-01T00:00:00Z', 50, 10), // 40 %: 20
        approved('2026-12-01T08:00:00Z', 52, 1, { masters: true }), // 25 % of 52 = 13
        approved('2026-12-01T09:00:00Z', 0, 1), // minimum fee 1
      ],
      [bonus('2026-12-01T10:00:00Z', 125), bonus('2026-11-30T01:00:00Z', 3)], // 25; 0.6 → 1
    );
    expect(buckets).toEqual([
      { key: '2026-11-30', label: '2026-11-30', rewardsCents: 50, bonusesCents: 3, feesCents: 11, totalCents: 64, assignments: 1, bonuses: 1 },
      { key: '2026-12-01', label: '2026-12-01', rewardsCents: 102, bonusesCents: 125, feesCents: 20 + 13 + 1 + 25, totalCents: 286, assignments: 3, bonuses: 1 },
    ]);
    expect(spendTotal(buckets)).toEqual({ rewardsCents: 152, bonusesCents: 128, feesCents: 70, totalCents: 350, assignments: 4, bonuses: 2 });
  });

  it('rounds each fee half-up on its own, never the pooled sum', () => {
    // 20 % of 52 is 10.4 → 10 each (20), where 20 % of the pooled 104 cents would be 20.8 → 21.
    const [day] = spendBy('day', [approved('2026-12-01T01:00:00Z', 52, 1), approved('2026-12-01T02:00:00Z', 52, 1)], []);
    expect(day!.feesCents).toBe(20);
  });

  it('starts weeks on the UTC Monday', () => {
    expect(weekKey(at('2026-11-30T00:00:00Z'))).toBe('2026-11-30'); // a Monday
    expect(weekKey(at('2026-12-06T23:59:59Z'))).toBe('2026-11-30'); // the Sunday after
    expect(weekKey(at('2026-12-07T00:00:00Z'))).toBe('2026-12-07');
    expect(dayKey(at('2026-12-06T23:59:59Z'))).toBe('2026-12-06');
    const weeks = spendBy('week', [approved('2026-12-01T00:00:00Z', 100, 1), approved('2026-12-07T00:00:00Z', 100, 1)], [bonus('2026-12-06T12:00:00Z', 10)]);
    expect(weeks.map((w) => [w.label, w.totalCents])).toEqual([
      ['Week of 2026-11-30', 120 + 12],
      ['Week of 2026-12-07', 120],
    ]);
  });

  it('groups by batch, most expensive first, with work outside batches on its own line', () => {
    const buckets = spendBy(
      'batch',
      [approved('2026-12-01T00:00:00Z', 10, 1, { batch: alpha }), approved('2026-12-01T00:00:00Z', 200, 1, { batch: beta }), approved('2026-12-02T00:00:00Z', 10, 1)],
      [bonus('2026-12-02T00:00:00Z', 100, alpha)],
    );
    expect(buckets.map((b) => [b.key, b.label, b.totalCents])).toEqual([
      ['b2', 'Beta', 240],
      ['b1', 'Alpha', 10 + 2 + 100 + 20],
      ['', 'Outside batches', 12],
    ]);
  });

  it('is empty without approved work or bonuses', () => {
    expect(spendBy('day', [], [])).toEqual([]);
    expect(spendTotal([])).toEqual({ rewardsCents: 0, bonusesCents: 0, feesCents: 0, totalCents: 0, assignments: 0, bonuses: 0 });
  });
});

describe('liabilities', () => {
  it('counts submitted work and what open HITs can still get at reward plus fee', () => {
    const submitted: SubmittedWork[] = [
      { rewardCents: 50, maxAssignments: 10, masters: false, autoApprovalAt: null, batch: null }, // 50 + 20
      { rewardCents: 25, maxAssignments: 1, masters: false, autoApprovalAt: null, batch: null }, // 25 + 5
    ];
    const open = [
      { rewardCents: 100, maxAssignments: 3, masters: false, remainingAssignments: 2 }, // 2 × 120
      { rewardCents: 100, maxAssignments: 3, masters: false, remainingAssignments: 0 },
    ];
    expect(liabilities(submitted, open)).toEqual({ submittedAssignments: 2, submittedCents: 100, openHits: 1, openAssignments: 2, openCents: 240, totalCents: 340 });
  });
});

describe('auto-approval radar', () => {
  it('bands submitted work by hours left, with cost and the soonest time', () => {
    const now = at('2026-12-01T12:00:00Z');
    const work = (hoursLeft: number | null): SubmittedWork => ({ rewardCents: 10, maxAssignments: 1, masters: false, autoApprovalAt: hoursLeft === null ? null : now + hoursLeft * 3_600_000, batch: null });
    const radar = autoApprovalRadar([work(1), work(5.99), work(6), work(30), work(100), work(null), work(-2)], now);
    expect(radar).toEqual([
      { label: 'Under 6 hours', assignments: 3, costCents: 36, soonestAt: now - 2 * 3_600_000 },
      { label: '6 to 24 hours', assignments: 1, costCents: 12, soonestAt: now + 6 * 3_600_000 },
      { label: '1 to 3 days', assignments: 1, costCents: 12, soonestAt: now + 30 * 3_600_000 },
      { label: 'Over 3 days', assignments: 2, costCents: 24, soonestAt: now + 100 * 3_600_000 },
    ]);
  });
});

describe('deadline windows', () => {
  it('counts work due within 24 hours and within 3 days, per batch where known, overdue included, unknown times left out', () => {
    const now = at('2026-12-01T12:00:00Z');
    const a = { id: 'B1', name: 'Photos' };
    const b = { id: 'B2', name: 'Audio' };
    const work = (hoursLeft: number | null, batch: { id: string; name: string } | null): SubmittedWork => ({
      rewardCents: 10, maxAssignments: 1, masters: false, autoApprovalAt: hoursLeft === null ? null : now + hoursLeft * 3_600_000, batch,
    });
    const windows = deadlineWindows([work(-1, a), work(23.9, b), work(24, a), work(71, a), work(72, b), work(5, null), work(null, a)], now);
    expect(windows).toEqual([
      { label: 'Within 24 hours', before: now + 24 * 3_600_000, assignments: 3, costCents: 36, batches: [{ batchId: 'B2', name: 'Audio', assignments: 1 }, { batchId: 'B1', name: 'Photos', assignments: 1 }] },
      { label: 'Within 3 days', before: now + 72 * 3_600_000, assignments: 5, costCents: 60, batches: [{ batchId: 'B1', name: 'Photos', assignments: 3 }, { batchId: 'B2', name: 'Audio', assignments: 1 }] },
    ]);
  });
});

describe('work counted per HIT and day (how the archive reads it)', () => {
  it('weighs a row standing for n assignments exactly as n rows, in spend, liabilities and the radar', () => {
    const one = approved('2026-12-01T00:00:00Z', 7, 1, { batch: alpha }); // fee 20 % of 7 = 1.4 → 1 each
    expect(spendBy('week', [{ ...one, count: 3 }], [])).toEqual(spendBy('week', [one, one, one], []));
    expect(spendBy('batch', [{ ...one, count: 3 }], [])[0]).toMatchObject({ rewardsCents: 21, feesCents: 3, assignments: 3 });
    const pending: SubmittedWork = { rewardCents: 7, maxAssignments: 1, masters: false, autoApprovalAt: at('2026-12-01T02:00:00Z'), batch: null };
    expect(liabilities([{ ...pending, count: 4 }], [])).toEqual(liabilities([pending, pending, pending, pending], []));
    const now = at('2026-12-01T00:00:00Z');
    expect(autoApprovalRadar([{ ...pending, count: 4 }], now)).toEqual(autoApprovalRadar([pending, pending, pending, pending], now));
    expect(deadlineWindows([{ ...pending, count: 4 }], now)).toEqual(deadlineWindows([pending, pending, pending, pending], now));
  });
});
