/**
 * One scheduler per connection; every MTurk call goes through it.
 *
 * - A token bucket (rate, burst) plus a concurrency bound decide when a call may start.
 * - On throttling the rate is halved (down to a floor) and the call is re-queued after a
 *   jittered pause: throttled requests were not executed, so re-sending is safe for every
 *   call, and work is never dropped. After a run of successes the rate climbs back
 *   additively towards the configured one (AIMD, like TCP).
 * - Transient failures (5xx, network, timeouts) are retried with capped, full-jitter
 *   exponential backoff, as many times as the caller's retry policy allows. Non-idempotent
 *   calls are never retried: a timeout may hide a call that did go through.
 */
import { AbortError, systemClock, type Clock } from './clock';
import { TokenBucket } from './token-bucket';

/** How often a call may be sent again after a transient failure (throttles are always re-sent). */
export type RetryPolicy = 'read' | 'idempotent-write' | 'non-idempotent';
export type FailureClass = 'throttled' | 'transient' | 'permanent';

export interface SchedulerOptions {
  /** Sustained calls per second (default 2: safe for AWS, which publishes no limit). */
  readonly ratePerSecond?: number;
  /** Calls that may start back to back after an idle spell (default: the rate, at least 1). */
  readonly burst?: number;
  /** Calls in flight at once (default 2). */
  readonly concurrency?: number;
  /** The rate never drops below this on throttling (default 0.2/s). */
  readonly minRatePerSecond?: number;
  /** Consecutive successes before the rate is raised one step (default 10). */
  readonly successesBeforeRecovery?: number;
  /** How much one recovery step adds (default a tenth of the configured rate). */
  readonly recoveryStepPerSecond?: number;
  /** Total attempts per policy for transient failures (defaults: read 5, idempotent write 3). */
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
  readonly inFlight: number;
}

export type Task<T> = (signal: AbortSignal | undefined) => Promise<T>;

/** Lets one queued call start. */
type Grant = () => void;


const DEFAULT_ATTEMPTS: Record<RetryPolicy, number> = { read: 5, 'idempotent-write': 3, 'non-idempotent': 1 };

export class Scheduler {
  private readonly configuredRate: number;
  private readonly concurrency: number;
  private readonly minRate: number;
  private readonly successesBeforeRecovery: number;
  private readonly recoveryStep: number;
  private readonly attempts: Record<RetryPolicy, number>;
  private readonly transientBaseMs: number;
  private readonly throttleBaseMs: number;
  private readonly maxDelayMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly bucket: TokenBucket;

  private readonly waiters: Grant[] = [];
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
    this.successesBeforeRecovery = Math.max(1, options.successesBeforeRecovery ?? 10);
    this.recoveryStep = options.recoveryStepPerSecond ?? this.configuredRate / 10;
    this.attempts = { ...DEFAULT_ATTEMPTS, ...options.maxAttempts, 'non-idempotent': 1 };
    this.transientBaseMs = options.transientBaseDelayMs ?? 200;
    this.throttleBaseMs = options.throttleBaseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 20_000;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    const burst = Math.max(1, options.burst ?? Math.ceil(this.configuredRate));
    this.bucket = new TokenBucket(this.configuredRate, burst, this.clock.now());
  }

  /** Runs `task` when rate and concurrency allow, re-sending it as the failure kind permits. */
  async run<T>(task: Task<T>, options: RunOptions): Promise<T> {
    const { signal } = options;
    this.counts.calls += 1;
    let failures = 0;
    let throttles = 0;
    for (;;) {
      try {
        await this.acquire(signal, failures + throttles > 0);
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
        } else if (kind === 'transient' && failures + 1 < this.attempts[options.retry]) {
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
      queueLength: this.waiters.length + this.pausing,
      inFlight: this.inFlight,
    };
  }

  private acquire(signal: AbortSignal | undefined, requeued: boolean): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortError());
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(new AbortError());
      };
      const waiter: Grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // A re-sent call goes first: it has waited longest and keeps batch order roughly stable.
      if (requeued) this.waiters.unshift(waiter);
      else this.waiters.push(waiter);
      this.pump();
    });
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.inFlight < this.concurrency) {
      const now = this.clock.now();
      if (!this.bucket.tryTake(now)) {
        this.wakeAfter(this.bucket.msUntilToken(now));
        return;
      }
      const grant = this.waiters.shift();
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
    if (this.successStreak < this.successesBeforeRecovery || this.bucket.rate >= this.configuredRate) return;
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
