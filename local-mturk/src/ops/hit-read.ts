/**
 * GetHIT and the HIT lists. Lists are in creation order (rowid), paged with B's keyset paginate; disposed HITs
 * are excluded from every list but stay readable through GetHIT with HITStatus Disposed (spec §2.17, §10.10).
 */
import { hitViews, loadHit, type HitRow } from '../domain/rows';
import { hitToWire } from '../domain/wire';
import { sql } from '../store/statements';
import { optString, reqString, seqKey } from './input';
import { paginate } from './paginate';
import type { OperationHandler, OperationInput, OpContext } from './types';

interface Sequenced {
  seq: number;
}

/**
 * Pages over the matching rowids only (cheap: no join, no columns), then loads just the page's HITs — so a
 * requester with thousands of HITs pays for ten rows per ListHITs call, not for all of them.
 */
function hitPage(ctx: OpContext, input: OperationInput, keys: Sequenced[]): Record<string, unknown> {
  const { page, NextToken, NumResults } = paginate(input, keys, (row) => seqKey(row.seq));
  const hits = page.length
    ? hitViews(
        ctx,
        sql(ctx.db, 'SELECT * FROM hits WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid').all(
          JSON.stringify(page.map((row) => row.seq)),
        ) as HitRow[],
      )
    : [];
  return { ...(NextToken ? { NextToken } : {}), NumResults, HITs: hits.map(hitToWire) };
}

export const getHIT: OperationHandler = (input, ctx) => ({ HIT: hitToWire(loadHit(ctx, reqString(input, 'HITId'))) });

export const listHITs: OperationHandler = (input, ctx) => {
  const keys = sql(ctx.db, 'SELECT rowid AS seq FROM hits WHERE requester = ? AND disposed = 0 ORDER BY rowid').all(
    ctx.accessKeyId,
  ) as Sequenced[];
  return hitPage(ctx, input, keys);
};

export const listReviewableHITs: OperationHandler = (input, ctx) => {
  const status = optString(input, 'Status') ?? 'Reviewable';
  const hitTypeId = optString(input, 'HITTypeId');
  const keys = sql(
    ctx.db,
    'SELECT rowid AS seq FROM hits WHERE requester = ? AND status = ? AND (? IS NULL OR hit_type_id = ?) ORDER BY rowid',
  ).all(ctx.accessKeyId, status, hitTypeId ?? null, hitTypeId ?? null) as Sequenced[];
  return hitPage(ctx, input, keys);
};

/** HITs whose current HIT type has a requirement on the qualification type. */
export const listHITsForQualificationType: OperationHandler = (input, ctx) => {
  const qualificationTypeId = reqString(input, 'QualificationTypeId');
  const keys = sql(
    ctx.db,
    `SELECT h.rowid AS seq FROM hits h JOIN hit_types t ON t.hit_type_id = h.hit_type_id
     WHERE h.requester = ? AND h.disposed = 0 AND EXISTS (
       SELECT 1 FROM json_each(t.qualification_requirements) r
       WHERE json_extract(r.value, '$.QualificationTypeId') = ?) ORDER BY h.rowid`,
  ).all(ctx.accessKeyId, qualificationTypeId) as Sequenced[];
  return hitPage(ctx, input, keys);
};
