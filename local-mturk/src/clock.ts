/**
 * The virtual clock: real time plus an offset that only ever grows. Expiry, abandonment and auto-approval all
 * read it, so a test can jump a day ahead without waiting. The offset is persisted so a restart keeps the time.
 */
export interface VirtualClock {
  now(): number;
  advance(ms: number): void;
  offsetMs(): number;
}

export function createVirtualClock(initialOffsetMs = 0, onChange?: (offsetMs: number) => void): VirtualClock {
  let offset = initialOffsetMs;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`The clock only moves forward; got ${ms} ms`);
      offset += Math.round(ms);
      onChange?.(offset);
    },
    offsetMs: () => offset,
  };
}
