/** Opens (and creates or upgrades) the archive file with the pragmas the archive relies on. */
import Database from 'better-sqlite3';
import type { ArchiveLog, ReadDb, WriteDb } from './db-types';
import { silentLog } from './db-types';
import { assertNotFromFuture, migrate } from './migrations/runner';

export interface ArchiveDb {
  /** For queries only: the type keeps writers from accepting it. */
  readonly read: ReadDb;
  readonly write: WriteDb;
  readonly file: string;
  close(): void;
}

const BUSY_TIMEOUT_MS = 5_000;

/** Brands a raw handle; exported for migration tests that need a database at an old version. */
export function asWriteDb(raw: Database.Database): WriteDb {
  return raw as WriteDb;
}

/** Applies the connection pragmas every archive handle needs (also used by tests on raw handles). */
export function configure(raw: Database.Database): void {
  // WAL: readers never block the writer and single-row writes are ~40x faster.
  raw.pragma('journal_mode = WAL');
  // NORMAL in WAL loses at most the last commits on power loss, never consistency; sync re-fetches them.
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  // 64 MB page cache (default 2 MB): bulk upserts touch five assignment indexes at random places.
  raw.pragma('cache_size = -65536');
  // Statement journals (every upsert with triggers writes one) in RAM, not temp files: measured 32 pwrite
  // calls per archived assignment without this, and 1.5x the ingest rate with it.
  raw.pragma('temp_store = MEMORY');
  // No ANALYZE / PRAGMA optimize on purpose: every grid query was measured on the planner's default heuristics,
  // and partial statistics (stats for old indexes, none for a new one) made some pages 150x slower.
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/** Throws ArchiveFromFutureError when the file was written by a newer Turkbench. */
export function openArchive(file: string, log: ArchiveLog = silentLog): ArchiveDb {
  const raw = new Database(file);
  try {
    const db = asWriteDb(raw);
    // Before the pragmas: switching to WAL rewrites the header of a file we must leave alone.
    assertNotFromFuture(db);
    configure(raw);
    migrate(db, log);
    return { read: db, write: db, file, close: () => raw.close() };
  } catch (error) {
    raw.close();
    throw error;
  }
}
