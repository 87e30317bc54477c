/** The participant registry (worker ids per study, across accounts) and the rules that exclude submitters after a sync. */
import type { ReadDb, WriteDb } from '../db-types';
import { num, prepared, str, type SqlRow } from './statements';

export type ExclusionSourceKind = 'batch' | 'hit-type';

export interface ExclusionRule {
  readonly sourceKind: ExclusionSourceKind;
  readonly sourceId: string;
  readonly intoTypeId: string;
  readonly createdAt: number;
}

/** Workers with a submitted (or already reviewed) assignment of any HIT of the HIT type. */
export function hitTypeSubmitters(db: ReadDb, connectionId: number, hitTypeId: string): string[] {
  const rows = prepared(
    db,
    `SELECT DISTINCT a.worker_id FROM hits h JOIN assignments a ON a.connection_id = h.connection_id AND a.hit_id = h.hit_id
      WHERE h.connection_id = ? AND h.hit_type_id = ? AND a.status IN ('Submitted', 'Approved', 'Rejected') ORDER BY a.worker_id`,
  ).all(connectionId, hitTypeId) as SqlRow[];
  return rows.map((row) => str(row, 'worker_id'));
}

/** Adds workers to a study (those already in it keep their first source); returns how many were new. */
export function addParticipants(db: WriteDb, study: string, workerIds: readonly string[], source: string, now: number): number {
  const insert = prepared(db, `INSERT OR IGNORE INTO study_participants (study, worker_id, source, added_at) VALUES (?, ?, ?, ?)`);
  let added = 0;
  db.transaction(() => {
    for (const workerId of workerIds) added += insert.run(study, workerId, source, now).changes;
  })();
  return added;
}

export function participantsOf(db: ReadDb, study: string): string[] {
  return (prepared(db, `SELECT worker_id FROM study_participants WHERE study = ? ORDER BY worker_id`).all(study) as SqlRow[]).map((row) => str(row, 'worker_id'));
}

/** Every study with its participants, by study then worker: what the registry export writes. */
export function registryRows(db: ReadDb, study?: string): { study: string; workerId: string }[] {
  const rows = (study === undefined
    ? prepared(db, `SELECT study, worker_id FROM study_participants ORDER BY study, worker_id`).all()
    : prepared(db, `SELECT study, worker_id FROM study_participants WHERE study = ? ORDER BY worker_id`).all(study)) as SqlRow[];
  return rows.map((row) => ({ study: str(row, 'study'), workerId: str(row, 'worker_id') }));
}

export function studyCounts(db: ReadDb): { study: string; participants: number }[] {
  const rows = prepared(db, `SELECT study, COUNT(*) AS n FROM study_participants GROUP BY study ORDER BY study`).all() as SqlRow[];
  return rows.map((row) => ({ study: str(row, 'study'), participants: num(row, 'n') }));
}

export function setExclusionRule(db: WriteDb, connectionId: number, rule: Omit<ExclusionRule, 'createdAt'>, on: boolean, now: number): void {
  if (on) {
    prepared(db, `INSERT OR IGNORE INTO exclusion_rules (connection_id, source_kind, source_id, into_type_id, created_at) VALUES (?, ?, ?, ?, ?)`).run(connectionId, rule.sourceKind, rule.sourceId, rule.intoTypeId, now);
  } else {
    prepared(db, `DELETE FROM exclusion_rules WHERE connection_id = ? AND source_kind = ? AND source_id = ? AND into_type_id = ?`).run(connectionId, rule.sourceKind, rule.sourceId, rule.intoTypeId);
  }
}

export function exclusionRules(db: ReadDb, connectionId: number): ExclusionRule[] {
  const rows = prepared(db, `SELECT * FROM exclusion_rules WHERE connection_id = ? ORDER BY created_at, source_kind, source_id`).all(connectionId) as SqlRow[];
  return rows.map((row) => ({ sourceKind: str(row, 'source_kind') as ExclusionSourceKind, sourceId: str(row, 'source_id'), intoTypeId: str(row, 'into_type_id'), createdAt: num(row, 'created_at') }));
}
