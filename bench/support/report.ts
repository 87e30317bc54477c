/** Shared shapes and number formatting for the bench output and its summary table. */
import { availableParallelism, loadavg } from 'node:os';

/** One row of the final summary: `met` is null when the figure could not be measured. */
export interface Figure {
  readonly figure: string;
  readonly measured: string;
  readonly target: string;
  readonly met: boolean | null;
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const pct = (n: number, digits = 1): string => `${fmt(n * 100, digits)} %`;

/** The machine is shared with other work; the load average says how much the figures can be trusted. */
export const loadLine = (): string => `load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min) on ${availableParallelism()} cores`;

export function printTable(rows: readonly Figure[]): void {
  const cells = rows.map((r) => [r.figure, r.measured, r.target, r.met === null ? 'n/a' : r.met ? 'yes' : 'NO']);
  const header = ['figure', 'measured', 'target', 'met?'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => c.map((v, i) => v.padEnd(widths[i]!)).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  cells.forEach((c) => console.log(line(c)));
}
