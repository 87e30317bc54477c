/**
 * Quality figures for a page of the review queue: per assignment, how many other workers on its HIT gave the same
 * categorical labels, and whether its labels are right on gold fields. Computed from the page's HITs only (every
 * assignment of each), in three set queries whatever the archive's size.
 */
import type { QueueQuality, ReviewFilter, ReviewQueueRow } from '../../../shared/contract/review';
import { categoricalLabels, type AnsweredAssignment } from '../../../shared/quality/labels';
import { goldFor } from '../../../shared/quality/report';
import type { ReadDb } from '../../archive/db-types';
import { assignmentsOfHits, goldOfHits } from '../../archive/repos/quality-answers';

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

export function withQuality(db: ReadDb, connectionId: number, rows: readonly ReviewQueueRow[]): ReviewQueueRow[] {
  const hitIds = [...new Set(rows.map((r) => r.hitId))];
  const assignments = assignmentsOfHits(db, connectionId, hitIds);
  const fields = [...categoricalLabels(assignments).keys()];
  if (fields.length === 0) return [...rows];
  const gold = goldOfHits(db, connectionId, hitIds);
  const byHit = new Map<string, AnsweredAssignment[]>();
  for (const a of assignments) {
    const list = byHit.get(a.hitId);
    if (list) list.push(a);
    else byHit.set(a.hitId, [a]);
  }
  const byId = new Map(assignments.map((a) => [a.assignmentId, a]));
  return rows.map((row) => {
    const own = byId.get(row.assignmentId);
    if (!own) return row;
    const agreements: number[] = [];
    const golds: number[] = [];
    for (const field of fields) {
      const label = own.answers[field]?.trim();
      if (!label) continue;
      const others = (byHit.get(row.hitId) ?? []).filter((a) => a.assignmentId !== own.assignmentId).map((a) => a.answers[field]?.trim()).filter((l) => !!l);
      if (others.length > 0) agreements.push(others.filter((l) => l === label).length / others.length);
      const right = goldFor(gold.get(row.hitId), field);
      if (right !== undefined) golds.push(right === label ? 1 : 0);
    }
    const quality: QueueQuality = { agreement: mean(agreements), gold: mean(golds) };
    return { ...row, quality };
  });
}

export function hasQualityFilter(filter: ReviewFilter | undefined): boolean {
  return filter?.agreementBelow !== undefined || filter?.goldBelow !== undefined;
}

/** Rows without the figure a filter asks about do not match it: nothing to compare is not "below". */
export function matchesQuality(row: ReviewQueueRow, filter: ReviewFilter): boolean {
  const q = row.quality;
  if (filter.agreementBelow !== undefined && !(q?.agreement !== null && q?.agreement !== undefined && q.agreement < filter.agreementBelow)) return false;
  if (filter.goldBelow !== undefined && !(q?.gold !== null && q?.gold !== undefined && q.gold < filter.goldBelow)) return false;
  return true;
}
