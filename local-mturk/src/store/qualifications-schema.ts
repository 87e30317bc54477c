/**
 * The qualification tables: qualification types, worker qualifications (grants) and qualification requests. Run after
 * CORE_SCHEMA_SQL. `requester` is the signing access key id, as in the core tables. Times are virtual-clock epoch ms.
 *
 * Keys: a type is unique per requester by name (names stay reserved while a deleted type is still Disposing);
 * a worker holds at most one Qualification per type (re-grant = update of that row, so GrantTime/value are the latest);
 * requests are rows of their own, kept after a decision so the retry rules can see a worker's history.
 * `seq` columns order the lists (pagination keys); they come from qualification_sequences so a number is never
 * reused after a deleted type is purged (a reused key could hide a new row behind an old NextToken).
 */
export const QUALIFICATION_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS qualification_types (
  qualification_type_id TEXT PRIMARY KEY,
  requester TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  keywords TEXT,
  status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive', 'Disposing')),
  retry_delay_s INTEGER,
  test TEXT,
  answer_key TEXT,
  test_duration_s INTEGER,
  auto_granted INTEGER NOT NULL DEFAULT 0,
  auto_granted_value INTEGER NOT NULL DEFAULT 1,
  creation_ms INTEGER NOT NULL,
  deleted_ms INTEGER,
  seq INTEGER NOT NULL UNIQUE,
  UNIQUE (requester, name)
);
CREATE INDEX IF NOT EXISTS qualification_types_by_requester ON qualification_types (requester, seq);
CREATE TABLE IF NOT EXISTS qualification_grants (
  qualification_type_id TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  integer_value INTEGER,
  locale_country TEXT,
  locale_subdivision TEXT,
  status TEXT NOT NULL CHECK (status IN ('Granted', 'Revoked')),
  grant_ms INTEGER NOT NULL,
  revoke_reason TEXT,
  seq INTEGER NOT NULL,
  PRIMARY KEY (qualification_type_id, worker_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS qualification_grants_by_type ON qualification_grants (qualification_type_id, status, seq);
CREATE INDEX IF NOT EXISTS qualification_grants_by_worker ON qualification_grants (worker_id);
CREATE TABLE IF NOT EXISTS qualification_requests (
  qualification_request_id TEXT PRIMARY KEY,
  qualification_type_id TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  test TEXT,
  answer TEXT,
  status TEXT NOT NULL CHECK (status IN ('Pending', 'Granted', 'Rejected')),
  submit_ms INTEGER NOT NULL,
  decided_ms INTEGER,
  integer_value INTEGER,
  reason TEXT,
  seq INTEGER NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS qualification_requests_by_type ON qualification_requests (qualification_type_id, status, seq);
CREATE INDEX IF NOT EXISTS qualification_requests_by_worker ON qualification_requests (worker_id, qualification_type_id, submit_ms);
CREATE TABLE IF NOT EXISTS qualification_sequences (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
`;
