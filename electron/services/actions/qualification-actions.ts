/**
 * Journaled qualification writes: a batch's hidden exclusion type, and grants of a qualification to a worker (sent
 * without notifying the worker). A grant is absolute (value 1, Granted), so applying it twice changes nothing.
 */
import { z } from 'zod';
import { ok, type Result } from '../../../shared/result';
import { setBatchExclusionType } from '../../archive/repos/batches';
import { grantsForType, upsertQualificationGrants, upsertQualificationTypes } from '../../archive/repos/qualifications';
import type { MTurkGateway, QualificationType } from '../../mturk/types';
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

const exclusionTypeRequest = z.object({ batchId: id, name: z.string().min(1).max(128), description: z.string().min(1).max(2000) }).strict();

/**
 * The hidden exclusion type of a micro-batched batch. A name MTurk says exists already is this batch's own type (from
 * a call whose answer was lost), found again by name rather than made twice.
 */
export const createExclusionType = defineAction<z.infer<typeof exclusionTypeRequest>>({
  kind: 'create-qualification-type',
  parse: (request) => exclusionTypeRequest.parse(request),
  target: (request) => `${request.batchId}/exclusion`,
  send: async (gateway, request, context) => {
    const made = await gateway.createQualificationType({ name: request.name, description: request.description, status: 'Active' }, callOptions(context));
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
    setBatchExclusionType(db, request.batchId, type.qualificationTypeId, now);
    return ['qualification_types', 'batches'];
  },
});

const grantRequest = z.object({ qualificationTypeId: id, workerId: id, integerValue: z.number().int(), sendNotification: z.boolean() }).strict();
type GrantRequest = z.infer<typeof grantRequest>;

const isGranted = (grants: readonly { workerId: string; status: string }[], workerId: string): boolean =>
  grants.some((grant) => grant.workerId === workerId && grant.status === 'Granted');

export const grantQualification = defineAction<GrantRequest>({
  kind: 'grant-qualification',
  parse: (request) => grantRequest.parse(request),
  target: (request) => `${request.qualificationTypeId}/${request.workerId}`,
  send: (gateway, request, context) =>
    gateway.associateQualification(
      { qualificationTypeId: request.qualificationTypeId, workerId: request.workerId, integerValue: request.integerValue, sendNotification: request.sendNotification },
      callOptions(context),
    ),
  recorded: (db, connectionId, request) => isGranted(grantsForType(db, connectionId, request.qualificationTypeId), request.workerId),
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict>> => {
    for await (const page of gateway.listWorkersWithQualificationType(request.qualificationTypeId, { status: 'Granted', lane: context.lane, signal: context.signal })) {
      if (!page.ok) return page;
      if (page.value.items.some((grant) => grant.workerId === request.workerId && grant.integerValue === request.integerValue)) return ok('applied');
    }
    return ok('not-applied');
  },
  record: (db, connectionId, request, now) => {
    upsertQualificationGrants(
      db,
      connectionId,
      [{ qualificationTypeId: request.qualificationTypeId, workerId: request.workerId, integerValue: request.integerValue, localeValue: null, status: 'Granted', grantTime: now }],
      now,
    );
    return ['qualification_grants'];
  },
});

export const QUALIFICATION_ACTIONS: readonly AnyActionDefinition[] = [createExclusionType, grantQualification];
