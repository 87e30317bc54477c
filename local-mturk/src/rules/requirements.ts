/**
 * Does a worker meet a HIT's QualificationRequirements for an action (Discover ⊂ Preview ⊂ Accept)?
 *
 * - A requirement guards Accept by default, Preview+Accept with `PreviewAndAccept` (or the deprecated
 *   `RequiredToPreview: true`), and all three with `DiscoverPreviewAndAccept`. All guarding requirements must hold (AND).
 * - System qualifications are derived from the worker's attributes (Masters exists only for Masters workers; Adult is
 *   1/0; the legacy Percent… types read 100 − approval rate for "Rejected", 100 for "Submitted", 0 for
 *   "Abandoned"/"Returned"); requester qualifications come from the Granted rows of the grants table.
 * - A worker without the qualification fails every value comparator, including NotEqualTo and NotIn (the spec
 *   leaves those UNCONFIRMED; real MTurk advises DoesNotExist for exclusions, which is what this reproduces).
 * - AutoGranted types: a worker lacking one is treated as holding AutoGrantedValue; on Accept the grant is persisted.
 * - A type deleted after a HIT was created is judged by the grants its holders keep.
 */
import { upsertGrant } from '../ops/qualifications-store';
import { MTurkRequestError, type OpContext } from '../ops/types';
import { sql } from '../store/statements';
import {
  systemQualificationType,
  type SystemQualificationName,
} from './system-qualifications';

export { SYSTEM_QUALIFICATION_IDS } from './system-qualifications';

export type WorkerAction = 'Discover' | 'Preview' | 'Accept';

export interface WorkerAttributes {
  workerId: string;
  country: string;
  subdivision?: string;
  approvalRatePercent: number;
  hitsApproved: number;
  masters: boolean;
  adult: boolean;
}

export interface Locale {
  Country: string;
  Subdivision?: string;
}

export interface QualificationRequirement {
  QualificationTypeId: string;
  Comparator: string;
  IntegerValues?: number[];
  LocaleValues?: Locale[];
  RequiredToPreview?: boolean;
  ActionsGuarded?: string;
}

export interface RequirementCheck {
  allowed: boolean;
  failures: string[];
  /** The QualificationTypeIds of the requirements that failed, in requirement order. */
  failedTypeIds: string[];
}

export interface CheckOptions {
  /** Only explain: do not persist the grants of AutoGranted types an allowed Accept would make. */
  readonly dryRun?: boolean;
}

/** What the worker holds for one qualification type. */
export type HeldValue = { kind: 'none' } | { kind: 'integer'; value: number } | { kind: 'locale'; locale: Locale };

const ACTION_RANK: Record<WorkerAction, number> = { Discover: 0, Preview: 1, Accept: 2 };
const GUARD_FROM: Record<string, number> = { Accept: 2, PreviewAndAccept: 1, DiscoverPreviewAndAccept: 0 };

/** Whether this requirement applies to the action. */
export function guardsAction(requirement: QualificationRequirement, action: WorkerAction): boolean {
  const guard = requirement.ActionsGuarded ?? (requirement.RequiredToPreview === true ? 'PreviewAndAccept' : 'Accept');
  return ACTION_RANK[action] >= (GUARD_FROM[guard] ?? 2);
}

function systemValue(name: SystemQualificationName, worker: WorkerAttributes): HeldValue {
  const integer = (value: number): HeldValue => ({ kind: 'integer', value });
  switch (name) {
    case 'Masters':
      return worker.masters ? integer(1) : { kind: 'none' };
    case 'Locale':
      return {
        kind: 'locale',
        locale: worker.subdivision === undefined ? { Country: worker.country } : { Country: worker.country, Subdivision: worker.subdivision },
      };
    case 'Adult':
      return integer(worker.adult ? 1 : 0);
    case 'NumberHITsApproved':
      return integer(worker.hitsApproved);
    case 'PercentAssignmentsApproved':
      return integer(worker.approvalRatePercent);
    case 'PercentAssignmentsRejected':
      return integer(100 - worker.approvalRatePercent);
    case 'PercentAssignmentsSubmitted':
      return integer(100);
    case 'PercentAssignmentsAbandoned':
    case 'PercentAssignmentsReturned':
      return integer(0);
  }
}

/** A requirement's Locale matches the worker's when countries agree and, if it names a subdivision, that too. */
export function localeMatches(required: Locale, held: Locale): boolean {
  if (required.Country !== held.Country) return false;
  return required.Subdivision === undefined || required.Subdivision === held.Subdivision;
}

/** MTurk's comparator semantics, independent of where the held value came from. */
export function compareHeld(requirement: QualificationRequirement, held: HeldValue): boolean {
  const comparator = requirement.Comparator;
  if (comparator === 'Exists') return held.kind !== 'none';
  if (comparator === 'DoesNotExist') return held.kind === 'none';
  if (held.kind === 'none') return false;
  if (held.kind === 'locale') {
    const wanted = requirement.LocaleValues ?? [];
    const anyMatch = wanted.some((locale) => localeMatches(locale, held.locale));
    if (comparator === 'EqualTo' || comparator === 'In') return anyMatch;
    if (comparator === 'NotEqualTo' || comparator === 'NotIn') return wanted.length > 0 && !anyMatch;
    return false;
  }
  const values = requirement.IntegerValues ?? [];
  const first = values[0];
  const v = held.value;
  switch (comparator) {
    case 'LessThan':
      return first !== undefined && v < first;
    case 'LessThanOrEqualTo':
      return first !== undefined && v <= first;
    case 'GreaterThan':
      return first !== undefined && v > first;
    case 'GreaterThanOrEqualTo':
      return first !== undefined && v >= first;
    case 'EqualTo':
    case 'In':
      return values.includes(v);
    case 'NotEqualTo':
    case 'NotIn':
      return values.length > 0 && !values.includes(v);
    default:
      return false;
  }
}

interface TypeInfo {
  readonly autoGranted: boolean;
  readonly autoGrantedValue: number;
  readonly active: boolean;
}

function requesterTypeInfo(ctx: OpContext, typeId: string): TypeInfo | undefined {
  const row = sql(ctx.db, 'SELECT status, auto_granted, auto_granted_value FROM qualification_types WHERE qualification_type_id = ?').get(
    typeId,
  ) as { status: string; auto_granted: number; auto_granted_value: number } | undefined;
  if (row === undefined || row.status === 'Disposing') return undefined;
  return { autoGranted: row.auto_granted === 1, autoGrantedValue: row.auto_granted_value, active: row.status === 'Active' };
}

/** The worker's current value for a requester type (Granted rows only; Revoked counts as not held). */
export function heldRequesterValue(ctx: OpContext, typeId: string, workerId: string): HeldValue {
  const row = sql(
    ctx.db,
    `SELECT integer_value, locale_country, locale_subdivision FROM qualification_grants
     WHERE qualification_type_id = ? AND worker_id = ? AND status = 'Granted'`,
  ).get(typeId, workerId) as { integer_value: number | null; locale_country: string | null; locale_subdivision: string | null } | undefined;
  if (row === undefined) return { kind: 'none' };
  if (row.locale_country !== null)
    return {
      kind: 'locale',
      locale:
        row.locale_subdivision === null
          ? { Country: row.locale_country }
          : { Country: row.locale_country, Subdivision: row.locale_subdivision },
    };
  return { kind: 'integer', value: row.integer_value ?? 1 };
}

function describe(requirement: QualificationRequirement): string {
  const values =
    requirement.LocaleValues?.map((l) => (l.Subdivision === undefined ? l.Country : `${l.Country}-${l.Subdivision}`)) ??
    requirement.IntegerValues?.map(String) ??
    [];
  return `${requirement.Comparator}${values.length > 0 ? ` ${values.join(', ')}` : ''}`;
}

function describeHeld(held: HeldValue): string {
  if (held.kind === 'none') return 'the worker does not have it';
  if (held.kind === 'integer') return `the worker's value is ${held.value}`;
  const { Country, Subdivision } = held.locale;
  return `the worker's locale is ${Subdivision === undefined ? Country : `${Country}-${Subdivision}`}`;
}

export function checkRequirements(
  ctx: OpContext,
  requirements: readonly QualificationRequirement[],
  worker: WorkerAttributes,
  action: WorkerAction,
  options: CheckOptions = {},
): RequirementCheck {
  const failures: string[] = [];
  const failedTypeIds: string[] = [];
  const toGrant: { typeId: string; value: number }[] = [];
  for (const requirement of requirements) {
    if (!guardsAction(requirement, action)) continue;
    const typeId = requirement.QualificationTypeId;
    const system = systemQualificationType(ctx.env, typeId);
    let held: HeldValue;
    let label: string;
    if (system !== undefined) {
      held = systemValue(system.key, worker);
      label = system.name;
    } else {
      const info = requesterTypeInfo(ctx, typeId);
      label = `Qualification ${typeId}`;
      held = heldRequesterValue(ctx, typeId, worker.workerId);
      if (info === undefined) {
        // Deleted after the HIT was created: its holders may go on working, nobody else may start.
        if (held.kind === 'none') {
          failures.push(`${label}: the Qualification type does not exist`);
          failedTypeIds.push(typeId);
          continue;
        }
      } else if (held.kind === 'none' && info.autoGranted && info.active) {
        const asGranted: HeldValue = { kind: 'integer', value: info.autoGrantedValue };
        if (compareHeld(requirement, asGranted) && !compareHeld(requirement, held)) {
          held = asGranted;
          toGrant.push({ typeId, value: info.autoGrantedValue });
        }
      }
    }
    if (!compareHeld(requirement, held)) {
      failures.push(`${label}: requires ${describe(requirement)}, but ${describeHeld(held)}`);
      failedTypeIds.push(typeId);
    }
  }
  const allowed = failures.length === 0;
  if (allowed && action === 'Accept' && options.dryRun !== true) {
    for (const grant of toGrant) upsertGrant(ctx, grant.typeId, worker.workerId, grant.value);
  }
  return { allowed, failures, failedTypeIds };
}

/** Convenience for callers that only need the verdict. */
export function workerMeetsRequirements(
  ctx: OpContext,
  requirements: readonly QualificationRequirement[],
  worker: WorkerAttributes,
  action: WorkerAction,
): boolean {
  return checkRequirements(ctx, requirements, worker, action).allowed;
}

/** The HIT uses Masters: +5 % fee. The app estimates costs with the same rule. */
export { requiresMasters } from '../../../shared/domain/fees';

/**
 * CreateHIT/CreateHITType-time check that every requirement names a system type or a live requester type, and that
 * requester types are Active ("only Active types can be used in new HITs". Throws MTurkRequestError.
 */
export function checkRequirementTypes(ctx: OpContext, requirements: readonly QualificationRequirement[]): void {
  for (const [index, requirement] of requirements.entries()) {
    const typeId = requirement.QualificationTypeId;
    if (systemQualificationType(ctx.env, typeId) !== undefined) continue;
    const info = requesterTypeInfo(ctx, typeId);
    if (info === undefined)
      throw new MTurkRequestError(
        'AWS.MechanicalTurk.QualificationTypeDoesNotExist',
        `QualificationType ${typeId} (QualificationRequirements.${index + 1}) does not exist.`,
      );
    if (!info.active)
      throw new MTurkRequestError(
        'AWS.MechanicalTurk.InvalidQualificationTypeState',
        `QualificationType ${typeId} (QualificationRequirements.${index + 1}) is Inactive and cannot be used in new HITs.`,
      );
  }
}
