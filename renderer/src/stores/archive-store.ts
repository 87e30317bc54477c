import { create } from 'zustand';
import type { Unsubscribe } from '../../../shared/contract';
import { ARCHIVE_TABLES, type ArchiveExportFile, type ArchiveImportSummary, type ArchiveOverview, type ExportFormat, type ExportSelectionInput, type SyncMode, type SyncProgress } from '../../../shared/contract/archive';
import { appError, type AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import { bridge } from '../api/bridge';
import { watchArchiveTables } from '../data/live-query';
import { archiveScope } from './kept-archive-store';

/** What the screen says about a file saved by an export (the text itself goes straight to the download). */
export interface SavedExport {
  readonly fileName: string;
  readonly rows: number;
}

export type TransferState<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'working'; readonly label: string }
  | { readonly state: 'done'; readonly value: T }
  | { readonly state: 'failed'; readonly label: string; readonly error: AppError };

interface ArchiveState {
  readonly overview: ArchiveOverview | null;
  /** The sync running now, live from `sync.progress`; null when none runs. */
  readonly progress: SyncProgress | null;
  /** How the last sync started from this window ended (kept until the next one starts). */
  readonly finished: SyncProgress | null;
  readonly loadError: AppError | null;
  readonly syncError: AppError | null;
  readonly importing: TransferState<ArchiveImportSummary>;
  readonly exporting: TransferState<SavedExport>;
  load(options?: { probe?: boolean }): Promise<void>;
  /** Subscribes to the events the screen follows; call the returned function when it unmounts. */
  follow(): Unsubscribe;
  startSync(mode: SyncMode): Promise<void>;
  cancelSync(): Promise<void>;
  /** `read` gives the file's bytes as base64: the main process decodes them, so it can tell the file's encoding. */
  importFile(fileName: string, read: () => Promise<string>): Promise<void>;
  exportFile(format: ExportFormat, selection?: ExportSelectionInput): Promise<Result<ArchiveExportFile>>;
  failImport(label: string, error: AppError): void;
  /** Called with the kept archive open now (null: the active connection's): forgets what was shown about another one. */
  showArchive(archiveId: number | null): void;
}

const scopeKey = (): string => String(archiveScope().archiveId ?? 'active');

const noBridge = appError('internal', 'Not connected to Turkbench. Reopen it from the link it printed.');

let loading: Promise<void> | null = null;
let reloadQueued = false;
/** Which archive the state below is about: a kept archive's id, or null for the active connection's. */
let shownArchive: number | null = null;

export const useArchiveStore = create<ArchiveState>((set, get) => ({
  overview: null,
  progress: null,
  finished: null,
  loadError: null,
  syncError: null,
  importing: { state: 'idle' },
  exporting: { state: 'idle' },

  async load(options = {}) {
    if (!bridge) return set({ loadError: noBridge });
    // A sync announces changes twice a second: while one load is in flight, queue a single follow-up instead of piling up.
    if (loading && !options.probe) {
      reloadQueued = true;
      return loading;
    }
    const api = bridge.api;
    const scope = archiveScope();
    const asked = scopeKey();
    loading = (async () => {
      const input = { ...(options.probe && scope.archiveId === undefined ? { probe: true } : {}), ...scope };
      const result = await api['archive.overview'](Object.keys(input).length > 0 ? input : undefined);
      // Asked about another archive than the one shown now: the load for this one is on its way.
      if (asked !== scopeKey()) return;
      if (!result.ok) return set({ loadError: result.error });
      // A stale answer (asked before a sync started or ended) is corrected by the load its next event triggers.
      set({ overview: result.value, loadError: null, progress: result.value.running });
    })().finally(() => {
      loading = null;
      if (reloadQueued) {
        reloadQueued = false;
        void get().load();
      }
    });
    return loading;
  },

  follow() {
    if (!bridge) return () => undefined;
    const current = (connectionId: string): boolean => get().overview?.connectionId === connectionId;
    const offs = [
      bridge.on('sync.progress', (progress) => {
        if (!current(progress.connectionId)) return;
        if (progress.state === 'running') return set({ progress });
        set({ progress: null, finished: progress });
        void get().load();
      }),
      // The overview counts every table.
      watchArchiveTables(bridge, ARCHIVE_TABLES, () => get().overview?.connectionId ?? null, () => void get().load()),
      // Switching connection or losing the endpoint changes everything on the screen, including the Offline notice.
      bridge.on('connection.changed', () => void get().load()),
    ];
    return () => offs.forEach((off) => off());
  },

  async startSync(mode) {
    if (!bridge) return set({ syncError: noBridge });
    set({ syncError: null, finished: null });
    const result = await bridge.api['sync.start']({ mode });
    if (!result.ok) return set({ syncError: result.error });
    // The event for this start may arrive before or after this answer; a running snapshot never replaces a final one.
    if (get().finished?.jobId !== result.value.jobId) set({ progress: result.value });
  },

  async cancelSync() {
    const jobId = get().progress?.jobId;
    if (!bridge || !jobId) return;
    const result = await bridge.api['sync.cancel']({ jobId });
    if (!result.ok && result.error.kind !== 'not-found') set({ syncError: result.error });
  },

  async importFile(fileName, read) {
    if (!bridge) return set({ importing: { state: 'failed', label: fileName, error: noBridge } });
    set({ importing: { state: 'working', label: `Reading ${fileName}…` } });
    let base64: string;
    try {
      base64 = await read();
    } catch {
      return set({ importing: { state: 'failed', label: fileName, error: appError('validation', `Turkbench could not read ${fileName}. Check that the file still exists and is not open elsewhere, then try again.`) } });
    }
    set({ importing: { state: 'working', label: `Checking and importing ${fileName}…` } });
    const result = await bridge.api['archive.import']({ fileName, base64 });
    set({ importing: result.ok ? { state: 'done', value: result.value } : { state: 'failed', label: fileName, error: result.error } });
    if (result.ok) void get().load();
  },

  async exportFile(format, selection) {
    if (!bridge) return { ok: false, error: noBridge };
    set({ exporting: { state: 'working', label: `Preparing the ${format.toUpperCase()} file…` } });
    const result = await bridge.api['archive.export']({ format, ...(selection ? { selection } : {}), ...archiveScope() });
    if (!result.ok) set({ exporting: { state: 'failed', label: format, error: result.error } });
    else set({ exporting: { state: 'done', value: { fileName: result.value.fileName, rows: result.value.rows } } });
    return result;
  },

  failImport(label, error) {
    set({ importing: { state: 'failed', label, error } });
  },

  showArchive(archiveId) {
    if (archiveId === shownArchive) return;
    shownArchive = archiveId;
    set({ overview: null, progress: null, finished: null, loadError: null, syncError: null, importing: { state: 'idle' }, exporting: { state: 'idle' } });
  },
}));
