/**
 * The Dashboard's pure shaping: spend per day laid out on a full calendar (days without spend are zero, so the bars
 * keep their place in time), stacked for the chart, and money for axes and tooltips.
 */
import type { SpendBucket } from '../../../../shared/contract/dashboard';

const DAY_MS = 86_400_000;
export const CHART_DAYS = 30;

export interface DaySpend {
  /** Midnight UTC of the day, in ms. */
  readonly day: number;
  readonly key: string;
  readonly rewardsCents: number;
  readonly bonusesCents: number;
  readonly feesCents: number;
  readonly totalCents: number;
}

/** The `days` UTC days ending with the one holding `now`, oldest first, each with its spend (zero when none). */
export function calendarDays(buckets: readonly SpendBucket[], now: number, days = CHART_DAYS): DaySpend[] {
  const byKey = new Map(buckets.map((b) => [b.key, b] as const));
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: days }, (_, i) => {
    const day = today - (days - 1 - i) * DAY_MS;
    const key = new Date(day).toISOString().slice(0, 10);
    const b = byKey.get(key);
    return { day, key, rewardsCents: b?.rewardsCents ?? 0, bonusesCents: b?.bonusesCents ?? 0, feesCents: b?.feesCents ?? 0, totalCents: b?.totalCents ?? 0 };
  });
}

/**
 * uPlot's columns for stacked bars: x in seconds, then each layer's top edge in dollars. The tallest (everything) is
 * drawn first and each lower layer over it, so what shows of each bar is its own share.
 */
export function stackedColumns(days: readonly DaySpend[]): [number[], number[], number[], number[]] {
  return [
    days.map((d) => d.day / 1000),
    days.map((d) => (d.rewardsCents + d.bonusesCents + d.feesCents) / 100),
    days.map((d) => (d.rewardsCents + d.bonusesCents) / 100),
    days.map((d) => d.rewardsCents / 100),
  ];
}

/** An axis tick in dollars: "$0", "$1.50", "$1.2k". */
export function axisDollars(dollars: number): string {
  if (dollars >= 1000) return `$${(dollars / 1000).toFixed(dollars >= 10_000 ? 0 : 1)}k`;
  return Number.isInteger(dollars) ? `$${dollars}` : `$${dollars.toFixed(2)}`;
}

/** "Tue 1 Dec": a day for the tooltip, in UTC like the buckets. */
export function dayLabel(day: number): string {
  return new Date(day).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** The sum of the chart's days. */
export function daysTotal(days: readonly DaySpend[]): number {
  return days.reduce((sum, d) => sum + d.totalCents, 0);
}
