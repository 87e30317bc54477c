/**
 * Per worker, across the whole archive of a connection: agreement with the consensus and accuracy on gold. Consensus
 * is taken per HIT type (one form, one set of fields) by majority vote — cheap enough to run over every assignment
 * once when the Workers area opens, rather than per grid page or per row.
 */
import type { WorkerQualityFigures } from '../../../shared/domain/workers';
import type { AnsweredAssignment } from '../../../shared/quality/labels';
import { qualityReport } from '../../../shared/quality/report';
import type { ReadDb } from '../../archive/db-types';
import { goldOfHits } from '../../archive/repos/quality-answers';
import { prepared, type SqlRow } from '../../archive/repos/statements';

interface Tally {
  labels: number;
  agreed: number;
  goldAnswers: number;
  goldCorrect: number;
}

/** Changes whenever an assignment of the connection is added or its answers change: what a cache of the figures keys on. */
export function answersVersion(db: ReadDb, connectionId: number): string {
  const row = prepared(db, `SELECT COUNT(*) AS n, MAX(id) AS last, TOTAL(length(answers_json)) AS size FROM assignments WHERE connection_id = ?`).get(connectionId) as SqlRow;
  return `${String(row.n)}:${String(row.last)}:${String(row.size)}`;
}

/** Every worker with at least one categorical label, in worker id order. */
export function workersQuality(db: ReadDb, connectionId: number): WorkerQualityFigures[] {
  const rows = prepared(
    db,
    `SELECT assignment_id, hit_id, worker_id, hit_type_id, answers_json FROM assignments
      WHERE connection_id = ? AND answers_json IS NOT NULL ORDER BY hit_type_id, hit_id`,
  ).all(connectionId) as SqlRow[];
  const byType = new Map<string, AnsweredAssignment[]>();
  for (const row of rows) {
    const answers = parseAnswers(row.answers_json as string);
    if (!answers) continue;
    const typeId = (row.hit_type_id as string | null) ?? '';
    let list = byType.get(typeId);
    if (!list) byType.set(typeId, (list = []));
    list.push({ assignmentId: row.assignment_id as string, hitId: row.hit_id as string, workerId: row.worker_id as string, answers });
  }
  const gold = goldOfHits(db, connectionId, new Set(rows.map((r) => r.hit_id as string)));
  const tallies = new Map<string, Tally>();
  for (const assignments of byType.values()) {
    const hitIds = new Set(assignments.map((a) => a.hitId));
    const typeGold = new Map([...gold].filter(([hitId]) => hitIds.has(hitId)));
    for (const w of qualityReport({ assignments, gold: typeGold, method: 'mv' }).workers) {
      const t = tallies.get(w.workerId) ?? { labels: 0, agreed: 0, goldAnswers: 0, goldCorrect: 0 };
      t.labels += w.answers;
      // The report's agreement is answers-weighted over fields, so agreement × answers is the count of agreeing labels.
      t.agreed += Math.round(w.agreement * w.answers);
      t.goldAnswers += w.goldAnswers;
      t.goldCorrect += w.goldCorrect;
      tallies.set(w.workerId, t);
    }
  }
  return [...tallies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([workerId, t]) => ({ workerId, ...t }));
}

function parseAnswers(json: string): Record<string, string> | null {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : null;
  } catch {
    return null;
  }
}
