/**
 * v200: the requester's own memory of workers — private notes and tags, and the history of blocks, soft blocks and
 * unblocks with their reasons (MTurk keeps only a current block's reason). Message recipients may also be `Unknown`:
 * a NotifyWorkers call whose answer was lost cannot be asked about afterwards, and is never sent twice.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE worker_notes (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      worker_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('note', 'block', 'unblock', 'soft-block', 'soft-unblock')),
      text TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX worker_notes_by_worker ON worker_notes (connection_id, worker_id, created_at);

    CREATE TABLE worker_tags (
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      worker_id TEXT NOT NULL,
      tag TEXT NOT NULL,
      PRIMARY KEY (connection_id, worker_id, tag)
    ) WITHOUT ROWID;

    CREATE TABLE message_recipients_v180 (
      message_id INTEGER NOT NULL REFERENCES messages (id),
      worker_id TEXT NOT NULL,
      delivery TEXT NOT NULL CHECK (delivery IN ('Sent', 'SoftFailure', 'HardFailure', 'Unknown')),
      failure_message TEXT,
      PRIMARY KEY (message_id, worker_id)
    ) WITHOUT ROWID;
    INSERT INTO message_recipients_v180 SELECT message_id, worker_id, delivery, failure_message FROM message_recipients;
    DROP TABLE message_recipients;
    ALTER TABLE message_recipients_v180 RENAME TO message_recipients;
    CREATE INDEX message_recipients_by_worker ON message_recipients (worker_id);
  `);
}
