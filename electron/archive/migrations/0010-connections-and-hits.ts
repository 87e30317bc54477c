/** v10: connections, HIT types, HITs and the HIT status history. */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE connections (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('local', 'sandbox', 'production', 'custom')),
      endpoint TEXT NOT NULL,
      label TEXT NOT NULL,
      account_fingerprint TEXT,
      created_at INTEGER NOT NULL
    );
    -- One row per account at an endpoint, so sandbox and production never share rows.
    CREATE UNIQUE INDEX connections_identity ON connections (kind, endpoint, IFNULL(account_fingerprint, ''));

    CREATE TABLE hit_types (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      hit_type_id TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      keywords TEXT,
      reward_cents INTEGER NOT NULL CHECK (reward_cents >= 0),
      assignment_duration_s INTEGER NOT NULL,
      auto_approval_delay_s INTEGER NOT NULL,
      qualification_requirements TEXT NOT NULL DEFAULT '[]',
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      remotely_removed_at INTEGER,
      UNIQUE (connection_id, hit_type_id)
    );

    CREATE TABLE hits (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      hit_id TEXT NOT NULL,
      hit_type_id TEXT NOT NULL,
      hit_group_id TEXT,
      hit_layout_id TEXT,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      keywords TEXT,
      question TEXT,
      reward_cents INTEGER NOT NULL CHECK (reward_cents >= 0),
      max_assignments INTEGER NOT NULL,
      assignment_duration_s INTEGER NOT NULL,
      auto_approval_delay_s INTEGER NOT NULL,
      requester_annotation TEXT,
      qualification_requirements TEXT NOT NULL DEFAULT '[]',
      status TEXT CHECK (status IN ('Assignable', 'Unassignable', 'Reviewable', 'Reviewing', 'Disposed')),
      review_status TEXT,
      assignments_pending INTEGER,
      assignments_available INTEGER,
      assignments_completed INTEGER,
      creation_time INTEGER NOT NULL,
      expiration INTEGER NOT NULL,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      remotely_disposed_at INTEGER,
      UNIQUE (connection_id, hit_id)
    );
    CREATE INDEX hits_by_creation ON hits (connection_id, creation_time);
    CREATE INDEX hits_by_status ON hits (connection_id, status, creation_time);
    CREATE INDEX hits_by_type ON hits (connection_id, hit_type_id, creation_time);
    CREATE INDEX hits_by_expiration ON hits (connection_id, expiration);

    CREATE TABLE hit_status_history (
      id INTEGER PRIMARY KEY,
      hit_row_id INTEGER NOT NULL REFERENCES hits (id),
      status TEXT NOT NULL,
      seen_at INTEGER NOT NULL
    );
    CREATE INDEX hit_status_history_by_hit ON hit_status_history (hit_row_id, seen_at);

    -- Triggers, not repository code, so no write path can forget the history.
    CREATE TRIGGER hits_status_on_insert AFTER INSERT ON hits WHEN new.status IS NOT NULL
    BEGIN
      INSERT INTO hit_status_history (hit_row_id, status, seen_at) VALUES (new.id, new.status, new.last_seen_at);
    END;
    CREATE TRIGGER hits_status_on_update AFTER UPDATE OF status ON hits
      WHEN new.status IS NOT NULL AND new.status IS NOT old.status
    BEGIN
      INSERT INTO hit_status_history (hit_row_id, status, seen_at) VALUES (new.id, new.status, new.last_seen_at);
    END;
  `);
}
