/** v20: assignments (raw and parsed answers), their status history, bonuses, and the derived workers table. */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE assignments (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      assignment_id TEXT NOT NULL,
      hit_id TEXT NOT NULL,
      -- Copied from the HIT so the grid can filter by HIT type without a join.
      hit_type_id TEXT,
      worker_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('Submitted', 'Approved', 'Rejected')),
      accept_time INTEGER,
      submit_time INTEGER,
      auto_approval_time INTEGER,
      approval_time INTEGER,
      rejection_time INTEGER,
      deadline INTEGER,
      answer_xml TEXT NOT NULL DEFAULT '',
      answers_json TEXT NOT NULL DEFAULT '{}',
      requester_feedback TEXT,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      remotely_disposed_at INTEGER,
      UNIQUE (connection_id, assignment_id),
      FOREIGN KEY (connection_id, hit_id) REFERENCES hits (connection_id, hit_id)
    );
    CREATE INDEX assignments_by_submit ON assignments (connection_id, submit_time);
    CREATE INDEX assignments_by_status ON assignments (connection_id, status, submit_time);
    CREATE INDEX assignments_by_worker ON assignments (connection_id, worker_id, submit_time);
    CREATE INDEX assignments_by_hit ON assignments (connection_id, hit_id, submit_time);
    CREATE INDEX assignments_by_type ON assignments (connection_id, hit_type_id, submit_time);

    CREATE TABLE assignment_status_history (
      id INTEGER PRIMARY KEY,
      assignment_row_id INTEGER NOT NULL REFERENCES assignments (id),
      status TEXT NOT NULL,
      seen_at INTEGER NOT NULL
    );
    CREATE INDEX assignment_status_history_by_assignment ON assignment_status_history (assignment_row_id, seen_at);

    CREATE TABLE bonuses (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      worker_id TEXT NOT NULL,
      assignment_id TEXT NOT NULL,
      amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
      reason TEXT NOT NULL,
      grant_time INTEGER NOT NULL,
      unique_request_token TEXT,
      first_seen_at INTEGER NOT NULL,
      -- MTurk gives bonuses no id; this is what makes re-listing idempotent.
      UNIQUE (connection_id, assignment_id, worker_id, grant_time, amount_cents)
    );
    CREATE INDEX bonuses_by_worker ON bonuses (connection_id, worker_id);

    CREATE TABLE workers (
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      worker_id TEXT NOT NULL,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      assignments INTEGER NOT NULL DEFAULT 0,
      approved INTEGER NOT NULL DEFAULT 0,
      rejected INTEGER NOT NULL DEFAULT 0,
      bonuses INTEGER NOT NULL DEFAULT 0,
      bonus_cents INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (connection_id, worker_id)
    ) WITHOUT ROWID;

    CREATE TRIGGER assignments_on_insert AFTER INSERT ON assignments
    BEGIN
      INSERT INTO assignment_status_history (assignment_row_id, status, seen_at) VALUES (new.id, new.status, new.last_seen_at);
      INSERT INTO workers (connection_id, worker_id, first_seen_at, last_seen_at, assignments, approved, rejected)
      VALUES (
        new.connection_id, new.worker_id,
        COALESCE(new.accept_time, new.submit_time, new.first_seen_at),
        COALESCE(new.submit_time, new.accept_time, new.first_seen_at),
        1, new.status = 'Approved', new.status = 'Rejected'
      )
      ON CONFLICT (connection_id, worker_id) DO UPDATE SET
        first_seen_at = MIN(first_seen_at, excluded.first_seen_at),
        last_seen_at = MAX(last_seen_at, excluded.last_seen_at),
        assignments = assignments + 1,
        approved = approved + excluded.approved,
        rejected = rejected + excluded.rejected;
    END;
    CREATE TRIGGER assignments_on_status AFTER UPDATE OF status ON assignments WHEN new.status IS NOT old.status
    BEGIN
      INSERT INTO assignment_status_history (assignment_row_id, status, seen_at) VALUES (new.id, new.status, new.last_seen_at);
      UPDATE workers SET
        approved = approved + (new.status = 'Approved') - (old.status = 'Approved'),
        rejected = rejected + (new.status = 'Rejected') - (old.status = 'Rejected')
      WHERE connection_id = new.connection_id AND worker_id = new.worker_id;
    END;
    CREATE TRIGGER bonuses_on_insert AFTER INSERT ON bonuses
    BEGIN
      INSERT INTO workers (connection_id, worker_id, first_seen_at, last_seen_at, bonuses, bonus_cents)
      VALUES (new.connection_id, new.worker_id, new.grant_time, new.grant_time, 1, new.amount_cents)
      ON CONFLICT (connection_id, worker_id) DO UPDATE SET
        first_seen_at = MIN(first_seen_at, excluded.first_seen_at),
        last_seen_at = MAX(last_seen_at, excluded.last_seen_at),
        bonuses = bonuses + 1,
        bonus_cents = bonus_cents + excluded.bonus_cents;
    END;
  `);
}
