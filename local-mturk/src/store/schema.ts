/**
 * The Local MTurk's own tables (the qualification tables are added by QUALIFICATION_SCHEMA_SQL).
 * Every requester-owned row carries `requester` (the signing access key id): accounts never see each other's data.
 * Times are epoch milliseconds of the virtual clock; money is integer cents.
 */
export const CORE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
  requester TEXT PRIMARY KEY,
  balance_cents INTEGER NOT NULL,
  on_hold_cents INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ledger (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  requester TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  ref TEXT
);
CREATE TABLE IF NOT EXISTS hit_types (
  hit_type_id TEXT PRIMARY KEY,
  requester TEXT NOT NULL,
  identity_key TEXT NOT NULL,
  hit_group_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  keywords TEXT,
  reward_cents INTEGER NOT NULL,
  assignment_duration_s INTEGER NOT NULL,
  auto_approval_delay_s INTEGER NOT NULL,
  qualification_requirements TEXT NOT NULL,
  creation_ms INTEGER NOT NULL,
  UNIQUE (requester, identity_key)
);
CREATE TABLE IF NOT EXISTS hits (
  hit_id TEXT PRIMARY KEY,
  requester TEXT NOT NULL,
  hit_type_id TEXT NOT NULL REFERENCES hit_types(hit_type_id),
  creation_ms INTEGER NOT NULL,
  expiration_ms INTEGER NOT NULL,
  question TEXT,
  requester_annotation TEXT,
  hit_layout_id TEXT,
  max_assignments INTEGER NOT NULL,
  assignment_review_policy TEXT,
  hit_review_policy TEXT,
  status TEXT NOT NULL,
  reviewing INTEGER NOT NULL DEFAULT 0,
  disposed INTEGER NOT NULL DEFAULT 0,
  expired_noted INTEGER NOT NULL DEFAULT 0,
  pending INTEGER NOT NULL DEFAULT 0,
  available INTEGER NOT NULL DEFAULT 0,
  completed INTEGER NOT NULL DEFAULT 0,
  submitted_total INTEGER NOT NULL DEFAULT 0,
  hold_cents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS hits_by_requester ON hits (requester, disposed);
CREATE INDEX IF NOT EXISTS hits_by_status ON hits (requester, status);
CREATE INDEX IF NOT EXISTS hits_by_expiry ON hits (expired_noted, expiration_ms);
CREATE INDEX IF NOT EXISTS hits_by_retention ON hits (disposed, expiration_ms);
CREATE INDEX IF NOT EXISTS hits_by_type ON hits (hit_type_id);
CREATE TABLE IF NOT EXISTS workers (
  worker_id TEXT PRIMARY KEY,
  country TEXT NOT NULL,
  subdivision TEXT,
  approval_rate INTEGER NOT NULL,
  hits_approved INTEGER NOT NULL,
  hits_rejected INTEGER NOT NULL DEFAULT 0,
  masters INTEGER NOT NULL,
  adult INTEGER NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS assignments (
  assignment_id TEXT PRIMARY KEY,
  hit_id TEXT NOT NULL REFERENCES hits(hit_id),
  worker_id TEXT NOT NULL,
  status TEXT NOT NULL,
  accept_ms INTEGER NOT NULL,
  deadline_ms INTEGER NOT NULL,
  submit_ms INTEGER,
  auto_approval_ms INTEGER,
  approval_ms INTEGER,
  rejection_ms INTEGER,
  answer TEXT,
  requester_feedback TEXT
);
CREATE INDEX IF NOT EXISTS assignments_by_hit ON assignments (hit_id, status);
CREATE INDEX IF NOT EXISTS assignments_by_deadline ON assignments (status, deadline_ms);
CREATE INDEX IF NOT EXISTS assignments_by_auto_approval ON assignments (status, auto_approval_ms);
CREATE INDEX IF NOT EXISTS assignments_by_worker ON assignments (worker_id, hit_id);
CREATE TABLE IF NOT EXISTS bonus_payments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  requester TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  assignment_id TEXT NOT NULL,
  hit_id TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  reason TEXT NOT NULL,
  grant_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS bonuses_by_hit ON bonus_payments (hit_id);
CREATE INDEX IF NOT EXISTS bonuses_by_assignment ON bonus_payments (assignment_id);
CREATE TABLE IF NOT EXISTS worker_blocks (
  requester TEXT NOT NULL,
  worker_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (requester, worker_id)
);
CREATE TABLE IF NOT EXISTS notification_settings (
  hit_type_id TEXT PRIMARY KEY REFERENCES hit_types(hit_type_id),
  destination TEXT NOT NULL,
  transport TEXT NOT NULL,
  version TEXT NOT NULL,
  event_types TEXT NOT NULL,
  active INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency_tokens (
  requester TEXT NOT NULL,
  operation TEXT NOT NULL,
  token TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  result_ref TEXT NOT NULL,
  PRIMARY KEY (requester, operation, token)
);
CREATE TABLE IF NOT EXISTS event_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  hit_type_id TEXT,
  hit_id TEXT,
  assignment_id TEXT,
  destination TEXT NOT NULL,
  transport TEXT NOT NULL,
  test INTEGER NOT NULL,
  message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_reports (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  hit_id TEXT NOT NULL,
  level TEXT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS review_reports_by_hit ON review_reports (hit_id, level, kind);
`;
