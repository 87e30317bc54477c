/**
 * Branded handles so that a read path cannot write: the same better-sqlite3 object,
 * but a function that takes `ReadDb` cannot be handed to code that needs `WriteDb` by accident
 * and read-only code is visible in signatures (after Signal's ReadableDB/WritableDB).
 */
import type Database from 'better-sqlite3';

export type ReadDb = Database.Database & { readonly __readDb: never };
export type WriteDb = ReadDb & { readonly __writeDb: never };

/** The subset of the app logger the archive uses; any `Logger` from electron/logging satisfies it. */
export interface ArchiveLog {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
}

export const silentLog: ArchiveLog = { info: () => undefined, warn: () => undefined };
