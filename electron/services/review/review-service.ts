import type { z } from 'zod';
import type { ArchivePage } from '../../../shared/contract/browse';
import type { JobProgress } from '../../../shared/contract/jobs';
import type { WebsiteReviewCheck } from '../../../shared/contract/review-file';
import {
  clearDraftsInput,
  setDraftsInput,
  type DraftCounts,
  type ReviewDecision,
  type ReviewPlan,
  type reviewPlanInput,
  type ReviewQueueRow,
  type reviewQueueInput,
  type reviewSendInput,
} from '../../../shared/contract/review';
import { isProduction } from '../../../shared/domain/connections';
import { checkInput } from '../../core/input-check';
import { displayMoney } from '../../../shared/domain/money';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import type { EventBus } from '../../core/event-bus';
import { ArchiveInputError } from '../../archive/repos/archive-input-error';
import { clearDrafts, draftCounts, listDrafts, missingAssignments, reviewQueuePage, setDrafts } from '../../archive/repos/review';
import type { ActionJobs, BulkItem } from '../actions/action-jobs';
import type { Reconciler } from '../actions/reconciler';
import { balanceAfter } from '../connections/balance-after';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import type { JobRunner } from '../jobs/job-runner';
import { planReview, type PlannedDecision } from './plan-review';
import { checkWebsiteReview } from './website-review-check';
import { hasQualityFilter, matchesQuality, withQuality } from './queue-quality';

type QueueInput = z.output<typeof reviewQueueInput>;
type PlanInput = z.output<typeof reviewPlanInput>;
type SendInput = z.output<typeof reviewSendInput>;

/** How many queue pages one call reads at most while looking for rows that match an agreement / gold filter. */
const MAX_FILTERED_PAGES = 100;

export interface ReviewServiceDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly actionJobs: ActionJobs;
  readonly runner: JobRunner;
  readonly reconciler: Reconciler;
  readonly events: EventBus;
  readonly now: () => number;
}

/**
 * Review: a queue of submitted work across every HIT of the connection (from the archive, by auto-approval deadline),
 * draft verdicts kept locally until sent, and "send" — planned (assignments, workers, cost, rejections per worker),
 * confirmed (Production: the connection's name typed), then a journaled job at interactive priority. Nothing is ever
 * rejected without a requester's explicit verdict.
 */
export class ReviewService {
  /** Assignments a running send is deciding: a second send would act on a stale plan. */
  readonly #busy = new Map<string, Set<string>>();

  constructor(private readonly deps: ReviewServiceDeps) {}

  async queue(input: QueueInput, context?: ConnectionContext): Promise<Result<ArchivePage<ReviewQueueRow>>> {
    const scoped = context ? ok(context) : this.deps.contexts.scoped(input.archiveId);
    if (!scoped.ok) return scoped;
    const connectionId = scoped.value.archiveId;
    if (connectionId === null) return ok({ rows: [], nextCursor: null, archived: false });
    try {
      return ok({ ...this.#qualityPage(connectionId, input), archived: true });
    } catch (cause) {
      if (cause instanceof ArchiveInputError) return err(cause.appError);
      throw cause;
    }
  }

  /**
   * A queue page with quality figures. With an agreement or gold filter, pages are read and filtered until enough
   * rows match or MAX_FILTERED_PAGES were read: such a page may hold fewer rows than asked (even none) while
   * nextCursor still leads on.
   */
  #qualityPage(connectionId: number, input: QueueInput): { rows: ReviewQueueRow[]; nextCursor: string | null } {
    const db = this.deps.archive.read;
    const first = reviewQueuePage(db, connectionId, input);
    if (!hasQualityFilter(input.filter)) return { rows: withQuality(db, connectionId, first.rows), nextCursor: first.nextCursor };
    const rows: ReviewQueueRow[] = [];
    let page = first;
    for (let read = 1; ; read++) {
      rows.push(...withQuality(db, connectionId, page.rows).filter((row) => matchesQuality(row, input.filter!)));
      if (page.nextCursor === null || rows.length >= input.limit || read >= MAX_FILTERED_PAGES) return { rows, nextCursor: page.nextCursor };
      page = reviewQueuePage(db, connectionId, { ...input, after: page.nextCursor, limit: input.limit - rows.length });
    }
  }

  async setDrafts(given: z.output<typeof setDraftsInput>, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<DraftCounts>> {
    // The CLI calls this directly, past the transports' check: the contract's limits hold here too.
    const checked = checkInput(setDraftsInput, given, 'the drafts');
    if (!checked.ok) return checked;
    const input = checked.value;
    const archived = this.#archived(context);
    if (!archived.ok) return archived;
    const unknown = missingAssignments(this.deps.archive.read, archived.value, input.assignmentIds);
    if (unknown.length > 0) {
      return err(appError('not-found', `${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ''}: not in the archive of ${context.config.label}; sync first, or check the id.`, { field: 'assignmentIds' }));
    }
    setDrafts(this.deps.archive.write, archived.value, [...new Set(input.assignmentIds)], input.verdict, input.feedback?.trim() || null, this.deps.now());
    return ok(this.#draftsChanged(context, archived.value));
  }

  async clearDrafts(given: z.output<typeof clearDraftsInput>, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<DraftCounts>> {
    const checked = checkInput(clearDraftsInput, given, 'the drafts');
    if (!checked.ok) return checked;
    const input = checked.value;
    const archived = this.#archived(context);
    if (!archived.ok) return archived;
    clearDrafts(this.deps.archive.write, archived.value, input.assignmentIds ?? null);
    return ok(this.#draftsChanged(context, archived.value));
  }

  async draftCounts(context: ConnectionContext = this.deps.contexts.active()): Promise<Result<DraftCounts>> {
    if (context.archiveId === null) return ok({ approve: 0, reject: 0 });
    return ok(draftCounts(this.deps.archive.read, context.archiveId));
  }

  /** A website-format review file checked against the archive (see website-review-check.ts). */
  async checkFile(input: { readonly text: string }, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<WebsiteReviewCheck>> {
    const archived = this.#archived(context);
    if (!archived.ok) return archived;
    return ok(checkWebsiteReview(this.deps.archive.read, archived.value, input.text, context.config.label));
  }

  async plan(input: PlanInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<ReviewPlan>> {
    const full = await this.#plan(input, context);
    return full.ok ? ok(full.value.plan) : full;
  }

  async send(input: SendInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<JobProgress>> {
    const full = await this.#plan(input, context);
    if (!full.ok) return full;
    const { plan, decisions } = full.value;
    if (plan.typeToConfirm !== null && input.typedConnectionName?.trim() !== plan.typeToConfirm) {
      return err(appError('validation', `This acts on PRODUCTION. Type the connection's name, "${plan.typeToConfirm}", to confirm.`, { field: 'typedConnectionName' }));
    }
    if (decisions.length === 0) {
      const only = plan.skipped.length === 1 ? plan.skipped[0] : undefined;
      return err(appError('validation', `Nothing to send: ${only ? `${only.assignmentId} ${only.reason}` : plan.skipped.length === 0 ? 'no verdicts are marked' : 'every assignment is skipped (see the reasons)'}.`));
    }
    if (plan.balance && plan.balance.afterCents < 0) {
      return err(
        appError('insufficient-funds', `Overriding these rejections costs ${displayMoney(plan.overrideCost.totalCents)} with fees, paid from the available balance of ${displayMoney(plan.balance.availableCents)} (a rejection releases the money MTurk held for it). Add funds or override fewer.`),
      );
    }
    const gateway = await context.gateway();
    if (!gateway.ok) return gateway;
    // Open calls from a crash or a lost answer are settled before anything new is sent.
    const reconciled = await this.deps.reconciler.ensure(context);
    if (!reconciled.ok) return reconciled;
    const archiveId = await context.ensureArchiveId();
    if (!archiveId.ok) return archiveId;
    const items: BulkItem[] = decisions.map((d) => ({ kind: d.kind, target: d.assignmentId, request: d.request, costCents: d.costCents || null }));
    const job = this.deps.actionJobs.start(
      { configId: context.config.id, archiveConnectionId: archiveId.value, gateway: gateway.value },
      { kind: decisions[0]!.kind, label: describeSend(plan), items, lane: 'interactive' },
    );
    this.#hold(job.id, decisions.map((d) => d.assignmentId));
    return ok(job);
  }

  async #plan(input: PlanInput, context: ConnectionContext): Promise<Result<{ plan: ReviewPlan; decisions: readonly PlannedDecision[] }>> {
    const archived = this.#archived(context);
    if (!archived.ok) return archived;
    const wanted: readonly ReviewDecision[] =
      input.decisions ??
      listDrafts(this.deps.archive.read, archived.value).map((d) => ({ assignmentId: d.assignmentId, verdict: d.verdict, feedback: d.feedback ?? undefined }));
    const planned = planReview(this.deps.archive.read, archived.value, wanted, {
      now: this.deps.now(),
      busy: (id) => this.#isBusy(id),
      connectionLabel: context.config.label,
    });
    const { config } = context;
    const spends = planned.plan.overrideCost.totalCents;
    return ok({
      plan: {
        ...planned.plan,
        balance: spends > 0 ? await balanceAfter(context, spends) : null,
        connection: { id: config.id, label: config.label, production: isProduction(config) },
        typeToConfirm: isProduction(config) ? config.label.trim() : null,
      },
      decisions: planned.decisions,
    });
  }

  #draftsChanged(context: ConnectionContext, connectionId: number): DraftCounts {
    this.deps.events.emit('archive.changed', { connectionId: context.config.id, tables: ['review_drafts'] });
    return draftCounts(this.deps.archive.read, connectionId);
  }

  #archived(context: ConnectionContext): Result<number> {
    if (context.archiveId === null) return err(appError('not-found', `Nothing is archived for ${context.config.label} yet: sync first, so Turkbench knows its assignments.`));
    return ok(context.archiveId);
  }

  #hold(jobId: string, assignmentIds: readonly string[]): void {
    this.#busy.set(jobId, new Set(assignmentIds));
    void this.deps.runner.whenDone(jobId)?.finally(() => this.#busy.delete(jobId));
  }

  #isBusy(assignmentId: string): boolean {
    for (const held of this.#busy.values()) if (held.has(assignmentId)) return true;
    return false;
  }
}

export function describeSend(plan: Pick<ReviewPlan, 'approve' | 'reject' | 'override'>): string {
  const parts = [
    plan.approve > 0 ? `approve ${plan.approve}` : '',
    plan.reject > 0 ? `reject ${plan.reject}` : '',
    plan.override > 0 ? `override ${plan.override} rejection${plan.override === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `Review: ${parts.join(', ')}`;
}
