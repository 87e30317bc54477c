/**
 * The HIT-changing operations: UpdateExpirationForHIT, UpdateHITReviewStatus, UpdateHITTypeOfHIT,
 * CreateAdditionalAssignmentsForHIT and DeleteHIT, with MTurk's HIT state rules.
 */
import { emitEvent } from '../domain/events';
import { findRecentToken, rememberToken } from '../domain/idempotency';
import { requireSolvent } from '../domain/ledger';
import { settleHit } from '../domain/lifecycle';
import { deletedRequirementType, loadHit, loadHitType, type HitStatus, type HitView } from '../domain/rows';
import { MAX_LIFETIME_S } from '../model/shapes';
import { sql } from '../store/statements';
import { optBoolean, optString, reqNumber, reqString } from './input';
import { MTurkRequestError, type OperationHandler } from './types';

function invalidState(hit: HitView, allowed: readonly HitStatus[]): MTurkRequestError {
  return new MTurkRequestError(
    'AWS.MechanicalTurk.InvalidHITState',
    `This HIT is currently in the state '${hit.status}'.  This operation can be called with a status of: ${allowed.join(', ')}`,
  );
}

function refuseDisposed(hit: HitView, allowed: readonly HitStatus[]): void {
  if (hit.disposed) throw invalidState(hit, allowed);
}

const LIVE_STATES: readonly HitStatus[] = ['Assignable', 'Unassignable', 'Reviewable', 'Reviewing'];

/**
 * A HIT whose HIT type requires a deleted qualification type keeps running for the workers who hold it, but can get
 * no more time and no more assignments.
 */
function refuseExtendingOrphan(ctx: Parameters<OperationHandler>[1], hit: HitView): void {
  const deleted = deletedRequirementType(ctx, hit);
  if (deleted === undefined) return;
  throw new MTurkRequestError(
    'AWS.MechanicalTurk.QualificationTypeDoesNotExist',
    `HIT ${hit.hit_id} cannot be extended: its QualificationRequirement uses QualificationType ${deleted}, which has been deleted.`,
  );
}

/** A HIT runs a year at most (LifetimeInSeconds' maximum), so it cannot be extended further than a year from now. */
const MAX_EXTENSION_MS = MAX_LIFETIME_S * 1000;

/**
 * ExpireAt ≤ now (or 0) expires now; later than the current expiration extends (up to a year from now); earlier-but-future
 * is refused.
 */
export const updateExpirationForHIT: OperationHandler = (input, ctx) => {
  const hit = loadHit(ctx, reqString(input, 'HITId'));
  refuseDisposed(hit, LIVE_STATES);
  const now = ctx.now();
  const expireAt = Math.round(reqNumber(input, 'ExpireAt') * 1000);
  if (expireAt > now + MAX_EXTENSION_MS) {
    throw new MTurkRequestError(
      'AWS.ParameterOutOfRange',
      `ExpireAt ${reqNumber(input, 'ExpireAt')} is more than 365 days from now: a HIT can run for a year at most.`,
    );
  }
  let expiration = hit.expiration_ms;
  if (expireAt <= now) expiration = Math.min(hit.expiration_ms, now);
  else if (expireAt >= hit.expiration_ms) {
    if (expireAt > hit.expiration_ms) refuseExtendingOrphan(ctx, hit);
    expiration = expireAt;
  } else {
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.InvalidParameterValue',
      'The expiration date of a HIT can only be extended or set to a time in the past; it cannot be shortened to a later time than now.',
    );
  }
  sql(ctx.db, 'UPDATE hits SET expiration_ms = ?, expired_noted = CASE WHEN ? > ? THEN 0 ELSE expired_noted END WHERE hit_id = ?').run(
    expiration,
    expiration,
    now,
    hit.hit_id,
  );
  settleHit(ctx, hit.hit_id);
  requireSolvent(ctx);
  return {};
};

export const updateHITReviewStatus: OperationHandler = (input, ctx) => {
  const hit = loadHit(ctx, reqString(input, 'HITId'));
  const revert = optBoolean(input, 'Revert') ?? false;
  const from: HitStatus = revert ? 'Reviewing' : 'Reviewable';
  if (hit.status !== from) throw invalidState(hit, [from]);
  sql(ctx.db, 'UPDATE hits SET reviewing = ? WHERE hit_id = ?').run(revert ? 0 : 1, hit.hit_id);
  settleHit(ctx, hit.hit_id);
  return {};
};

export const updateHITTypeOfHIT: OperationHandler = (input, ctx) => {
  const hit = loadHit(ctx, reqString(input, 'HITId'));
  refuseDisposed(hit, LIVE_STATES);
  const type = loadHitType(ctx, reqString(input, 'HITTypeId'));
  sql(ctx.db, 'UPDATE hits SET hit_type_id = ? WHERE hit_id = ?').run(type.hit_type_id, hit.hit_id);
  settleHit(ctx, hit.hit_id);
  requireSolvent(ctx);
  return {};
};

const EXTEND_TOKEN_FAMILY = 'CreateAdditionalAssignmentsForHIT';

export const createAdditionalAssignmentsForHIT: OperationHandler = (input, ctx) => {
  const hit = loadHit(ctx, reqString(input, 'HITId'));
  refuseDisposed(hit, LIVE_STATES);
  const token = optString(input, 'UniqueRequestToken');
  const prior = token === undefined ? undefined : findRecentToken(ctx, EXTEND_TOKEN_FAMILY, token);
  if (prior) {
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.DuplicateRequest',
      `The request with UniqueRequestToken "${token}" was already processed by request ${prior.requestId}.`,
    );
  }
  refuseExtendingOrphan(ctx, hit);
  const added = reqNumber(input, 'NumberOfAdditionalAssignments');
  const total = hit.max_assignments + added;
  // The ≥10-assignment fee tier cannot be entered by extension.
  if (hit.max_assignments < 10 && total >= 10) {
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease',
      `This HIT was created with ${hit.max_assignments} assignments and cannot be extended to 10 or more assignments.`,
    );
  }
  sql(ctx.db, 'UPDATE hits SET max_assignments = ? WHERE hit_id = ?').run(total, hit.hit_id);
  settleHit(ctx, hit.hit_id);
  requireSolvent(ctx);
  emitEvent(ctx, 'HITExtended', { hitTypeId: hit.hit_type_id, hitId: hit.hit_id });
  if (token !== undefined) rememberToken(ctx, EXTEND_TOKEN_FAMILY, token, hit.hit_id);
  return {};
};

/** Only a Reviewable/Reviewing HIT with every submitted assignment decided may be disposed. */
export const deleteHIT: OperationHandler = (input, ctx) => {
  const hit = loadHit(ctx, reqString(input, 'HITId'));
  const allowed: readonly HitStatus[] = ['Reviewing', 'Reviewable'];
  const undecided = sql(ctx.db, "SELECT COUNT(*) AS n FROM assignments WHERE hit_id = ? AND status = 'Submitted'").get(
    hit.hit_id,
  ) as { n: number };
  if (!allowed.includes(hit.status) || undecided.n > 0) throw invalidState(hit, allowed);
  sql(ctx.db, 'UPDATE hits SET disposed = 1 WHERE hit_id = ?').run(hit.hit_id);
  settleHit(ctx, hit.hit_id);
  emitEvent(ctx, 'HITDisposed', { hitTypeId: hit.hit_type_id, hitId: hit.hit_id });
  return {};
};
