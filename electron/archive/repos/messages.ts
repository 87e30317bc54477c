/** Messages sent to workers (NotifyWorkers), with per-worker delivery, kept as the worker's history. */
import type { MessageDelivery, WorkerMessage } from '../../../shared/domain/archive-types';
import type { ReadDb, WriteDb } from '../db-types';
import { num, prepared, str, strOrNull, type SqlRow } from './statements';

export type MessageRecord = Omit<WorkerMessage, 'id' | 'connectionId'>;

export function recordMessage(db: WriteDb, connectionId: number, message: MessageRecord): number {
  return db.transaction(() => {
    const { id } = prepared(db, `INSERT INTO messages (connection_id, subject, body, sent_at) VALUES (?, ?, ?, ?) RETURNING id`).get(
      connectionId,
      message.subject,
      message.body,
      message.sentAt,
    ) as { id: number };
    const recipient = prepared(db, `INSERT INTO message_recipients (message_id, worker_id, delivery, failure_message) VALUES (?, ?, ?, ?)`);
    for (const r of message.recipients) recipient.run(id, r.workerId, r.delivery, r.failureMessage);
    return id;
  })();
}

export function messagesForWorker(db: ReadDb, connectionId: number, workerId: string): WorkerMessage[] {
  const rows = prepared(
    db,
    `SELECT m.* FROM messages m JOIN message_recipients r ON r.message_id = m.id
     WHERE m.connection_id = ? AND r.worker_id = ? ORDER BY m.sent_at, m.id`,
  ).all(connectionId, workerId) as SqlRow[];
  const recipients = prepared(db, `SELECT * FROM message_recipients WHERE message_id = ? ORDER BY worker_id`);
  return rows.map((row) => ({
    id: num(row, 'id'),
    connectionId: num(row, 'connection_id'),
    subject: str(row, 'subject'),
    body: str(row, 'body'),
    sentAt: num(row, 'sent_at'),
    recipients: (recipients.all(row.id) as SqlRow[]).map((r) => ({
      workerId: str(r, 'worker_id'),
      delivery: str(r, 'delivery') as MessageDelivery,
      failureMessage: strOrNull(r, 'failure_message'),
    })),
  }));
}
