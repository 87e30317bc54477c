/**
 * The virtual clock: real time plus an offset that only grows (until a reset puts it back to real time). Expiry,
 * abandonment and auto-approval all read it, so a test can jump a day ahead without waiting. The offset is persisted
 * so a restart keeps the time.
 *
 * Advances are bounded: an offset of centuries (or Infinity) would make every new HIT expire at birth and every
 * timestamp unprintable, and being persisted it would outlive a restart.
 */
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** The most one advance may move the clock: 10 years. */
export const MAX_ADVANCE_MS = 10 * YEAR_MS;
/** The furthest the virtual clock may run ahead of real time: 100 years. */
export const MAX_OFFSET_MS = 100 * YEAR_MS;

export interface VirtualClock {
  now(): number;
  /** Throws ClockRangeError when `ms` is not a finite non-negative amount within the limits above. */
  advance(ms: number): void;
  offsetMs(): number;
  /** Back to real time (offset 0). */
  reset(): void;
  /**
   * Stops the clock at its current time until thaw(): only advance() moves it. A discrete-event simulation runs
   * frozen so every action happens exactly at its scheduled time, however long the machine takes. Freezes nest: a
   * crowd that ticks while a simulation runs in slices must not thaw the clock under it.
   */
  freeze(): void;
  /**
   * Ends one freeze; the last one lets real time flow again (the clock jumps forward by the real time spent frozen,
   * never backwards). A thaw without a freeze (after a reset) does nothing.
   */
  thaw(): void;
}

/** Real time in epoch ms; injectable so tests can place "now" anywhere. */
export type WallClock = () => number;

export class ClockRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'ClockRangeError';
  }
}

/** Why an advance of `ms` is refused (undefined when it is fine), as a sentence about `field` in `unit`. */
export function advanceProblem(ms: number, currentOffsetMs: number, field = 'ms', unit: 'ms' | 's' = 'ms'): string | undefined {
  const inUnit = (value: number): number => (unit === 's' ? value / 1000 : value);
  const given = inUnit(ms);
  if (!Number.isFinite(ms)) return `${field} must be a finite number; got ${given}.`;
  if (ms < 0) return `${field} must not be negative (the clock only moves forward); got ${given}.`;
  if (ms > MAX_ADVANCE_MS) return `${field} must be at most ${inUnit(MAX_ADVANCE_MS)} (10 years) per call; got ${given}.`;
  if (currentOffsetMs + ms > MAX_OFFSET_MS) {
    const room = Math.max(0, MAX_OFFSET_MS - currentOffsetMs);
    return `${field} would take the clock more than 100 years past real time; at most ${inUnit(room)} is left (use reset to return to real time).`;
  }
  return undefined;
}

/** Whether a stored offset can be trusted; a bad one is repaired to 0 by the caller. */
export const isSaneOffset = (offsetMs: number): boolean => Number.isFinite(offsetMs) && offsetMs >= 0 && offsetMs <= MAX_OFFSET_MS;

export function createVirtualClock(initialOffsetMs: number, wallClock: WallClock, onChange?: (offsetMs: number) => void): VirtualClock {
  let offset = initialOffsetMs;
  let frozenAt: number | undefined;
  let freezes = 0;
  let unsaved = false;
  const set = (next: number): void => {
    offset = next;
    // While frozen the clock moves once per simulated event: it is saved once, when it thaws.
    if (frozenAt === undefined) onChange?.(offset);
    else unsaved = true;
  };
  return {
    now: () => frozenAt ?? wallClock() + offset,
    advance(ms: number) {
      const problem = advanceProblem(ms, offset);
      if (problem) throw new ClockRangeError(problem);
      if (frozenAt !== undefined) frozenAt += Math.round(ms);
      set(offset + Math.round(ms));
    },
    offsetMs: () => offset,
    reset: () => {
      frozenAt = undefined;
      freezes = 0;
      unsaved = false;
      set(0);
    },
    freeze: () => {
      freezes += 1;
      frozenAt ??= wallClock() + offset;
    },
    // The offset already holds every advance made while frozen; the real time spent frozen is simply added back.
    thaw: () => {
      if (freezes === 0) return;
      freezes -= 1;
      if (freezes > 0) return;
      frozenAt = undefined;
      if (unsaved) onChange?.(offset);
      unsaved = false;
    },
  };
}
