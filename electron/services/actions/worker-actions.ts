/**
 * Journaled writes about workers: hard blocks and unblocks (the reason kept in the worker's history, since MTurk
 * forgets a lifted block), and NotifyWorkers, one call per chunk of at most 100 workers with each worker's delivery
 * stored. A lost NotifyWorkers answer cannot be asked about afterwards: it counts as sent, its deliveries `Unknown`,
 * because sending again would message the workers twice.
 */
import { z } from 'zod';
import { ok, type Result } from '../../../shared/result';
import { recordMessage } from '../../archive/repos/messages';
import { currentBlock, markBlockLifted, upsertWorkerBlocks } from '../../archive/repos/worker-blocks';
import { addWorkerNote } from '../../archive/repos/worker-notes';
import type { MTurkGateway, NotifyFailure } from '../../mturk/types';
import { defineAction, type AnyActionDefinition, type Produced, type SendContext, type Verdict } from './action-definition';

export const MAX_NOTIFY_RECIPIENTS = 100;
export const MAX_SUBJECT_CHARS = 200;
export const MAX_BODY_CHARS = 4096;

const workerId = z.string().min(1).max(64);
const reason = z.string().trim().min(1).max(1024);

const callOptions = (context: SendContext): { signal?: AbortSignal; lane: SendContext['lane']; onSend?: () => void } => ({
  signal: context.signal,
  lane: context.lane,
  onSend: context.onSend,
});

async function isBlockedOnMTurk(gateway: MTurkGateway, id: string, context: SendContext): Promise<Result<boolean>> {
  for await (const page of gateway.listWorkerBlocks({ lane: context.lane, signal: context.signal })) {
    if (!page.ok) return page;
    if (page.value.items.some((block) => block.workerId === id)) return ok(true);
  }
  return ok(false);
}

const blockRequest = z.object({ workerId, reason }).strict();
export const blockWorker = defineAction<z.infer<typeof blockRequest>>({
  kind: 'block-worker',
  parse: (request) => blockRequest.parse(request),
  target: (request) => request.workerId,
  send: (gateway, request, context) => gateway.createWorkerBlock({ workerId: request.workerId, reason: request.reason }, callOptions(context)),
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict>> => {
    const blocked = await isBlockedOnMTurk(gateway, request.workerId, context);
    return blocked.ok ? ok(blocked.value ? 'applied' : 'not-applied') : blocked;
  },
  recorded: (db, connectionId, request) => currentBlock(db, connectionId, request.workerId)?.reason === request.reason,
  record: (db, connectionId, request, now) => {
    upsertWorkerBlocks(db, connectionId, [{ workerId: request.workerId, reason: request.reason }], now);
    addWorkerNote(db, connectionId, request.workerId, 'block', request.reason, now);
    return ['worker_blocks', 'worker_notes'];
  },
});

const unblockRequest = z.object({ workerId, reason }).strict();
export const unblockWorker = defineAction<z.infer<typeof unblockRequest>>({
  kind: 'unblock-worker',
  parse: (request) => unblockRequest.parse(request),
  target: (request) => request.workerId,
  send: (gateway, request, context) => gateway.deleteWorkerBlock({ workerId: request.workerId, reason: request.reason }, callOptions(context)),
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict>> => {
    const blocked = await isBlockedOnMTurk(gateway, request.workerId, context);
    return blocked.ok ? ok(blocked.value ? 'not-applied' : 'applied') : blocked;
  },
  record: (db, connectionId, request, now) => {
    markBlockLifted(db, connectionId, request.workerId, now);
    addWorkerNote(db, connectionId, request.workerId, 'unblock', request.reason, now);
    return ['worker_blocks', 'worker_notes'];
  },
});

const notifyRequest = z
  .object({
    /** Which send and which chunk of it: the journal target, so one message's chunks are told apart. */
    sendId: z.string().min(1).max(64),
    chunk: z.number().int().min(0),
    subject: z.string().min(1).max(MAX_SUBJECT_CHARS),
    body: z.string().min(1).max(MAX_BODY_CHARS),
    workerIds: z.array(workerId).min(1).max(MAX_NOTIFY_RECIPIENTS),
  })
  .strict();
type NotifyRequest = z.infer<typeof notifyRequest>;

const deliveriesFrom = (request: NotifyRequest, failures: readonly NotifyFailure[] | null): Parameters<typeof recordMessage>[2]['recipients'] => {
  if (failures === null) return request.workerIds.map((id) => ({ workerId: id, delivery: 'Unknown', failureMessage: "MTurk's answer was lost; it cannot say whether this worker was reached." }));
  const byWorker = new Map(failures.map((failure) => [failure.workerId, failure]));
  return request.workerIds.map((id) => {
    const failure = byWorker.get(id);
    return failure ? { workerId: id, delivery: failure.code, failureMessage: failure.message } : { workerId: id, delivery: 'Sent', failureMessage: null };
  });
};

export const notifyWorkers = defineAction<NotifyRequest>({
  kind: 'notify-workers',
  parse: (request) => notifyRequest.parse(request),
  target: (request) => `${request.sendId}#${request.chunk}`,
  send: (gateway, request, context) => gateway.notifyWorkers({ subject: request.subject, text: request.body, workerIds: request.workerIds }, callOptions(context)),
  // MTurk keeps no record of messages to read back; a second send would reach the workers twice.
  verify: (): Promise<Result<Produced>> => Promise.resolve(ok({ verdict: 'applied', produced: null })),
  record: (db, connectionId, request, now, produced) => {
    const failures = (produced as { failures?: readonly NotifyFailure[] } | null)?.failures ?? null;
    recordMessage(db, connectionId, { subject: request.subject, body: request.body, sentAt: now, recipients: deliveriesFrom(request, failures) });
    return ['messages'];
  },
});

export const WORKER_ACTIONS: readonly AnyActionDefinition[] = [blockWorker, unblockWorker, notifyWorkers];
