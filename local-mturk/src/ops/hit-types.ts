/**
 * CreateHITType, and the find-or-create HIT type shared with CreateHIT: a HIT type *is* its defining properties
 * (Title, Description, Keywords, Reward, AssignmentDuration, AutoApprovalDelay, QualificationRequirements),
 * so identical properties always yield the same HITTypeId. Money is normalised to cents ("0.5" ≡ "0.50");
 * requirements compare as the ordered list given.
 */
import { parseMoney } from '../../../shared/domain/money';
import type { HitTypeRow } from '../domain/rows';
import { checkRequirementTypes, type QualificationRequirement } from '../rules/requirements';
import { sql } from '../store/statements';
import { optList, optNumber, optString, reqNumber, reqString } from './input';
import { MTurkRequestError, type OperationHandler, type OperationInput, type OpContext } from './types';

export const DEFAULT_AUTO_APPROVAL_DELAY_S = 2_592_000; // 30 days

export interface HitTypeProperties {
  title: string;
  description: string;
  keywords: string | null;
  rewardCents: number;
  assignmentDurationS: number;
  autoApprovalDelayS: number;
  qualificationRequirements: unknown[];
}

/** A validated CurrencyAmount ("0.5", "5.", "12.34") in cents; the model validator has checked the pattern already. */
export function amountCents(text: string, member: string): number {
  const cents = parseMoney(text);
  if (cents === null) {
    throw new MTurkRequestError('AWS.MechanicalTurk.InvalidParameterValue', `${member} ${text} is not a valid amount.`);
  }
  return cents;
}

export function hitTypePropertiesOf(input: OperationInput): HitTypeProperties {
  return {
    title: reqString(input, 'Title'),
    description: reqString(input, 'Description'),
    keywords: optString(input, 'Keywords') ?? null,
    rewardCents: amountCents(reqString(input, 'Reward'), 'Reward'),
    assignmentDurationS: reqNumber(input, 'AssignmentDurationInSeconds'),
    autoApprovalDelayS: optNumber(input, 'AutoApprovalDelayInSeconds') ?? DEFAULT_AUTO_APPROVAL_DELAY_S,
    qualificationRequirements: optList(input, 'QualificationRequirements') ?? [],
  };
}

function identityKey(p: HitTypeProperties): string {
  return JSON.stringify([
    p.title,
    p.description,
    p.keywords ?? '',
    p.rewardCents,
    p.assignmentDurationS,
    p.autoApprovalDelayS,
    p.qualificationRequirements,
  ]);
}

/** Every requirement must name a system type or an Active type of the caller's. */
export function findOrCreateHitType(ctx: OpContext, p: HitTypeProperties): HitTypeRow {
  checkRequirementTypes(ctx, p.qualificationRequirements as QualificationRequirement[]);
  const key = identityKey(p);
  const existing = sql(ctx.db, 'SELECT * FROM hit_types WHERE requester = ? AND identity_key = ?').get(
    ctx.accessKeyId,
    key,
  ) as HitTypeRow | undefined;
  if (existing) return existing;
  const row: HitTypeRow = {
    hit_type_id: ctx.newId('entity'),
    requester: ctx.accessKeyId,
    identity_key: key,
    hit_group_id: ctx.newId('entity'),
    title: p.title,
    description: p.description,
    keywords: p.keywords,
    reward_cents: p.rewardCents,
    assignment_duration_s: p.assignmentDurationS,
    auto_approval_delay_s: p.autoApprovalDelayS,
    qualification_requirements: JSON.stringify(p.qualificationRequirements),
    creation_ms: ctx.now(),
  };
  sql(
    ctx.db,
    `INSERT INTO hit_types (hit_type_id, requester, identity_key, hit_group_id, title, description, keywords,
       reward_cents, assignment_duration_s, auto_approval_delay_s, qualification_requirements, creation_ms)
     VALUES (@hit_type_id, @requester, @identity_key, @hit_group_id, @title, @description, @keywords,
       @reward_cents, @assignment_duration_s, @auto_approval_delay_s, @qualification_requirements, @creation_ms)`,
  ).run(row);
  return row;
}

export const createHITType: OperationHandler = (input, ctx) => ({
  HITTypeId: findOrCreateHitType(ctx, hitTypePropertiesOf(input)).hit_type_id,
});
