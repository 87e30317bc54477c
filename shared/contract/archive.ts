import { z } from 'zod';
import type { ArchiveCounts, DisposalRisk, SyncRun } from '../domain/archive-types';
import { event, method } from './define';

export type SyncMode = 'full' | 'incremental';
export type SyncPhase = 'hits' | 'details' | 'qualifications' | 'blocks' | 'finishing';

/** What a progress bar needs; emitted a few times a second while a sync runs, and once at the end. */
export interface SyncProgress {
  readonly jobId: string;
  readonly connectionId: string;
  readonly mode: SyncMode;
  readonly phase: SyncPhase;
  readonly state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** Objects written to the archive so far (HITs, assignments, bonuses, grants…). */
  readonly items: number;
  /** API pages fetched so far. */
  readonly pages: number;
  /** HITs whose assignments and bonuses are fetched / to fetch in this run. */
  readonly hitsDone: number;
  readonly hitsTotal: number;
  /** 0…1, for the bar. */
  readonly fraction: number;
  /** MTurk calls per second over the last few seconds. */
  readonly callsPerSecond: number;
  readonly etaSeconds: number | null;
  readonly resumed: boolean;
  readonly message: string | null;
}

export interface ArchiveOverview {
  readonly connectionId: string;
  readonly connectionLabel: string;
  /** False when this connection has never been synced (nothing archived yet). */
  readonly known: boolean;
  readonly counts: ArchiveCounts;
  readonly lastSync: SyncRun | null;
  readonly syncLog: readonly SyncRun[];
  readonly disposingSoon: readonly DisposalRisk[];
  readonly running: SyncProgress | null;
  /** The connection could not be reached: the archive is shown read-only. */
  readonly offline: boolean;
}

export const archiveMethods = {
  'archive.overview': method<ArchiveOverview>()(z.object({}).strict().optional(), 'Counts, last sync, sync log and disposal risks of the active connection.'),
  'sync.start': method<SyncProgress>()(
    z.object({ mode: z.enum(['full', 'incremental']) }).strict(),
    'Sync the active connection into the archive (resumes an interrupted run).',
  ),
  'sync.cancel': method<SyncProgress | null>()(z.object({ jobId: z.string().min(1) }).strict(), 'Stop a running sync; it resumes next time.'),
} as const;

export const archiveEvents = {
  'sync.progress': event<SyncProgress>('A sync advanced, finished, failed or was cancelled.'),
  'archive.changed': event<{ readonly connectionId: string; readonly tables: readonly string[] }>('Archive rows changed; views showing them refetch.'),
} as const;
