/** Items per second over a sliding window, so a rate shown mid-job reflects now, not the average since the start. */
export class RateWindow {
  readonly #events: { at: number; count: number }[] = [];

  constructor(
    private readonly now: () => number,
    private readonly windowMs = 10_000,
  ) {}

  add(count: number): void {
    this.#events.push({ at: this.now(), count });
    this.#trim();
  }

  perSecond(): number {
    this.#trim();
    if (this.#events.length < 2) return 0;
    const span = Math.max(this.now() - this.#events[0]!.at, 1_000);
    const total = this.#events.reduce((sum, e) => sum + e.count, 0);
    return Math.round((total / span) * 1000 * 10) / 10;
  }

  #trim(): void {
    const cutoff = this.now() - this.windowMs;
    while (this.#events.length > 0 && this.#events[0]!.at < cutoff) this.#events.shift();
  }
}
