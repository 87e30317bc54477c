/**
 * One scheduler per connection; every MTurk call goes through it.
 *
 * - A token bucket (rate, burst) plus a concurrency bound decide when a call may start.
 * - Calls wait in three lanes under that one ceiling: `interactive` (someone clicked and is
 *   waiting), `bulk` (a job the user started), `sync` (background). Strict priority: a free slot
 *   always goes to the oldest interactive call, else the oldest bulk call, else sync. A lower
 *   lane waits only while a higher one has calls queued, so sync runs whenever bulk is idle.
 * - On throttling the rate is halved (down to a floor) and the call is re-queued at the head of
 *   its lane after a jittered pause: MTurk refuses a throttled request before doing anything, so
 *   re-sending is safe for every call. After about one second of successes at the current
 *   rate, the rate climbs by a tenth of the configured one (AIMD, like TCP), so recovery takes
 *   seconds at any configured rate.
 * - Failures are re-sent with capped, full-jitter exponential backoff only when the retry
 *   policy allows it: a call that never reached MTurk (`unreachable`) may always be re-sent; one
 *   that may have reached it (`transient`: timeout, dropped connection, 5xx) only if repeating
 *   it is harmless (reads and idempotent writes). Any other write could happen twice.
 */
import { AbortError, systemClock, type Clock } from './clock';
import { TokenBucket } from './token-bucket';

/** Who is waiting for a call, highest priority first. */
export const LANES = ['interactive', 'bulk', 'sync'] as const;
export type Lane = (typeof LANES)[number];

/**
 * When a failed call may be sent again (throttles are always re-sent):
 * - `read`, `idempotent-write`: after any `unreachable` or `transient` failure;
 * - `unsafe-write`: only after `unreachable` failures, which prove MTurk never saw it;
 * - `once`: never.
 */
export type RetryPolicy = 'read' | 'idempotent-write' | 'unsafe-write' | 'once';
/**
 * `unreachable`: the request never reached MTurk (no connection). `transient`: it may have
 * reached MTurk and the answer was lost or was a temporary fault.
 */
export type FailureClass = 'throttled' | 'unreachable' | 'transient' | 'permanent';

export interface SchedulerOptions {
  /** Sustained calls per second (default 2: safe for AWS, which publishes no limit). */
  readonly ratePerSecond?: number;
  /** Calls that may start back to back after an idle spell (default: the rate, at least 1). */
  readonly burst?: number;
  /** Calls in flight at once (default 2). */
  readonly concurrency?: number;
  /** The rate never drops below this on throttling (default 0.2/s). */
  readonly minRatePerSecond?: number;
  /** Consecutive successes before the rate is raised one step (default: one second's worth at the current rate). */
  readonly successesBeforeRecovery?: number;
  /** How much one recovery step adds (default a tenth of the configured rate). */
  readonly recoveryStepPerSecond?: number;
  /** Total attempts per policy (defaults: read 5, idempotent write 3, unsafe write 3, once 1). */
  readonly maxAttempts?: Partial<Record<RetryPolicy, number>>;
  readonly transientBaseDelayMs?: number;
  readonly throttleBaseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly clock?: Clock;
  /** Uniform in [0, 1); injected for deterministic jitter in tests. */
  readonly random?: () => number;
}

export interface RunOptions {
  readonly retry: RetryPolicy;
  /** Default `interactive`. */
  readonly lane?: Lane;
  readonly signal?: AbortSignal;
}

export interface SchedulerStats {
  /** Calls submitted so far. */
  readonly calls: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Throttling responses seen (each one re-queued its call). */
  readonly throttles: number;
  /** Re-sends after transient failures. */
  readonly retries: number;
  readonly currentRatePerSecond: number;
  /** Calls waiting to start, including those pausing before a re-send. */
  readonly queueLength: number;
  /** Calls waiting for a slot, per lane (not counting those pausing before a re-send). */
  readonly queuedByLane: Readonly<Record<Lane, number>>;
  readonly inFlight: number;
}

export type Task<T> = (signal: AbortSignal | undefined) => Promise<T>;

/** Lets one queued call start. */
type Grant = () => void;

const DEFAULT_ATTEMPTS: Record<RetryPolicy, number> = { read: 5, 'idempotent-write': 3, 'unsafe-write': 3, once: 1 };
const RESENDABLE: Record<RetryPolicy, ReadonlySet<FailureClass>> = {
  read: new Set(['unreachable', 'transient']),
  'idempotent-write': new Set(['unreachable', 'transient']),
  'unsafe-write': new Set(['unreachable']),
  once: new Set(),
};

export class Scheduler {
  private readonly configuredRate: number;
  private readonly concurrency: number;
  private readonly minRate: number;
  private readonly successesBeforeRecovery: number | undefined;
  private readonly recoveryStep: number;
  private readonly attempts: Record<RetryPolicy, number>;
  private readonly transientBaseMs: number;
  private readonly throttleBaseMs: number;
  private readonly maxDelayMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly bucket: TokenBucket;

  private readonly waiters: Record<Lane, Grant[]> = { interactive: [], bulk: [], sync: [] };
  private inFlight = 0;
  private pausing = 0;
  private timerPending = false;
  /** Bumped on every rate cut; a throttle on a call sent before the latest cut does not cut again. */
  private rateEpoch = 0;
  private successStreak = 0;
  private counts = { calls: 0, succeeded: 0, failed: 0, throttles: 0, retries: 0 };

  constructor(
    private readonly classify: (error: unknown) => FailureClass,
    options: SchedulerOptions = {},
  ) {
    this.configuredRate = positive(options.ratePerSecond ?? 2, 'ratePerSecond');
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    this.minRate = Math.min(this.configuredRate, positive(options.minRatePerSecond ?? 0.2, 'minRatePerSecond'));
    this.successesBeforeRecovery = options.successesBeforeRecovery === undefined ? undefined : Math.max(1, options.successesBeforeRecovery);
    this.recoveryStep = options.recoveryStepPerSecond ?? this.configuredRate / 10;
    this.attempts = { ...DEFAULT_ATTEMPTS, ...options.maxAttempts, once: 1 };
    this.transientBaseMs = options.transientBaseDelayMs ?? 200;
    this.throttleBaseMs = options.throttleBaseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 20_000;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    const burst = Math.max(1, options.burst ?? Math.ceil(this.configuredRate));
    this.bucket = new TokenBucket(this.configuredRate, burst, this.clock.now());
  }

  /** Runs `task` when rate, concurrency and its lane allow, re-sending it as the failure kind permits. */
  async run<T>(task: Task<T>, options: RunOptions): Promise<T> {
    const { signal } = options;
    const lane = options.lane ?? 'interactive';
    this.counts.calls += 1;
    let failures = 0;
    let throttles = 0;
    for (;;) {
      try {
        await this.acquire(lane, signal, failures + throttles > 0);
      } catch (error) {
        this.counts.failed += 1;
        throw error;
      }
      const epoch = this.rateEpoch;
      try {
        const value = await task(signal);
        this.release();
        this.recordSuccess();
        return value;
      } catch (error) {
        this.release();
        const kind = signal?.aborted ? 'permanent' : this.classify(error);
        let delayMs: number;
        if (kind === 'throttled') {
          throttles += 1;
          this.recordThrottle(epoch);
          delayMs = this.throttleDelay(throttles);
        } else if (RESENDABLE[options.retry].has(kind) && failures + 1 < this.attempts[options.retry]) {
          failures += 1;
          this.counts.retries += 1;
          delayMs = this.transientDelay(failures);
        } else {
          this.counts.failed += 1;
          throw signal?.aborted ? new AbortError() : error;
        }
        await this.pause(delayMs, signal);
      }
    }
  }

  stats(): SchedulerStats {
    return {
      ...this.counts,
      currentRatePerSecond: this.bucket.rate,
      queueLength: LANES.reduce((sum, lane) => sum + this.waiters[lane].length, this.pausing),
      queuedByLane: { interactive: this.waiters.interactive.length, bulk: this.waiters.bulk.length, sync: this.waiters.sync.length },
      inFlight: this.inFlight,
    };
  }

  private acquire(lane: Lane, signal: AbortSignal | undefined, requeued: boolean): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortError());
    const queue = this.waiters[lane];
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        reject(new AbortError());
      };
      const waiter: Grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // A re-sent call goes first in its lane: it has waited longest and keeps batch order roughly stable.
      if (requeued) queue.unshift(waiter);
      else queue.push(waiter);
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.concurrency) {
      const queue = LANES.map((lane) => this.waiters[lane]).find((waiting) => waiting.length > 0);
      if (queue === undefined) return;
      const now = this.clock.now();
      if (!this.bucket.tryTake(now)) {
        this.wakeAfter(this.bucket.msUntilToken(now));
        return;
      }
      const grant = queue.shift();
      if (grant === undefined) return;
      this.inFlight += 1;
      grant();
    }
  }

  private wakeAfter(ms: number): void {
    if (this.timerPending) return;
    this.timerPending = true;
    void this.clock.sleep(ms).then(() => {
      this.timerPending = false;
      this.pump();
    });
  }

  private release(): void {
    this.inFlight -= 1;
    this.pump();
  }

  private async pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    this.pausing += 1;
    try {
      await this.clock.sleep(ms, signal);
    } catch (error) {
      this.counts.failed += 1;
      throw error;
    } finally {
      this.pausing -= 1;
    }
  }

  private recordSuccess(): void {
    this.counts.succeeded += 1;
    this.successStreak += 1;
    // About one second of calls at the current rate per step: a fixed count would take far longer to
    // recover at a low rate (10 calls at 0.2/s is 50 s) than at a high one.
    const needed = this.successesBeforeRecovery ?? Math.max(1, Math.ceil(this.bucket.rate));
    if (this.successStreak < needed || this.bucket.rate >= this.configuredRate) return;
    this.successStreak = 0;
    this.bucket.setRate(Math.min(this.configuredRate, this.bucket.rate + this.recoveryStep), this.clock.now());
  }

  private recordThrottle(sentInEpoch: number): void {
    this.counts.throttles += 1;
    this.successStreak = 0;
    if (sentInEpoch !== this.rateEpoch) return;
    this.rateEpoch += 1;
    this.bucket.setRate(Math.max(this.minRate, this.bucket.rate / 2), this.clock.now(), true);
  }

  /** Full jitter: uniform in [0, min(cap, base·2^n)). */
  private transientDelay(failures: number): number {
    return Math.floor(this.random() * Math.min(this.maxDelayMs, this.transientBaseMs * 2 ** (failures - 1)));
  }

  /** Half-fixed jitter: a throttled call must really wait, but calls must not wake in lock-step. */
  private throttleDelay(throttles: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.throttleBaseMs * 2 ** (throttles - 1));
    return Math.floor(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}

function positive(value: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}
