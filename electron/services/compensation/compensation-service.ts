/**
 * Compensation for named workers: a private qualification type, granted to each of them without notification; a HIT
 * that requires it (`Exists`, guarding discovery, preview and accept) so nobody else can see it, paying the amount as
 * its reward; an optional message; then, whenever it is settled, approval of each named worker's submission.
 * Making it runs as a job (progress and MTurk's refusals in the jobs panel), each step through the journaled executor
 * with a token derived from the compensation, so making the same compensation again sends only what is missing (and
 * finishes a job a crash cut off). Settling approves as a job of the action jobs, listed in Jobs like every payment;
 * a submission already approved is only recorded, so each is paid once.
 */
import type { CompensationOutcome, CompensationPlan, CompensationRecord } from '../../../shared/contract/compensation';
import type { OperationKind } from '../../../shared/domain/archive-types';
import { readBonusAmount } from '../../../shared/domain/bonus-amount';
import { hitCostCents, mturkFeeCents } from '../../../shared/domain/fees';
import { isProduction } from '../../../shared/domain/connections';
import { displayMoney } from '../../../shared/domain/money';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { getCompensation, insertCompensation, listCompensations, setCompensationAssignment, setCompensationQualification } from '../../archive/repos/compensations';
import { journalForJob } from '../../archive/repos/journal';
import type { MTurkGateway } from '../../mturk/types';
import type { ActionJobs, BulkItem } from '../actions/action-jobs';
import { executeAttempts, type Execution, type JournaledExecutor } from '../actions/journaled-executor';
import type { Reconciler } from '../actions/reconciler';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import { balanceAfter } from '../connections/balance-after';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import * as steps from './compensation-steps';

export interface CompensationInput {
  readonly workerIds: readonly string[];
  readonly amount: string;
  readonly reason: string;
  readonly message?: string;
  readonly typedConnectionName?: string;
}

export interface CompensationDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly executor: JournaledExecutor;
  readonly actionJobs: ActionJobs;
  readonly reconciler: Reconciler;
  readonly runner: JobRunner;
  readonly now: () => number;
}

/** Attempts at one step MTurk refuses before the compensation reports it (the next run tries again). */
const ATTEMPTS = 3;

type Target = { configId: string; archiveConnectionId: number; gateway: MTurkGateway };

/** One submission to approve, and whose compensation it pays. */
interface Approval {
  readonly compensationId: string;
  readonly workerId: string;
  readonly item: BulkItem & { readonly target: string };
}

export class CompensationService {
  /** Compensations whose approvals a job is sending now. */
  readonly #paying = new Set<string>();

  constructor(private readonly deps: CompensationDeps) {}

  async plan(input: CompensationInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<CompensationPlan>> {
    const archiveId = await context.ensureArchiveId();
    if (!archiveId.ok) return archiveId;
    const read = readInput(input);
    if (!read.ok) return read;
    const { workerIds, amountCents, reason } = read.value;
    const id = steps.compensationId(archiveId.value, workerIds, amountCents, reason);
    const existing = getCompensation(this.deps.archive.read, id);
    const cost = existing?.hitId ? { rewardsTotalCents: 0, feesTotalCents: 0, totalCents: 0 } : hitCostCents(amountCents, workerIds.length);
    return ok({
      compensationId: id,
      workerIds,
      amountCents,
      rewardsCents: cost.rewardsTotalCents,
      feesCents: cost.feesTotalCents,
      totalCents: cost.totalCents,
      balance: cost.totalCents > 0 ? await balanceAfter(context, cost.totalCents) : null,
      connection: { label: context.config.label, production: isProduction(context.config) },
      typeToConfirm: isProduction(context.config) ? context.config.label.trim() : null,
      existing,
    });
  }

  async run(input: CompensationInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<CompensationOutcome>> {
    const planned = await this.plan(input, context);
    if (!planned.ok) return planned;
    const plan = planned.value;
    if (plan.typeToConfirm !== null && input.typedConnectionName?.trim() !== plan.typeToConfirm) {
      return err(appError('validation', `This pays workers on PRODUCTION with real money. Type the connection's name, "${plan.typeToConfirm}", to confirm.`, { field: 'typedConnectionName' }));
    }
    if (plan.balance && plan.balance.afterCents < 0) {
      return err(appError('insufficient-funds', `The HIT costs ${displayMoney(plan.totalCents)} with MTurk's fee but the balance is ${displayMoney(plan.balance.availableCents)}.`));
    }
    const target = await this.#target(context);
    if (!target.ok) return target;
    const { archive, now } = this.deps;
    const id = plan.compensationId;
    const message = input.message?.trim() || null;
    if (!plan.existing) {
      insertCompensation(archive.write, { id, connectionId: target.value.archiveConnectionId, configId: context.config.id, amountCents: plan.amountCents, reason: input.reason.trim(), message, workerIds: plan.workerIds }, now());
    }
    const workers = plan.workerIds.length;
    const job = this.deps.runner.start({
      kind: 'compensation',
      label: `Compensation ${id} · ${workers} worker${workers === 1 ? '' : 's'} · ${displayMoney(plan.amountCents)} each`,
      configId: context.config.id,
      archiveConnectionId: target.value.archiveConnectionId,
      // The private qualification, one grant per worker, the HIT, and the message when there is one.
      total: 2 + workers + (message ? 1 : 0),
      params: { compensationId: id },
      run: (job) => this.#make(target.value, plan, job),
    });
    return ok({ compensation: getCompensation(archive.read, id)!, job });
  }

  /** Every step not done yet, in order; a step that fails stops the ones that need it (running it again resumes). */
  async #make(target: Target, plan: CompensationPlan, job: JobContext): Promise<void> {
    const { archive, now } = this.deps;
    const id = plan.compensationId;
    const record = (): CompensationRecord => getCompensation(archive.read, id)!;
    const report = (step: string, done: Execution): boolean => {
      if (done.state === 'confirmed') job.succeeded();
      else job.failed(step, { ...done.error, message: `${step}: ${done.error.message}` }, done.state === 'unknown');
      return done.state === 'confirmed';
    };
    // Cancelled, a step not sent yet is not sent; making the same compensation again carries on.
    const execute = (kind: OperationKind, token: string, costCents: number | null, request: unknown, attempts = ATTEMPTS): Promise<Execution> =>
      this.#execute(target, kind, token, costCents, request, attempts, job.signal);

    if (record().qualificationTypeId === null) {
      const made = await execute('create-qualification-type', steps.stepToken.qualification(id), null, {
        name: steps.qualificationName(id),
        description: `Lets only the workers named in compensation ${id} see its HIT.`,
        status: 'Active',
      });
      const typeId = made.state === 'confirmed' ? producedOf<{ qualificationTypeId?: string }>(made)?.qualificationTypeId : undefined;
      if (!report('The private qualification', made) || !typeId) return;
      setCompensationQualification(archive.write, id, typeId, now());
    } else job.succeeded();
    const typeId = record().qualificationTypeId!;
    let granted = 0;
    for (const workerId of plan.workerIds) {
      const done = await execute('grant-qualification', steps.stepToken.grant(id, workerId), null, { qualificationTypeId: typeId, workerId, integerValue: 1, sendNotification: false });
      if (report(`Granting ${workerId} the private qualification`, done)) granted++;
    }
    if (granted < plan.workerIds.length) return;

    if (record().hitId === null) {
      const made = await execute('create-compensation-hit', steps.stepToken.hit(id), plan.totalCents, {
        compensationId: id,
        qualificationTypeId: typeId,
        ...steps.hitWords(plan.amountCents, record().reason),
        rewardCents: plan.amountCents,
        maxAssignments: plan.workerIds.length,
        lifetimeSeconds: steps.COMPENSATION_LIFETIME_S,
        assignmentDurationSeconds: steps.COMPENSATION_DURATION_S,
        autoApprovalDelaySeconds: steps.COMPENSATION_AUTO_APPROVE_S,
      });
      if (!report('The HIT', made) || record().hitId === null) return;
    } else job.succeeded();
    const notice = record().message;
    if (notice) {
      const body = `${notice}\n\nLook for the HIT "${steps.hitWords(plan.amountCents, record().reason).title}" — only you can see it.`.slice(0, 4096);
      // Sent once only: MTurk keeps no record of messages to ask about, so a lost answer is never re-sent.
      report('The message', await execute('notify-workers', steps.stepToken.notify(id), null, { sendId: id, chunk: 0, subject: steps.noticeSubject(plan.amountCents), body, workerIds: [...plan.workerIds] }, 1));
    }
    // Work submitted before this run (a compensation made again) is paid now, as its own job.
    if (job.signal.aborted) return;
    const pending = await this.#pending(target, record());
    const paid = await this.#pay(target, pending.items, job.signal);
    for (const problem of [...pending.problems, ...paid.problems]) job.failed('approval', appError('internal', problem));
  }

  list(context: ConnectionContext = this.deps.contexts.active()): CompensationRecord[] {
    return context.archiveId === null ? [] : listCompensations(this.deps.archive.read, context.archiveId);
  }

  /**
   * Approves what the named workers submitted on every compensation of the connection not yet fully paid: one job of
   * approvals (listed in Jobs, resumable, each through the journal), then each confirmed one recorded as paid.
   */
  async settle(context: ConnectionContext = this.deps.contexts.active()): Promise<Result<{ approved: number; problems: string[] }>> {
    const open = this.list(context).filter((c) => c.hitId !== null && c.workers.some((w) => w.paidAt === null));
    if (open.length === 0) return ok({ approved: 0, problems: [] });
    const target = await this.#target(context);
    if (!target.ok) return target;
    const items: Approval[] = [];
    const problems: string[] = [];
    for (const compensation of open) {
      const pending = await this.#pending(target.value, compensation);
      items.push(...pending.items);
      problems.push(...pending.problems);
    }
    const paid = await this.#pay(target.value, items);
    return ok({ approved: paid.approved, problems: [...problems, ...paid.problems] });
  }

  /** The named workers' submissions still to approve; approvals made elsewhere are recorded as paid on the way. */
  async #pending(target: Target, compensation: CompensationRecord): Promise<{ items: Approval[]; problems: string[] }> {
    const items: Approval[] = [];
    if (compensation.hitId === null) return { items, problems: [] };
    const named = new Set(compensation.workers.map((w) => w.workerId));
    // What each approval pays out of the held amount, recorded with it as every approval's is.
    const paidCents = compensation.amountCents + mturkFeeCents(compensation.amountCents, 'reward', compensation.workers.length);
    const feedback = `Compensation: ${compensation.reason}`.slice(0, 1024);
    for await (const page of target.gateway.listAssignmentsForHit(compensation.hitId, { statuses: ['Submitted', 'Approved'], lane: 'interactive' })) {
      if (!page.ok) return { items, problems: [`Listing the HIT's assignments: ${page.error.message}`] };
      for (const assignment of page.value.items) {
        if (!named.has(assignment.workerId)) continue;
        if (assignment.status === 'Approved') {
          setCompensationAssignment(this.deps.archive.write, compensation.id, assignment.workerId, assignment.assignmentId, assignment.approvalTime ?? this.deps.now());
          continue;
        }
        items.push({ compensationId: compensation.id, workerId: assignment.workerId, item: { kind: 'approve', target: assignment.assignmentId, request: { assignmentId: assignment.assignmentId, feedback }, costCents: paidCents } });
      }
    }
    return { items, problems: [] };
  }

  /**
   * Runs the approvals as one job and waits for it; each confirmed approval marks its worker paid, and every one not
   * confirmed is reported. A compensation being paid is not paid again meanwhile (the app settles after every sync
   * while a requester may be making the same compensation again). Cancelling the caller cancels the job.
   */
  async #pay(target: Target, approvals: readonly Approval[], signal?: AbortSignal): Promise<{ approved: number; problems: string[] }> {
    const mine = approvals.filter((a) => !this.#paying.has(a.compensationId));
    if (mine.length === 0) return { approved: 0, problems: [] };
    const compensations = new Set(mine.map((a) => a.compensationId));
    compensations.forEach((id) => this.#paying.add(id));
    try {
      const byAssignment = new Map(mine.map((a) => [a.item.target, a]));
      const job = this.deps.actionJobs.start(target, {
        kind: 'approve',
        label: `Pay ${mine.length} compensation submission${mine.length === 1 ? '' : 's'}`,
        items: mine.map((a) => a.item),
        lane: 'interactive',
      });
      const cancel = (): void => void this.deps.runner.cancel(job.id);
      signal?.addEventListener('abort', cancel);
      const final = await this.deps.runner.whenDone(job.id);
      signal?.removeEventListener('abort', cancel);
      let approved = 0;
      const confirmed = new Set<string>();
      for (const entry of journalForJob(this.deps.archive.read, job.id)) {
        const approval = entry.target === null ? undefined : byAssignment.get(entry.target);
        if (!approval || entry.state !== 'confirmed') continue;
        confirmed.add(approval.item.target);
        setCompensationAssignment(this.deps.archive.write, approval.compensationId, approval.workerId, approval.item.target, entry.updatedAt);
        if (!(entry.outcome as { alreadyDone?: unknown } | null)?.alreadyDone) approved++;
      }
      const open = mine.filter((a) => !confirmed.has(a.item.target));
      const problems = (final?.failures ?? []).map((f) => `Approving ${byAssignment.get(f.target)?.workerId ?? f.target}'s assignment: ${f.message}`);
      // The job lists at most its latest failures, and a cancelled job none for what it never sent: count them all.
      if (open.length > problems.length) problems.push(`${open.length} of ${mine.length} compensation submission(s) are not approved yet (job ${job.id}, ${final?.state ?? 'ended'}); settling again approves them.`);
      return { approved, problems };
    } finally {
      compensations.forEach((id) => this.#paying.delete(id));
    }
  }

  async #target(context: ConnectionContext): Promise<Result<Target>> {
    const gateway = await context.gateway();
    if (!gateway.ok) return gateway;
    // Open calls from a crash or a lost answer are settled first, so every step sees what they did.
    const reconciled = await this.deps.reconciler.ensure(context);
    if (!reconciled.ok) return reconciled;
    const archiveId = await context.ensureArchiveId();
    if (!archiveId.ok) return archiveId;
    return ok({ configId: context.config.id, archiveConnectionId: archiveId.value, gateway: gateway.value });
  }

  /** One step through the journal, under the executor's retry rule, its attempts' tokens derived from the step's. */
  #execute(target: Target, kind: OperationKind, token: string, costCents: number | null, request: unknown, attempts = ATTEMPTS, signal?: AbortSignal): Promise<Execution> {
    const call = { ...target, kind, request, costCents, lane: 'interactive' as const, ...(signal ? { signal } : {}) };
    return executeAttempts(this.deps.executor, call, (attempt) => steps.attemptToken(token, attempt), attempts);
  }
}

function readInput(input: CompensationInput): Result<{ workerIds: string[]; amountCents: number; reason: string }> {
  const amount = readBonusAmount(input.amount);
  if (!amount.ok) return err(appError('validation', `Amount: ${amount.message}`, { field: 'amount' }));
  const reason = input.reason.trim();
  if (reason === '') return err(appError('validation', 'Reason: say why; the workers read it.', { field: 'reason' }));
  const workerIds = [...new Set(input.workerIds.map((w) => w.trim().toUpperCase()))];
  if (workerIds.length === 0) return err(appError('validation', 'Workers: name at least one worker.', { field: 'workerIds' }));
  return ok({ workerIds, amountCents: amount.cents, reason });
}

function producedOf<T>(execution: Execution): T | null {
  return ((execution.entry.outcome as { answer?: T } | null)?.answer ?? null) as T | null;
}
