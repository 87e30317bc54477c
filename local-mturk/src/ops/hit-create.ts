/**
 * CreateHIT and CreateHITWithHITType: question checked, UniqueRequestToken honoured for 24 h, liability for every
 * assignment (reward + fee) reserved against the available balance, HITCreated emitted.
 */
import { requireAvailable } from '../domain/ledger';
import { emitEvent } from '../domain/events';
import { costPerAssignmentCents, refreshHit } from '../domain/hit-state';
import { findRecentToken, rememberToken } from '../domain/idempotency';
import { loadHitType, parseJsonList, type HitTypeRow } from '../domain/rows';
import { hitToWire } from '../domain/wire';
import { checkQuestionXml } from '../formats/question';
import { checkRequirementTypes, type QualificationRequirement } from '../rules/requirements';
import { validateReviewPolicy } from '../rules/review-policies';
import { sql } from '../store/statements';
import { findOrCreateHitType, hitTypePropertiesOf } from './hit-types';
import { optNumber, optString, reqNumber, reqString } from './input';
import { MTurkRequestError, type OperationHandler, type OperationInput, type OpContext } from './types';

const TOKEN_FAMILY = 'CreateHIT';

function refuseRepeatedToken(ctx: OpContext, token: string | undefined): void {
  if (token === undefined) return;
  const prior = findRecentToken(ctx, TOKEN_FAMILY, token);
  if (prior) {
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.HitAlreadyExists',
      `The HIT with ID "${prior.resultRef}" already exists with UniqueRequestToken "${token}".`,
    );
  }
}

function refuseLayout(input: OperationInput): void {
  const layoutId = optString(input, 'HITLayoutId');
  // Layouts live on the requester website, which the Local MTurk does not have: none exists.
  if (layoutId !== undefined) {
    throw new MTurkRequestError('AWS.MechanicalTurk.HITLayoutDoesNotExist', `HITLayout ${layoutId} does not exist.`);
  }
}

/** Review policies are checked at creation (the only time they can be attached) and stored as given. */
function policyJson(input: OperationInput, name: 'AssignmentReviewPolicy' | 'HITReviewPolicy'): string | null {
  const policy = input[name];
  if (policy === undefined) return null;
  validateReviewPolicy(policy, name === 'AssignmentReviewPolicy' ? 'Assignment' : 'HIT');
  return JSON.stringify(policy);
}

function createHitOfType(ctx: OpContext, input: OperationInput, type: HitTypeRow): Record<string, unknown> {
  const token = optString(input, 'UniqueRequestToken');
  refuseRepeatedToken(ctx, token);
  checkRequirementTypes(ctx, parseJsonList(type.qualification_requirements) as QualificationRequirement[]);
  refuseLayout(input);
  const question = reqString(input, 'Question');
  // Task pages of a Local MTurk are served over plain http on loopback (its own /demo/ pages, a requester's dev server).
  checkQuestionXml(question, { allowLoopbackHttp: true });
  const maxAssignments = optNumber(input, 'MaxAssignments') ?? 1;
  requireAvailable(
    ctx,
    maxAssignments * costPerAssignmentCents({ ...type, max_assignments: maxAssignments }),
  );
  const hitId = ctx.newId('entity');
  const now = ctx.now();
  sql(
    ctx.db,
    `INSERT INTO hits (hit_id, requester, hit_type_id, creation_ms, expiration_ms, question, requester_annotation,
       max_assignments, assignment_review_policy, hit_review_policy, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Assignable')`,
  ).run(
    hitId,
    ctx.accessKeyId,
    type.hit_type_id,
    now,
    now + reqNumber(input, 'LifetimeInSeconds') * 1000,
    question,
    optString(input, 'RequesterAnnotation') ?? null,
    maxAssignments,
    policyJson(input, 'AssignmentReviewPolicy'),
    policyJson(input, 'HITReviewPolicy'),
  );
  const { hit } = refreshHit(ctx, hitId);
  emitEvent(ctx, 'HITCreated', { hitTypeId: type.hit_type_id, hitId });
  if (token !== undefined) rememberToken(ctx, TOKEN_FAMILY, token, hitId);
  return { HIT: hitToWire(hit) };
}

export const createHIT: OperationHandler = (input, ctx) =>
  createHitOfType(ctx, input, findOrCreateHitType(ctx, hitTypePropertiesOf(input)));

export const createHITWithHITType: OperationHandler = (input, ctx) =>
  createHitOfType(ctx, input, loadHitType(ctx, reqString(input, 'HITTypeId')));
