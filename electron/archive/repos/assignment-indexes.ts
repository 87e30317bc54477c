/**
 * The assignments table's secondary indexes, for bulk loads into a (nearly) empty table: inserting N rows into eleven
 * indexes costs 11N B-tree inserts at scattered places, while building each index from the finished table is one
 * sort. Measured on 100,000 website rows into a fresh archive: 2.4 CPU-s with the indexes built after the rows,
 * 2.7 CPU-s inserting into them.
 *
 * The indexes are dropped and recreated inside one transaction: a kill or an error rolls the drop back with
 * everything else, and other connections (WAL) keep reading the old snapshot, indexes included, until the commit.
 * The definitions must stay those of the migrations; a test compares them with a freshly migrated archive.
 */
import type { WriteDb } from '../db-types';

interface IndexDefinition {
  readonly name: string;
  readonly on: string;
}

/** Every index on `assignments` except its UNIQUE key (the upsert needs that one). */
export const ASSIGNMENT_INDEXES: readonly IndexDefinition[] = [
  { name: 'assignments_by_submit', on: 'assignments (connection_id, submit_time)' },
  { name: 'assignments_by_status', on: 'assignments (connection_id, status, submit_time)' },
  { name: 'assignments_by_worker', on: 'assignments (connection_id, worker_id, submit_time)' },
  { name: 'assignments_by_hit', on: 'assignments (connection_id, hit_id, submit_time)' },
  { name: 'assignments_by_type', on: 'assignments (connection_id, hit_type_id, submit_time)' },
  { name: 'assignments_by_type_hit', on: 'assignments (connection_id, hit_type_id, hit_id)' },
  { name: 'assignments_by_type_worker', on: 'assignments (connection_id, hit_type_id, worker_id)' },
  { name: 'assignments_by_auto_approval', on: 'assignments (connection_id, status, auto_approval_time)' },
  { name: 'assignments_by_auto_approval_any', on: 'assignments (connection_id, auto_approval_time)' },
  { name: 'assignments_by_type_auto_approval', on: 'assignments (connection_id, hit_type_id, status, auto_approval_time)' },
  { name: 'assignments_for_spend', on: 'assignments (connection_id, status, hit_id, (COALESCE(approval_time, submit_time, last_seen_at) / 86400000), auto_approval_time)' },
];

/** Below this many new rows, rebuilding the indexes costs more than inserting into them. */
const MIN_BULK_ROWS = 5_000;

/**
 * Whether `incoming` new assignments are cheaper with the indexes rebuilt afterwards: a rebuild sorts the existing
 * entries as well, so it pays off while the table holds no more rows than the load brings.
 * Counts at most `incoming + 1` rows, so asking costs little however large the archive is.
 */
export function worthRebuilding(db: WriteDb, incoming: number): boolean {
  if (incoming < MIN_BULK_ROWS) return false;
  const existing = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM assignments LIMIT ?)`).pluck().get(incoming + 1) as number;
  return existing <= incoming;
}

/**
 * Runs `load` with the secondary indexes dropped, then recreates them, all in one transaction (a savepoint when the
 * caller already has one open).
 */
export function withIndexesRebuiltAfter<T>(db: WriteDb, load: () => T): T {
  return db.transaction(() => {
    for (const index of ASSIGNMENT_INDEXES) db.exec(`DROP INDEX ${index.name}`);
    const result = load();
    for (const index of ASSIGNMENT_INDEXES) db.exec(`CREATE INDEX ${index.name} ON ${index.on}`);
    return result;
  })();
}
