/**
 * Launching a batch folder exactly once: check it, show the full cost and the balance after, record the batch and every
 * HIT it wants, make the HIT type, then create the HITs as one journaled bulk job. Every HIT has a deterministic
 * UniqueRequestToken and annotation tag, so a resume — after a crash, a cancel, or days later — creates only what does
 * not exist yet. Relaunching a folder resumes its unfinished batch; a second batch from the same folder needs asking.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { buildQuestion } from '../../../shared/batch/question';
import type { BatchLaunchPlan } from '../../../shared/contract/batches';
import type { JobProgress } from '../../../shared/contract/jobs';
import { isProduction } from '../../../shared/domain/connections';
import { hitCostCents, requiresMasters } from '../../../shared/domain/fees';
import { displayMoney } from '../../../shared/domain/money';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import {
  batchCounts,
  batchesFromFolder,
  findUnfinishedBatch,
  getBatch,
  insertBatch,
  isMicroBatched,
  listBatchHits,
  setBatchLaunchJob,
  setBatchState,
  type BatchHit,
  type StoredBatch,
} from '../../archive/repos/batches';
import type { ActionJobs, BulkItem } from '../actions/action-jobs';
import { batchAnnotation, batchTag } from '../actions/batch-actions';
import { exclusionTypeName } from '../actions/qualification-actions';
import type { JournaledExecutor } from '../actions/journaled-executor';
import type { Reconciler } from '../actions/reconciler';
import type { MTurkGateway } from '../../mturk/types';
import { balanceAfter } from '../connections/balance-after';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import type { JobRunner } from '../jobs/job-runner';
import type { ExclusionService } from '../workers/exclusion-service';
import { excludePastParticipants, pastParticipantsProblem } from './past-participants';
import type { QualificationRequirement } from '../../../shared/domain/mturk-objects';
import { checkBatchFolder } from './batch-folder';

/** What launching a folder would do (the contract's shape: the app's dialog and the CLI show the same plan). */
export type LaunchPlan = BatchLaunchPlan;

export interface LaunchOptions {
  /** Launch a second batch even though this folder was launched before. */
  readonly newBatch?: boolean;
  readonly typedConnectionName?: string;
}

export interface BatchLauncherDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly executor: JournaledExecutor;
  readonly actionJobs: ActionJobs;
  readonly runner: JobRunner;
  readonly reconciler: Reconciler;
  /** Grants the past participants' exclusion before a batch that names them is published. */
  readonly exclusions: ExclusionService;
  readonly now: () => number;
}

/** Short, URL- and token-safe: `b` + 12 base-32 characters. */
const newBatchId = (): string => `b${randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** MTurk's UniqueRequestToken for one HIT of a batch: the same on every resume, at most 64 characters. */
export const hitToken = (batchId: string, rowNumber: number, part: number): string => `${batchId}-${rowNumber}-${part}`;

export class BatchLauncher {
  constructor(private readonly deps: BatchLauncherDeps) {}

  async plan(folder: string, options: LaunchOptions = {}, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<LaunchPlan>> {
    const dir = resolve(folder);
    const check = checkBatchFolder(dir);
    const { config, archiveId } = context;
    const unfinished = archiveId === null || options.newBatch ? null : findUnfinishedBatch(this.deps.archive.read, archiveId, dir);
    const earlier = archiveId === null ? [] : batchesFromFolder(this.deps.archive.read, archiveId, dir).filter((b) => b.id !== unfinished?.id);
    const resumes = unfinished ? { batchId: unfinished.id, ...batchCounts(this.deps.archive.read, unfinished.id) } : null;
    const toSpendCents = unfinished ? remainingCost(unfinished, listBatchHits(this.deps.archive.read, unfinished.id)) : (check.cost?.totalCents ?? 0);
    const balance = check.launchable ? await balanceAfter(context, toSpendCents) : null;
    const excludes = check.source?.properties.excludeParticipantsOf;
    const excluding = excludes && (excludes.batches.length > 0 || excludes.studies.length > 0) ? excludes : null;
    return ok({
      folder: dir,
      name: check.source?.properties.name ?? check.source?.properties.title ?? dir,
      connection: { id: config.id, label: config.label, production: isProduction(config) },
      findings: check.findings,
      launchable: check.launchable,
      cost: check.cost,
      resumes,
      launchedBefore: earlier.map((b) => ({ batchId: b.id, createdAt: b.createdAt })),
      toSpendCents,
      balance,
      typeToConfirm: isProduction(config) ? config.label.trim() : null,
      ...(excluding
        ? { excludesParticipantsOf: { ...excluding, problem: unfinished ? null : (pastParticipantsProblem(this.deps.archive.read, archiveId, excluding)?.message ?? null) } }
        : {}),
    });
  }

  async launch(folder: string, options: LaunchOptions = {}, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<{ batchId: string; job: JobProgress; resumed: boolean }>> {
    const planned = await this.plan(folder, options, context);
    if (!planned.ok) return planned;
    const plan = planned.value;
    const refusal = launchRefusal(plan, options);
    if (refusal) return err(refusal);

    const gateway = await context.gateway();
    if (!gateway.ok) return gateway;
    const reconciled = await this.deps.reconciler.ensure(context);
    if (!reconciled.ok) return reconciled;
    const archiveId = await context.ensureArchiveId();
    if (!archiveId.ok) return archiveId;
    const target = { configId: context.config.id, archiveConnectionId: archiveId.value, gateway: gateway.value };
    if (!plan.resumes) {
      const excludes = checkBatchFolder(plan.folder).source?.properties.excludeParticipantsOf;
      const problem = excludes ? pastParticipantsProblem(this.deps.archive.read, archiveId.value, excludes) : null;
      if (problem) return err(problem);
    }

    const batch = plan.resumes ? getBatch(this.deps.archive.read, plan.resumes.batchId)! : this.#record(plan, context.config.id, archiveId.value);
    const excluding = await this.#ensureExclusionType(batch, target);
    if (!excluding.ok) return excluding;
    const pastParticipants = excluding.value.hitTypeId === null ? await excludePastParticipants(this.deps, excluding.value, target, context) : ok([]);
    if (!pastParticipants.ok) return pastParticipants;
    const typed = await this.#ensureHitType(excluding.value, target, pastParticipants.value);
    if (!typed.ok) return typed;

    const job = await this.#launchJob(typed.value, target);
    if (!job.ok) return job;
    void this.deps.runner.whenDone(job.value.id)?.then(() => this.#markLaunchedIfComplete(batch.id));
    return ok({ batchId: batch.id, job: job.value, resumed: plan.resumes !== null });
  }

  /**
   * The job that creates the batch's missing HITs: its interrupted launch job resumed (its unsent calls go out with the
   * tokens they were journaled with), or a new job over the HITs not created yet. A HIT another job created meanwhile
   * is skipped by either (the archive records it), so no row is ever sent twice.
   */
  async #launchJob(batch: StoredBatch, target: { configId: string; archiveConnectionId: number; gateway: MTurkGateway }): Promise<Result<JobProgress>> {
    const { runner, actionJobs, archive, now } = this.deps;
    const previous = batch.launchJobId ? runner.stored(batch.launchJobId) : null;
    if (previous && runner.running(previous.id)) return err(appError('conflict', `Batch ${batch.id} is being launched right now (job "${previous.label}"); wait for it or cancel it.`));
    if (previous?.state === 'interrupted') return actionJobs.resume(previous.id);
    const items = this.items(batch, (hit) => hit.part === 0);
    const label = `Launch ${batch.name} · ${items.length} HIT${items.length === 1 ? '' : 's'}`;
    const job = actionJobs.start(target, { kind: 'create-hit', label, items, lane: 'bulk' });
    setBatchLaunchJob(archive.write, batch.id, job.id, now());
    return ok(job);
  }

  /** The batch and every HIT it wants, in one transaction. */
  #record(plan: LaunchPlan, configId: string, archiveConnectionId: number): StoredBatch {
    const source = checkBatchFolder(plan.folder).source!;
    const hits: Omit<BatchHit, 'hitId'>[] = [];
    const sizes = plan.cost!.subHitSizes;
    for (const row of source.input.rows) sizes.forEach((size, part) => hits.push({ rowNumber: row.number, part, maxAssignments: size, input: row.values }));
    return insertBatch(
      this.deps.archive.write,
      {
        id: newBatchId(),
        connectionId: archiveConnectionId,
        configId,
        name: plan.name,
        folder: plan.folder,
        properties: source.properties,
        kind: source.kind,
        template: source.template,
        inputColumns: source.input.columns,
      },
      hits,
      this.deps.now(),
    );
  }

  /**
   * A micro-batched batch's hidden exclusion type, made before its HIT type (which requires it absent): a worker granted
   * it no longer sees the batch's HITs, so a later sub-HIT of a row never reaches someone who did an earlier one.
   */
  async #ensureExclusionType(batch: StoredBatch, target: { configId: string; archiveConnectionId: number; gateway: MTurkGateway }): Promise<Result<StoredBatch>> {
    if (batch.exclusionTypeId !== null || !isMicroBatched(this.deps.archive.read, batch.id)) return ok(batch);
    const made = await this.deps.executor.execute({
      ...target,
      kind: 'create-qualification-type',
      request: {
        batchId: batch.id,
        name: exclusionTypeName(batch.id),
        description: `Workers who already submitted work for "${batch.name}". Used to keep each worker to one part of each item.`.slice(0, 2000),
      },
      token: `${batch.id}:exclusion`,
      costCents: null,
      lane: 'interactive',
    });
    if (made.state !== 'confirmed') return err(made.error);
    const stored = getBatch(this.deps.archive.read, batch.id)!;
    if (stored.exclusionTypeId === null) return err(appError('internal', 'MTurk made the exclusion qualification type but its id was not recorded; launch again to retry.'));
    return ok(stored);
  }

  async #ensureHitType(batch: StoredBatch, target: { configId: string; archiveConnectionId: number; gateway: MTurkGateway }, extra: readonly QualificationRequirement[]): Promise<Result<StoredBatch>> {
    if (batch.hitTypeId !== null) return ok(batch);
    const p = batch.properties;
    const exclusion = batch.exclusionTypeId === null ? [] : [{ QualificationTypeId: batch.exclusionTypeId, Comparator: 'DoesNotExist' as const, ActionsGuarded: 'DiscoverPreviewAndAccept' as const }];
    const made = await this.deps.executor.execute({
      ...target,
      kind: 'create-hit-type',
      request: {
        batchId: batch.id,
        title: p.title,
        description: p.description,
        keywords: p.keywords,
        rewardCents: p.rewardCents,
        assignmentDurationSeconds: p.assignmentDurationSeconds,
        autoApprovalDelaySeconds: p.autoApprovalDelaySeconds,
        qualificationRequirements: [...p.qualificationRequirements, ...exclusion, ...extra],
      },
      token: `${batch.id}:type`,
      costCents: null,
      lane: 'interactive',
    });
    if (made.state !== 'confirmed') return err(made.error);
    const stored = getBatch(this.deps.archive.read, batch.id)!;
    if (stored.hitTypeId === null) return err(appError('internal', 'MTurk made the HIT type but its id was not recorded; launch again to retry.'));
    return ok(stored);
  }

  /**
   * One bulk item per wanted HIT not created yet, built from the batch as launched (not the folder as it is now). A
   * launch wants every row's first part; later parts of a micro-batched row are published by the batch runner.
   */
  items(batch: StoredBatch, wanted: (hit: BatchHit) => boolean): BulkItem[] {
    const p = batch.properties;
    const masters = requiresMasters(p.qualificationRequirements);
    return listBatchHits(this.deps.archive.read, batch.id)
      .filter((hit) => hit.hitId === null && wanted(hit))
      .map((hit) => ({
        target: batchTag(batch.id, hit.rowNumber, hit.part),
        costCents: hitCostCents(p.rewardCents, hit.maxAssignments, { masters }).totalCents,
        request: {
          batchId: batch.id,
          rowNumber: hit.rowNumber,
          part: hit.part,
          hitTypeId: batch.hitTypeId!,
          question: questionFor(batch, hit),
          lifetimeSeconds: p.lifetimeSeconds,
          maxAssignments: hit.maxAssignments,
          requesterAnnotation: batchAnnotation(p.requesterAnnotation, batch.id, hit.rowNumber, hit.part),
          uniqueRequestToken: hitToken(batch.id, hit.rowNumber, hit.part),
        },
      }));
  }

  /** Launched once every first part exists (the rest of a micro-batched batch is published by the batch runner). */
  #markLaunchedIfComplete(batchId: string): void {
    const missing = listBatchHits(this.deps.archive.read, batchId).some((hit) => hit.part === 0 && hit.hitId === null);
    if (!missing) setBatchState(this.deps.archive.write, batchId, 'launched', this.deps.now());
  }

}

/** Why a planned launch may not go ahead, in plain words; null when it may. */
export function launchRefusal(plan: LaunchPlan, options: LaunchOptions): ReturnType<typeof appError> | null {
  const firstError = plan.findings.find((f) => f.severity === 'error');
  if (!plan.launchable) return appError('validation', `The batch cannot be launched: ${firstError?.message ?? 'its folder cannot be read'} Run "turkbench batch check" to see every problem.`);
  if (!plan.resumes && plan.launchedBefore.length > 0 && !options.newBatch) {
    return appError(
      'conflict',
      `This folder was launched before on ${plan.connection.label} (batch ${plan.launchedBefore[0]!.batchId}). Launching it again creates a second batch of HITs; confirm that with --new (in the app: "Launch another batch").`,
      { field: 'newBatch' },
    );
  }
  if (plan.typeToConfirm !== null && options.typedConnectionName?.trim() !== plan.typeToConfirm) {
    return appError('validation', `This launches on PRODUCTION and spends real money. Type the connection's name, "${plan.typeToConfirm}", to confirm.`, { field: 'typedConnectionName' });
  }
  if (plan.balance && plan.balance.afterCents < 0) {
    return appError('insufficient-funds', `This batch costs ${displayMoney(plan.toSpendCents)} with MTurk's fee but the balance is ${displayMoney(plan.balance.availableCents)}. Add funds, or launch fewer rows or assignments.`);
  }
  return null;
}

function remainingCost(batch: StoredBatch, hits: readonly BatchHit[]): number {
  const masters = requiresMasters(batch.properties.qualificationRequirements);
  return hits.filter((h) => h.hitId === null).reduce((sum, h) => sum + hitCostCents(batch.properties.rewardCents, h.maxAssignments, { masters }).totalCents, 0);
}

/** The Question XML of one HIT, from the template and input row as launched. */
export function questionFor(batch: StoredBatch, hit: BatchHit): string {
  const built = buildQuestion(batch.kind, batch.template, hit.input, batch.properties);
  // The folder was checked at launch: every placeholder had its column then, and the input is stored with the batch.
  if (!built.ok) throw new Error(`Batch ${batch.id} row ${hit.rowNumber}: ${built.error.message}`);
  return built.value.question;
}
