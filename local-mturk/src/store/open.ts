/**
 * Opens the Local MTurk's SQLite store: ':memory:' without a data file, WAL with one (so a restart keeps state).
 */
import Database from 'better-sqlite3';
import { CROWD_SCHEMA_SQL } from './crowd-schema';
import { QUALIFICATION_SCHEMA_SQL } from './qualifications-schema';
import { CORE_SCHEMA_SQL } from './schema';

export function openStore(dataFile?: string): Database.Database {
  const db = new Database(dataFile ?? ':memory:');
  if (dataFile) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.exec(CORE_SCHEMA_SQL);
  migrate(db);
  db.exec(QUALIFICATION_SCHEMA_SQL);
  db.exec(CROWD_SCHEMA_SQL);
  return db;
}

/** Brings data files written by earlier versions up to the current schema. */
function migrate(db: Database.Database): void {
  const accountColumns = db.prepare('PRAGMA table_info(accounts)').all() as { name: string }[];
  const workerColumns = db.prepare('PRAGMA table_info(workers)').all() as { name: string }[];
  if (!workerColumns.some((c) => c.name === 'hits_rejected')) db.exec('ALTER TABLE workers ADD COLUMN hits_rejected INTEGER NOT NULL DEFAULT 0');
  if (!accountColumns.some((c) => c.name === 'on_hold_cents')) {
    db.exec(`ALTER TABLE accounts ADD COLUMN on_hold_cents INTEGER NOT NULL DEFAULT 0;
      UPDATE accounts SET on_hold_cents = (SELECT COALESCE(SUM(hold_cents), 0) FROM hits WHERE hits.requester = accounts.requester);`);
  }
}

export function readMeta(db: Database.Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/**
 * Empties every table for the reset endpoint (the qualification tables included: they are discovered, not listed), except `meta`:
 * the starting balance and generated keys survive a reset (the clock offset is kept there too; reset zeroes it itself).
 */
export function clearAllTables(db: Database.Database): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'meta'")
    .all() as { name: string }[];
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    for (const { name } of tables) db.exec(`DELETE FROM "${name}"`);
  })();
  db.pragma('foreign_keys = ON');
}
