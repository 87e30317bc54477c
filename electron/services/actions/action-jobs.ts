import { z } from 'zod';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { JobProgress } from '../../../shared/contract/jobs';
import type { JournalEntry, OperationKind } from '../../../shared/domain/archive-types';
import type { ArchiveDb } from '../../archive/connection';
import { journalForJob } from '../../archive/repos/journal';
import { markRunningJobsInterrupted } from '../../archive/repos/jobs';
import type { MTurkGateway } from '../../mturk/types';
import type { ConnectionContexts } from '../connections/connection-context';
import type { JobRunner } from '../jobs/job-runner';
import type { Lane } from './action-definition';
import { executeAttempts, type Execution, type JournaledExecutor } from './journaled-executor';

/** One object of a bulk action: what to send for it and what it costs. */
export interface BulkItem {
  /** The item's own action, when a job mixes kinds (a review send: approvals and rejections); else the job's. */
  readonly kind?: OperationKind;
  readonly target: string;
  readonly request: unknown;
  readonly costCents: number | null;
}

const paramsSchema = z.object({
  kind: z.string(),
  lane: z.enum(['interactive', 'bulk', 'sync']),
  items: z.array(z.object({ kind: z.string().optional(), target: z.string(), request: z.unknown(), costCents: z.number().int().nullable() })),
});
type BulkParams = z.infer<typeof paramsSchema>;

/** Enough calls waiting in the scheduler to keep any configured pace busy; the scheduler bounds the real rate. */
const IN_FLIGHT = 48;

export interface ActionJobsDeps {
  readonly archive: ArchiveDb;
  readonly runner: JobRunner;
  readonly executor: JournaledExecutor;
  readonly contexts: ConnectionContexts;
}

/** The journal token of one attempt at one item: the same on every resume, so an attempt is never sent twice. */
const itemToken = (jobId: string, target: string, attempt = 1): string => `${jobId}:${target}${attempt > 1 ? `#${attempt}` : ''}`;

/** How often an item is sent while MTurk says it did not act on it. */
const ATTEMPTS = 4;

/**
 * Bulk journaled actions as jobs: every item through the executor, at bulk priority, resumable after a crash with
 * nothing applied twice (a resumed item that was sent is reconciled, not re-sent).
 */
export class ActionJobs {
  constructor(private readonly deps: ActionJobsDeps) {}

  /** At start, before anything new is sent: jobs a crash or quit cut off are marked interrupted. */
  markInterrupted(now: number): number {
    return markRunningJobsInterrupted(this.deps.archive.write, now);
  }

  start(
    target: { configId: string; archiveConnectionId: number; gateway: MTurkGateway },
    spec: { kind: OperationKind; label: string; items: readonly BulkItem[]; lane?: Lane },
  ): JobProgress {
    const params: BulkParams = { kind: spec.kind, lane: spec.lane ?? 'bulk', items: [...spec.items] };
    return this.#run(target, spec.label, params);
  }

  async resume(jobId: string): Promise<Result<JobProgress>> {
    const { runner, contexts } = this.deps;
    if (runner.running(jobId)) return err(appError('conflict', 'That job is already running.'));
    const job = runner.stored(jobId);
    if (!job) return err(appError('not-found', `No job with id ${jobId}.`));
    if (job.state === 'succeeded') return err(appError('conflict', `"${job.label}" already finished; there is nothing left to do.`));
    const parsed = paramsSchema.safeParse(job.params);
    if (!parsed.success) return err(appError('validation', `"${job.label}" cannot be resumed: it is not a bulk action.`));
    const context = contexts.get(job.configId);
    if (!context.ok) return err(appError('not-found', `"${job.label}" ran on a connection that was removed; add it again to finish the job.`));
    const gateway = await context.value.gateway();
    if (!gateway.ok) return gateway;
    const finished = doneTargets(this.deps.archive, jobId).size;
    return ok(this.#run({ configId: job.configId, archiveConnectionId: job.connectionId, gateway: gateway.value }, job.label, parsed.data, jobId, finished));
  }

  /**
   * A new job over the items that failed (reconciled as not applied, or refused by MTurk). Items whose answer was lost
   * are first settled by asking MTurk: applied ones count as done, ones it did not apply are retried with the failed.
   * When asking settles everything, the job itself is returned, now succeeded.
   */
  async retryFailed(jobId: string): Promise<Result<JobProgress>> {
    const { runner, contexts } = this.deps;
    const job = runner.stored(jobId);
    if (!job) return err(appError('not-found', `No job with id ${jobId}.`));
    if (runner.running(jobId)) return err(appError('conflict', 'That job is still running; wait for it to finish.'));
    const parsed = paramsSchema.safeParse(job.params);
    if (!parsed.success) return err(appError('validation', `"${job.label}" cannot be retried: it is not a bulk action.`));
    const context = contexts.get(job.configId);
    if (!context.ok) return context;
    const gateway = await context.value.gateway();
    if (!gateway.ok) return gateway;
    const settled = await this.#settleUnknown(jobId, job.configId, gateway.value);

    const journal = journalForJob(this.deps.archive.read, jobId);
    const done = confirmedTargets(journal);
    const open = (state: 'failed' | 'unknown'): Set<string> =>
      new Set(journal.filter((e) => e.state === state && e.target !== null && !done.has(e.target)).map((e) => e.target!));
    const failed = open('failed');
    const items = parsed.data.items.filter((item) => failed.has(item.target));
    if (items.length === 0) {
      const unknown = open('unknown').size;
      if (unknown > 0) {
        return err(appError('network', `MTurk could not say whether ${unknown === 1 ? 'one item' : `${unknown} items`} of "${job.label}" took effect, so nothing was sent again. Try again when MTurk answers.`));
      }
      if (settled === 0) return err(appError('conflict', `"${job.label}" has no failed items to retry.`));
      return ok(await runner.whenDone(jobId)!);
    }
    const label = `${job.label} — retry of ${items.length} failed`;
    return ok(this.#run({ configId: job.configId, archiveConnectionId: job.connectionId, gateway: gateway.value }, label, { ...parsed.data, items }));
  }

  /** Asks MTurk about this job's calls whose answers were lost (the executor tells the job). How many it settled. */
  async #settleUnknown(jobId: string, configId: string, gateway: MTurkGateway): Promise<number> {
    let settled = 0;
    for (const entry of journalForJob(this.deps.archive.read, jobId)) {
      if (entry.state !== 'unknown') continue;
      const outcome = await this.deps.executor.reconcileEntry(entry, gateway, configId, 'interactive');
      if (outcome.state !== 'unknown') settled += 1;
    }
    return settled;
  }

  #run(
    target: { configId: string; archiveConnectionId: number; gateway: MTurkGateway },
    label: string,
    params: BulkParams,
    resumeId?: string,
    alreadyDone = 0,
  ): JobProgress {
    const { runner, executor } = this.deps;
    return runner.start(
      {
        kind: params.kind,
        label,
        configId: target.configId,
        archiveConnectionId: target.archiveConnectionId,
        total: params.items.length,
        params,
        alreadyDone,
        run: async (context) => {
          const skip = resumeId ? doneTargets(this.deps.archive, resumeId) : new Set<string>();
          const queue = params.items.filter((item) => !skip.has(item.target));
          const worker = async (): Promise<void> => {
            for (let item = queue.shift(); item && !context.signal.aborted; item = queue.shift()) {
              try {
                if (executor.isRecorded(kindOf(params, item), target.archiveConnectionId, item.request)) {
                  context.succeeded();
                  continue;
                }
                const outcome = await attemptItem(executor, target, params, item, context.jobId, context.signal);
                if (outcome.state === 'confirmed') context.succeeded();
                else context.failed(item.target, outcome.error, outcome.state === 'unknown');
              } catch (cause) {
                // One item's surprise (a bug, a locked archive) is that item's failure, not the end of the job.
                context.failed(item.target, appError('internal', `Turkbench could not record this item: ${cause instanceof Error ? cause.message : String(cause)}`));
              }
            }
          };
          await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, queue.length) }, worker));
        },
      },
      resumeId,
    );
  }
}

/** Sends one item through the executor's one retry rule, its attempts' tokens derived from the job and the item. */
function attemptItem(
  executor: JournaledExecutor,
  target: { configId: string; archiveConnectionId: number; gateway: MTurkGateway },
  params: BulkParams,
  item: BulkParams['items'][number],
  jobId: string,
  signal: AbortSignal,
): Promise<Execution> {
  const call = { ...target, kind: kindOf(params, item), request: item.request, costCents: item.costCents, jobId, lane: params.lane, signal };
  return executeAttempts(executor, call, (attempt) => itemToken(jobId, item.target, attempt), ATTEMPTS);
}

const kindOf = (params: BulkParams, item: { readonly kind?: string }): OperationKind => (item.kind ?? params.kind) as OperationKind;

function doneTargets(archive: ArchiveDb, jobId: string): Set<string> {
  return confirmedTargets(journalForJob(archive.read, jobId));
}

const confirmedTargets = (journal: readonly JournalEntry[]): Set<string> =>
  new Set(journal.filter((e) => e.state === 'confirmed' && e.target !== null).map((e) => e.target!));
