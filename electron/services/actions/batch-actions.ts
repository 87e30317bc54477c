/**
 * The journaled actions a batch launch is made of: one HIT type, then one HIT per (row, part). Each HIT carries a
 * deterministic UniqueRequestToken and a RequesterAnnotation tag naming its batch, row and part, so whether it exists
 * can always be answered — by the token within MTurk's 24 hours, by the tag at any time.
 */
import { z } from 'zod';
import { ok, type Result } from '../../../shared/result';
import { batchHitId, setBatchHitId, setBatchHitType } from '../../archive/repos/batches';
import { upsertHitTypes, upsertHits } from '../../archive/repos/hits';
import type { Hit, MTurkGateway } from '../../mturk/types';
import { defineAction, type AnyActionDefinition, type Produced, type SendContext, type Verdict } from './action-definition';

const id = z.string().min(1).max(64);

const callOptions = (context: SendContext): { signal?: AbortSignal; lane: SendContext['lane']; onSend?: () => void } => ({
  signal: context.signal,
  lane: context.lane,
  onSend: context.onSend,
});

const requirement = z.object({
  QualificationTypeId: id,
  Comparator: z.enum(['LessThan', 'LessThanOrEqualTo', 'GreaterThan', 'GreaterThanOrEqualTo', 'EqualTo', 'NotEqualTo', 'Exists', 'DoesNotExist', 'In', 'NotIn']),
  IntegerValues: z.array(z.number().int()).optional(),
  LocaleValues: z.array(z.object({ Country: z.string(), Subdivision: z.string().optional() })).optional(),
  ActionsGuarded: z.enum(['Accept', 'PreviewAndAccept', 'DiscoverPreviewAndAccept']).optional(),
});

const hitTypeRequest = z
  .object({
    batchId: id,
    title: z.string().min(1),
    description: z.string().min(1),
    keywords: z.string(),
    rewardCents: z.number().int().min(1),
    assignmentDurationSeconds: z.number().int(),
    autoApprovalDelaySeconds: z.number().int(),
    qualificationRequirements: z.array(requirement),
  })
  .strict();

/**
 * CreateHITType answers the same id for the same properties, so asking again is how a lost answer is settled: it
 * creates nothing new.
 */
export const createBatchHitType = defineAction<z.infer<typeof hitTypeRequest>>({
  kind: 'create-hit-type',
  parse: (request) => hitTypeRequest.parse(request),
  target: (request) => `${request.batchId}/type`,
  send: (gateway, request, context) => gateway.createHitType(request, callOptions(context)),
  verify: async (gateway, request, _sentAt, context): Promise<Result<Produced>> => {
    const made = await gateway.createHitType(request, callOptions(context));
    return made.ok ? ok({ verdict: 'applied', produced: made.value }) : made;
  },
  record: (db, connectionId, request, now, produced) => {
    const hitTypeId = (produced as { hitTypeId?: unknown } | null)?.hitTypeId;
    if (typeof hitTypeId !== 'string') return ['batches'];
    setBatchHitType(db, request.batchId, hitTypeId, now);
    // MTurk has no call that reads a HIT type back: its terms are known here, from what created it, or from its HITs.
    const { batchId: _batch, ...terms } = request;
    upsertHitTypes(db, connectionId, [{ hitTypeId, ...terms }], now);
    return ['batches', 'hit_types'];
  },
});

/** The RequesterAnnotation tag of a batch HIT: `tb:<batch>:r<row>[.<part>]`, after the requester's own annotation. */
export function batchTag(batchId: string, rowNumber: number, part: number): string {
  return `tb:${batchId}:r${rowNumber}${part > 0 ? `.${part}` : ''}`;
}

const ANNOTATION_MAX = 255;

export function batchAnnotation(own: string | null, batchId: string, rowNumber: number, part: number): string {
  const tag = batchTag(batchId, rowNumber, part);
  if (!own) return tag;
  return `${own.slice(0, ANNOTATION_MAX - tag.length - 1)} ${tag}`;
}

/** Where a tagged HIT belongs, read back from its annotation (null for HITs Turkbench did not launch). */
export function readBatchTag(annotation: string | null): { batchId: string; rowNumber: number; part: number } | null {
  const match = /(?:^| )tb:([A-Za-z0-9]+):r(\d+)(?:\.(\d+))?$/.exec(annotation ?? '');
  return match ? { batchId: match[1]!, rowNumber: Number(match[2]), part: Number(match[3] ?? 0) } : null;
}

const hitRequest = z
  .object({
    batchId: id,
    rowNumber: z.number().int().min(1),
    part: z.number().int().min(0),
    hitTypeId: id,
    question: z.string().min(1),
    lifetimeSeconds: z.number().int(),
    maxAssignments: z.number().int().min(1),
    requesterAnnotation: z.string().min(1).max(ANNOTATION_MAX),
    uniqueRequestToken: z.string().min(1).max(64),
  })
  .strict();
type HitRequest = z.infer<typeof hitRequest>;

/** A listing of the account taken after `takenAt`, by annotation tag: one listing answers every lost create sent before it. */
const listings = new WeakMap<MTurkGateway, { takenAt: number; byTag: Map<string, Hit> }>();

/** How long after sending a listing must start to be sure to include what the call created. */
const LISTING_SLACK_MS = 2_000;

async function findByTag(gateway: MTurkGateway, tag: string, sentAt: number, context: SendContext): Promise<Result<Hit | null>> {
  const cached = listings.get(gateway);
  if (cached && cached.takenAt >= sentAt + LISTING_SLACK_MS) return ok(cached.byTag.get(tag) ?? null);
  const takenAt = Date.now();
  const byTag = new Map<string, Hit>();
  for await (const page of gateway.listHits({ lane: context.lane, signal: context.signal })) {
    if (!page.ok) return page;
    for (const hit of page.value.items) {
      const found = readBatchTag(hit.requesterAnnotation);
      if (found) byTag.set(batchTag(found.batchId, found.rowNumber, found.part), hit);
    }
  }
  listings.set(gateway, { takenAt, byTag });
  return ok(byTag.get(tag) ?? null);
}

/**
 * One HIT of a batch. A lost answer is settled by looking for the HIT's tag in a listing of the account — never by
 * sending again — so a restart days later still finds what exists instead of creating it twice.
 */
export const createBatchHit = defineAction<HitRequest>({
  kind: 'create-hit',
  parse: (request) => hitRequest.parse(request),
  target: (request) => batchTag(request.batchId, request.rowNumber, request.part),
  send: async (gateway, request, context) => {
    const made = await gateway.createHitWithHitType(request, callOptions(context));
    return made.ok ? ok({ hit: made.value.hit }) : made;
  },
  recorded: (db, _connectionId, request) => batchHitId(db, request.batchId, request.rowNumber, request.part) !== null,
  verify: async (gateway, request, sentAt, context): Promise<Result<Verdict | Produced>> => {
    const found = await findByTag(gateway, batchTag(request.batchId, request.rowNumber, request.part), sentAt, context);
    if (!found.ok) return found;
    return ok(found.value ? { verdict: 'applied', produced: { hit: found.value } } : 'not-applied');
  },
  record: (db, connectionId, request, now, produced) => {
    const hit = (produced as { hit?: Hit } | null)?.hit;
    if (!hit) return [];
    upsertHits(db, connectionId, [hit], now);
    setBatchHitId(db, request.batchId, request.rowNumber, request.part, hit.hitId);
    return ['hits', 'batches'];
  },
});

export const BATCH_ACTIONS: readonly AnyActionDefinition[] = [createBatchHitType, createBatchHit];
