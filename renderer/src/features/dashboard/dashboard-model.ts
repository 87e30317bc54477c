/**
 * The Dashboard's pure shaping: spend per day or week laid out on a full calendar (days without spend are zero, so
 * the bars keep their place in time) or the most expensive batches, stacked for the chart, and money for axes.
 */
import type { SpendBucket } from '../../../../shared/contract/dashboard';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
export const CHART_DAYS = 30;
export const CHART_WEEKS = 12;
export const CHART_BATCHES = 10;

/** One bar of the chart: a day, a week (x = its UTC Monday) or a batch (x = its rank). */
export interface BarSpend {
  /** The bar's place: ms since the epoch for days and weeks, the rank for batches. */
  readonly x: number;
  readonly key: string;
  /** What the tooltip calls it. */
  readonly title: string;
  readonly rewardsCents: number;
  readonly bonusesCents: number;
  readonly feesCents: number;
  readonly totalCents: number;
}

const dayKeyOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

function calendar(buckets: readonly SpendBucket[], last: number, count: number, stepMs: number, title: (at: number) => string): BarSpend[] {
  const byKey = new Map(buckets.map((b) => [b.key, b] as const));
  return Array.from({ length: count }, (_, i) => {
    const x = last - (count - 1 - i) * stepMs;
    const key = dayKeyOf(x);
    const b = byKey.get(key);
    return { x, key, title: title(x), rewardsCents: b?.rewardsCents ?? 0, bonusesCents: b?.bonusesCents ?? 0, feesCents: b?.feesCents ?? 0, totalCents: b?.totalCents ?? 0 };
  });
}

/** The `days` UTC days ending with the one holding `now`, oldest first, each with its spend (zero when none). */
export function calendarDays(buckets: readonly SpendBucket[], now: number, days = CHART_DAYS): BarSpend[] {
  return calendar(buckets, Math.floor(now / DAY_MS) * DAY_MS, days, DAY_MS, dayLabel);
}

/** The `weeks` UTC weeks (Monday to Sunday) ending with the one holding `now`; buckets are keyed by their Monday. */
export function calendarWeeks(buckets: readonly SpendBucket[], now: number, weeks = CHART_WEEKS): BarSpend[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  return calendar(buckets, monday, weeks, WEEK_MS, (at) => `Week of ${dayLabel(at)}`);
}

/** The most expensive batches (buckets come most expensive first), ranked from 0. */
export function topBatches(buckets: readonly SpendBucket[], count = CHART_BATCHES): BarSpend[] {
  return buckets.slice(0, count).map((b, x) => ({ x, key: b.key, title: b.label, rewardsCents: b.rewardsCents, bonusesCents: b.bonusesCents, feesCents: b.feesCents, totalCents: b.totalCents }));
}

/** A batch name short enough for an axis tick. */
export const tickLabel = (label: string, max = 14): string => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/**
 * uPlot's columns for stacked bars: x in seconds, then each layer's top edge in dollars. The tallest (everything) is
 * drawn first and each lower layer over it, so what shows of each bar is its own share.
 */
export function stackedColumns(days: readonly BarSpend[], time: boolean): [number[], number[], number[], number[]] {
  return [
    days.map((d) => (time ? d.x / 1000 : d.x)),
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
export function daysTotal(days: readonly BarSpend[]): number {
  return days.reduce((sum, d) => sum + d.totalCents, 0);
}
