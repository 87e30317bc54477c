/**
 * The Workers area's core: every worker who worked for the account with their counts, a dossier per worker (work and
 * verdicts, bonuses, messages, scores, blocks, notes and tags), private notes, and blocks — hard (CreateWorkerBlock,
 * which hurts the worker's standing) or soft (a private exclusion qualification granted without notification, which a
 * HIT excludes with a DoesNotExist requirement) — each journaled, in bulk, with the reason kept.
 */
import type { JobProgress } from '../../../shared/contract/jobs';
import { MAX_WORKER_TAGS as MAX_TAGS } from '../../../shared/contract/workers';
import type { WorkerDossier, WorkerNote, WorkerQualityFigures, WorkerRow } from '../../../shared/domain/workers';
import { isWorkerId } from '../../../shared/domain/worker-list';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import type { ReadDb } from '../../archive/db-types';
import { ArchiveInputError } from '../../archive/repos/archive-input-error';
import { bonusesForWorker } from '../../archive/repos/bonuses';
import { messagesForWorker } from '../../archive/repos/messages';
import { grantsForWorker, qualificationTypeNamed } from '../../archive/repos/qualifications';
import { assignmentsOfWorker, workerPage, workerRow, type WorkerPageQuery } from '../../archive/repos/worker-dossier';
import { currentBlock } from '../../archive/repos/worker-blocks';
import { addWorkerNote, notesForWorker, setWorkerTags, tagsForWorker } from '../../archive/repos/worker-notes';
import type { ActionJobs } from '../actions/action-jobs';
import type { JournaledExecutor } from '../actions/journaled-executor';
import type { Reconciler } from '../actions/reconciler';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import { confirmProduction } from '../connections/production-confirmation';
import { answersVersion, workersQuality } from '../quality/worker-quality';
import { distinctWorkers, writeTarget, type WriteTarget } from './write-target';

/** The soft-block type's name: MTurk keeps names unique per requester, so the name finds it again. */
export const SOFT_BLOCK_TYPE_NAME = 'Turkbench soft block (private)';

export interface BlockInput {
  readonly workerIds: readonly string[];
  readonly reason: string;
  /** A private exclusion qualification instead of CreateWorkerBlock. */
  readonly soft: boolean;
  /** On Production, the connection's name typed by the requester. */
  readonly typedConnectionName?: string;
}

export interface WorkersServiceDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly executor: JournaledExecutor;
  readonly actionJobs: ActionJobs;
  readonly reconciler: Reconciler;
  readonly now: () => number;
}

export class WorkersService {
  /** The last quality figures, kept until the connection's answers change (they take seconds over a large archive). */
  #quality: { key: string; figures: WorkerQualityFigures[] } | null = null;

  constructor(private readonly deps: WorkersServiceDeps) {}

  list(query: WorkerPageQuery, context: ConnectionContext = this.deps.contexts.active()): Result<{ archived: boolean; rows: WorkerRow[]; nextCursor: string | null }> {
    if (context.archiveId === null) return ok({ archived: false, rows: [], nextCursor: null });
    const bad = query.workerIds?.find((id) => !isWorkerId(id));
    if (bad !== undefined) return err(appError('validation', `"${bad.slice(0, 80)}" is not a worker id (capital letters and digits).`, { field: 'workerIds' }));
    try {
      return ok({ archived: true, ...workerPage(this.deps.archive.read, context.archiveId, query) });
    } catch (cause) {
      if (cause instanceof ArchiveInputError) return err(cause.appError);
      throw cause;
    }
  }

  /** Agreement with the consensus and accuracy on gold of every worker: one pass over the archive, for the whole grid. */
  quality(context: ConnectionContext = this.deps.contexts.active()): Result<WorkerQualityFigures[]> {
    if (context.archiveId === null) return ok([]);
    const key = `${context.archiveId}:${answersVersion(this.deps.archive.read, context.archiveId)}`;
    if (this.#quality?.key !== key) this.#quality = { key, figures: workersQuality(this.deps.archive.read, context.archiveId) };
    return ok(this.#quality.figures);
  }

  dossier(workerId: string, context: ConnectionContext = this.deps.contexts.active()): Result<WorkerDossier> {
    if (!isWorkerId(workerId)) return err(appError('validation', `"${workerId.slice(0, 80)}" is not a worker id (capital letters and digits).`, { field: 'workerId' }));
    const connectionId = context.archiveId;
    if (connectionId === null) return err(appError('not-found', `Nothing is archived for ${context.config.label} yet: sync first.`));
    const dossier = readWorkerDossier(this.deps.archive.read, connectionId, workerId);
    const known = dossier.summary || dossier.messages.length || dossier.qualifications.length || dossier.block || dossier.notes.length;
    return known ? ok(dossier) : err(appError('not-found', `${workerId} never worked for ${context.config.label} (as far as the archive knows): sync first, or check the id.`));
  }

  /** A private note (kept only in this archive; MTurk never sees it). */
  async note(workerId: string, text: string, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<WorkerNote[]>> {
    const checked = this.#noteInput(workerId, text);
    if (!checked.ok) return checked;
    const archiveId = await context.ensureArchiveId();
    if (!archiveId.ok) return archiveId;
    addWorkerNote(this.deps.archive.write, archiveId.value, workerId, 'note', checked.value, this.deps.now());
    return ok(notesForWorker(this.deps.archive.read, archiveId.value, workerId));
  }

  async setTags(workerId: string, tags: readonly string[], context: ConnectionContext = this.deps.contexts.active()): Promise<Result<string[]>> {
    if (!isWorkerId(workerId)) return err(appError('validation', `"${workerId.slice(0, 80)}" is not a worker id.`, { field: 'workerId' }));
    const clean = [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
    const long = clean.find((tag) => tag.length > 64);
    if (long) return err(appError('validation', `Tag "${long.slice(0, 40)}…" is longer than 64 characters.`, { field: 'tags' }));
    // As the contract says: more could be stored from the CLI, and the app could then save the list only cut down.
    if (clean.length > MAX_TAGS) return err(appError('validation', `A worker has at most ${MAX_TAGS} tags; these are ${clean.length}.`, { field: 'tags' }));
    const archiveId = await context.ensureArchiveId();
    if (!archiveId.ok) return archiveId;
    setWorkerTags(this.deps.archive.write, archiveId.value, workerId, clean);
    return ok(tagsForWorker(this.deps.archive.read, archiveId.value, workerId));
  }

  async block(input: BlockInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<JobProgress>> {
    const checked = this.#blockInput(input, 'block', context);
    if (!checked.ok) return checked;
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    const { workerIds, reason } = checked.value;
    if (!input.soft) {
      const items = workerIds.map((workerId) => ({ target: workerId, request: { workerId, reason }, costCents: null }));
      return ok(this.deps.actionJobs.start(target.value, { kind: 'block-worker', label: `Block ${plural(workerIds.length)}`, items }));
    }
    const typeId = await this.softBlockType(target.value);
    if (!typeId.ok) return typeId;
    const items = workerIds.map((workerId) => ({
      target: `${typeId.value}/${workerId}`,
      request: { qualificationTypeId: typeId.value, workerId, integerValue: 1, sendNotification: false, note: { kind: 'soft-block', text: reason } },
      costCents: null,
    }));
    return ok(this.deps.actionJobs.start(target.value, { kind: 'grant-qualification', label: `Soft-block ${plural(workerIds.length)}`, items }));
  }

  async unblock(input: BlockInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<JobProgress>> {
    const checked = this.#blockInput(input, 'unblock', context);
    if (!checked.ok) return checked;
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    const { workerIds, reason } = checked.value;
    if (!input.soft) {
      const items = workerIds.map((workerId) => ({ target: workerId, request: { workerId, reason }, costCents: null }));
      return ok(this.deps.actionJobs.start(target.value, { kind: 'unblock-worker', label: `Unblock ${plural(workerIds.length)}`, items }));
    }
    const softType = qualificationTypeNamed(this.deps.archive.read, target.value.archiveConnectionId, SOFT_BLOCK_TYPE_NAME);
    if (!softType) return err(appError('not-found', 'No worker was ever soft-blocked on this connection.'));
    const items = workerIds.map((workerId) => ({
      target: `${softType.qualificationTypeId}/${workerId}`,
      request: { qualificationTypeId: softType.qualificationTypeId, workerId, note: { kind: 'soft-unblock', text: reason } },
      costCents: null,
    }));
    return ok(this.deps.actionJobs.start(target.value, { kind: 'revoke-qualification', label: `Lift the soft block of ${plural(workerIds.length)}`, items }));
  }

  /**
   * The account's soft-block type, created once (journaled: a lost answer finds it again by name). A HIT keeps
   * soft-blocked workers out with a DoesNotExist requirement on it.
   */
  async softBlockType(target: WriteTarget): Promise<Result<string>> {
    const known = qualificationTypeNamed(this.deps.archive.read, target.archiveConnectionId, SOFT_BLOCK_TYPE_NAME);
    if (known) return ok(known.qualificationTypeId);
    const made = await this.deps.executor.execute({
      ...target,
      kind: 'create-qualification-type',
      request: {
        name: SOFT_BLOCK_TYPE_NAME,
        description: 'Private to this requester: workers it will not offer work to. Granted without notification.',
      },
      // A fresh token per attempt: a refused earlier attempt must not stand for this one (a lost answer is found by name).
      token: `soft-block-type:${target.configId}:${this.deps.now()}`,
      costCents: null,
      lane: 'interactive',
    });
    if (made.state !== 'confirmed') return err(made.error);
    const created = qualificationTypeNamed(this.deps.archive.read, target.archiveConnectionId, SOFT_BLOCK_TYPE_NAME);
    return created ? ok(created.qualificationTypeId) : err(appError('internal', 'The soft-block type was created but is not in the archive; sync, then try again.'));
  }

  #noteInput(workerId: string, text: string): Result<string> {
    if (!isWorkerId(workerId)) return err(appError('validation', `"${workerId.slice(0, 80)}" is not a worker id (capital letters and digits).`, { field: 'workerId' }));
    const trimmed = text.trim();
    if (trimmed === '') return err(appError('validation', 'The note is empty.', { field: 'text' }));
    if (trimmed.length > 10_000) return err(appError('validation', `The note has ${trimmed.length} characters; at most 10,000.`, { field: 'text' }));
    return ok(trimmed);
  }

  #blockInput(input: BlockInput, what: string, context: ConnectionContext): Result<{ workerIds: string[]; reason: string }> {
    const workerIds = distinctWorkers(input.workerIds, what);
    if (!workerIds.ok) return workerIds;
    const bad = workerIds.value.find((id) => !isWorkerId(id));
    if (bad !== undefined) return err(appError('validation', `"${bad.slice(0, 80)}" is not a worker id (capital letters and digits).`, { field: 'workerIds' }));
    const reason = input.reason.trim();
    if (reason === '') return err(appError('validation', `Give a reason to ${what}: it is kept in each worker's dossier${input.soft ? '' : ' and MTurk records it'}.`, { field: 'reason' }));
    if (reason.length > 1024) return err(appError('validation', `The reason has ${reason.length} characters; at most 1,024.`, { field: 'reason' }));
    // A worker's standing is real on Production: the requester types the connection's name, as for spending.
    const confirmed = confirmProduction(context.config, input.typedConnectionName, `${what} ${plural(workerIds.value.length)}`);
    if (!confirmed.ok) return confirmed;
    return ok({ workerIds: workerIds.value, reason });
  }
}

const plural = (n: number): string => `${n.toLocaleString('en-US')} worker${n === 1 ? '' : 's'}`;

/** Everything the archive holds about one worker, read in one go (the dossier, also what the bench times). */
export function readWorkerDossier(db: ReadDb, connectionId: number, workerId: string): WorkerDossier {
  const qualifications = grantsForWorker(db, connectionId, workerId);
  const softType = qualificationTypeNamed(db, connectionId, SOFT_BLOCK_TYPE_NAME);
  return {
    workerId,
    summary: workerRow(db, connectionId, workerId),
    assignments: assignmentsOfWorker(db, connectionId, workerId),
    bonuses: bonusesForWorker(db, connectionId, workerId),
    messages: messagesForWorker(db, connectionId, workerId),
    qualifications,
    block: currentBlock(db, connectionId, workerId),
    softBlocked: softType !== null && qualifications.some((q) => q.qualificationTypeId === softType.qualificationTypeId && q.status === 'Granted'),
    notes: notesForWorker(db, connectionId, workerId),
    tags: tagsForWorker(db, connectionId, workerId),
  };
}
