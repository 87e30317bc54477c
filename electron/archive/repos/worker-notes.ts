/** The requester's private notes and tags on workers, and the history of blocks and unblocks with their reasons. */
import type { WorkerNote, WorkerNoteKind } from '../../../shared/domain/workers';
import type { ReadDb, WriteDb } from '../db-types';
import { num, prepared, str, type SqlRow } from './statements';

export function addWorkerNote(db: WriteDb, connectionId: number, workerId: string, kind: WorkerNoteKind, text: string, now: number): number {
  const { id } = prepared(
    db,
    `INSERT INTO worker_notes (connection_id, worker_id, kind, text, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
  ).get(connectionId, workerId, kind, text, now) as { id: number };
  return id;
}

export function notesForWorker(db: ReadDb, connectionId: number, workerId: string): WorkerNote[] {
  const rows = prepared(db, `SELECT * FROM worker_notes WHERE connection_id = ? AND worker_id = ? ORDER BY created_at, id`).all(connectionId, workerId) as SqlRow[];
  return rows.map((row) => ({
    id: num(row, 'id'),
    workerId: str(row, 'worker_id'),
    kind: str(row, 'kind') as WorkerNoteKind,
    text: str(row, 'text'),
    createdAt: num(row, 'created_at'),
  }));
}

/** Replaces the worker's tags (trimmed, deduplicated). */
export function setWorkerTags(db: WriteDb, connectionId: number, workerId: string, tags: readonly string[]): void {
  db.transaction(() => {
    prepared(db, `DELETE FROM worker_tags WHERE connection_id = ? AND worker_id = ?`).run(connectionId, workerId);
    const insert = prepared(db, `INSERT OR IGNORE INTO worker_tags (connection_id, worker_id, tag) VALUES (?, ?, ?)`);
    for (const tag of tags) insert.run(connectionId, workerId, tag);
  })();
}

export function tagsForWorker(db: ReadDb, connectionId: number, workerId: string): string[] {
  const rows = prepared(db, `SELECT tag FROM worker_tags WHERE connection_id = ? AND worker_id = ? ORDER BY tag`).all(connectionId, workerId) as SqlRow[];
  return rows.map((row) => str(row, 'tag'));
}
