/**
 * The worker inbox: what MTurk would have e-mailed a worker — NotifyWorkers messages and qualification notices
 * (granted, request accepted or rejected, revoked). Nothing is sent; the worker site shows them.
 */
import type Database from 'better-sqlite3';
import type { OpContext } from '../ops/types';
import { sql } from '../store/statements';

export type MessageKind = 'NotifyWorkers' | 'QualificationGranted' | 'QualificationRequestGranted' | 'QualificationRequestRejected' | 'QualificationRevoked';

export interface WorkerMessage {
  seq: number;
  workerId: string;
  /** The requester account (access key id) the message comes from. */
  requester: string;
  timeMs: number;
  kind: MessageKind;
  subject: string;
  body: string;
}

interface MessageRow {
  seq: number;
  worker_id: string;
  requester: string;
  time_ms: number;
  kind: MessageKind;
  subject: string;
  body: string;
}

/** Stores a message from the calling requester to one worker. */
export function deliverToWorker(ctx: OpContext, workerId: string, kind: MessageKind, subject: string, body: string): void {
  sql(ctx.db, 'INSERT INTO worker_messages (worker_id, requester, time_ms, kind, subject, body) VALUES (?, ?, ?, ?, ?, ?)').run(
    workerId,
    ctx.accessKeyId,
    ctx.now(),
    kind,
    subject,
    body,
  );
}

/** A worker's messages, newest first. */
export function readInbox(db: Database.Database, workerId: string): WorkerMessage[] {
  const rows = sql(db, 'SELECT * FROM worker_messages WHERE worker_id = ? ORDER BY seq DESC').all(workerId) as MessageRow[];
  return rows.map((row) => ({
    seq: row.seq,
    workerId: row.worker_id,
    requester: row.requester,
    timeMs: row.time_ms,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
  }));
}
