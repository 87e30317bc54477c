/**
 * Journaled qualification writes: creating (a batch's hidden exclusion type, the soft-block type, a requester's own),
 * updating and deleting types; granting, re-scoring and revoking workers' qualifications; answering requests. A grant
 * names its score, so applying it twice changes nothing; a lost answer is settled by asking MTurk for the worker's score.
 */
import { z } from 'zod';
import { ok, type Result } from '../../../shared/result';
import { setBatchExclusionType } from '../../archive/repos/batches';
import {
  grantOf,
  markGrantRevoked,
  markQualificationTypeDeleted,
  markRequestAnswered,
  upsertQualificationGrants,
  upsertQualificationTypes,
} from '../../archive/repos/qualifications';
import { addWorkerNote } from '../../archive/repos/worker-notes';
import type { MTurkGateway, Qualification, QualificationType } from '../../mturk/types';
import { defineAction, type AnyActionDefinition, type Produced, type SendContext, type Verdict } from './action-definition';

const id = z.string().min(1).max(64);

const callOptions = (context: SendContext): { signal?: AbortSignal; lane: SendContext['lane']; onSend?: () => void } => ({
  signal: context.signal,
  lane: context.lane,
  onSend: context.onSend,
});

/** The exclusion type's name: MTurk keeps names unique per requester, so the name alone finds it again. */
export const exclusionTypeName = (batchId: string): string => `Turkbench batch ${batchId} — already worked`;

async function typeNamed(gateway: MTurkGateway, name: string, context: SendContext): Promise<Result<QualificationType | null>> {
  for await (const page of gateway.listQualificationTypes({ query: name, lane: context.lane, signal: context.signal })) {
    if (!page.ok) return page;
    const found = page.value.items.find((type) => type.name === name);
    if (found) return ok(found);
  }
  return ok(null);
}

const typeSettings = {
  keywords: z.string().max(1000).optional(),
  retryDelaySeconds: z.number().int().min(0).optional(),
  test: z.string().min(1).max(65_535).optional(),
  answerKey: z.string().min(1).max(65_535).optional(),
  testDurationSeconds: z.number().int().min(1).optional(),
  autoGranted: z.boolean().optional(),
  autoGrantedValue: z.number().int().optional(),
};

const createTypeRequest = z
  .object({
    /** Set for a batch's hidden exclusion type: the batch records it. */
    batchId: id.optional(),
    name: z.string().min(1).max(128),
    description: z.string().min(1).max(2000),
    status: z.enum(['Active', 'Inactive']).optional(),
    ...typeSettings,
  })
  .strict();

/**
 * Creates a qualification type. A name MTurk says exists already is this request's own type (from a call whose answer
 * was lost), found again by name rather than made twice.
 */
export const createQualificationType = defineAction<z.infer<typeof createTypeRequest>>({
  kind: 'create-qualification-type',
  parse: (request) => createTypeRequest.parse(request),
  target: (request) => (request.batchId ? `${request.batchId}/exclusion` : request.name),
  send: async (gateway, request, context) => {
    const { batchId: _batchId, status, ...settings } = request;
    const made = await gateway.createQualificationType({ ...settings, status: status ?? 'Active' }, callOptions(context));
    if (made.ok || !(made.error.mturkCode ?? '').endsWith('QualificationTypeAlreadyExists')) return made;
    const existing = await typeNamed(gateway, request.name, context);
    return existing.ok && existing.value ? ok(existing.value) : made;
  },
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict | Produced>> => {
    const found = await typeNamed(gateway, request.name, context);
    if (!found.ok) return found;
    return ok(found.value ? { verdict: 'applied', produced: found.value } : 'not-applied');
  },
  record: (db, connectionId, request, now, produced) => {
    const type = produced as QualificationType | null;
    if (!type?.qualificationTypeId) return [];
    upsertQualificationTypes(db, connectionId, [type], now);
    if (request.batchId === undefined) return ['qualification_types'];
    setBatchExclusionType(db, request.batchId, type.qualificationTypeId, now);
    return ['qualification_types', 'batches'];
  },
});

/** Why a grant or revoke was made, kept in the worker's history (a soft block or its lifting). */
const workerNote = z.object({ kind: z.enum(['soft-block', 'soft-unblock']), text: z.string().min(1).max(1024) }).strict();

const grantRequest = z
  .object({ qualificationTypeId: id, workerId: id, integerValue: z.number().int(), sendNotification: z.boolean(), note: workerNote.optional() })
  .strict();
type GrantRequest = z.infer<typeof grantRequest>;

/** The worker's current qualification on MTurk, or null when they hold none. */
async function scoreOnMTurk(gateway: MTurkGateway, typeId: string, workerId: string, context: SendContext): Promise<Result<Qualification | null>> {
  const score = await gateway.getQualificationScore(typeId, workerId, { lane: context.lane, signal: context.signal });
  if (score.ok) return score;
  return score.error.kind === 'not-found' ? ok(null) : score;
}

export const grantQualification = defineAction<GrantRequest>({
  kind: 'grant-qualification',
  parse: (request) => grantRequest.parse(request),
  target: (request) => `${request.qualificationTypeId}/${request.workerId}`,
  send: (gateway, request, context) =>
    gateway.associateQualification(
      { qualificationTypeId: request.qualificationTypeId, workerId: request.workerId, integerValue: request.integerValue, sendNotification: request.sendNotification },
      callOptions(context),
    ),
  recorded: (db, connectionId, request) => {
    const grant = grantOf(db, connectionId, request.qualificationTypeId, request.workerId);
    return grant?.status === 'Granted' && grant.integerValue === request.integerValue;
  },
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict>> => {
    const held = await scoreOnMTurk(gateway, request.qualificationTypeId, request.workerId, context);
    if (!held.ok) return held;
    return ok(held.value?.status === 'Granted' && held.value.integerValue === request.integerValue ? 'applied' : 'not-applied');
  },
  record: (db, connectionId, request, now) => {
    upsertQualificationGrants(
      db,
      connectionId,
      [{ qualificationTypeId: request.qualificationTypeId, workerId: request.workerId, integerValue: request.integerValue, localeValue: null, status: 'Granted', grantTime: now }],
      now,
    );
    if (!request.note) return ['qualification_grants'];
    addWorkerNote(db, connectionId, request.workerId, request.note.kind, request.note.text, now);
    return ['qualification_grants', 'worker_notes'];
  },
});

const revokeRequest = z.object({ qualificationTypeId: id, workerId: id, reason: z.string().max(1024).optional(), note: workerNote.optional() }).strict();
export const revokeQualification = defineAction<z.infer<typeof revokeRequest>>({
  kind: 'revoke-qualification',
  parse: (request) => revokeRequest.parse(request),
  target: (request) => `${request.qualificationTypeId}/${request.workerId}`,
  send: (gateway, request, context) =>
    gateway.disassociateQualification({ qualificationTypeId: request.qualificationTypeId, workerId: request.workerId, reason: request.reason }, callOptions(context)),
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict>> => {
    const held = await scoreOnMTurk(gateway, request.qualificationTypeId, request.workerId, context);
    if (!held.ok) return held;
    return ok(held.value?.status === 'Granted' ? 'not-applied' : 'applied');
  },
  // A worker who holds nothing (never granted, or revoked already) is where a revoke leaves them.
  alreadyApplied: (error) => error.kind === 'not-found',
  record: (db, connectionId, request, now) => {
    markGrantRevoked(db, connectionId, request.qualificationTypeId, request.workerId, now);
    if (!request.note) return ['qualification_grants'];
    addWorkerNote(db, connectionId, request.workerId, request.note.kind, request.note.text, now);
    return ['qualification_grants', 'worker_notes'];
  },
});

const updateTypeRequest = z
  .object({ qualificationTypeId: id, description: z.string().min(1).max(2000).optional(), status: z.enum(['Active', 'Inactive']).optional(), ...typeSettings })
  .omit({ keywords: true })
  .strict();
type UpdateTypeRequest = z.infer<typeof updateTypeRequest>;

/** Whether MTurk's type shows every value the update sets (an update is absolute, so "shows" means "applied"). */
function showsUpdate(type: QualificationType, request: UpdateTypeRequest): boolean {
  const checks: [unknown, unknown][] = [
    [request.description, type.description],
    [request.status, type.status],
    [request.retryDelaySeconds, type.retryDelaySeconds],
    [request.test, type.test],
    [request.answerKey, type.answerKey],
    [request.testDurationSeconds, type.testDurationSeconds],
    [request.autoGranted, type.autoGranted],
    [request.autoGrantedValue, type.autoGrantedValue],
  ];
  return checks.every(([wanted, actual]) => wanted === undefined || wanted === actual);
}

export const updateQualificationType = defineAction<UpdateTypeRequest>({
  kind: 'update-qualification-type',
  parse: (request) => updateTypeRequest.parse(request),
  target: (request) => request.qualificationTypeId,
  send: (gateway, request, context) => gateway.updateQualificationType(request, callOptions(context)),
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict | Produced>> => {
    const type = await gateway.getQualificationType(request.qualificationTypeId, callOptions(context));
    if (!type.ok) return type;
    return ok(showsUpdate(type.value, request) ? { verdict: 'applied', produced: type.value } : 'not-applied');
  },
  record: (db, connectionId, _request, now, produced) => {
    const type = produced as QualificationType | null;
    if (!type?.qualificationTypeId) return [];
    upsertQualificationTypes(db, connectionId, [type], now);
    return ['qualification_types'];
  },
});

const deleteTypeRequest = z.object({ qualificationTypeId: id }).strict();
export const deleteQualificationType = defineAction<z.infer<typeof deleteTypeRequest>>({
  kind: 'delete-qualification-type',
  parse: (request) => deleteTypeRequest.parse(request),
  target: (request) => request.qualificationTypeId,
  send: (gateway, request, context) => gateway.deleteQualificationType(request.qualificationTypeId, callOptions(context)),
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict>> => {
    const type = await gateway.getQualificationType(request.qualificationTypeId, callOptions(context));
    if (!type.ok) return type.error.kind === 'not-found' ? ok('applied') : type;
    return ok((type.value.status as string) === 'Active' || (type.value.status as string) === 'Inactive' ? 'not-applied' : 'applied');
  },
  alreadyApplied: (error) => error.kind === 'not-found',
  record: (db, connectionId, request, now) => {
    markQualificationTypeDeleted(db, connectionId, request.qualificationTypeId, now);
    return ['qualification_types'];
  },
});

const acceptRequest = z.object({ qualificationRequestId: id, qualificationTypeId: id, workerId: id, integerValue: z.number().int() }).strict();
export const acceptQualificationRequest = defineAction<z.infer<typeof acceptRequest>>({
  kind: 'accept-qualification-request',
  parse: (request) => acceptRequest.parse(request),
  target: (request) => request.qualificationRequestId,
  send: (gateway, request, context) =>
    gateway.acceptQualificationRequest({ qualificationRequestId: request.qualificationRequestId, integerValue: request.integerValue }, callOptions(context)),
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict>> => {
    const held = await scoreOnMTurk(gateway, request.qualificationTypeId, request.workerId, context);
    if (!held.ok) return held;
    return ok(held.value?.status === 'Granted' && held.value.integerValue === request.integerValue ? 'applied' : 'not-applied');
  },
  record: (db, connectionId, request, now) => {
    markRequestAnswered(db, connectionId, request.qualificationRequestId, now);
    upsertQualificationGrants(
      db,
      connectionId,
      [{ qualificationTypeId: request.qualificationTypeId, workerId: request.workerId, integerValue: request.integerValue, localeValue: null, status: 'Granted', grantTime: now }],
      now,
    );
    return ['qualification_requests', 'qualification_grants'];
  },
});

const rejectRequest = z.object({ qualificationRequestId: id, qualificationTypeId: id, reason: z.string().max(1024).optional() }).strict();
export const rejectQualificationRequest = defineAction<z.infer<typeof rejectRequest>>({
  kind: 'reject-qualification-request',
  parse: (request) => rejectRequest.parse(request),
  target: (request) => request.qualificationRequestId,
  send: (gateway, request, context) =>
    gateway.rejectQualificationRequest({ qualificationRequestId: request.qualificationRequestId, reason: request.reason }, callOptions(context)),
  // A request leaves MTurk's queue once answered; still listed means this rejection did not happen.
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict>> => {
    for await (const page of gateway.listQualificationRequests({ qualificationTypeId: request.qualificationTypeId, lane: context.lane, signal: context.signal })) {
      if (!page.ok) return page;
      if (page.value.items.some((open) => open.qualificationRequestId === request.qualificationRequestId)) return ok('not-applied');
    }
    return ok('applied');
  },
  record: (db, connectionId, request, now) => {
    markRequestAnswered(db, connectionId, request.qualificationRequestId, now);
    return ['qualification_requests'];
  },
});

export const QUALIFICATION_ACTIONS: readonly AnyActionDefinition[] = [
  createQualificationType,
  grantQualification,
  revokeQualification,
  updateQualificationType,
  deleteQualificationType,
  acceptQualificationRequest,
  rejectQualificationRequest,
];
