import type { SyncMode, SyncPhase, SyncProgress } from '../../../shared/contract/archive';

/** Rates are measured over about this much recent time… */
const WINDOW_MS = 10_000;
/** …and never over less than this: two calls a millisecond apart say nothing about the pace. */
const MIN_SPAN_MS = 1_000;

/** Where each phase sits on the bar; details (assignments and bonuses per HIT) is nearly all the work. */
const PHASE_SPAN: Record<SyncPhase, readonly [number, number]> = {
  // While HITs are still being listed the total is unknown: details already move the bar, but only a little.
  hits: [0, 0.2],
  details: [0.2, 0.92],
  qualifications: [0.92, 0.97],
  blocks: [0.97, 0.99],
  finishing: [0.99, 1],
};

/** What this run archived, by kind; `items` in progress, the sync log and the final message is their sum. */
export interface ArchivedCounts {
  hits: number;
  assignments: number;
  bonuses: number;
  /** Qualification types, grants and requests. */
  qualifications: number;
  blocks: number;
}

interface Sample {
  readonly at: number;
  readonly calls: number;
  readonly hitsDone: number;
}

/**
 * Turns counters into what a progress bar shows: fraction, calls per second and an ETA measured over the last
 * few seconds (never over a sliver of time), and the counts of what was archived. Emission is throttled so a fast
 * sync cannot flood the UI.
 */
export class ProgressTracker {
  readonly archived: ArchivedCounts = { hits: 0, assignments: 0, bonuses: 0, qualifications: 0, blocks: 0 };
  /** Records MTurk sent that failed their checks (each is in the run's problem list). */
  skipped = 0;
  pages = 0;
  hitsDone = 0;
  hitsTotal = 0;
  phase: SyncPhase = 'hits';
  readonly #samples: Sample[] = [];
  #lastEmit = Number.NEGATIVE_INFINITY;
  #trailing: ReturnType<typeof setTimeout> | null = null;
  /** Listing and details overlap and the HIT total grows while listing: never let the bar move backwards. */
  #highest = 0;

  constructor(
    private readonly base: { jobId: string; connectionId: string; mode: SyncMode; resumed: boolean },
    private readonly now: () => number,
    private readonly callsSoFar: () => number,
    private readonly emit: (progress: SyncProgress) => void,
    private readonly minIntervalMs = 250,
  ) {}

  get items(): number {
    const a = this.archived;
    return a.hits + a.assignments + a.bonuses + a.qualifications + a.blocks;
  }

  /**
   * Emits when enough time has passed (or always when `force`). A tick that comes too soon is not lost: the state
   * is emitted once the interval is over, so a bar never stays behind while MTurk is slow to answer the next call.
   */
  tick(force = false): void {
    const at = this.#sample();
    const wait = this.minIntervalMs - (at - this.#lastEmit);
    if (force || wait <= 0) return this.#emitNow(at);
    this.#trailing ??= setTimeout(() => {
      this.#trailing = null;
      this.#emitNow(this.#sample());
    }, wait);
  }

  /** The run is over: nothing more is emitted for it (its final state is the caller's to send). */
  stop(): void {
    if (this.#trailing) clearTimeout(this.#trailing);
    this.#trailing = null;
  }

  #emitNow(at: number): void {
    this.stop();
    this.#lastEmit = at;
    this.emit(this.snapshot('running', null));
  }

  snapshot(state: SyncProgress['state'], message: string | null): SyncProgress {
    if (state === 'running') this.#sample();
    const calls = this.#rate((s) => s.calls);
    const [from, to] = PHASE_SPAN[this.phase];
    const within = (this.phase === 'details' || this.phase === 'hits') && this.hitsTotal > 0 ? this.hitsDone / this.hitsTotal : 0;
    return {
      ...this.base,
      phase: this.phase,
      state,
      items: this.items,
      pages: this.pages,
      hitsDone: this.hitsDone,
      hitsTotal: this.hitsTotal,
      fraction: state === 'succeeded' ? 1 : this.#monotonic(Math.min(1, from + (to - from) * within)),
      callsPerSecond: state === 'running' && calls !== null ? Math.round(calls * 10) / 10 : null,
      etaSeconds: state === 'running' ? this.#eta() : null,
      message,
    };
  }

  /** Calls per second over the recent window; null until at least MIN_SPAN_MS of calls have been seen. */
  callsPerSecond(): number | null {
    return this.#rate((s) => s.calls);
  }

  /** "Archived 20 HITs, 180 assignments, 3 bonuses, 4 qualification records and 1 worker block (208 items)". */
  summary(): string {
    const a = this.archived;
    const parts = [
      count(a.hits, 'HIT'),
      count(a.assignments, 'assignment'),
      count(a.bonuses, 'bonus', 'bonuses'),
      count(a.qualifications, 'qualification record'),
      count(a.blocks, 'worker block'),
    ];
    const list = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
    const skipped = this.skipped === 0 ? '' : ` ${count(this.skipped, 'record')} skipped: MTurk sent ${this.skipped === 1 ? 'it' : 'them'} malformed; the sync log says why.`;
    return `Archived ${list} (${count(this.items, 'item')}).${skipped}`;
  }

  /**
   * Only once the HIT total is known (listing done) and HITs have been finishing for a while: the remaining HITs at
   * the pace HITs actually finished. Calls per HIT vary (many assignments, bonuses), so calls say nothing about HITs.
   */
  #eta(): number | null {
    if (this.phase !== 'details') return null;
    const hitsPerSecond = this.#rate((s) => s.hitsDone);
    if (hitsPerSecond === null || hitsPerSecond <= 0) return null;
    return Math.round(Math.max(0, this.hitsTotal - this.hitsDone) / hitsPerSecond);
  }

  #sample(): number {
    const at = this.now();
    this.#samples.push({ at, calls: this.callsSoFar(), hitsDone: this.hitsDone });
    // Keep one sample at or before the window's start, so the measured span is a whole window once there is one.
    while (this.#samples.length > 2 && this.#samples[1]!.at <= at - WINDOW_MS) this.#samples.shift();
    return at;
  }

  #rate(value: (sample: Sample) => number): number | null {
    const first = this.#samples[0];
    const last = this.#samples[this.#samples.length - 1];
    if (!first || !last || last.at - first.at < MIN_SPAN_MS) return null;
    return ((value(last) - value(first)) * 1000) / (last.at - first.at);
  }

  #monotonic(fraction: number): number {
    this.#highest = Math.max(this.#highest, fraction);
    return this.#highest;
  }
}

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
