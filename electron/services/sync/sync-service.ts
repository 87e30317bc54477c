import { randomUUID } from 'node:crypto';
import { appError } from '../../../shared/errors';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import { closeInterruptedJobs } from '../../archive/repos/jobs';
import type { ArchiveTable, SyncMode, SyncProgress } from '../../../shared/contract/archive';
import type { ArchiveDb } from '../../archive/connection';
import { finishSyncRun, getSyncState, markInterruptedRuns, recordSyncError, startSyncRun } from '../../archive/repos/sync';
import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';
import { redact } from '../../logging/redact';
import type { MTurkGateway } from '../../mturk/types';
import { freshCheckpoint, readCheckpoint } from './checkpoint';
import { ProgressTracker } from './progress-tracker';
import { SyncAbort } from './sync-context';
import { runSyncPhases } from './sync-run';

/** The resource name of the whole-account sync in sync_state / sync_log. */
export const ACCOUNT_RESOURCE = 'account';

export interface SyncTarget {
  /** The app's connection id (events and UI use it). */
  readonly connectionId: string;
  /** The archive's numeric id for this connection + account. */
  readonly archiveConnectionId: number;
  readonly gateway: MTurkGateway;
  /** The connection's name, for the job's label. */
  readonly label?: string;
}

export interface SyncServiceDeps {
  readonly archive: ArchiveDb;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => number;
  /** HITs fetched in parallel during the details phase (the gateway's scheduler still bounds the call rate). */
  readonly detailConcurrency?: number;
  /** Runs each sync as a job (the jobs panel, cancel from there); absent in tests of the sync alone. */
  readonly jobs?: JobRunner;
}

interface Job {
  readonly abort: AbortController;
  readonly tracker: ProgressTracker;
  readonly done: Promise<SyncProgress>;
}

/**
 * Runs syncs: at most one per connection at a time, resuming an interrupted one from its checkpoint,
 * reporting progress as `sync.progress` and changed tables as `archive.changed`. It never deletes:
 * what MTurk stops returning is flagged.
 */
export class SyncService {
  readonly #jobs = new Map<string, Job>();

  constructor(private readonly deps: SyncServiceDeps) {
    // One service runs the syncs of this archive: a run still `running` now was cut short by a kill or crash.
    const interrupted = markInterruptedRuns(deps.archive.write);
    if (interrupted > 0) deps.log.info(`${interrupted} sync run(s) were interrupted when the app stopped; the next sync resumes them`);
  }

  /** Starts (or joins the already running) sync of a connection; returns its first progress. */
  start(target: SyncTarget, mode: SyncMode): SyncProgress {
    const existing = this.#jobs.get(target.connectionId);
    if (existing) return existing.tracker.snapshot('running', null);

    const { archive, now } = this.deps;
    const state = getSyncState(archive.read, target.archiveConnectionId, ACCOUNT_RESOURCE);
    const saved = state && state.status !== 'succeeded' ? readCheckpoint(state.checkpoint) : null;
    // A resumed run finishes what the interrupted one started, in its mode.
    const run = startSyncRun(archive.write, target.archiveConnectionId, ACCOUNT_RESOURCE, now(), saved?.mode ?? mode);
    const checkpoint = saved ?? freshCheckpoint(mode, run.id);
    const abort = new AbortController();
    const jobId = randomUUID();
    let job: JobContext | null = null;
    const tracker = new ProgressTracker(
      { jobId, connectionId: target.connectionId, mode: checkpoint.mode, resumed: saved !== null },
      now,
      () => target.gateway.stats().calls,
      (progress) => {
        this.deps.events.emit('sync.progress', progress);
        job?.progress(progress.hitsDone, progress.hitsTotal);
      },
    );
    const changes = this.#changeBatcher(target.connectionId);
    const log = this.deps.log.child(`sync:${target.connectionId}`);
    log.info(`${saved ? 'resuming' : 'starting'} ${checkpoint.mode} sync (run ${run.id})`);

    const done = runSyncPhases(
      { db: archive, gateway: target.gateway, connectionId: target.archiveConnectionId, runId: run.id, signal: abort.signal, now, log, progress: tracker, changed: changes.add, detailConcurrency: this.deps.detailConcurrency ?? 24 },
      checkpoint,
    ).then(
      () => {
        finishSyncRun(archive.write, run.id, 'succeeded', now(), totals(tracker));
        return tracker.snapshot('succeeded', tracker.summary());
      },
      (cause: unknown) => {
        const cancelled = abort.signal.aborted;
        const message = cancelled ? 'Cancelled; the next sync resumes where this one stopped.' : failureMessage(cause);
        if (!cancelled) {
          recordSyncError(archive.write, run.id, message);
          log.warn(`sync failed: ${message}`);
        }
        finishSyncRun(archive.write, run.id, cancelled ? 'cancelled' : 'failed', now(), totals(tracker));
        return tracker.snapshot(cancelled ? 'cancelled' : 'failed', message);
      },
    ).then((final) => {
      tracker.stop();
      changes.flush();
      this.#jobs.delete(target.connectionId);
      this.deps.events.emit('sync.progress', final);
      return final;
    });

    this.#jobs.set(target.connectionId, { abort, tracker, done });
    // This run takes over from any sync a crash cut short: that one's job row is closed, not offered for resuming.
    closeInterruptedJobs(archive.write, target.connectionId, 'sync', now());
    this.deps.jobs?.start({
      id: jobId,
      kind: 'sync',
      label: `${checkpoint.mode === 'full' ? 'Full sync' : 'Sync'} of ${target.label ?? target.connectionId}`,
      configId: target.connectionId,
      archiveConnectionId: target.archiveConnectionId,
      total: 0,
      params: { mode: checkpoint.mode },
      run: async (context) => {
        job = context;
        context.signal.addEventListener('abort', () => abort.abort(), { once: true });
        const final = await done;
        context.progress(final.hitsDone, final.hitsTotal);
        if (final.state === 'failed') context.failed('sync', appError('internal', final.message ?? 'The sync failed.'));
      },
    });
    const first = tracker.snapshot('running', null);
    this.deps.events.emit('sync.progress', first);
    return first;
  }

  cancel(jobId: string): SyncProgress | null {
    for (const job of this.#jobs.values()) {
      const progress = job.tracker.snapshot('running', null);
      if (progress.jobId === jobId) {
        job.abort.abort();
        return progress;
      }
    }
    return null;
  }

  running(connectionId: string): SyncProgress | null {
    return this.#jobs.get(connectionId)?.tracker.snapshot('running', null) ?? null;
  }

  /** Resolves with the final progress of a connection's running sync (null if none runs). */
  whenDone(connectionId: string): Promise<SyncProgress | null> {
    return this.#jobs.get(connectionId)?.done ?? Promise.resolve(null);
  }

  async dispose(): Promise<void> {
    const jobs = [...this.#jobs.values()];
    jobs.forEach((job) => job.abort.abort());
    await Promise.all(jobs.map((job) => job.done));
  }

  /** Collects changed table names and emits them at most twice a second, so views refetch in batches. */
  #changeBatcher(connectionId: string): { add: (tables: readonly ArchiveTable[]) => void; flush: () => void } {
    const pending = new Set<ArchiveTable>();
    let timer: NodeJS.Timeout | null = null;
    const flush = (): void => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (pending.size === 0) return;
      this.deps.events.emit('archive.changed', { connectionId, tables: [...pending] });
      pending.clear();
    };
    return {
      add: (tables) => {
        tables.forEach((t) => pending.add(t));
        timer ??= setTimeout(flush, 500);
      },
      flush,
    };
  }
}

const totals = (tracker: ProgressTracker): { items: number; pages: number } => ({ items: tracker.items, pages: tracker.pages });

/** Redacted: the message goes to the archive, the log and the window, and a server may echo our request headers. */
function failureMessage(cause: unknown): string {
  if (cause instanceof SyncAbort) return redact(cause.message);
  return redact(`Unexpected error: ${cause instanceof Error ? cause.message : String(cause)}`);
}
