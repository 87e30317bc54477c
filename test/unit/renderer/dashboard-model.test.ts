import { describe, expect, it } from 'vitest';
import { axisDollars, calendarDays, calendarWeeks, daysTotal, stackedColumns, tickLabel, topBatches } from '../../../renderer/src/features/dashboard/dashboard-model';

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
    expect(days[2]!.x).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(days[2]!.title).toBe('Tue 1 Dec');
    // Outside the window: not in the chart's total.
    expect(daysTotal(days)).toBe(300);
  });

  it('stacks rewards under bonuses under fees, in dollars, with x in seconds', () => {
    const days = calendarDays([bucket('2026-12-01', 50, 100, 30)], now, 2);
    expect(stackedColumns(days, true)).toEqual([
      [Date.parse('2026-11-30T00:00:00Z') / 1000, Date.parse('2026-12-01T00:00:00Z') / 1000],
      [0, 1.8],
      [0, 1.5],
      [0, 0.5],
    ]);
  });

  it('lays weeks on their UTC Mondays, ending with this week', () => {
    // 2026-12-01 is a Tuesday: this week started on Monday 30 November.
    const weeks = calendarWeeks([bucket('2026-11-30', 10, 0, 2), bucket('2026-11-16', 5, 0, 1)], now, 3);
    expect(weeks.map((w) => [w.key, w.totalCents, w.title])).toEqual([
      ['2026-11-16', 6, 'Week of Mon 16 Nov'],
      ['2026-11-23', 0, 'Week of Mon 23 Nov'],
      ['2026-11-30', 12, 'Week of Mon 30 Nov'],
    ]);
  });

  it('ranks batches from 0 on a plain axis, with short tick names', () => {
    const batches = topBatches([bucket('b2', 200, 0, 40), bucket('b1', 10, 0, 2), bucket('b3', 1, 0, 1)], 2);
    expect(batches.map((b) => [b.x, b.key])).toEqual([[0, 'b2'], [1, 'b1']]);
    expect(stackedColumns(batches, false)[0]).toEqual([0, 1]);
    expect(tickLabel('A rather long batch name')).toBe('A rather long…');
    expect(tickLabel('Short')).toBe('Short');
  });

  it('writes axis dollars briefly', () => {
    expect([0, 2, 1.5, 1200, 25_000].map(axisDollars)).toEqual(['$0', '$2', '$1.50', '$1.2k', '$25k']);
  });
});
