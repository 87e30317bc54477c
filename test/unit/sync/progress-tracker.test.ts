import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncProgress } from '../../../shared/contract/archive';
import { ProgressTracker } from '../../../electron/services/sync/progress-tracker';

/** A tracker on a hand-moved clock and call counter: what the bar would show at each moment. */
function tracker(resumed = false) {
  const state = { now: 0, calls: 0 };
  const emitted: SyncProgress[] = [];
  const t = new ProgressTracker({ jobId: 'j', connectionId: 'lab', mode: 'full', resumed }, () => state.now, () => state.calls, (p) => emitted.push(p), 0);
  const at = (now: number, calls: number, hitsDone = t.hitsDone): SyncProgress => {
    state.now = now;
    state.calls = calls;
    t.hitsDone = hitsDone;
    t.tick();
    return emitted.at(-1)!;
  };
  return { t, at };
}

describe('sync progress tracker', () => {
  it('does not report a pace from two calls a few milliseconds apart', () => {
    const { at } = tracker();
    at(0, 0);
    // Before: 1 call in 20 ms read as 50 calls/s.
    expect(at(20, 1).callsPerSecond).toBeNull();
    expect(at(2_000, 8).callsPerSecond).toBe(4);
  });

  it('keeps the pace after a quiet spell instead of dropping to 0.0 calls/s', () => {
    const { at } = tracker();
    at(0, 0);
    at(1_000, 2);
    // A slow HIT: nothing for 7 s, then two ticks in the same millisecond.
    at(8_000, 16);
    // Before: the window shrank to the two samples at 8 000 ms and the pace read 0.
    expect(at(8_000, 16).callsPerSecond).toBe(2);
    // Later the window slides but always spans at least its length.
    expect(at(30_000, 60).callsPerSecond).toBeCloseTo(44 / 22, 1);
  });

  it('estimates time left from HITs actually finished, not from an assumed two calls per HIT', () => {
    const { t, at } = tracker();
    t.phase = 'details';
    t.hitsTotal = 110;
    at(0, 0, 0);
    // 5 of 110 HITs (23 %) in 1 s, at 50 calls/s: HITs with many assignments take many calls each.
    const p = at(1_000, 50, 5);
    expect(Math.floor(p.fraction * 100)).toBe(23);
    // Before: 105 HITs × 2 calls / 50 calls/s = 4 s, "almost done".
    expect(p.etaSeconds).toBe(21);
  });

  it('gives no estimate while HITs are still being listed (the total is not known yet)', () => {
    const { t, at } = tracker();
    t.hitsTotal = 10;
    at(0, 0, 0);
    expect(at(5_000, 20, 5).etaSeconds).toBeNull();
  });

  it('a resumed run starts where the checkpoint left it', () => {
    const { t } = tracker(true);
    t.phase = 'details';
    t.hitsTotal = 20;
    t.hitsDone = 9;
    const first = t.snapshot('running', null);
    expect(first).toMatchObject({ resumed: true, hitsDone: 9, hitsTotal: 20 });
    expect(first.fraction).toBeCloseTo(0.2 + 0.72 * (9 / 20), 6);
  });

  it('counts one total of archived items, by kind, and says how many records were skipped', () => {
    const { t } = tracker();
    Object.assign(t.archived, { hits: 20, assignments: 50, bonuses: 1, qualifications: 4, blocks: 2 });
    t.skipped = 2;
    expect(t.items).toBe(77);
    expect(t.snapshot('succeeded', null)).toMatchObject({ items: 77, fraction: 1, callsPerSecond: null, etaSeconds: null });
    expect(t.summary()).toBe(
      'Archived 20 HITs, 50 assignments, 1 bonus, 4 qualification records and 2 worker blocks (77 items). ' +
        '2 records skipped: MTurk sent them malformed; the sync log says why.',
    );
  });

  describe('throttled to one emission per interval', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    function throttled() {
      vi.useFakeTimers();
      const clock = { now: 0 };
      const emitted: SyncProgress[] = [];
      const t = new ProgressTracker({ jobId: 'j', connectionId: 'lab', mode: 'full', resumed: false }, () => clock.now, () => 0, (p) => emitted.push(p), 250);
      t.hitsTotal = 10;
      const advance = (ms: number): void => {
        clock.now += ms;
        vi.advanceTimersByTime(ms);
      };
      const tickAt = (now: number, hitsDone: number): void => {
        advance(now - clock.now);
        t.hitsDone = hitsDone;
        t.tick();
      };
      return { t, emitted, tickAt, advance };
    }

    it('emits the last state of a burst once the interval is over, so a stall never shows an older state', () => {
      const { emitted, tickAt, advance } = throttled();
      tickAt(0, 1);
      tickAt(50, 2);
      tickAt(100, 3);
      expect(emitted.map((p) => p.hitsDone)).toEqual([1]);
      advance(150);
      expect(emitted.map((p) => p.hitsDone)).toEqual([1, 3]);
      // Nothing more happened: nothing more is emitted.
      advance(1_000);
      expect(emitted).toHaveLength(2);
    });

    it('emits nothing for a run once it is stopped', () => {
      const { t, emitted, tickAt, advance } = throttled();
      tickAt(0, 1);
      tickAt(10, 2);
      t.stop();
      advance(1_000);
      expect(emitted.map((p) => p.hitsDone)).toEqual([1]);
    });
  });
});
