import {
  type ArchiveExportFile,
  type ArchiveImportSummary,
  type ArchiveOverview,
  DISPOSAL_WARNING_DAYS,
  type ExportFormat,
  type ExportSelectionInput,
  type KeptArchive,
  type SyncMode,
  type SyncProgress,
} from '../../../shared/contract/archive';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { importBatchResults, type BatchImportSummary } from '../../archive/batch-results-csv';
import { importOffThread, type ImportJob } from '../../archive/import-off-thread';
import type { ArchiveDb } from '../../archive/connection';
import type { EventBus } from '../../core/event-bus';
import { countsFor } from '../../archive/repos/counts';
import { hitsDisposingWithin } from '../../archive/repos/retention';
import { listConnections } from '../../archive/repos/connections';
import { lastFullSyncStart, listSyncRuns } from '../../archive/repos/sync';
import type { ArchiveCounts, SyncRun } from '../../../shared/domain/archive-types';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import type { ConnectionService } from '../connections/connection-service';
import type { MTurkGateway } from '../../mturk/types';
import { ACCOUNT_RESOURCE, type SyncService } from '../sync/sync-service';
import { exportArchive, exportFileName, toArchiveSelection } from './batch-transfer';

const EMPTY_COUNTS: ArchiveCounts = {
  hitTypes: 0, hits: 0, assignments: 0, bonuses: 0, qualificationTypes: 0, qualificationGrants: 0,
  qualificationRequests: 0, workerBlocks: 0, messages: 0, workers: 0,
};

export interface ArchiveServiceDeps {
  readonly archive: ArchiveDb;
  readonly connections: ConnectionService;
  readonly contexts: ConnectionContexts;
  readonly sync: SyncService;
  readonly now: () => number;
  /** Receives `archive.changed` after an import, so every open view refetches (the Archive screen refetches on its own). */
  readonly events?: EventBus;
}

/** What the Archive screen shows and starts, for whichever connection is active. Works offline from the archive. */
const FULL_SYNC_EVERY_MS = 24 * 60 * 60_000;

export class ArchiveService {
  /** The import running now, if any: the next waits for it (two writers on one file would only wait for each other). */
  #imports: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ArchiveServiceDeps) {}

  /**
   * The active connection's archive, or with `archiveId` a kept one (read-only, never probed: it has no connection).
   * `probe` asks MTurk first (one cheap call), so a screen opened after the endpoint went away says "offline".
   */
  async overview(options: { probe?: boolean; archiveId?: number } = {}): Promise<Result<ArchiveOverview>> {
    const { connections, contexts, sync } = this.deps;
    if (options.archiveId !== undefined) {
      const kept = contexts.forArchive(options.archiveId);
      if (!kept.ok) return kept;
      const { config, archiveId, readOnly } = kept.value;
      return ok(this.#overviewOf(archiveId, { connectionId: config.id, connectionLabel: config.label, offline: false, running: null, readOnly: readOnly ?? null }));
    }
    if (options.probe) await this.#probe();
    const status = connections.status();
    const base = { connectionId: status.id, connectionLabel: status.label, offline: status.state === 'offline', running: sync.running(status.id), readOnly: null };
    return ok(this.#overviewOf(contexts.active().archiveId, base));
  }

  /** Every archive account on this computer, newest sync first, with which connections still use each. */
  list(): Result<KeptArchive[]> {
    const { archive, contexts } = this.deps;
    const kept = listConnections(archive.read).map((account): KeptArchive => {
      const runs = this.#accountRuns(account.id);
      return {
        archiveId: account.id,
        label: account.label,
        kind: account.kind,
        endpoint: account.endpoint,
        counts: countsFor(archive.read, account.id),
        lastSync: runs.find((run) => run.status !== 'running') ?? null,
        usedBy: contexts.usersOf(account.id).map((config) => ({ id: config.id, label: config.label })),
      };
    });
    const lastActivity = (a: KeptArchive): number => a.lastSync?.startedAt ?? 0;
    return ok(kept.sort((a, b) => lastActivity(b) - lastActivity(a) || b.archiveId - a.archiveId));
  }

  #overviewOf(archived: number | null, base: Omit<ArchiveOverview, 'known' | 'counts' | 'lastSync' | 'syncLog' | 'disposingSoon'>): ArchiveOverview {
    const { archive, now } = this.deps;
    if (archived === null) return { ...base, known: false, counts: EMPTY_COUNTS, lastSync: null, syncLog: [], disposingSoon: [] };
    const runs = this.#accountRuns(archived);
    const counts = countsFor(archive.read, archived);
    return {
      ...base,
      // The archive row alone is not knowledge: a refused import creates it and writes nothing else.
      known: runs.length > 0 || Object.values(counts).some((n) => n > 0),
      counts,
      lastSync: runs.find((run) => run.status !== 'running') ?? null,
      syncLog: runs,
      disposingSoon: hitsDisposingWithin(archive.read, archived, now(), DISPOSAL_WARNING_DAYS),
    };
  }

  #accountRuns(archived: number): SyncRun[] {
    return listSyncRuns(this.deps.archive.read, archived, 20).filter((run) => run.resource === ACCOUNT_RESOURCE);
  }

  /**
   * What the app runs by itself: incremental, except when the last successful full sync is over a day old.
   * Incremental syncs decide from HIT statuses and counters, so they miss what leaves those unchanged (a bonus
   * or an overridden rejection made outside Turkbench); the daily full sync catches it.
   */
  async autoSync(): Promise<Result<SyncProgress>> {
    const target = await this.#target(this.deps.contexts.active());
    if (!target.ok) return target;
    const lastFull = lastFullSyncStart(this.deps.archive.read, target.value.archiveConnectionId, ACCOUNT_RESOURCE);
    const stale = lastFull === null || this.deps.now() - lastFull > FULL_SYNC_EVERY_MS;
    return this.startSync(stale ? 'full' : 'incremental');
  }

  async startSync(mode: SyncMode, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<SyncProgress>> {
    const target = await this.#target(context);
    if (!target.ok) return target;
    const { context: { config }, gateway, archiveConnectionId } = target.value;
    const first = this.deps.sync.start({ connectionId: config.id, archiveConnectionId, gateway, label: config.label }, mode);
    // A sync that fails is usually the endpoint going away: probe so the app switches to read-only and says so. A probe
    // (not a plain refresh) because re-announcing "online" after a failure for another reason would start the next sync.
    void this.deps.sync.whenDone(config.id).then((final) => {
      if (final?.state === 'failed') void this.#probe();
    });
    return ok(first);
  }

  /**
   * A website batch results file (its bytes, base64) into the connection's archive: every row or, on any bad cell,
   * none. Needs no keys when the connection's archive is known. Imports run one at a time, in a worker thread when
   * the archive is a file.
   */
  async importBatchFile(fileName: string, base64: string, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<ArchiveImportSummary>> {
    // A kept archive is a record of its account as MTurk had it; only a connection to that account adds to it.
    if (context.readOnly !== undefined) return err(appError('validation', context.readOnly));
    const archiveId = context.archiveId !== null ? ok(context.archiveId) : await context.ensureArchiveId();
    if (!archiveId.ok) return archiveId;
    const bytes = Buffer.from(base64, 'base64');
    const job = { file: this.deps.archive.file, connectionId: archiveId.value, bytes, options: { fileName, now: this.deps.now() } };
    const run = this.#imports.then(() => this.#runImport(job));
    this.#imports = run.then(() => undefined);
    const imported = await run;
    if (!imported.ok) return imported;
    this.deps.events?.emit('archive.changed', { connectionId: context.config.id, tables: ['hits', 'assignments', 'csv_imports'] });
    const { rows, hits, assignments, encoding, notes } = imported.value;
    return ok({ fileName, rows, hits, assignments, encoding, notes });
  }

  /** An in-memory archive (tests) cannot be opened from another thread, so it imports here. */
  #runImport(job: ImportJob): Promise<Result<BatchImportSummary>> {
    if (this.deps.archive.file === ':memory:') return Promise.resolve(importBatchResults(this.deps.archive.write, job.connectionId, job.bytes, job.options));
    return importOffThread(job);
  }

  /** Reads the archive only, so it works offline; refuses when this connection has nothing archived. */
  async exportFile(format: ExportFormat, selection: ExportSelectionInput | undefined, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<ArchiveExportFile>> {
    const { config, archiveId: archived } = context;
    if (archived === null) {
      return err(appError('not-found', `Nothing is archived for ${config.label} yet. Sync now or import a results file first.`));
    }
    const fileName = exportFileName(config.label, selection, format, this.deps.now());
    return exportArchive(this.deps.archive.read, toArchiveSelection(archived, selection), format, fileName);
  }

  cancel(jobId: string): Result<SyncProgress | null> {
    const progress = this.deps.sync.cancel(jobId);
    return progress ? ok(progress) : err(appError('not-found', 'That sync is no longer running.'));
  }

  /**
   * Asks MTurk once and publishes the answer only when it differs from what the app believes: an "online" event
   * starts an automatic sync, and merely opening a screen should not.
   */
  async #probe(): Promise<void> {
    const { connections } = this.deps;
    const believed = connections.status();
    const gateway = await connections.gatewayFor(believed.id);
    const reachable = gateway.ok && (await gateway.value.testConnection()).ok;
    if (reachable !== (believed.state === 'online')) await connections.refreshStatus();
  }

  /** The active connection and its archive row, created the first time anything is written for this account. */
  async #target(context: ConnectionContext): Promise<Result<{ context: ConnectionContext; gateway: MTurkGateway; archiveConnectionId: number }>> {
    const gateway = await context.gateway();
    if (!gateway.ok) return gateway;
    const archiveConnectionId = await context.ensureArchiveId();
    if (!archiveConnectionId.ok) return archiveConnectionId;
    return ok({ context, gateway: gateway.value, archiveConnectionId: archiveConnectionId.value });
  }
}
