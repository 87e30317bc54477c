/** Small helpers every repository uses: cached prepared statements and column converters. */
import type Database from 'better-sqlite3';
import type { ReadDb } from '../db-types';
import { ArchiveInputError } from './archive-input-error';

const cache = new WeakMap<ReadDb, Map<string, Database.Statement>>();

/** Prepares once per handle: batch upserts run the same statement thousands of times. */
export function prepared(db: ReadDb, sql: string): Database.Statement {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    byText.set(sql, statement);
  }
  return statement;
}

export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: unknown): boolean => value === 1;

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** A row as better-sqlite3 returns it; mappers narrow each column they read. */
export type SqlRow = Record<string, unknown>;

export const str = (row: SqlRow, column: string): string => row[column] as string;
export const strOrNull = (row: SqlRow, column: string): string | null => (row[column] as string | null) ?? null;
export const num = (row: SqlRow, column: string): number => row[column] as number;
export const numOrNull = (row: SqlRow, column: string): number | null => (row[column] as number | null) ?? null;

/**
 * Runs `write` for each record, turning a constraint failure into an error that names the record, its position
 * and SQLite's reason. Callers run this inside a transaction, so a failure leaves nothing half-written.
 * `records` may be a slice of a larger batch starting at `offset` of `total`: positions are the batch's.
 */
export function writeEach<T>(
  records: readonly T[],
  describe: (record: T) => string,
  write: (record: T) => void,
  offset = 0,
  total = records.length,
): void {
  records.forEach((record, index) => {
    try {
      write(record);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const at = offset + index;
      throw new ArchiveInputError(`Could not archive ${describe(record)} (item ${at + 1} of ${total}): ${reason}`, `records[${at}]`);
    }
  });
}
