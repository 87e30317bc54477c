/**
 * Flags what MTurk no longer returns. Nothing is deleted: a disposed HIT keeps every row, with `goneAt` set;
 * seeing the object again clears the flag (the upserts reset it).
 */
import type { ReadDb, WriteDb } from '../db-types';
import { prepared } from './statements';

interface MissingTarget {
  readonly table: string;
  /** The id column the evidence lists. */
  readonly idColumn: string;
  readonly goneColumn: string;
}

const TARGETS = {
  'hit-types': { table: 'hit_types', idColumn: 'hit_type_id', goneColumn: 'remotely_removed_at' },
  hits: { table: 'hits', idColumn: 'hit_id', goneColumn: 'remotely_disposed_at' },
  assignments: { table: 'assignments', idColumn: 'assignment_id', goneColumn: 'remotely_disposed_at' },
  'qualification-types': { table: 'qualification_types', idColumn: 'qualification_type_id', goneColumn: 'remotely_removed_at' },
  'qualification-grants': { table: 'qualification_grants', idColumn: 'worker_id', goneColumn: 'remotely_removed_at' },
  'qualification-requests': { table: 'qualification_requests', idColumn: 'qualification_request_id', goneColumn: 'remotely_removed_at' },
  'worker-blocks': { table: 'worker_blocks', idColumn: 'worker_id', goneColumn: 'remotely_removed_at' },
} as const satisfies Record<string, MissingTarget>;

export type MissingResource = keyof typeof TARGETS;

/**
 * What a complete listing returned: the ids themselves, or a sync run whose upserts stamped every object they
 * saw with a `seenAt` at or after the run's start (then anything last seen before the start is missing).
 */
export type SeenEvidence = { readonly seenIds: readonly string[] } | { readonly syncRunId: number };

/** Narrows the listing: assignments of one HIT, grants of one qualification type. */
export interface MissingScope {
  readonly hitId?: string;
  readonly qualificationTypeId?: string;
}

function runStart(db: ReadDb, syncRunId: number): number {
  const row = prepared(db, `SELECT started_at FROM sync_log WHERE id = ?`).get(syncRunId) as { started_at: number } | undefined;
  if (!row) throw new Error(`Sync run ${syncRunId} does not exist`);
  return row.started_at;
}

/** Returns how many rows were newly flagged. A HIT flagged gone takes its assignments with it (MTurk disposes both). */
export function markMissing(
  db: WriteDb,
  connectionId: number,
  resource: MissingResource,
  evidence: SeenEvidence,
  now: number,
  scope: MissingScope = {},
): number {
  const target: MissingTarget = TARGETS[resource];
  const clauses = [`connection_id = ?`, `${target.goneColumn} IS NULL`];
  const params: unknown[] = [connectionId];
  if (scope.hitId !== undefined && resource === 'assignments') {
    clauses.push('hit_id = ?');
    params.push(scope.hitId);
  }
  if (scope.qualificationTypeId !== undefined && resource === 'qualification-grants') {
    clauses.push('qualification_type_id = ?');
    params.push(scope.qualificationTypeId);
  }
  return db.transaction(() => {
    if ('seenIds' in evidence) {
      // A temp table, not a giant IN (...) list: a full listing can hold hundreds of thousands of ids.
      db.exec(`CREATE TEMP TABLE IF NOT EXISTS seen_ids (id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.seen_ids;`);
      const insert = prepared(db, `INSERT OR IGNORE INTO temp.seen_ids (id) VALUES (?)`);
      for (const id of evidence.seenIds) insert.run(id);
      clauses.push(`${target.idColumn} NOT IN (SELECT id FROM temp.seen_ids)`);
    } else {
      clauses.push('last_seen_at < ?');
      params.push(runStart(db, evidence.syncRunId));
    }
    const flagged = db
      .prepare(`UPDATE ${target.table} SET ${target.goneColumn} = ? WHERE ${clauses.join(' AND ')} RETURNING ${target.idColumn} AS id`)
      .all(now, ...params) as { id: string }[];
    if (resource === 'hits' && flagged.length > 0) {
      const disposeAssignments = prepared(
        db,
        `UPDATE assignments SET remotely_disposed_at = ? WHERE connection_id = ? AND hit_id = ? AND remotely_disposed_at IS NULL`,
      );
      for (const { id } of flagged) disposeAssignments.run(now, connectionId, id);
    }
    return flagged.length;
  })();
}
