/**
 * Qualification administration: types (create, update, deactivate, delete — delete first says which archived HIT
 * types and open HITs require the type), grants (grant, change score, revoke in bulk; no notification unless asked),
 * and the requests queue (accept with a score, reject with a reason). Every write is journaled; bulk ones are jobs.
 */
import type { JobProgress } from '../../../shared/contract/jobs';
import { MAX_SETTING_SECONDS } from '../../../shared/contract/workers';
import type { QualificationGrant, QualificationRequest, QualificationType } from '../../../shared/domain/archive-types';
import { isWorkerId, type WorkerListEntry } from '../../../shared/domain/worker-list';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import {
  getQualificationRequest,
  getQualificationType,
  grantsForType,
  listQualificationTypes,
  openQualificationRequests,
  qualificationTypeNamed,
  usesOfQualificationType,
} from '../../archive/repos/qualifications';
import type { ActionJobs, BulkItem } from '../actions/action-jobs';
import type { JournaledExecutor } from '../actions/journaled-executor';
import type { Reconciler } from '../actions/reconciler';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import { confirmProduction } from '../connections/production-confirmation';
import { writeTarget } from './write-target';

export interface TypeSettings {
  readonly description?: string;
  readonly status?: 'Active' | 'Inactive';
  readonly retryDelaySeconds?: number;
  readonly test?: string;
  readonly answerKey?: string;
  readonly testDurationSeconds?: number;
  readonly autoGranted?: boolean;
  readonly autoGrantedValue?: number;
}

export interface CreateTypeInput extends TypeSettings {
  readonly name: string;
  readonly description: string;
  readonly keywords?: string;
}

export interface GrantInput {
  readonly qualificationTypeId: string;
  /** Workers, each with the score from their row or else `score`. */
  readonly workers: readonly WorkerListEntry[];
  readonly score?: number;
  /** Off unless asked: MTurk e-mails the worker for every grant. */
  readonly sendNotification?: boolean;
  /** On Production, the connection's name typed by the requester. */
  readonly typedConnectionName?: string;
}

export interface QualificationsServiceDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly executor: JournaledExecutor;
  readonly actionJobs: ActionJobs;
  readonly reconciler: Reconciler;
  readonly now: () => number;
}

export class QualificationsService {
  constructor(private readonly deps: QualificationsServiceDeps) {}

  listTypes(context: ConnectionContext = this.deps.contexts.active()): QualificationType[] {
    return context.archiveId === null ? [] : listQualificationTypes(this.deps.archive.read, context.archiveId).filter((type) => type.goneAt === null);
  }

  grants(qualificationTypeId: string, context: ConnectionContext = this.deps.contexts.active()): QualificationGrant[] {
    return context.archiveId === null ? [] : grantsForType(this.deps.archive.read, context.archiveId, qualificationTypeId);
  }

  requests(qualificationTypeId: string | undefined, context: ConnectionContext = this.deps.contexts.active()): QualificationRequest[] {
    return context.archiveId === null ? [] : openQualificationRequests(this.deps.archive.read, context.archiveId, qualificationTypeId);
  }

  async createType(input: CreateTypeInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<QualificationType>> {
    const checked = checkSettings(input);
    if (!checked.ok) return checked;
    if (input.name.trim() === '' || input.name.length > 128) return err(appError('validation', 'A name of 1 to 128 characters is needed.', { field: 'name' }));
    if (input.description.trim() === '' || input.description.length > 2000) return err(appError('validation', 'A description of 1 to 2,000 characters is needed.', { field: 'description' }));
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    // The action takes MTurk's "name exists" for its own lost answer; a name the archive already knows is someone else's.
    const existing = qualificationTypeNamed(this.deps.archive.read, target.value.archiveConnectionId, input.name.trim());
    if (existing) return err(appError('conflict', `A qualification type named "${existing.name}" already exists (${existing.qualificationTypeId}); names are unique per account.`, { field: 'name' }));
    const made = await this.deps.executor.execute({
      ...target.value,
      kind: 'create-qualification-type',
      request: { ...input, name: input.name.trim() },
      token: `create-qualification-type:${input.name.trim()}:${this.deps.now()}`,
      costCents: null,
      lane: 'interactive',
    });
    if (made.state !== 'confirmed') return err(made.error);
    const type = qualificationTypeNamed(this.deps.archive.read, target.value.archiveConnectionId, input.name.trim());
    return type ? ok(type) : err(appError('internal', 'The type was created but is not in the archive; sync to see it.'));
  }

  async updateType(qualificationTypeId: string, settings: TypeSettings, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<QualificationType>> {
    const checked = checkSettings(settings);
    if (!checked.ok) return checked;
    if (Object.values(settings).every((value) => value === undefined)) return err(appError('validation', 'Nothing to change: give a new description, status, test, retry delay or auto-grant.'));
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    const made = await this.deps.executor.execute({
      ...target.value,
      kind: 'update-qualification-type',
      request: { qualificationTypeId, ...settings },
      token: `update-qualification-type:${qualificationTypeId}:${this.deps.now()}`,
      costCents: null,
      lane: 'interactive',
    });
    if (made.state !== 'confirmed') return err(made.error);
    const type = getQualificationType(this.deps.archive.read, target.value.archiveConnectionId, qualificationTypeId);
    return type ? ok(type) : err(appError('internal', 'The type was updated but is not in the archive; sync to see it.'));
  }

  /** What deleting the type would break: archived HIT types and unfinished HITs that require it. */
  usesOf(qualificationTypeId: string, context: ConnectionContext = this.deps.contexts.active()): { hitTypeIds: string[]; hitIds: string[] } {
    return context.archiveId === null ? { hitTypeIds: [], hitIds: [] } : usesOfQualificationType(this.deps.archive.read, context.archiveId, qualificationTypeId);
  }

  async deleteType(qualificationTypeId: string, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<void>> {
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    const made = await this.deps.executor.execute({
      ...target.value,
      kind: 'delete-qualification-type',
      request: { qualificationTypeId },
      token: `delete-qualification-type:${qualificationTypeId}:${this.deps.now()}`,
      costCents: null,
      lane: 'interactive',
    });
    return made.state === 'confirmed' ? ok(undefined) : err(made.error);
  }

  /** Grants (or re-scores) each worker: their row's score, else `score`; journaled, verified by the worker's score. */
  async grant(input: GrantInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<JobProgress>> {
    const items: BulkItem[] = [];
    for (const entry of input.workers) {
      if (!isWorkerId(entry.workerId)) return err(appError('validation', `"${entry.workerId.slice(0, 80)}" is not a worker id.`, { field: 'workers' }));
      const score = entry.score ?? input.score;
      if (score === undefined) return err(appError('validation', `No score for ${entry.workerId}: give --score N or a score column.`, { field: 'score' }));
      if (!Number.isInteger(score)) return err(appError('validation', `Score ${score} for ${entry.workerId} is not a whole number.`, { field: 'score' }));
      items.push({
        target: `${input.qualificationTypeId}/${entry.workerId}`,
        request: { qualificationTypeId: input.qualificationTypeId, workerId: entry.workerId, integerValue: score, sendNotification: input.sendNotification ?? false },
        costCents: null,
      });
    }
    if (items.length === 0) return err(appError('validation', 'Name the workers to grant the qualification to.', { field: 'workers' }));
    const confirmed = confirmProduction(context.config, input.typedConnectionName, `grant ${input.qualificationTypeId} to ${count(items.length)}`);
    if (!confirmed.ok) return confirmed;
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    return ok(this.deps.actionJobs.start(target.value, { kind: 'grant-qualification', label: `Grant ${input.qualificationTypeId} to ${count(items.length)}`, items }));
  }

  async revoke(
    input: { qualificationTypeId: string; workerIds: readonly string[]; reason?: string; typedConnectionName?: string },
    context: ConnectionContext = this.deps.contexts.active(),
  ): Promise<Result<JobProgress>> {
    const workerIds = [...new Set(input.workerIds)];
    const bad = workerIds.find((id) => !isWorkerId(id));
    if (bad !== undefined) return err(appError('validation', `"${bad.slice(0, 80)}" is not a worker id.`, { field: 'workers' }));
    if (workerIds.length === 0) return err(appError('validation', 'Name the workers whose qualification to revoke.', { field: 'workers' }));
    const confirmed = confirmProduction(context.config, input.typedConnectionName, `revoke ${input.qualificationTypeId} from ${count(workerIds.length)}`);
    if (!confirmed.ok) return confirmed;
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    const items = workerIds.map((workerId) => ({
      target: `${input.qualificationTypeId}/${workerId}`,
      request: { qualificationTypeId: input.qualificationTypeId, workerId, ...(input.reason ? { reason: input.reason } : {}) },
      costCents: null,
    }));
    return ok(this.deps.actionJobs.start(target.value, { kind: 'revoke-qualification', label: `Revoke ${input.qualificationTypeId} from ${count(items.length)}`, items }));
  }

  /** Accepts requests with `score` (default: the type's auto-grant value, else 1). Unknown ids are refused by name. */
  async accept(requestIds: readonly string[], score: number | undefined, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<JobProgress>> {
    const found = this.#requests(requestIds, context);
    if (!found.ok) return found;
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    const items = found.value.map((request) => {
      const type = getQualificationType(this.deps.archive.read, target.value.archiveConnectionId, request.qualificationTypeId);
      const integerValue = score ?? type?.autoGrantedValue ?? 1;
      return {
        target: request.qualificationRequestId,
        request: { qualificationRequestId: request.qualificationRequestId, qualificationTypeId: request.qualificationTypeId, workerId: request.workerId, integerValue },
        costCents: null,
      };
    });
    return ok(this.deps.actionJobs.start(target.value, { kind: 'accept-qualification-request', label: `Accept ${items.length} qualification request${items.length === 1 ? '' : 's'}`, items }));
  }

  async reject(requestIds: readonly string[], reason: string | undefined, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<JobProgress>> {
    const found = this.#requests(requestIds, context);
    if (!found.ok) return found;
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    const items = found.value.map((request) => ({
      target: request.qualificationRequestId,
      request: { qualificationRequestId: request.qualificationRequestId, qualificationTypeId: request.qualificationTypeId, ...(reason ? { reason } : {}) },
      costCents: null,
    }));
    return ok(this.deps.actionJobs.start(target.value, { kind: 'reject-qualification-request', label: `Reject ${items.length} qualification request${items.length === 1 ? '' : 's'}`, items }));
  }

  #requests(requestIds: readonly string[], context: ConnectionContext): Result<QualificationRequest[]> {
    if (requestIds.length === 0) return err(appError('validation', 'Name the qualification requests.', { field: 'requestIds' }));
    if (context.archiveId === null) return err(appError('not-found', `Nothing is archived for ${context.config.label} yet: sync first.`));
    const requests: QualificationRequest[] = [];
    for (const id of new Set(requestIds)) {
      const request = getQualificationRequest(this.deps.archive.read, context.archiveId, id);
      if (!request) return err(appError('not-found', `No qualification request ${id} in the archive: sync first, or check the id.`, { field: 'requestIds' }));
      if (request.goneAt !== null) return err(appError('conflict', `Request ${id} was already answered.`, { field: 'requestIds' }));
      requests.push(request);
    }
    return ok(requests);
  }
}

function checkSettings(settings: TypeSettings): Result<void> {
  if ((settings.test === undefined) !== (settings.testDurationSeconds === undefined) && settings.test !== undefined) {
    return err(appError('validation', 'A test needs a test duration (seconds).', { field: 'testDurationSeconds' }));
  }
  if (settings.answerKey !== undefined && settings.test === undefined) return err(appError('validation', 'An answer key needs the test it scores.', { field: 'answerKey' }));
  if (settings.autoGranted && settings.test !== undefined) return err(appError('validation', 'A type is either auto-granted or has a test, not both.', { field: 'autoGranted' }));
  // The same bounds as the contract's: the CLI reaches here without the transports' check.
  const withinAYear = (seconds: number | undefined, least: number): boolean => seconds === undefined || (Number.isInteger(seconds) && seconds >= least && seconds <= MAX_SETTING_SECONDS);
  if (!withinAYear(settings.retryDelaySeconds, 0)) {
    return err(appError('validation', 'The retry delay is a whole number of seconds, from 0 to a year (31,536,000).', { field: 'retryDelaySeconds' }));
  }
  if (!withinAYear(settings.testDurationSeconds, 1)) {
    return err(appError('validation', 'The test duration is a whole number of seconds, from 1 to a year (31,536,000).', { field: 'testDurationSeconds' }));
  }
  return ok(undefined);
}

const count = (n: number): string => `${n.toLocaleString('en-US')} worker${n === 1 ? '' : 's'}`;
