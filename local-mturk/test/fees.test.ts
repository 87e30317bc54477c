import { describe, expect, it } from 'vitest';
import { bonusCostCents, commissionPercent, hitCostCents, mturkFeeCents, totalCostCents } from '../../shared/domain/fees';

describe('mturkFeeCents', () => {
  it('charges 20 % on rewards of HITs with fewer than 10 assignments', () => {
    expect(mturkFeeCents(50, 'reward', 9)).toBe(10);
    expect(mturkFeeCents(100, 'reward', 1)).toBe(20);
  });

  it('adds 20 % for HITs with 10 or more assignments', () => {
    expect(mturkFeeCents(50, 'reward', 10)).toBe(20);
    expect(mturkFeeCents(100, 'reward', 500)).toBe(40);
  });

  it('adds 5 % for Masters and rounds half-up to the cent', () => {
    expect(mturkFeeCents(50, 'reward', 10, { masters: true })).toBe(23); // 22.5 → 23
    expect(mturkFeeCents(50, 'reward', 1, { masters: true })).toBe(13); // 12.5 → 13
    expect(commissionPercent('reward', 10, { masters: true })).toBe(45);
  });

  it('rounds $0.104 down and $0.105 up', () => {
    expect(mturkFeeCents(52, 'reward', 1)).toBe(10); // 10.4
    expect(mturkFeeCents(53, 'reward', 1)).toBe(11); // 10.6
    expect(mturkFeeCents(105, 'reward', 10)).toBe(42); // 42.0
    expect(mturkFeeCents(26, 'bonus', 1)).toBe(5); // 5.2
    expect(mturkFeeCents(27, 'bonus', 1)).toBe(5); // 5.4
    expect(mturkFeeCents(28, 'bonus', 1)).toBe(6); // 5.6
  });

  it('applies the $0.01 minimum', () => {
    expect(mturkFeeCents(1, 'reward', 1)).toBe(1);
    expect(mturkFeeCents(3, 'bonus', 1)).toBe(1);
    expect(mturkFeeCents(0, 'reward', 1)).toBe(1);
  });

  it('never adds the 10-assignment surcharge to bonuses', () => {
    expect(mturkFeeCents(100, 'bonus', 50)).toBe(20);
    expect(commissionPercent('bonus', 50, { masters: true })).toBe(20);
  });

  it('refuses negative or fractional cents', () => {
    expect(() => mturkFeeCents(-1, 'reward', 1)).toThrow(RangeError);
    expect(() => mturkFeeCents(1.5, 'bonus', 1)).toThrow(RangeError);
  });
});

describe('cost helpers', () => {
  it('totals reward × assignments + fees for one HIT', () => {
    expect(hitCostCents(50, 9)).toEqual({
      rewardCents: 50,
      maxAssignments: 9,
      feePerAssignmentCents: 10,
      rewardsTotalCents: 450,
      feesTotalCents: 90,
      totalCents: 540,
    });
    expect(hitCostCents(50, 10).totalCents).toBe(700);
  });

  it('sums a batch with per-HIT fee rules', () => {
    expect(totalCostCents([{ rewardCents: 50, maxAssignments: 9 }, { rewardCents: 50, maxAssignments: 10, masters: true }])).toEqual({
      rewardsTotalCents: 950,
      feesTotalCents: 90 + 230,
      totalCents: 1270,
    });
  });

  it('prices a bonus with its fee', () => {
    expect(bonusCostCents(100)).toEqual({ bonusCents: 100, feeCents: 20, totalCents: 120 });
    expect(bonusCostCents(3)).toEqual({ bonusCents: 3, feeCents: 1, totalCents: 4 });
  });
});
