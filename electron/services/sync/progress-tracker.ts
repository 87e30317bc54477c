import type { SyncMode, SyncPhase, SyncProgress } from '../../../shared/contract/archive';

const WINDOW_MS = 5_000;

/** Where each phase sits on the bar; details (assignments and bonuses per HIT) is nearly all the work. */
const PHASE_SPAN: Record<SyncPhase, readonly [number, number]> = {
  // While HITs are still being listed the total is unknown: details already move the bar, but only a little.
  hits: [0, 0.2],
  details: [0.2, 0.92],
  qualifications: [0.92, 0.97],
  blocks: [0.97, 0.99],
  finishing: [0.99, 1],
};

/**
 * Turns counters into what a progress bar shows: fraction, calls per second over a sliding window,
 * and an ETA from the HITs still to fetch. Emission is throttled so a fast sync cannot flood the UI.
 */
export class ProgressTracker {
  items = 0;
  pages = 0;
  hitsDone = 0;
  hitsTotal = 0;
  phase: SyncPhase = 'hits';
  readonly #calls: { at: number; total: number }[] = [];
  #lastEmit = 0;
  /** Listing and details overlap and the HIT total grows while listing: never let the bar move backwards. */
  #highest = 0;

  constructor(
    private readonly base: { jobId: string; connectionId: string; mode: SyncMode; resumed: boolean },
    private readonly now: () => number,
    private readonly callsSoFar: () => number,
    private readonly emit: (progress: SyncProgress) => void,
    private readonly minIntervalMs = 250,
  ) {}

  /** Emits when enough time has passed (or always when `force`). */
  tick(force = false): void {
    const at = this.now();
    this.#calls.push({ at, total: this.callsSoFar() });
    while (this.#calls.length > 2 && this.#calls[0]!.at < at - WINDOW_MS) this.#calls.shift();
    if (!force && at - this.#lastEmit < this.minIntervalMs) return;
    this.#lastEmit = at;
    this.emit(this.snapshot('running', null));
  }

  snapshot(state: SyncProgress['state'], message: string | null): SyncProgress {
    const rate = this.callsPerSecond();
    const [from, to] = PHASE_SPAN[this.phase];
    const within = (this.phase === 'details' || this.phase === 'hits') && this.hitsTotal > 0 ? this.hitsDone / this.hitsTotal : 0;
    const remainingHits = Math.max(0, this.hitsTotal - this.hitsDone);
    // About two calls per HIT (assignments page + bonuses page) is what the details phase costs.
    const eta = state === 'running' && rate > 0 && this.phase !== 'hits' ? Math.round((remainingHits * 2) / rate) : null;
    return {
      ...this.base,
      phase: this.phase,
      state,
      items: this.items,
      pages: this.pages,
      hitsDone: this.hitsDone,
      hitsTotal: this.hitsTotal,
      fraction: state === 'succeeded' ? 1 : this.#monotonic(Math.min(1, from + (to - from) * within)),
      callsPerSecond: Math.round(rate * 10) / 10,
      etaSeconds: eta,
      message,
    };
  }

  #monotonic(fraction: number): number {
    this.#highest = Math.max(this.#highest, fraction);
    return this.#highest;
  }

  callsPerSecond(): number {
    const first = this.#calls[0];
    const last = this.#calls[this.#calls.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return ((last.total - first.total) * 1000) / (last.at - first.at);
  }
}
