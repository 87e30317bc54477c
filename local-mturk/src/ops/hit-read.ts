/**
 * GetHIT and the HIT lists. Lists are in creation order (rowid), paged with B's keyset paginate; disposed HITs
 * are excluded from every list but stay readable through GetHIT with HITStatus Disposed (spec §2.17, §10.10).
 */
import { HIT_VIEW_SELECT, loadHit, type HitView } from '../domain/rows';
import { hitToWire } from '../domain/wire';
import { sql } from '../store/statements';
import { optString, reqString, seqKey } from './input';
import { paginate } from './paginate';
import type { OperationHandler, OperationInput } from './types';

type SequencedHit = HitView & { seq: number };

const LIST_SELECT = HIT_VIEW_SELECT.replace('SELECT h.*', 'SELECT h.rowid AS seq, h.*');

function hitPage(input: OperationInput, rows: SequencedHit[]): Record<string, unknown> {
  const { page, NextToken, NumResults } = paginate(input, rows, (row) => seqKey(row.seq));
  return { ...(NextToken ? { NextToken } : {}), NumResults, HITs: page.map(hitToWire) };
}

export const getHIT: OperationHandler = (input, ctx) => ({ HIT: hitToWire(loadHit(ctx, reqString(input, 'HITId'))) });

export const listHITs: OperationHandler = (input, ctx) => {
  const rows = sql(ctx.db, `${LIST_SELECT} WHERE h.requester = ? AND h.disposed = 0 ORDER BY h.rowid`).all(
    ctx.accessKeyId,
  ) as SequencedHit[];
  return hitPage(input, rows);
};

export const listReviewableHITs: OperationHandler = (input, ctx) => {
  const status = optString(input, 'Status') ?? 'Reviewable';
  const hitTypeId = optString(input, 'HITTypeId');
  const rows = sql(
    ctx.db,
    `${LIST_SELECT} WHERE h.requester = ? AND h.status = ? AND (? IS NULL OR h.hit_type_id = ?) ORDER BY h.rowid`,
  ).all(ctx.accessKeyId, status, hitTypeId ?? null, hitTypeId ?? null) as SequencedHit[];
  return hitPage(input, rows);
};

/** HITs whose current HIT type has a requirement on the qualification type. */
export const listHITsForQualificationType: OperationHandler = (input, ctx) => {
  const qualificationTypeId = reqString(input, 'QualificationTypeId');
  const rows = sql(
    ctx.db,
    `${LIST_SELECT} WHERE h.requester = ? AND h.disposed = 0 AND EXISTS (
       SELECT 1 FROM json_each(t.qualification_requirements) r
       WHERE json_extract(r.value, '$.QualificationTypeId') = ?) ORDER BY h.rowid`,
  ).all(ctx.accessKeyId, qualificationTypeId) as SequencedHit[];
  return hitPage(input, rows);
};
