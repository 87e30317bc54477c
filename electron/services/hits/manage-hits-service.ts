import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { JobProgress } from '../../../shared/contract/jobs';
import { hitChangeSchema, type ManagePlan, type manageInput, type manageStartInput } from '../../../shared/contract/manage-hits';
import { isProduction } from '../../../shared/domain/connections';
import { displayMoney } from '../../../shared/domain/money';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { checkInput } from '../../core/input-check';
import { archivedAssignmentCounts } from '../../archive/repos/hit-assignment-counts';
import { getHit, getHitType } from '../../archive/repos/hits';
import type { ActionJobs, BulkItem } from '../actions/action-jobs';
import { balanceAfter } from '../connections/balance-after';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import type { JobRunner } from '../jobs/job-runner';
import type { Reconciler } from '../actions/reconciler';
import { describeChange, planHitChange, type PlannedChange } from './plan-hit-change';

type ManageInput = z.output<typeof manageInput>;
type ManageStartInput = z.output<typeof manageStartInput>;

export interface ManageHitsServiceDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly actionJobs: ActionJobs;
  readonly runner: JobRunner;
  readonly reconciler: Reconciler;
  readonly now: () => number;
}

interface FullPlan {
  readonly plan: ManagePlan;
  readonly changes: readonly (PlannedChange & { hitId: string })[];
}

/**
 * "Manage HITs": expire, extend, add assignments, Reviewing, change type, delete — planned from the archive (per-HIT
 * reasons, cost with fees, balance after), confirmed (Production: the connection's name typed), then run as a
 * journaled bulk job whose outcomes update the archive at once.
 */
export class ManageHitsService {
  /** HITs a running job is changing: a second job on them would act on a stale plan. */
  readonly #busy = new Map<string, Set<string>>();

  constructor(private readonly deps: ManageHitsServiceDeps) {}

  async plan(input: ManageInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<ManagePlan>> {
    const full = await this.#plan(input, context, 'preview');
    return full.ok ? ok(full.value.plan) : full;
  }

  async start(input: ManageStartInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<JobProgress>> {
    const seed = randomUUID();
    const full = await this.#plan(input, context, seed);
    if (!full.ok) return full;
    const { plan, changes } = full.value;
    if (plan.typeToConfirm !== null && input.typedConnectionName?.trim() !== plan.typeToConfirm) {
      return err(appError('validation', `This acts on PRODUCTION. Type the connection's name, "${plan.typeToConfirm}", to confirm.`, { field: 'typedConnectionName' }));
    }
    if (changes.length === 0) return err(appError('validation', `Nothing to do: ${plan.skipped.length === 1 ? `${plan.skipped[0]!.hitId} is ${plan.skipped[0]!.reason}` : 'every selected HIT is skipped (see the reasons)'}.`));
    if (plan.balance && plan.cost && plan.balance.afterCents < 0) {
      return err(appError('insufficient-funds', `This costs ${displayMoney(plan.cost.totalCents)} with fees but the balance is ${displayMoney(plan.balance.availableCents)}. Add funds or select fewer HITs.`));
    }
    const gateway = await context.gateway();
    if (!gateway.ok) return gateway;
    // Open calls from a crash or a lost answer are settled before anything new is sent.
    const reconciled = await this.deps.reconciler.ensure(context);
    if (!reconciled.ok) return reconciled;
    const archiveId = await context.ensureArchiveId();
    if (!archiveId.ok) return archiveId;
    const items: BulkItem[] = changes.map((c) => ({ target: c.hitId, request: c.request, costCents: c.rewardsCents + c.feesCents || null }));
    const label = `${plan.summary} · ${changes.length} HIT${changes.length === 1 ? '' : 's'}`;
    const job = this.deps.actionJobs.start(
      { configId: context.config.id, archiveConnectionId: archiveId.value, gateway: gateway.value },
      { kind: changes[0]!.kind, label, items },
    );
    this.#hold(job.id, changes.map((c) => c.hitId));
    return ok(job);
  }

  #hold(jobId: string, hitIds: readonly string[]): void {
    this.#busy.set(jobId, new Set(hitIds));
    void this.deps.runner.whenDone(jobId)?.finally(() => this.#busy.delete(jobId));
  }

  #isBusy(hitId: string): boolean {
    for (const held of this.#busy.values()) if (held.has(hitId)) return true;
    return false;
  }

  async #plan(input: ManageInput, context: ConnectionContext, seed: string): Promise<Result<FullPlan>> {
    const { archive, now } = this.deps;
    const { config, archiveId } = context;
    // The CLI calls this directly, past the transports' check: the change's limits (extend by a minute to a year…) hold here too.
    const change = checkInput(hitChangeSchema, input.change, 'the change');
    if (!change.ok) return change;
    if (archiveId === null) return err(appError('not-found', `Nothing is archived for ${config.label} yet: sync first, so Turkbench knows these HITs.`));
    const at = now();
    const targetType = input.change.action === 'change-type' ? getHitType(archive.read, archiveId, input.change.hitTypeId) : null;
    const ready: ManagePlan['ready'][number][] = [];
    const skipped: ManagePlan['skipped'][number][] = [];
    const changes: (PlannedChange & { hitId: string })[] = [];
    for (const hitId of new Set(input.hitIds)) {
      const hit = getHit(archive.read, archiveId, hitId);
      if (!hit) {
        skipped.push({ hitId, reason: `not in the archive of ${config.label}: sync first, or check the id` });
        continue;
      }
      if (this.#isBusy(hitId)) {
        skipped.push({ hitId, reason: 'a running job is already changing it; wait for it to finish' });
        continue;
      }
      const planned = planHitChange(input.change, hit, archivedAssignmentCounts(archive.read, archiveId, hitId), at, seed, targetType);
      if (!planned.ok) {
        skipped.push({ hitId, reason: planned.reason });
        continue;
      }
      changes.push({ ...planned.change, hitId });
      ready.push({ hitId, title: hit.title, detail: planned.change.detail, costCents: planned.change.rewardsCents + planned.change.feesCents });
    }
    // Adding assignments always spends; a change of type does when the new type costs more, an extension when it reopens slots.
    const spends = changes.some((c) => c.rewardsCents + c.feesCents > 0);
    const rewardsCents = changes.reduce((sum, c) => sum + c.rewardsCents, 0);
    const feesCents = changes.reduce((sum, c) => sum + c.feesCents, 0);
    const cost = spends ? { rewardsCents, feesCents, totalCents: rewardsCents + feesCents } : null;
    const balance = spends ? await balanceAfter(context, cost!.totalCents) : null;
    return ok({
      plan: {
        summary: describeChange(input.change),
        connection: { id: config.id, label: config.label, production: isProduction(config) },
        ready,
        skipped,
        cost,
        balance,
        typeToConfirm: isProduction(config) ? config.label.trim() : null,
      },
      changes,
    });
  }

}
