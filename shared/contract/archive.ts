import { z } from 'zod';
import type { ArchiveConnectionKind, ArchiveCounts, DisposalRisk, SyncRun } from '../domain/archive-types';
import { event, method } from './define';

export type SyncMode = 'full' | 'incremental';

/** The archive's tables a view can depend on: `archive.changed` names the ones that changed. */
export const ARCHIVE_TABLES = [
  'hits', 'hit_types', 'assignments', 'bonuses', 'qualification_types', 'qualification_grants', 'qualification_requests',
  'worker_blocks', 'messages', 'workers', 'worker_notes', 'csv_imports', 'sync_log', 'operations_journal', 'jobs', 'batches', 'review_drafts', 'bonus_ledgers',
  'notification_settings',
] as const;
export type ArchiveTable = (typeof ARCHIVE_TABLES)[number];

/** How far ahead `disposingSoon` looks: two weeks leaves time to sync before MTurk deletes anything. */
export const DISPOSAL_WARNING_DAYS = 14;
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
  /** MTurk calls per second over the last few seconds; null until there is enough to measure (and once finished). */
  readonly callsPerSecond: number | null;
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
  /** Set when this is a kept archive opened by id (its connection removed): why nothing can be sent from it. */
  readonly readOnly: string | null;
}

/** One archive account on this computer: an account at an endpoint, with everything synced or imported for it. */
export interface KeptArchive {
  readonly archiveId: number;
  /** The label of the connection that last wrote it. */
  readonly label: string;
  readonly kind: ArchiveConnectionKind;
  readonly endpoint: string;
  readonly counts: ArchiveCounts;
  /** The last finished sync of the account; null when it was only ever imported into. */
  readonly lastSync: SyncRun | null;
  /** The connections whose data lives here; empty when they were removed (the archive opens read-only). */
  readonly usedBy: readonly { readonly id: string; readonly label: string }[];
}

/**
 * Which archive a read serves: absent, the active connection's; an id from `archive.list`, that kept archive
 * (read-only, without a connection or keys — e.g. after its connection was removed).
 */
export const archiveScope = { archiveId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() };

/** What `archive.import` did: the whole file went in (a file with any bad row is refused whole, so nothing is ever skipped). */
export interface ArchiveImportSummary {
  readonly fileName: string;
  readonly rows: number;
  readonly hits: number;
  readonly assignments: number;
  /** How the file's bytes were read, e.g. "UTF-8" or "Windows-1252". */
  readonly encoding: string;
  /** What the user should know about how the file was read (an encoding other than UTF-8, rows kept from MTurk). */
  readonly notes: readonly string[];
}

export type ExportFormat = 'csv' | 'json';

/** A file for the renderer to save; it never touches the disk itself. */
export interface ArchiveExportFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly text: string;
  /** Assignments in the file. */
  readonly rows: number;
}

/**
 * Stays under the HTTP bridge's 50 MB body limit after JSON escaping (a quote-everything CSV doubles the
 * size of every quote). A bigger file is refused with a message to split it, never truncated.
 */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** The file travels as base64 (its bytes, undecoded, so the main process can tell its encoding): 4 characters per 3 bytes. */
const MAX_IMPORT_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

const id = z.string().trim().min(1).max(128);

/** Which archived assignments to export, within the active connection; absent means all of them. */
export const exportSelectionSchema = z.union([
  z.object({ assignmentIds: z.array(id).min(1).max(100_000) }).strict(),
  z
    .object({
      filter: z
        .object({
          status: z.enum(['Submitted', 'Approved', 'Rejected']).optional(),
          hitTypeId: id.optional(),
          hitId: id.optional(),
          workerId: id.optional(),
          text: z.string().max(200).optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type ExportSelectionInput = z.infer<typeof exportSelectionSchema>;

export const archiveMethods = {
  'archive.overview': method<ArchiveOverview>()(
    z.object({ probe: z.boolean().optional(), ...archiveScope }).strict().optional(),
    'Counts, last sync, sync log and disposal risks of the active connection (or a kept archive); probe: check whether MTurk is reachable first.',
  ),
  'archive.list': method<readonly KeptArchive[]>()(
    z.object({}).strict().optional(),
    'Every archive on this computer: its account, counts, last sync and which connections still use it.',
  ),
  'archive.import': method<ArchiveImportSummary>()(
    z
      .object({
        fileName: z.string().trim().min(1).max(255),
        base64: z
          .string()
          .max(MAX_IMPORT_BASE64, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it and import the parts.`)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content must be base64-encoded bytes.'),
      })
      .strict(),
    "Import a Requester website batch results CSV into the active connection's archive: all rows or none.",
  ),
  'archive.export': method<ArchiveExportFile>()(
    z.object({ format: z.enum(['csv', 'json']), selection: exportSelectionSchema.optional(), ...archiveScope }).strict(),
    'Archived assignments of the active connection (or a kept archive) as a website batch results CSV or as JSON.',
  ),
  'sync.start': method<SyncProgress>()(
    z.object({ mode: z.enum(['full', 'incremental']) }).strict(),
    'Sync the active connection into the archive (resumes an interrupted run).',
  ),
  'sync.cancel': method<SyncProgress | null>()(z.object({ jobId: z.string().min(1) }).strict(), 'Stop a running sync; it resumes next time.'),
} as const;

export const archiveEvents = {
  'sync.progress': event<SyncProgress>('A sync advanced, finished, failed or was cancelled.'),
  'archive.changed': event<{ readonly connectionId: string; readonly tables: readonly ArchiveTable[] }>('Archive rows changed; views showing them refetch.'),
} as const;
