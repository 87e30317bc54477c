/**
 * A token bucket whose fill rate can change at run time (the scheduler halves it on
 * throttling and raises it again after successes). Pure arithmetic over a clock reading.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  get rate(): number {
    return this.ratePerSecond;
  }

  /** Takes one token if available. */
  tryTake(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until one whole token is available (0 if one is there now). */
  msUntilToken(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  /** Changes the rate; `drain` empties the bucket so a slow-down takes effect at once. */
  setRate(ratePerSecond: number, now: number, drain = false): void {
    this.refill(now);
    this.ratePerSecond = ratePerSecond;
    if (drain) this.tokens = Math.min(this.tokens, 0);
  }

  private refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsedSeconds * this.ratePerSecond);
    this.updatedAt = now;
  }
}
