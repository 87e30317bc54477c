/**
 * GetHIT and the HIT lists. Lists are in creation order (rowid), keyset-paged in SQL; disposed HITs
 * are excluded from every list but stay readable through GetHIT with HITStatus Disposed.
 */
import { hitViews, loadHit, type HitRow } from '../domain/rows';
import { hitToWire } from '../domain/wire';
import { sql } from '../store/statements';
import { optString, reqString, seqKey } from './input';
import { keysetPaginate } from './paginate';
import { MTurkRequestError, type OperationHandler, type OperationInput, type OpContext } from './types';

interface Sequenced {
  seq: number;
}

/** A key from a NextToken back to a rowid; anything but our 15-digit keys is a bad token. */
function seqAfter(key: string | undefined): number {
  if (key === undefined) return 0;
  if (!/^\d{15}$/.test(key)) throw new MTurkRequestError('AWS.MechanicalTurk.InvalidParameterValue', 'The NextToken is invalid.');
  return Number(key);
}

/**
 * Pages over the matching rowids with one indexed keyset query per page, then loads just the page's HITs — so a
 * requester with 100,000 HITs pays for ten rows per ListHITs call, not for all of them.
 */
function hitPage(ctx: OpContext, operation: string, input: OperationInput, keysAfter: (afterSeq: number, limit: number) => Sequenced[]): Record<string, unknown> {
  const { page, NextToken, NumResults } = keysetPaginate(operation, input, (after, limit) => keysAfter(seqAfter(after), limit), (row) => seqKey(row.seq));
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

export const listHITs: OperationHandler = (input, ctx) =>
  hitPage(ctx, 'ListHITs', input, (after, limit) =>
    sql(ctx.db, 'SELECT rowid AS seq FROM hits WHERE requester = ? AND disposed = 0 AND rowid > ? ORDER BY rowid LIMIT ?').all(
      ctx.accessKeyId,
      after,
      limit,
    ) as Sequenced[],
  );

export const listReviewableHITs: OperationHandler = (input, ctx) => {
  const status = optString(input, 'Status') ?? 'Reviewable';
  const hitTypeId = optString(input, 'HITTypeId') ?? null;
  return hitPage(ctx, 'ListReviewableHITs', input, (after, limit) =>
    sql(
      ctx.db,
      'SELECT rowid AS seq FROM hits WHERE requester = ? AND status = ? AND (? IS NULL OR hit_type_id = ?) AND rowid > ? ORDER BY rowid LIMIT ?',
    ).all(ctx.accessKeyId, status, hitTypeId, hitTypeId, after, limit) as Sequenced[],
  );
};

/** HITs whose current HIT type has a requirement on the qualification type. */
export const listHITsForQualificationType: OperationHandler = (input, ctx) => {
  const qualificationTypeId = reqString(input, 'QualificationTypeId');
  return hitPage(ctx, 'ListHITsForQualificationType', input, (after, limit) =>
    sql(
      ctx.db,
      `SELECT h.rowid AS seq FROM hits h JOIN hit_types t ON t.hit_type_id = h.hit_type_id
       WHERE h.requester = ? AND h.disposed = 0 AND h.rowid > ? AND EXISTS (
         SELECT 1 FROM json_each(t.qualification_requirements) r
         WHERE json_extract(r.value, '$.QualificationTypeId') = ?) ORDER BY h.rowid LIMIT ?`,
    ).all(ctx.accessKeyId, after, qualificationTypeId, limit) as Sequenced[],
  );
};
