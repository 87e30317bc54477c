/**
 * The operations journal: every call that spends money or affects a worker's reputation is written as an intent
 * *before* it is sent, then marked sent and finally given its outcome, so a crash leaves a record to reconcile.
 * State machine: pending → sent → confirmed | failed | unknown; pending → failed (never sent); unknown → confirmed | failed.
 */
import type { JournalEntry, OperationKind, OperationState } from '../../../shared/domain/archive-types';
import type { ReadDb, WriteDb } from '../db-types';
import { ArchiveInputError } from './archive-input-error';
import { num, numOrNull, parseJson, prepared, str, strOrNull, type SqlRow } from './statements';

export interface IntentInput {
  readonly connectionId: number;
  readonly kind: OperationKind;
  /** The UniqueRequestToken (or our own key) that makes a retry safe. */
  readonly idempotencyToken: string;
  readonly request: unknown;
  readonly costCents: number | null;
  readonly jobId?: string;
  readonly target?: string;
}

const ALLOWED: Record<OperationState, readonly OperationState[]> = {
  pending: ['sent', 'failed'],
  sent: ['confirmed', 'failed', 'unknown'],
  unknown: ['confirmed', 'failed'],
  confirmed: [],
  failed: [],
};

function rowToEntry(row: SqlRow): JournalEntry {
  return {
    id: num(row, 'id'),
    connectionId: num(row, 'connection_id'),
    kind: str(row, 'kind') as OperationKind,
    idempotencyToken: str(row, 'idempotency_token'),
    jobId: strOrNull(row, 'job_id'),
    target: strOrNull(row, 'target'),
    request: parseJson<unknown>(strOrNull(row, 'request_json'), null),
    state: str(row, 'state') as OperationState,
    outcome: parseJson<unknown>(strOrNull(row, 'outcome_json'), null),
    costCents: numOrNull(row, 'cost_cents'),
    createdAt: num(row, 'created_at'),
    updatedAt: num(row, 'updated_at'),
  };
}

/** Writes the intent; a token already journalled returns the existing entry with `created: false` and changes nothing. */
export function recordIntent(db: WriteDb, input: IntentInput, now: number): { entry: JournalEntry; created: boolean } {
  const inserted = prepared(
    db,
    `INSERT INTO operations_journal (connection_id, kind, idempotency_token, request_json, state, cost_cents, created_at, updated_at, job_id, target)
     VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?) ON CONFLICT (connection_id, idempotency_token) DO NOTHING RETURNING *`,
  ).get(
    input.connectionId, input.kind, input.idempotencyToken, JSON.stringify(input.request), input.costCents, now, now,
    input.jobId ?? null, input.target ?? null,
  ) as
    | SqlRow
    | undefined;
  if (inserted) return { entry: rowToEntry(inserted), created: true };
  const existing = getJournalEntryByToken(db, input.connectionId, input.idempotencyToken);
  if (!existing) throw new Error('Journal intent neither inserted nor found');
  return { entry: existing, created: false };
}

function transition(db: WriteDb, id: number, to: OperationState, outcome: unknown, now: number): JournalEntry {
  return db.transaction(() => {
    const row = prepared(db, `SELECT * FROM operations_journal WHERE id = ?`).get(id) as SqlRow | undefined;
    if (!row) throw new ArchiveInputError(`Journal entry ${id} does not exist.`, 'id', 'not-found');
    const from = str(row, 'state') as OperationState;
    if (!ALLOWED[from].includes(to)) {
      throw new ArchiveInputError(`Journal entry ${id} cannot go from ${from} to ${to}.`, 'state', 'conflict');
    }
    const updated = prepared(
      db,
      `UPDATE operations_journal SET state = ?, outcome_json = COALESCE(?, outcome_json), updated_at = ? WHERE id = ? RETURNING *`,
    ).get(to, outcome === undefined ? null : JSON.stringify(outcome), now, id) as SqlRow;
    return rowToEntry(updated);
  })();
}

export function markSent(db: WriteDb, id: number, now: number): JournalEntry {
  return transition(db, id, 'sent', undefined, now);
}

/** `unknown` is for a call whose response was lost (timeout): reconcile it later against MTurk. */
export function markOutcome(db: WriteDb, id: number, state: 'confirmed' | 'failed' | 'unknown', outcome: unknown, now: number): JournalEntry {
  return transition(db, id, state, outcome, now);
}

/** What a restart must resume or reconcile, oldest first. */
export function listUnfinished(db: ReadDb, connectionId: number): JournalEntry[] {
  const rows = prepared(
    db,
    `SELECT * FROM operations_journal WHERE connection_id = ? AND state IN ('pending', 'sent', 'unknown') ORDER BY created_at, id`,
  ).all(connectionId) as SqlRow[];
  return rows.map(rowToEntry);
}

export function getJournalEntryByToken(db: ReadDb, connectionId: number, token: string): JournalEntry | null {
  const row = prepared(db, `SELECT * FROM operations_journal WHERE connection_id = ? AND idempotency_token = ?`).get(connectionId, token) as
    | SqlRow
    | undefined;
  return row ? rowToEntry(row) : null;
}

/** Every entry of a job, by target: what a resumed job must skip, send or reconcile. */
export function journalForJob(db: ReadDb, jobId: string): JournalEntry[] {
  return (prepared(db, `SELECT * FROM operations_journal WHERE job_id = ? ORDER BY id`).all(jobId) as SqlRow[]).map(rowToEntry);
}

/** How many of a job's items wait on a lost answer (an item's last attempt is its only unfinished entry). */
export function countUnknownForJob(db: ReadDb, jobId: string): number {
  return prepared(db, `SELECT COUNT(*) FROM operations_journal WHERE job_id = ? AND state = 'unknown'`).pluck().get(jobId) as number;
}

export function getJournalEntry(db: ReadDb, id: number): JournalEntry | null {
  const row = prepared(db, `SELECT * FROM operations_journal WHERE id = ?`).get(id) as SqlRow | undefined;
  return row ? rowToEntry(row) : null;
}

export interface JournalQuery {
  /** Archive connection ids to include; absent means every connection. */
  readonly connectionIds?: readonly number[];
  readonly states?: readonly OperationState[];
  readonly kinds?: readonly OperationKind[];
  /** Matches the target or the token. */
  readonly search?: string;
  /** Entries older than this id (keyset paging, newest first). */
  readonly beforeId?: number;
  readonly limit: number;
}

/** Newest first, keyset-paged by id: the audit view. */
export function queryJournal(db: ReadDb, query: JournalQuery): JournalEntry[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly unknown[] | undefined): void => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('connection_id', query.connectionIds);
  inList('state', query.states);
  inList('kind', query.kinds);
  if (query.search) {
    where.push(`(target LIKE ? ESCAPE '\\' OR idempotency_token LIKE ? ESCAPE '\\')`);
    const like = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like);
  }
  if (query.beforeId !== undefined) {
    where.push('id < ?');
    params.push(query.beforeId);
  }
  const sql = `SELECT * FROM operations_journal ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  return (db.prepare(sql).all(...params, query.limit) as SqlRow[]).map(rowToEntry);
}
