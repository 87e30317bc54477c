/**
 * The one journaled write of its own a compensation needs: its HIT, open only to holders of the compensation's private
 * qualification (requirement `Exists`, guarding discovery, preview and accept), so no other worker can see it. The HIT
 * carries a deterministic UniqueRequestToken and a RequesterAnnotation naming the compensation, so a lost answer is
 * settled by finding the HIT in a listing — never by creating a second one.
 */
import { z } from 'zod';
import { ok, type Result } from '../../../shared/result';
import { setCompensationHit } from '../../archive/repos/compensations';
import { upsertHits } from '../../archive/repos/hits';
import type { Hit, MTurkGateway } from '../../mturk/types';
import { defineAction, type AnyActionDefinition, type Produced, type SendContext, type Verdict } from './action-definition';

const id = z.string().min(1).max(64);

const hitRequest = z
  .object({
    compensationId: id,
    qualificationTypeId: id,
    title: z.string().min(1).max(128),
    description: z.string().min(1).max(2000),
    rewardCents: z.number().int().min(1),
    maxAssignments: z.number().int().min(1).max(100),
    question: z.string().min(1),
    lifetimeSeconds: z.number().int().min(60),
    assignmentDurationSeconds: z.number().int().min(30),
    autoApprovalDelaySeconds: z.number().int().min(0),
  })
  .strict();
type HitRequest = z.infer<typeof hitRequest>;

/** The RequesterAnnotation that finds a compensation's HIT again. */
export const compensationTag = (compensationId: string): string => `tb-compensation:${compensationId}`;

async function findTagged(gateway: MTurkGateway, tag: string, context: SendContext): Promise<Result<Hit | null>> {
  for await (const page of gateway.listHits({ lane: context.lane, signal: context.signal })) {
    if (!page.ok) return page;
    const found = page.value.items.find((hit) => hit.requesterAnnotation === tag);
    if (found) return ok(found);
  }
  return ok(null);
}

export const createCompensationHit = defineAction<HitRequest>({
  kind: 'create-compensation-hit',
  parse: (request) => hitRequest.parse(request),
  target: (request) => compensationTag(request.compensationId),
  send: async (gateway, request, context) => {
    const options = { signal: context.signal, lane: context.lane, onSend: context.onSend };
    // CreateHITType answers the same id for the same properties: asking again on a retry creates nothing new.
    const type = await gateway.createHitType(
      {
        title: request.title,
        description: request.description,
        rewardCents: request.rewardCents,
        assignmentDurationSeconds: request.assignmentDurationSeconds,
        autoApprovalDelaySeconds: request.autoApprovalDelaySeconds,
        keywords: 'compensation',
        qualificationRequirements: [{ QualificationTypeId: request.qualificationTypeId, Comparator: 'Exists', ActionsGuarded: 'DiscoverPreviewAndAccept' }],
      },
      { signal: context.signal, lane: context.lane },
    );
    if (!type.ok) return type;
    const made = await gateway.createHitWithHitType(
      {
        hitTypeId: type.value.hitTypeId,
        question: request.question,
        lifetimeSeconds: request.lifetimeSeconds,
        maxAssignments: request.maxAssignments,
        requesterAnnotation: compensationTag(request.compensationId),
        uniqueRequestToken: `tb-comp-${request.compensationId}`,
      },
      options,
    );
    return made.ok ? ok({ hit: made.value.hit }) : made;
  },
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict | Produced>> => {
    const found = await findTagged(gateway, compensationTag(request.compensationId), context);
    if (!found.ok) return found;
    return ok(found.value ? { verdict: 'applied', produced: { hit: found.value } } : 'not-applied');
  },
  record: (db, connectionId, request, now, produced) => {
    const hit = (produced as { hit?: Hit } | null)?.hit;
    if (!hit) return [];
    upsertHits(db, connectionId, [hit], now);
    setCompensationHit(db, request.compensationId, hit.hitId, now);
    return ['hits'];
  },
});

export const COMPENSATION_ACTIONS: readonly AnyActionDefinition[] = [createCompensationHit];
