/**
 * Never recruiting a past participant again: everyone who submitted to a batch, a HIT type or a registered study is
 * granted a hidden exclusion qualification (journaled, no notification; new HITs require it absent). A batch or HIT
 * type can be marked so this happens after every sync. Each exclusion also records the workers as participants of
 * the study named after the type, in a registry kept apart from any account, which exports and imports as CSV.
 */
import type { EventPayload } from '../../../shared/contract';
import type { JobProgress } from '../../../shared/contract/jobs';
import { parseCsv, restoreFormula, stringifyCsv } from '../../../shared/domain/csv';
import { isWorkerId } from '../../../shared/domain/worker-list';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { decodeImportBytes } from '../../../shared/domain/text-decoding';
import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';
import { getBatch, batchSubmitters } from '../../archive/repos/batches';
import { addParticipants, exclusionRules, hitTypeSubmitters, participantsOf, registryRows, setExclusionRule, studyCounts, type ExclusionRule } from '../../archive/repos/participants';
import { getQualificationType, grantsForType } from '../../archive/repos/qualifications';
import type { ActionJobs } from '../actions/action-jobs';
import type { Reconciler } from '../actions/reconciler';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import { writeTarget } from './write-target';

export type ExclusionSource = { readonly kind: 'batch' | 'hit-type' | 'study'; readonly id: string };

export interface ExclusionPlan {
  readonly source: ExclusionSource;
  readonly intoTypeId: string;
  /** The study the workers are registered under: the exclusion type's name. */
  readonly study: string;
  readonly participants: number;
  readonly alreadyExcluded: number;
  /** Who the grant job would reach. */
  readonly workerIds: readonly string[];
}

export interface ExclusionServiceDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly actionJobs: ActionJobs;
  readonly reconciler: Reconciler;
  readonly now: () => number;
}

export class ExclusionService {
  #running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ExclusionServiceDeps) {}

  /** After each successful sync of a connection, runs its marked rules (one connection at a time, in order). */
  followSyncs(events: EventBus, log: Logger): () => void {
    return events.subscribe((name, payload) => {
      if (name !== 'sync.progress') return;
      const progress = payload as EventPayload<'sync.progress'>;
      if (progress.state !== 'succeeded') return;
      const context = this.deps.contexts.get(progress.connectionId);
      if (!context.ok || context.value.archiveId === null || this.rules(context.value).length === 0) return;
      this.#running = this.#running.then(() => this.afterSync(context.value)).catch((cause: unknown) => log.warn(`excluding marked workers failed: ${cause instanceof Error ? cause.message : String(cause)}`));
    });
  }

  /** Resolves once the exclusions started by syncs so far have been started (their jobs run on). */
  whenIdle(): Promise<unknown> {
    return this.#running;
  }

  /** Who would be excluded, and who already is; nothing is sent. */
  plan(source: ExclusionSource, intoTypeId: string, context: ConnectionContext = this.deps.contexts.active()): Result<ExclusionPlan> {
    const archiveId = context.archiveId;
    if (archiveId === null) return err(appError('not-found', `Nothing is archived for ${context.config.label} yet: sync first.`));
    const db = this.deps.archive.read;
    const type = getQualificationType(db, archiveId, intoTypeId);
    if (!type || type.goneAt !== null) return err(appError('not-found', `No qualification type ${intoTypeId} in the archive: create it (quals create) or sync first.`, { field: 'intoTypeId' }));
    const participants = this.#participants(source, archiveId);
    if (!participants.ok) return participants;
    const held = new Set(grantsForType(db, archiveId, intoTypeId).filter((g) => g.status === 'Granted').map((g) => g.workerId));
    const workerIds = participants.value.filter((id) => !held.has(id));
    return ok({ source, intoTypeId, study: type.name, participants: participants.value.length, alreadyExcluded: participants.value.length - workerIds.length, workerIds });
  }

  /** Registers the participants under the study and grants the exclusion to those who lack it, as a journaled job. */
  async exclude(source: ExclusionSource, intoTypeId: string, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<{ plan: ExclusionPlan; job: JobProgress | null }>> {
    const planned = this.plan(source, intoTypeId, context);
    if (!planned.ok) return planned;
    const plan = planned.value;
    const target = await writeTarget(context, this.deps.reconciler);
    if (!target.ok) return target;
    if (source.kind !== 'study') {
      const all = this.#participants(source, target.value.archiveConnectionId);
      if (all.ok) addParticipants(this.deps.archive.write, plan.study, all.value, `${source.kind}:${source.id}`, this.deps.now());
    }
    if (plan.workerIds.length === 0) return ok({ plan, job: null });
    const items = plan.workerIds.map((workerId) => ({
      target: `${intoTypeId}/${workerId}`,
      request: { qualificationTypeId: intoTypeId, workerId, integerValue: 1, sendNotification: false },
      costCents: null,
    }));
    const job = this.deps.actionJobs.start(target.value, { kind: 'grant-qualification', label: `Exclude ${count(items.length)} of ${source.kind} ${source.id}`, items, lane: 'bulk' });
    return ok({ plan, job });
  }

  /** Marks (or unmarks) a batch or HIT type: after every sync its new submitters are excluded too. */
  setRule(source: ExclusionSource, intoTypeId: string, on: boolean, context: ConnectionContext = this.deps.contexts.active()): Result<ExclusionRule[]> {
    if (source.kind === 'study') return err(appError('validation', 'Only a batch or a HIT type can be marked to exclude its workers after every sync.', { field: 'source' }));
    const planned = this.plan(source, intoTypeId, context);
    if (!planned.ok) return planned;
    setExclusionRule(this.deps.archive.write, context.archiveId!, { sourceKind: source.kind, sourceId: source.id, intoTypeId }, on, this.deps.now());
    return ok(exclusionRules(this.deps.archive.read, context.archiveId!));
  }

  rules(context: ConnectionContext = this.deps.contexts.active()): ExclusionRule[] {
    return context.archiveId === null ? [] : exclusionRules(this.deps.archive.read, context.archiveId);
  }

  /** Runs every marked rule of the connection (after a sync); rules whose batch or type is gone are skipped. */
  async afterSync(context: ConnectionContext): Promise<JobProgress[]> {
    const jobs: JobProgress[] = [];
    for (const rule of this.rules(context)) {
      const done = await this.exclude({ kind: rule.sourceKind, id: rule.sourceId }, rule.intoTypeId, context);
      if (done.ok && done.value.job) jobs.push(done.value.job);
    }
    return jobs;
  }

  studies(): { study: string; participants: number }[] {
    return studyCounts(this.deps.archive.read);
  }

  /** The registry as CSV (`study,worker_id`), of one study or all. */
  exportRegistry(study?: string): string {
    const rows = registryRows(this.deps.archive.read, study);
    return stringifyCsv([['study', 'worker_id'], ...rows.map((r) => [r.study, r.workerId])]);
  }

  /** The app's import: the file's bytes, decoded as imports are; `note` says how a file that was not UTF-8 was read. */
  importRegistryFile(bytes: Uint8Array, fileName: string): Result<{ studies: number; added: number; rows: number; note: string | null }> {
    const decoded = decodeImportBytes(bytes);
    if (!decoded.ok) return err({ ...decoded.error, message: `${fileName}: ${decoded.error.message}` });
    const imported = this.importRegistry(decoded.value.text, fileName);
    return imported.ok ? ok({ ...imported.value, note: decoded.value.note }) : imported;
  }

  /** Adds a registry CSV (`study,worker_id`, header required); any bad row refuses the whole file, naming the row. */
  importRegistry(csv: string, fileName: string): Result<{ studies: number; added: number; rows: number }> {
    const parsed = parseCsv(csv);
    if (!parsed.ok) return parsed;
    const [header, ...records] = parsed.value.records;
    const names = (header?.cells ?? []).map((c) => c.trim().toLowerCase().replace(/[\s_]/g, ''));
    const studyAt = names.indexOf('study');
    const workerAt = names.indexOf('workerid');
    if (studyAt < 0 || workerAt < 0) return err(appError('validation', `${fileName}: the first row must name the columns "study" and "worker_id".`, { field: 'file' }));
    const byStudy = new Map<string, string[]>();
    for (const record of records) {
      if (record.cells.every((c) => c.trim() === '')) continue;
      const study = restoreFormula(record.cells[studyAt] ?? '').trim();
      const workerId = (record.cells[workerAt] ?? '').trim().toUpperCase();
      if (study === '' || study.length > 128) return err(appError('validation', `${fileName}, line ${record.line}: the study name must be 1 to 128 characters.`, { field: 'file' }));
      if (!isWorkerId(workerId)) return err(appError('validation', `${fileName}, line ${record.line}: "${workerId.slice(0, 80)}" is not a worker id.`, { field: 'file' }));
      // Pushed in place: copying the list for every row made a big study's import quadratic. Repeats stay in (they
      // count as rows; the insert ignores them).
      const workers = byStudy.get(study);
      if (workers) workers.push(workerId);
      else byStudy.set(study, [workerId]);
    }
    let added = 0;
    const now = this.deps.now();
    this.deps.archive.write.transaction(() => {
      for (const [study, workers] of byStudy) added += addParticipants(this.deps.archive.write, study, workers, `import:${fileName.slice(0, 200)}`, now);
    })();
    return ok({ studies: byStudy.size, added, rows: [...byStudy.values()].reduce((n, w) => n + w.length, 0) });
  }

  #participants(source: ExclusionSource, archiveId: number): Result<string[]> {
    const db = this.deps.archive.read;
    switch (source.kind) {
      case 'batch': {
        const batch = getBatch(db, source.id);
        if (!batch || batch.connectionId !== archiveId) return err(appError('not-found', `No batch ${source.id} on this connection (see "turkbench batch list").`, { field: 'source' }));
        return ok(batchSubmitters(db, source.id));
      }
      case 'hit-type':
        return ok(hitTypeSubmitters(db, archiveId, source.id));
      case 'study': {
        const workers = participantsOf(db, source.id);
        return workers.length > 0 ? ok(workers) : err(appError('not-found', `The registry has no participants of study "${source.id}" (import them first).`, { field: 'source' }));
      }
    }
  }
}

const count = (n: number): string => `${n.toLocaleString('en-US')} worker${n === 1 ? '' : 's'}`;
