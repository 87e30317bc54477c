/**
 * Keeping a launched batch going until it is done. One step: refresh the batch's unfinished HITs and their assignments
 * from MTurk into the archive; grant the batch's hidden exclusion qualification (journaled, no notification) to every
 * worker who submitted work of it; then publish the next sub-HIT of each micro-batched row whose earlier sub-HITs are
 * all settled (nobody working on them, no assignment left to take). Since a settled sub-HIT's workers are all archived
 * and excluded before its successor exists, nobody does two parts of a row. Publishing goes through the same journaled
 * create-hit items as a launch (deterministic token and tag), so a step cut off by a crash never publishes twice.
 */
import type { JobProgress } from '../../../shared/contract/jobs';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { batchCounts, batchSubmitters, getBatch, listBatchHits, setBatchLaunchJob, type BatchHit, type StoredBatch } from '../../archive/repos/batches';
import { getHit, upsertHits } from '../../archive/repos/hits';
import { upsertAssignments } from '../../archive/repos/assignments';
import { archivedAssignmentCounts } from '../../archive/repos/hit-assignment-counts';
import { listJobs } from '../../archive/repos/jobs';
import { grantsForType } from '../../archive/repos/qualifications';
import type { Assignment, Hit, MTurkGateway } from '../../mturk/types';
import type { EventBus } from '../../core/event-bus';
import type { ActionJobs } from '../actions/action-jobs';
import type { Reconciler } from '../actions/reconciler';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import type { JobRunner } from '../jobs/job-runner';
import type { BatchLauncher } from './batch-launcher';

const MIN_RUN_EVERY_MS = 1_000;
const MAX_RUN_EVERY_MS = 86_400_000;

export interface BatchStep {
  readonly batchId: string;
  /** HITs refreshed from MTurk, and the assignments listed for them. */
  readonly synced: { readonly hits: number; readonly assignments: number };
  /** Workers newly excluded from the batch. */
  readonly excluded: number;
  /** Sub-HITs published by this step. */
  readonly published: number;
  /** Sub-HITs not published yet. */
  readonly unpublished: number;
  /** Published HITs somebody may still work on. */
  readonly open: number;
  readonly paused: boolean;
  /** Every HIT published and settled: nothing more will happen. */
  readonly done: boolean;
  /** The jobs this step ran (exclusions, publishing), as they ended. */
  readonly jobs: readonly JobProgress[];
}

export interface BatchRunnerDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly actionJobs: ActionJobs;
  readonly runner: JobRunner;
  readonly reconciler: Reconciler;
  readonly launcher: BatchLauncher;
  readonly events: EventBus;
  readonly now: () => number;
}

type Target = { configId: string; archiveConnectionId: number; gateway: MTurkGateway };

/** A HIT nobody is working on and nobody can take any more: its submissions are final. */
const settled = (hit: Hit, now: number): boolean => hit.assignmentsPending === 0 && (hit.assignmentsAvailable === 0 || hit.expiration <= now);

export class BatchRunner {
  /** Batches a step is running for: two steps at once would publish on a stale view. */
  readonly #stepping = new Set<string>();

  constructor(private readonly deps: BatchRunnerDeps) {}

  async step(batchId: string, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<BatchStep>> {
    const batch = getBatch(this.deps.archive.read, batchId);
    if (!batch || batch.connectionId !== context.archiveId) return err(appError('not-found', `No batch ${batchId} on ${context.config.label}.`));
    if (batch.hitTypeId === null) return err(appError('conflict', `Batch ${batchId} has not finished launching: run "turkbench batch launch ${batch.folder}" first.`));
    if (this.#stepping.has(batchId)) return err(appError('conflict', `Batch ${batchId} is being run already; wait for that step to finish.`));
    this.#stepping.add(batchId);
    try {
      return await this.#step(batch, context);
    } finally {
      this.#stepping.delete(batchId);
    }
  }

  /**
   * Steps until the batch is done, waiting `everyMs` (1 s to a day) between steps; `onStep` sees each one. Stops early
   * on `signal`. The bounds matter: a timer past ~24.8 days fires at once, which would step the batch in a tight loop.
   */
  async run(
    batchId: string,
    options: { everyMs: number; signal?: AbortSignal; onStep?: (step: BatchStep) => void },
    context: ConnectionContext = this.deps.contexts.active(),
  ): Promise<Result<BatchStep>> {
    if (!Number.isInteger(options.everyMs) || options.everyMs < MIN_RUN_EVERY_MS || options.everyMs > MAX_RUN_EVERY_MS) {
      return err(appError('validation', `A batch runs a step every 1 second to 1 day (86,400 seconds); got ${options.everyMs / 1000} seconds.`, { field: 'every' }));
    }
    for (;;) {
      const step = await this.step(batchId, context);
      if (!step.ok) return step;
      options.onStep?.(step.value);
      if (step.value.done || options.signal?.aborted) return step;
      await pause(options.everyMs, options.signal);
    }
  }

  async #step(batch: StoredBatch, context: ConnectionContext): Promise<Result<BatchStep>> {
    const gateway = await context.gateway();
    if (!gateway.ok) return gateway;
    const reconciled = await this.deps.reconciler.ensure(context);
    if (!reconciled.ok) return reconciled;
    const target: Target = { configId: context.config.id, archiveConnectionId: batch.connectionId, gateway: gateway.value };

    const synced = await this.#sync(batch, target);
    if (!synced.ok) return synced;
    const jobs: JobProgress[] = [];
    const exclusion = await this.#exclude(batch, target);
    if (!exclusion.ok) return exclusion;
    if (exclusion.value.job) jobs.push(exclusion.value.job);
    const allExcluded = exclusion.value.job === null || exclusion.value.job.state === 'succeeded';

    const stored = getBatch(this.deps.archive.read, batch.id)!;
    const paused = stored.pausedAt !== null;
    const createdBefore = batchCounts(this.deps.archive.read, batch.id).created;
    if (!paused && allExcluded) {
      const finished = await this.#finishInterruptedPublishing(stored);
      if (!finished.ok) return finished;
      if (finished.value) jobs.push(finished.value);
      const next = this.#nextParts(batch);
      if (next.size > 0) {
        const items = this.deps.launcher.items(batch, (hit) => next.has(partKey(hit)));
        const job = this.deps.actionJobs.start(target, { kind: 'create-hit', label: `Publish ${items.length} more sub-HIT${items.length === 1 ? '' : 's'} of ${batch.name}`, items, lane: 'bulk' });
        setBatchLaunchJob(this.deps.archive.write, batch.id, job.id, this.deps.now());
        jobs.push((await this.deps.runner.whenDone(job.id)) ?? job);
      }
    }
    const published = batchCounts(this.deps.archive.read, batch.id).created - createdBefore;

    const now = this.deps.now();
    const hits = listBatchHits(this.deps.archive.read, batch.id);
    const unpublished = hits.filter((h) => h.hitId === null).length;
    const open = hits.filter((h) => {
      if (h.hitId === null) return false;
      const hit = getHit(this.deps.archive.read, batch.connectionId, h.hitId);
      return hit === null || !settled(hit, now);
    }).length;
    const done = unpublished === 0 && open === 0 && published === 0 && allExcluded;
    return ok({ batchId: batch.id, synced: synced.value, excluded: exclusion.value.granted, published, unpublished, open, paused, done, jobs });
  }

  /**
   * A publishing (or launch) job a crash or quit cut off is resumed first, so its journaled calls are settled — sent
   * ones reconciled, unsent ones sent with the tokens they were journaled with — instead of being left open.
   */
  async #finishInterruptedPublishing(batch: StoredBatch): Promise<Result<JobProgress | null>> {
    const { runner, actionJobs } = this.deps;
    const previous = batch.launchJobId ? runner.stored(batch.launchJobId) : null;
    if (!previous) return ok(null);
    if (runner.running(previous.id)) return err(appError('conflict', `Sub-HITs of batch ${batch.id} are being published right now (job "${previous.label}"); wait for it.`));
    if (previous.state !== 'interrupted') return ok(null);
    const resumed = await actionJobs.resume(previous.id);
    if (!resumed.ok) return resumed;
    return ok((await runner.whenDone(resumed.value.id)) ?? resumed.value);
  }

  /** The batch's HITs that may have changed since the archive last saw them, with every assignment of each. */
  async #sync(batch: StoredBatch, target: Target): Promise<Result<{ hits: number; assignments: number }>> {
    const { archive, now } = this.deps;
    let hits = 0;
    let assignments = 0;
    for (const batchHit of listBatchHits(archive.read, batch.id)) {
      if (batchHit.hitId === null) continue;
      const known = getHit(archive.read, batch.connectionId, batchHit.hitId);
      // Full: every assignment is archived as submitted, nothing about it can change what runs next. (A HIT that only
      // expired is read again: a resume may reopen it.)
      if (known && settled(known, now()) && archivedSubmissions(archive, batch.connectionId, known.hitId) >= known.maxAssignments) continue;
      const fresh = await target.gateway.getHit(batchHit.hitId, { lane: 'sync' });
      if (!fresh.ok) return err(appError(fresh.error.kind, `Reading HIT ${batchHit.hitId} of batch ${batch.id} failed: ${fresh.error.message}`));
      const listed: Assignment[] = [];
      for await (const page of target.gateway.listAssignmentsForHit(batchHit.hitId, { lane: 'sync' })) {
        if (!page.ok) return err(appError(page.error.kind, `Listing the assignments of HIT ${batchHit.hitId} failed: ${page.error.message}`));
        listed.push(...page.value.items);
      }
      archive.write.transaction(() => {
        upsertHits(archive.write, batch.connectionId, [fresh.value], now());
        upsertAssignments(archive.write, batch.connectionId, listed, now());
      })();
      hits++;
      assignments += listed.length;
    }
    if (hits > 0) this.deps.events.emit('archive.changed', { connectionId: target.configId, tables: ['hits', 'assignments'] });
    return ok({ hits, assignments });
  }

  /** Grants the exclusion to every submitter not excluded yet, as one journaled job, and waits for it. */
  async #exclude(batch: StoredBatch, target: Target): Promise<Result<{ granted: number; job: JobProgress | null }>> {
    const typeId = batch.exclusionTypeId;
    if (typeId === null) return ok({ granted: 0, job: null });
    // Grants a crash cut off are finished first (their journaled calls settled), then only who is still missing.
    for (const interrupted of interruptedGrantJobs(this.deps.archive, typeId)) {
      const resumed = await this.deps.actionJobs.resume(interrupted);
      if (!resumed.ok) return resumed;
      await this.deps.runner.whenDone(resumed.value.id);
    }
    const db = this.deps.archive.read;
    const excluded = new Set(grantsForType(db, batch.connectionId, typeId).filter((g) => g.status === 'Granted').map((g) => g.workerId));
    const workers = batchSubmitters(db, batch.id).filter((workerId) => !excluded.has(workerId));
    if (workers.length === 0) return ok({ granted: 0, job: null });
    const items = workers.map((workerId) => ({
      target: `${typeId}/${workerId}`,
      request: { qualificationTypeId: typeId, workerId, integerValue: 1, sendNotification: false },
      costCents: null,
    }));
    const job = this.deps.actionJobs.start(target, { kind: 'grant-qualification', label: `Exclude ${workers.length} worker${workers.length === 1 ? '' : 's'} from more of ${batch.name}`, items, lane: 'bulk' });
    const final = (await this.deps.runner.whenDone(job.id)) ?? job;
    return ok({ granted: succeeded(final), job: final });
  }

  /** Per row, its first unpublished part, when every part before it is settled. */
  #nextParts(batch: StoredBatch): Set<string> {
    const now = this.deps.now();
    const byRow = new Map<number, BatchHit[]>();
    for (const hit of listBatchHits(this.deps.archive.read, batch.id)) byRow.set(hit.rowNumber, [...(byRow.get(hit.rowNumber) ?? []), hit]);
    const next = new Set<string>();
    for (const parts of byRow.values()) {
      const first = parts.find((p) => p.hitId === null);
      if (!first) continue;
      const earlierSettled = parts
        .filter((p) => p.part < first.part)
        .every((p) => {
          const hit = p.hitId === null ? null : getHit(this.deps.archive.read, batch.connectionId, p.hitId);
          return hit !== null && settled(hit, now);
        });
      if (earlierSettled) next.add(partKey(first));
    }
    return next;
  }
}

const partKey = (hit: BatchHit): string => `${hit.rowNumber}.${hit.part}`;

const succeeded = (job: JobProgress): number => job.done - job.failed - job.unknown;

/** Interrupted grant jobs of this exclusion type (their items target `<type>/<worker>`). */
function interruptedGrantJobs(archive: ArchiveDb, typeId: string): string[] {
  return listJobs(archive.read, { limit: 100, unfinishedOnly: true })
    .filter((job) => job.state === 'interrupted' && job.kind === 'grant-qualification')
    .filter((job) => ((job.params as { items?: { target?: string }[] } | null)?.items ?? []).some((item) => item.target?.startsWith(`${typeId}/`)))
    .map((job) => job.id);
}

function archivedSubmissions(archive: ArchiveDb, connectionId: number, hitId: string): number {
  const counts = archivedAssignmentCounts(archive.read, connectionId, hitId);
  return counts.submitted + counts.reviewed;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
