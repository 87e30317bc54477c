import { describe, expect, it } from 'vitest';
import { Scheduler, type FailureClass, type Lane, type RetryPolicy, type SchedulerOptions } from '../../../electron/mturk/scheduler';
import { VirtualClock } from './virtual-clock';

class Failure extends Error {
  constructor(readonly kind: FailureClass) {
    super(kind);
  }
}
const classify = (error: unknown): FailureClass => (error instanceof Failure ? error.kind : 'permanent');

/** A seeded PRNG (mulberry32) so jitter is reproducible. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function setup(options: SchedulerOptions = {}) {
  const clock = new VirtualClock();
  const scheduler = new Scheduler(classify, { clock, random: () => 0.5, ...options });
  return { clock, scheduler };
}

describe('Scheduler rate and concurrency', () => {
  it('starts calls no faster than the rate after the initial burst', async () => {
    const { clock, scheduler } = setup({ ratePerSecond: 2, burst: 2, concurrency: 10 });
    const starts: number[] = [];
    const calls = Array.from({ length: 20 }, () =>
      scheduler.run(async () => starts.push(clock.now()), { retry: 'read' }),
    );
    await clock.settle(Promise.all(calls));
    expect(starts).toHaveLength(20);
    expect(starts.slice(0, 2)).toEqual([0, 0]);
    expect(starts.at(-1)).toBe(9000);
    for (const start of starts) {
      expect(starts.filter((s) => s >= start && s < start + 1000).length).toBeLessThanOrEqual(3);
    }
  });

  it('never has more calls in flight than the concurrency bound', async () => {
    const { clock, scheduler } = setup({ ratePerSecond: 100, burst: 100, concurrency: 2 });
    let inFlight = 0;
    let peak = 0;
    const calls = Array.from({ length: 10 }, () =>
      scheduler.run(
        async () => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await clock.sleep(1000);
          inFlight -= 1;
        },
        { retry: 'read' },
      ),
    );
    await clock.settle(Promise.all(calls));
    expect(peak).toBe(2);
    expect(clock.now()).toBe(5000);
    expect(scheduler.stats()).toMatchObject({ calls: 10, succeeded: 10, inFlight: 0, queueLength: 0 });
  });
});

describe('Scheduler throttling', () => {
  it('halves the rate on a throttle, re-sends the call, and recovers after successes', async () => {
    const { clock, scheduler } = setup({ ratePerSecond: 4, concurrency: 1, successesBeforeRecovery: 3 });
    let first = true;
    const result = scheduler.run(
      async () => {
        if (first) {
          first = false;
          throw new Failure('throttled');
        }
        return 'done';
      },
      { retry: 'unsafe-write' },
    );
    expect(await clock.settle(result)).toBe('done');
    expect(scheduler.stats()).toMatchObject({ throttles: 1, retries: 0, currentRatePerSecond: 2, succeeded: 1 });
    // Throttle pause with random 0.5: 1000/2 + 0.5·1000/2 = 750 ms.
    expect(clock.now()).toBeGreaterThanOrEqual(750);

    const more = Array.from({ length: 6 }, () => scheduler.run(async () => 1, { retry: 'read' }));
    await clock.settle(Promise.all(more));
    // Two recovery steps of 0.4/s each after 3 successes apiece (the first success counted too).
    expect(scheduler.stats().currentRatePerSecond).toBeCloseTo(2.8);
    const yetMore = Array.from({ length: 30 }, () => scheduler.run(async () => 1, { retry: 'read' }));
    await clock.settle(Promise.all(yetMore));
    expect(scheduler.stats().currentRatePerSecond).toBe(4);
  });

  it('cuts the rate once for a wave of throttles sent at the same rate', async () => {
    const { clock, scheduler } = setup({ ratePerSecond: 8, burst: 4, concurrency: 4, successesBeforeRecovery: 10 });
    const seen = new Set<number>();
    const calls = [0, 1, 2, 3].map((id) =>
      scheduler.run(
        async () => {
          if (!seen.has(id)) {
            seen.add(id);
            throw new Failure('throttled');
          }
          return id;
        },
        { retry: 'read' },
      ),
    );
    expect(await clock.settle(Promise.all(calls))).toEqual([0, 1, 2, 3]);
    expect(scheduler.stats()).toMatchObject({ throttles: 4, currentRatePerSecond: 4, failed: 0 });
  });

  it('does not go below the floor however often it is throttled', async () => {
    const { clock, scheduler } = setup({ ratePerSecond: 2, concurrency: 1, minRatePerSecond: 0.25, successesBeforeRecovery: 10 });
    let throttlesLeft = 8;
    const call = scheduler.run(
      async () => {
        if (throttlesLeft-- > 0) throw new Failure('throttled');
        return 'ok';
      },
      { retry: 'unsafe-write' },
    );
    expect(await clock.settle(call)).toBe('ok');
    expect(scheduler.stats()).toMatchObject({ throttles: 8, currentRatePerSecond: 0.25 });
  });

  it('completes every call exactly once under random throttling (no lost or duplicated work)', async () => {
    const random = seeded(42);
    const { clock, scheduler } = setup({ ratePerSecond: 10, concurrency: 3, random });
    const executed = new Map<number, number>();
    const calls = Array.from({ length: 200 }, (_, id) =>
      scheduler.run(
        async () => {
          await clock.sleep(50);
          if (random() < 0.3) throw new Failure('throttled');
          executed.set(id, (executed.get(id) ?? 0) + 1);
          return id;
        },
        { retry: 'idempotent-write' },
      ),
    );
    const values = await clock.settle(Promise.all(calls));
    expect(values).toEqual(Array.from({ length: 200 }, (_, id) => id));
    expect([...executed.values()].every((count) => count === 1)).toBe(true);
    const stats = scheduler.stats();
    expect(stats.throttles).toBeGreaterThan(30);
    expect(stats).toMatchObject({ calls: 200, succeeded: 200, failed: 0, queueLength: 0, inFlight: 0 });
  });
});

describe('Scheduler retries', () => {
  async function attemptsFor(retry: RetryPolicy, kind: FailureClass) {
    const { clock, scheduler } = setup({ ratePerSecond: 100, burst: 100 });
    let attempts = 0;
    const call = scheduler.run(
      async () => {
        attempts += 1;
        throw new Failure(kind);
      },
      { retry },
    );
    await expect(clock.settle(call)).rejects.toBeInstanceOf(Failure);
    return { attempts, stats: scheduler.stats(), elapsed: clock.now() };
  }

  it('tries reads 5 times, idempotent writes 3 times, other writes once', async () => {
    expect((await attemptsFor('read', 'transient')).attempts).toBe(5);
    expect((await attemptsFor('idempotent-write', 'transient')).attempts).toBe(3);
    expect((await attemptsFor('unsafe-write', 'transient')).attempts).toBe(1);
    expect((await attemptsFor('once', 'transient')).attempts).toBe(1);
  });

  it('re-sends an unsafe write only while it provably never reached MTurk', async () => {
    expect((await attemptsFor('unsafe-write', 'unreachable')).attempts).toBe(3);
    expect((await attemptsFor('read', 'unreachable')).attempts).toBe(5);
    expect((await attemptsFor('once', 'unreachable')).attempts).toBe(1);
  });

  it('never retries a permanent failure', async () => {
    const { attempts, stats } = await attemptsFor('read', 'permanent');
    expect(attempts).toBe(1);
    expect(stats).toMatchObject({ retries: 0, failed: 1 });
  });

  it('backs off exponentially with full jitter between transient retries', async () => {
    const { stats, elapsed } = await attemptsFor('read', 'transient');
    expect(stats.retries).toBe(4);
    // random 0.5 × 200·2^n for n = 0..3 → 100 + 200 + 400 + 800.
    expect(elapsed).toBe(1500);
  });

  it('caps a single backoff at maxDelayMs', async () => {
    const { clock, scheduler } = setup({ ratePerSecond: 100, burst: 100, maxDelayMs: 300, random: () => 0.999, maxAttempts: { read: 6 } });
    const call = scheduler.run(
      async () => {
        throw new Failure('transient');
      },
      { retry: 'read' },
    );
    await expect(clock.settle(call)).rejects.toBeInstanceOf(Failure);
    // 199 + 299 + 299 + 299 + 299 (the cap reached from the second retry on).
    expect(clock.now()).toBe(199 + 4 * 299);
  });
});

describe('Scheduler cancellation', () => {
  it('rejects a queued call without running it and keeps serving the others', async () => {
    const { clock, scheduler } = setup({ ratePerSecond: 1, burst: 1, concurrency: 1 });
    const controller = new AbortController();
    let cancelledRan = false;
    const first = scheduler.run(async () => 'first', { retry: 'read' });
    const cancelled = scheduler.run(
      async () => {
        cancelledRan = true;
      },
      { retry: 'read', signal: controller.signal },
    );
    const third = scheduler.run(async () => 'third', { retry: 'read' });
    controller.abort();
    await expect(clock.settle(cancelled)).rejects.toMatchObject({ name: 'AbortError' });
    expect(await clock.settle(Promise.all([first, third]))).toEqual(['first', 'third']);
    expect(cancelledRan).toBe(false);
    expect(clock.now()).toBe(1000);
    expect(scheduler.stats()).toMatchObject({ calls: 3, succeeded: 2, failed: 1, queueLength: 0 });
  });

  it('stops retrying when cancelled during a backoff pause', async () => {
    const { clock, scheduler } = setup();
    const controller = new AbortController();
    let attempts = 0;
    const call = scheduler.run(
      async () => {
        attempts += 1;
        if (attempts === 1) void clock.sleep(50).then(() => controller.abort());
        throw new Failure('transient');
      },
      { retry: 'read', signal: controller.signal },
    );
    await expect(clock.settle(call)).rejects.toMatchObject({ name: 'AbortError' });
    expect(attempts).toBe(1);
  });

  it('passes the signal to the running task and reports a cancellation, not the task error', async () => {
    const { clock, scheduler } = setup();
    const controller = new AbortController();
    const call = scheduler.run(
      (signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(new Failure('transient')));
          queueMicrotask(() => controller.abort());
        }),
      { retry: 'read', signal: controller.signal },
    );
    await expect(clock.settle(call)).rejects.toMatchObject({ name: 'AbortError' });
    expect(scheduler.stats()).toMatchObject({ retries: 0, failed: 1 });
  });
});

describe('Scheduler lanes', () => {
  it('starts an interactive call within a second while a sync saturates 2 requests/s', async () => {
    const { clock, scheduler } = setup({ ratePerSecond: 2, burst: 2, concurrency: 2 });
    const syncCalls = Array.from({ length: 120 }, () =>
      scheduler.run(() => clock.sleep(300), { retry: 'read', lane: 'sync' }),
    );
    let waited = Number.NaN;
    const interactive = clock.sleep(10_000).then(async () => {
      const submitted = clock.now();
      expect(scheduler.stats().queueLength).toBeGreaterThan(90);
      await scheduler.run(async () => {
        waited = clock.now() - submitted;
      }, { retry: 'unsafe-write', lane: 'interactive' });
    });
    await clock.settle(Promise.all([interactive, ...syncCalls]));
    expect(waited).toBeLessThanOrEqual(1000);
    // The sync still got every call through, at the same ceiling.
    expect(scheduler.stats()).toMatchObject({ calls: 121, succeeded: 121, queueLength: 0 });
  });

  it('dispatches interactive before bulk before sync, oldest first within a lane', async () => {
    const { clock, scheduler } = setup({ ratePerSecond: 100, burst: 100, concurrency: 1 });
    const started: string[] = [];
    const call = (name: string, lane: Lane) =>
      scheduler.run(async () => {
        started.push(name);
        await clock.sleep(100);
      }, { retry: 'read', lane });
    const calls = [
      call('sync-0', 'sync'), // takes the free slot at once
      call('sync-1', 'sync'),
      call('bulk-1', 'bulk'),
      call('sync-2', 'sync'),
      call('bulk-2', 'bulk'),
      call('click', 'interactive'),
    ];
    await clock.settle(Promise.all(calls));
    expect(started).toEqual(['sync-0', 'click', 'bulk-1', 'bulk-2', 'sync-1', 'sync-2']);
  });

  it('keeps a throttled sync call in its lane when it is re-sent', async () => {
    const { clock, scheduler } = setup({ ratePerSecond: 10, burst: 1, concurrency: 1 });
    const started: string[] = [];
    let throttled = false;
    const sync = scheduler.run(async () => {
      started.push('sync');
      if (!throttled) {
        throttled = true;
        throw new Failure('throttled');
      }
    }, { retry: 'read', lane: 'sync' });
    const clicks = Array.from({ length: 3 }, (_, i) =>
      clock.sleep(10).then(() => scheduler.run(async () => void started.push(`click-${i}`), { retry: 'read', lane: 'interactive' })),
    );
    await clock.settle(Promise.all([sync, ...clicks]));
    expect(started).toEqual(['sync', 'click-0', 'click-1', 'click-2', 'sync']);
  });
});

describe('Scheduler throttle recovery', () => {
  /** Virtual seconds and calls until one throttle's halving is undone under steady load. */
  async function recovery(ratePerSecond: number) {
    const { clock, scheduler } = setup({ ratePerSecond, concurrency: 4 });
    await clock.settle(
      scheduler.run(
        (() => {
          let first = true;
          return async () => {
            if (first) {
              first = false;
              throw new Failure('throttled');
            }
          };
        })(),
        { retry: 'read' },
      ),
    );
    expect(scheduler.stats().currentRatePerSecond).toBeLessThan(ratePerSecond * 0.7);
    const from = clock.now();
    let calls = 0;
    while (scheduler.stats().currentRatePerSecond < ratePerSecond) {
      await clock.settle(Promise.all(Array.from({ length: 4 }, () => scheduler.run(async () => undefined, { retry: 'read', lane: 'sync' }))));
      calls += 4;
    }
    return { seconds: (clock.now() - from) / 1000, calls };
  }

  it('climbs back to the configured rate within seconds, at a low rate as at a high one', async () => {
    const slow = await recovery(2);
    const fast = await recovery(100);
    // A fixed 10 successes per step needed about 50 calls (≈35 s) at 2/s; now about a second per step.
    expect(slow.calls).toBeLessThanOrEqual(12);
    expect(slow.seconds).toBeLessThan(10);
    expect(fast.seconds).toBeLessThan(10);
  });
});
