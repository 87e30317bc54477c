import type { AppError } from '../../../shared/errors';
import type { JobFailure, JobProgress, JobState } from '../../../shared/contract/jobs';
import type { ArchiveDb } from '../../archive/connection';
import { countUnknownForJob } from '../../archive/repos/journal';
import { getJob, insertJob, listJobs, setJobState, settleUnknownAsApplied, updateJobProgress, type StoredJob } from '../../archive/repos/jobs';
import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';
import { RateWindow } from './rate-window';

const MAX_FAILURES_SHOWN = 50;
/** Progress events are sent at most this often while a job runs (and always at the end). */
const REPORT_EVERY_MS = 250;
/**
 * The job row is written less often: it holds the job's parameters (a launch's every question, megabytes), and SQLite
 * rewrites the whole row on each update. A resume counts finished items from the journal, not from this row.
 */
const PERSIST_EVERY_MS = 2_000;

/** What a job's body reports as it goes. */
export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** One item finished well. */
  succeeded(): void;
  /** One item failed (`unknown`: its answer was lost and is being reconciled). */
  failed(target: string, error: AppError, unknown?: boolean): void;
  /** For work whose size is learnt as it goes (a sync): where it stands now. */
  progress(done: number, total: number): void;
}

export interface JobSpec {
  /** A chosen id (a sync shares its id with its `sync.progress` events); a new one otherwise. */
  readonly id?: string;
  readonly kind: string;
  readonly label: string;
  readonly configId: string;
  readonly archiveConnectionId: number;
  readonly total: number;
  /** Kept with the job so it can be resumed after a crash. */
  readonly params: unknown;
  /** Items already finished when a resumed job starts. */
  readonly alreadyDone?: number;
  readonly run: (context: JobContext) => Promise<void>;
}

export interface JobRunnerDeps {
  readonly archive: ArchiveDb;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => number;
  readonly newId: () => string;
}

interface Running {
  progress: JobProgress;
  readonly abort: AbortController;
  readonly rate: RateWindow;
  readonly done: Promise<JobProgress>;
  lastReport: number;
  lastPersist: number;
  /** The report a throttled update still owes: sent once the interval is over. */
  trailing: ReturnType<typeof setTimeout> | null;
  trailingAt: number;
  /** The progress last sent as an event and last written to the row. */
  emitted: JobProgress | null;
  written: JobProgress | null;
}

/**
 * The one runner for long work: progress as `job.progress`, cancel, and a row per job so that a crash or quit leaves
 * a record to resume. What a job does is its body's business; bulk actions put each item through the journal.
 */
export class JobRunner {
  readonly #running = new Map<string, Running>();

  constructor(private readonly deps: JobRunnerDeps) {}

  start(spec: JobSpec, resumeId?: string): JobProgress {
    const { archive, now } = this.deps;
    const id = resumeId ?? spec.id ?? this.deps.newId();
    if (resumeId === undefined) {
      insertJob(archive.write, { id, connectionId: spec.archiveConnectionId, configId: spec.configId, kind: spec.kind, label: spec.label, params: spec.params, total: spec.total }, now());
    } else {
      setJobState(archive.write, id, 'running', now());
    }
    const abort = new AbortController();
    const startedAt = now();
    const progress: JobProgress = {
      id, kind: spec.kind, label: spec.label, connectionId: spec.configId, state: 'running', total: spec.total,
      done: spec.alreadyDone ?? 0, failed: 0, unknown: 0, ratePerSecond: 0, etaSeconds: null, failures: [], startedAt, finishedAt: null,
    };
    const running: Running = { progress, abort, rate: new RateWindow(now), done: Promise.resolve(progress), lastReport: 0, lastPersist: 0, trailing: null, trailingAt: 0, emitted: null, written: null };
    this.#running.set(id, running);
    const context: JobContext = {
      jobId: id,
      signal: abort.signal,
      succeeded: () => this.#advance(running, null),
      failed: (target, error, unknown = false) => this.#advance(running, { target, message: error.message, mturkCode: error.mturkCode ?? null, unknown }),
      progress: (done, total) => this.#moveTo(running, done, total),
    };
    (running as { done: Promise<JobProgress> }).done = spec
      .run(context)
      .then(
        () => this.#finish(running, abort.signal.aborted ? 'cancelled' : running.progress.failed + running.progress.unknown > 0 ? 'failed' : 'succeeded'),
        (cause: unknown) => {
          this.deps.log.error(`job ${id} (${spec.kind}) stopped on an unexpected error`, cause);
          return this.#finish(running, 'failed');
        },
      );
    this.#report(running, true);
    return running.progress;
  }

  cancel(id: string): JobProgress | null {
    const running = this.#running.get(id);
    if (!running) return null;
    running.abort.abort();
    return running.progress;
  }

  running(id: string): boolean {
    return this.#running.has(id);
  }

  /** Resolves with the job's last progress when it ends — at once for a job already over; null for an unknown id. */
  whenDone(id: string): Promise<JobProgress> | null {
    const running = this.#running.get(id);
    if (running) return running.done;
    const stored = getJob(this.deps.archive.read, id);
    return stored ? Promise.resolve(this.#storedProgress(stored)) : null;
  }

  /** Running jobs first, then the most recent stored ones. */
  list(limit = 30): JobProgress[] {
    const live = [...this.#running.values()].map((r) => r.progress);
    const liveIds = new Set(live.map((p) => p.id));
    const stored = listJobs(this.deps.archive.read, { limit }).filter((job) => !liveIds.has(job.id)).map((job) => this.#storedProgress(job));
    return [...live, ...stored].slice(0, Math.max(limit, live.length));
  }

  stored(id: string): StoredJob | null {
    return getJob(this.deps.archive.read, id);
  }

  /**
   * An item this job counted as unknown has been settled by reconciliation since (its answer was lost; MTurk was asked
   * later). The job's counts and, once nothing is left failed or unknown, its state follow, live or stored.
   */
  settleUnknownItem(id: string, outcome: 'confirmed' | 'failed'): void {
    const running = this.#running.get(id);
    if (running) {
      const p = running.progress;
      if (p.unknown === 0) return;
      running.progress = { ...p, unknown: p.unknown - 1, failed: p.failed + (outcome === 'failed' ? 1 : 0) };
      this.#report(running, true);
      return;
    }
    // A failed item was already counted as one (stored jobs count failed and unknown together); the journal, which
    // tells them apart, has changed, so the panel hears of it.
    const settled = outcome === 'failed' ? getJob(this.deps.archive.read, id) : settleUnknownAsApplied(this.deps.archive.write, id, this.deps.now());
    if (settled) this.deps.events.emit('job.progress', this.#storedProgress(settled));
  }

  async dispose(): Promise<void> {
    const done = [...this.#running.values()].map((r) => {
      r.abort.abort();
      return r.done;
    });
    await Promise.allSettled(done);
  }

  #advance(running: Running, failure: JobFailure | null): void {
    const p = running.progress;
    const failures = failure ? [failure, ...p.failures].slice(0, MAX_FAILURES_SHOWN) : p.failures;
    running.rate.add(1);
    const done = p.done + 1;
    const rate = running.rate.perSecond();
    running.progress = {
      ...p,
      done,
      failed: p.failed + (failure && !failure.unknown ? 1 : 0),
      unknown: p.unknown + (failure?.unknown ? 1 : 0),
      failures,
      ratePerSecond: rate,
      etaSeconds: rate > 0 ? Math.ceil((p.total - done) / rate) : null,
    };
    this.#report(running, done === p.total);
  }

  #moveTo(running: Running, done: number, total: number): void {
    const p = running.progress;
    if (done > p.done) running.rate.add(done - p.done);
    const rate = running.rate.perSecond();
    running.progress = { ...p, done, total, ratePerSecond: rate, etaSeconds: rate > 0 && total > done ? Math.ceil((total - done) / rate) : null };
    this.#report(running, false);
  }

  /**
   * Throttled, but never lossy: an update that comes too soon is reported (and written) when its interval is over, so a
   * job that then waits (on a slow MTurk, on a crash) shows and keeps where it really is.
   */
  #report(running: Running, force: boolean): void {
    const now = this.deps.now();
    const p = running.progress;
    // Progress is replaced, never mutated: the same object was already sent or written.
    const emitIn = running.emitted === p ? Infinity : force ? 0 : REPORT_EVERY_MS - (now - running.lastReport);
    const writeIn = running.written === p ? Infinity : force ? 0 : PERSIST_EVERY_MS - (now - running.lastPersist);
    if (emitIn <= 0) {
      running.lastReport = now;
      running.emitted = p;
      this.deps.events.emit('job.progress', p);
    }
    if (writeIn <= 0) {
      running.lastPersist = now;
      running.written = p;
      updateJobProgress(this.deps.archive.write, p.id, p.done, p.failed + p.unknown, p.total, now);
    }
    if ((emitIn <= 0 || emitIn === Infinity) && (writeIn <= 0 || writeIn === Infinity)) {
      if (running.trailing) clearTimeout(running.trailing);
      running.trailing = null;
      return;
    }
    // Something is owed: the next due report covers it (and schedules the one after, if the write is still owed).
    const dueAt = now + Math.max(0, Math.min(emitIn > 0 ? emitIn : Infinity, writeIn > 0 ? writeIn : Infinity));
    if (running.trailing && running.trailingAt <= dueAt) return;
    if (running.trailing) clearTimeout(running.trailing);
    running.trailingAt = dueAt;
    running.trailing = setTimeout(() => {
      running.trailing = null;
      if (this.#running.get(running.progress.id) === running) this.#report(running, false);
    }, dueAt - now);
  }

  #storedProgress(job: StoredJob): JobProgress {
    const unknown = job.failed > 0 ? Math.min(job.failed, countUnknownForJob(this.deps.archive.read, job.id)) : 0;
    return storedProgress(job, unknown);
  }

  #finish(running: Running, state: JobState): JobProgress {
    const now = this.deps.now();
    running.progress = { ...running.progress, state, finishedAt: now, etaSeconds: null, ratePerSecond: state === 'running' ? running.progress.ratePerSecond : 0 };
    setJobState(this.deps.archive.write, running.progress.id, state, now);
    this.#report(running, true);
    this.#running.delete(running.progress.id);
    return running.progress;
  }
}

/**
 * A stored job as the panel shows it; its failures come from the journal, not from here. The jobs table counts items
 * that failed and items whose answer was lost together; the journal tells the lost ones apart.
 */
function storedProgress(job: StoredJob, unknown: number): JobProgress {
  return {
    id: job.id, kind: job.kind, label: job.label, connectionId: job.configId, state: job.state, total: job.total, done: job.done,
    failed: job.failed - unknown, unknown, ratePerSecond: 0, etaSeconds: null, failures: [], startedAt: job.createdAt, finishedAt: job.finishedAt,
  };
}
