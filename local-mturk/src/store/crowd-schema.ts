/**
 * The simulated crowd's tables: the ground truth registered per HIT (answers by question / field name) and the
 * answer fields of ExternalQuestion pages per HIT type (the crowd cannot see an external page's form).
 */
export const CROWD_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS crowd_truth (
  hit_id TEXT PRIMARY KEY,
  answers TEXT NOT NULL
);
-- What the crowd asks on every look: the Assignable HITs of a batch, oldest first.
CREATE INDEX IF NOT EXISTS hits_assignable_by_type ON hits (status, hit_type_id);
CREATE TABLE IF NOT EXISTS crowd_external_answers (
  hit_type_id TEXT PRIMARY KEY,
  fields TEXT NOT NULL
);
`;
