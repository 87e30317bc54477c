/**
 * The worker inbox table: what MTurk would have e-mailed each worker (NotifyWorkers, qualification notices). Its own
 * schema so that tests of the qualification operations, which write notices, can create it beside their tables.
 */
export const INBOX_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS worker_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  worker_id TEXT NOT NULL,
  requester TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS worker_messages_by_worker ON worker_messages (worker_id, seq);
`;
