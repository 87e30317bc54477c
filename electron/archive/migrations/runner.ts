/**
 * Schema upgrades tracked in `PRAGMA user_version` (after Signal's migrations/index):
 * versions step by 10 to leave room for hotfixes, all pending steps run in one transaction,
 * and a file from a newer Turkbench is refused rather than silently misread.
 */
import type { ArchiveLog, WriteDb } from '../db-types';
import { silentLog } from '../db-types';
import { MIGRATIONS, type Migration } from './index';

export class ArchiveFromFutureError extends Error {
  override readonly name = 'ArchiveFromFutureError';
  constructor(
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `This archive was written by a newer Turkbench (schema v${fileVersion}); this version understands up to ` +
        `v${supportedVersion}. Update Turkbench to open it; the file has not been changed.`,
    );
  }
}

/** Throws when versions are not strictly increasing: a mis-numbered migration must never ship. */
export function assertMonotonic(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (!Number.isInteger(migration.version) || migration.version <= 0) {
      throw new Error(`Migration ${migration.name} has an invalid version ${migration.version}`);
    }
    if (previous && migration.version <= previous.version) {
      throw new Error(`Migration versions must increase: ${previous.version} (${previous.name}) then ${migration.version} (${migration.name})`);
    }
  });
}

export function schemaVersion(db: WriteDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Throws ArchiveFromFutureError for a file newer than `known`; call before anything writes to the file. */
export function assertNotFromFuture(db: WriteDb, known: number = LATEST_SCHEMA_VERSION): void {
  const version = schemaVersion(db);
  if (version > known) throw new ArchiveFromFutureError(version, known);
}

/** Brings the file up to `target` (default: the latest); tests use `target` to build old versions. */
export function migrate(
  db: WriteDb,
  log: ArchiveLog = silentLog,
  target: number = LATEST_SCHEMA_VERSION,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  assertMonotonic(migrations);
  const known = migrations[migrations.length - 1]?.version ?? 0;
  assertNotFromFuture(db, known);
  const from = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      log.info(`archive schema: applying v${migration.version} ${migration.name}`);
      migration.up(db);
      // user_version is part of the transaction, so a failed step leaves the old version and no half schema.
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}
