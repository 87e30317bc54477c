import { describe, expect, it } from 'vitest';
import { axisDollars, calendarDays, daysTotal, stackedColumns } from '../../../renderer/src/features/dashboard/dashboard-model';

const bucket = (key: string, rewardsCents: number, bonusesCents: number, feesCents: number) => ({
  key, label: key, rewardsCents, bonusesCents, feesCents, totalCents: rewardsCents + bonusesCents + feesCents, assignments: 1, bonuses: 0,
});

describe('dashboard chart shaping', () => {
  const now = Date.parse('2026-12-01T15:30:00Z');

  it('lays spend on every UTC day of the window, ending today, zero where nothing was spent', () => {
    const days = calendarDays([bucket('2026-11-29', 100, 0, 20), bucket('2026-12-01', 50, 100, 30), bucket('2026-10-01', 999, 0, 0)], now, 3);
    expect(days.map((d) => [d.key, d.totalCents])).toEqual([
      ['2026-11-29', 120],
      ['2026-11-30', 0],
      ['2026-12-01', 180],
    ]);
    expect(days[2]!.day).toBe(Date.parse('2026-12-01T00:00:00Z'));
    // Outside the window: not in the chart's total.
    expect(daysTotal(days)).toBe(300);
  });

  it('stacks rewards under bonuses under fees, in dollars, with x in seconds', () => {
    const days = calendarDays([bucket('2026-12-01', 50, 100, 30)], now, 2);
    expect(stackedColumns(days)).toEqual([
      [Date.parse('2026-11-30T00:00:00Z') / 1000, Date.parse('2026-12-01T00:00:00Z') / 1000],
      [0, 1.8],
      [0, 1.5],
      [0, 0.5],
    ]);
  });

  it('writes axis dollars briefly', () => {
    expect([0, 2, 1.5, 1200, 25_000].map(axisDollars)).toEqual(['$0', '$2', '$1.50', '$1.2k', '$25k']);
  });
});
