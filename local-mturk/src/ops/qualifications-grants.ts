/**
 * Worker Qualifications seen from the requester: Associate/Disassociate, GetQualificationScore,
 * ListWorkersWithQualificationType. Only the type's owner may use them; system
 * types are refused with PermissionDeniedException (spec: "likely refused").
 */
import { deliverToWorker } from '../domain/inbox';
import { paginate } from './paginate';
import {
  QUALIFICATION_DOES_NOT_EXIST,
  findGrant,
  grantToWire,
  loadOwnedType,
  seqKey,
  upsertGrant,
  type GrantRow,
} from './qualifications-store';
import { MTurkRequestError, type OpContext, type OperationHandler, type OperationInput } from './types';

/** a grant without IntegerValue stores 1, like AutoGrantedValue's default. */
export const DEFAULT_INTEGER_VALUE = 1;

const text = (input: OperationInput, name: string): string => (typeof input[name] === 'string' ? (input[name] as string) : '');
const integer = (input: OperationInput, name: string): number | undefined =>
  typeof input[name] === 'number' ? (input[name] as number) : undefined;

function grantedOrThrow(ctx: OpContext, typeId: string, workerId: string): GrantRow {
  const grant = findGrant(ctx, typeId, workerId);
  if (grant === undefined)
    throw new MTurkRequestError(
      QUALIFICATION_DOES_NOT_EXIST,
      `You requested a Qualification that does not exist: worker ${workerId} has no Qualification of type ${typeId}.`,
    );
  if (grant.status !== 'Granted')
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.InvalidQualificationState',
      `This Qualification is currently in the state '${grant.status}'. This operation can be called with a status of: Granted`,
    );
  return grant;
}

/** Upsert: re-granting overwrites the value and GrantTime and lifts a revocation. SendNotification (default true) puts a notice in the worker's inbox. */
const associateQualificationWithWorker: OperationHandler = (input, ctx) => {
  const type = loadOwnedType(ctx, text(input, 'QualificationTypeId'));
  const workerId = text(input, 'WorkerId');
  const value = integer(input, 'IntegerValue') ?? DEFAULT_INTEGER_VALUE;
  upsertGrant(ctx, type.qualification_type_id, workerId, value);
  if (input.SendNotification !== false) {
    deliverToWorker(ctx, workerId, 'QualificationGranted', `You have been granted the Qualification "${type.name}"`,
      `A requester granted you the Qualification "${type.name}" (${type.qualification_type_id}) with the value ${value}.`);
  }
  return {};
};

const disassociateQualificationFromWorker: OperationHandler = (input, ctx) => {
  const type = loadOwnedType(ctx, text(input, 'QualificationTypeId'));
  const workerId = text(input, 'WorkerId');
  grantedOrThrow(ctx, type.qualification_type_id, workerId);
  ctx.db
    .prepare(
      "UPDATE qualification_grants SET status = 'Revoked', revoke_reason = ? WHERE qualification_type_id = ? AND worker_id = ?",
    )
    .run(typeof input.Reason === 'string' ? input.Reason : null, type.qualification_type_id, workerId);
  const reason = typeof input.Reason === 'string' && input.Reason !== '' ? ` Reason: ${input.Reason}` : '';
  deliverToWorker(ctx, workerId, 'QualificationRevoked', `Your Qualification "${type.name}" was revoked`,
    `A requester revoked your Qualification "${type.name}" (${type.qualification_type_id}).${reason}`);
  return {};
};

const getQualificationScore: OperationHandler = (input, ctx) => {
  const type = loadOwnedType(ctx, text(input, 'QualificationTypeId'));
  return { Qualification: grantToWire(grantedOrThrow(ctx, type.qualification_type_id, text(input, 'WorkerId'))) };
};

const listWorkersWithQualificationType: OperationHandler = (input, ctx) => {
  const type = loadOwnedType(ctx, text(input, 'QualificationTypeId'));
  const status = typeof input.Status === 'string' ? input.Status : undefined;
  const rows = (
    status === undefined
      ? ctx.db.prepare('SELECT * FROM qualification_grants WHERE qualification_type_id = ? ORDER BY seq').all(type.qualification_type_id)
      : ctx.db
          .prepare('SELECT * FROM qualification_grants WHERE qualification_type_id = ? AND status = ? ORDER BY seq')
          .all(type.qualification_type_id, status)
  ) as GrantRow[];
  const { page, NextToken, NumResults } = paginate('ListWorkersWithQualificationType', input, rows, (row) => seqKey(row.seq));
  return { NumResults, ...(NextToken === undefined ? {} : { NextToken }), Qualifications: page.map(grantToWire) };
};

export const qualificationGrantOperations: Record<string, OperationHandler> = {
  AssociateQualificationWithWorker: associateQualificationWithWorker,
  DisassociateQualificationFromWorker: disassociateQualificationFromWorker,
  GetQualificationScore: getQualificationScore,
  ListWorkersWithQualificationType: listWorkersWithQualificationType,
};
