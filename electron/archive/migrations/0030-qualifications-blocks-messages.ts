/** v30: qualification types, grants and requests; worker blocks; messages sent to workers. */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE qualification_types (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      qualification_type_id TEXT NOT NULL,
      name TEXT NOT NULL,
      description TEXT NOT NULL,
      keywords TEXT,
      status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
      creation_time INTEGER NOT NULL,
      test TEXT,
      test_duration_s INTEGER,
      answer_key TEXT,
      retry_delay_s INTEGER,
      is_requestable INTEGER NOT NULL,
      auto_granted INTEGER NOT NULL,
      auto_granted_value INTEGER,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      remotely_removed_at INTEGER,
      UNIQUE (connection_id, qualification_type_id)
    );

    CREATE TABLE qualification_grants (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      qualification_type_id TEXT NOT NULL,
      worker_id TEXT NOT NULL,
      integer_value INTEGER,
      locale_country TEXT,
      locale_subdivision TEXT,
      status TEXT NOT NULL CHECK (status IN ('Granted', 'Revoked')),
      grant_time INTEGER NOT NULL,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      remotely_removed_at INTEGER,
      UNIQUE (connection_id, qualification_type_id, worker_id)
    );
    CREATE INDEX qualification_grants_by_worker ON qualification_grants (connection_id, worker_id);

    CREATE TABLE qualification_requests (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      qualification_request_id TEXT NOT NULL,
      qualification_type_id TEXT NOT NULL,
      worker_id TEXT NOT NULL,
      test TEXT,
      answer TEXT,
      submit_time INTEGER NOT NULL,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      remotely_removed_at INTEGER,
      UNIQUE (connection_id, qualification_request_id)
    );

    CREATE TABLE worker_blocks (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      worker_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      remotely_removed_at INTEGER,
      UNIQUE (connection_id, worker_id)
    );

    CREATE TABLE messages (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      sent_at INTEGER NOT NULL
    );
    CREATE INDEX messages_by_time ON messages (connection_id, sent_at);
    CREATE TABLE message_recipients (
      message_id INTEGER NOT NULL REFERENCES messages (id),
      worker_id TEXT NOT NULL,
      delivery TEXT NOT NULL CHECK (delivery IN ('Sent', 'SoftFailure', 'HardFailure')),
      failure_message TEXT,
      PRIMARY KEY (message_id, worker_id)
    ) WITHOUT ROWID;
    CREATE INDEX message_recipients_by_worker ON message_recipients (worker_id);
  `);
}
