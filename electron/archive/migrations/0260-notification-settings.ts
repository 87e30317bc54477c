/**
 * v260: each HIT type's notification specification as Turkbench last set it. MTurk has no call that reads one back,
 * so this is the only place a requester can see where a HIT type's events go and whether they are switched on.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE notification_settings (
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      hit_type_id TEXT NOT NULL,
      destination TEXT NOT NULL,
      transport TEXT NOT NULL CHECK (transport IN ('SQS', 'SNS', 'Email')),
      version TEXT NOT NULL,
      event_types TEXT NOT NULL,
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (connection_id, hit_type_id)
    ) WITHOUT ROWID;
  `);
}
