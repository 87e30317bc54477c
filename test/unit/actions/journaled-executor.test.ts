import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appError, type AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { openArchive, type ArchiveDb } from '../../../electron/archive/connection';
import { ensureConnection } from '../../../electron/archive/repos/connections';
import { getJournalEntryByToken, listUnfinished, markSent, recordIntent } from '../../../electron/archive/repos/journal';
import { upsertHits, type HitRecord } from '../../../electron/archive/repos/hits';
import { EventBus } from '../../../electron/core/event-bus';
import { executeAttempts, JournaledExecutor, type Execution } from '../../../electron/services/actions/journaled-executor';
import { actionRegistry } from '../../../electron/services/actions/registry';
import type { Hit, MTurkGateway } from '../../../electron/mturk/types';
import { memoryLogger } from '../../helpers/memory-log';

const NOW = Date.UTC(2026, 11, 1, 12);
const LATER = NOW + 3 * 86_400_000;

/**
 * A gateway with one HIT whose expiration the calls change, scripted to lose answers: honest about what MTurk would
 * have done (the update lands, then the answer is lost), and counting every call it receives.
 */
function scriptedGateway(script: { answers: ('ok' | 'lost-after-applying' | 'lost-before-applying' | 'refused')[]; getHitFails?: boolean }) {
  const hit = { hitId: 'HIT1', expiration: NOW + 3_600_000, maxAssignments: 3, hitTypeId: 'T1', status: 'Assignable' } as Hit;
  const calls = { update: 0, getHit: 0 };
  const lost: AppError = { ...appError('network', 'socket hang up'), delivery: 'maybe-executed' } as AppError;
  const gateway = {
    updateExpirationForHit: async (_id: string, expireAt: number): Promise<Result<void>> => {
      const answer = script.answers[calls.update++] ?? 'ok';
      if (answer === 'refused') return err(appError('validation', 'MTurk refused', { mturkCode: 'AWS.MechanicalTurk.InvalidParameterValue' }));
      if (answer !== 'lost-before-applying') (hit as { expiration: number }).expiration = expireAt;
      return answer === 'ok' ? ok(undefined) : err(lost);
    },
    getHit: async (): Promise<Result<Hit>> => {
      calls.getHit++;
      return script.getHitFails ? err({ ...appError('network', 'still down'), delivery: 'not-sent' } as AppError) : ok({ ...hit });
    },
  } as unknown as MTurkGateway;
  return { gateway, calls, hit };
}

const dbs: ArchiveDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function setup() {
  const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'tb-exec-')), 'a.sqlite'));
  dbs.push(archive);
  const connectionId = ensureConnection(archive.write, { kind: 'custom', endpoint: 'http://x', label: 'X', accountFingerprint: 'f' }, NOW).id;
  upsertHits(archive.write, connectionId, [{ hitId: 'HIT1', hitTypeId: 'T1', title: 'T', description: 'D', rewardCents: 10, maxAssignments: 3, assignmentDurationSeconds: 60, autoApprovalDelaySeconds: 60, creationTime: NOW - 1000, expiration: NOW + 3_600_000, status: 'Assignable', qualificationRequirements: [] } as unknown as HitRecord], NOW);
  const events = new EventBus();
  const changed: unknown[] = [];
  events.subscribe((name, payload) => name === 'archive.changed' && changed.push(payload));
  const executor = new JournaledExecutor({ archive, events, log: memoryLogger().log, now: () => NOW, definitions: actionRegistry() });
  const call = (gateway: MTurkGateway, token = 't1') =>
    executor.execute({ configId: 'lab', archiveConnectionId: connectionId, gateway, kind: 'extend-hit', request: { hitId: 'HIT1', expireAt: LATER }, token, costCents: null, lane: 'interactive' });
  return { archive, connectionId, executor, call, changed };
}

describe('the journaled executor', () => {
  it('sends nothing for a call cancelled before it left, and records it as worth sending again (a resumed job does)', async () => {
    const { connectionId, executor, archive } = setup();
    const { gateway, calls } = scriptedGateway({ answers: ['ok'] });
    const cancelled = new AbortController();
    cancelled.abort();
    const request = { configId: 'lab', archiveConnectionId: connectionId, gateway, kind: 'extend-hit' as const, request: { hitId: 'HIT1', expireAt: LATER }, costCents: null, lane: 'interactive' as const };
    expect(await executor.execute({ ...request, token: 'job:HIT1', signal: cancelled.signal })).toMatchObject({ state: 'failed', retryable: true, error: { kind: 'cancelled' } });
    expect(calls.update).toBe(0);
    // Asked again under the same token (a resume walking its attempts), the stored outcome still says "send again".
    expect(await executor.execute({ ...request, token: 'job:HIT1' })).toMatchObject({ state: 'failed', retryable: true });
    expect(calls.update).toBe(0);
    expect(await executor.execute({ ...request, token: 'job:HIT1#2' })).toMatchObject({ state: 'confirmed' });
    expect(calls.update).toBe(1);
    expect(getJournalEntryByToken(archive.read, connectionId, 'job:HIT1')).toMatchObject({ state: 'failed' });
  });

  it('confirms a call, updates the archive row and announces it', async () => {
    const { call, archive, connectionId, changed } = setup();
    const { gateway } = scriptedGateway({ answers: ['ok'] });
    expect(await call(gateway)).toMatchObject({ state: 'confirmed', alreadyDone: false, entry: { state: 'confirmed', target: 'HIT1' } });
    expect(archive.read.prepare('SELECT expiration FROM hits WHERE connection_id = ?').get(connectionId)).toEqual({ expiration: LATER });
    expect(changed).toEqual([{ connectionId: 'lab', tables: ['hits', 'operations_journal'] }]);
  });

  it('never sends a token twice: a second execute returns the recorded outcome', async () => {
    const { call } = setup();
    const { gateway, calls } = scriptedGateway({ answers: ['ok', 'ok'] });
    await call(gateway);
    expect(await call(gateway)).toMatchObject({ state: 'confirmed', alreadyDone: true });
    expect(calls.update).toBe(1);
  });

  it('turns a lost answer into a question to MTurk, not a failure and not a re-send', async () => {
    const { call } = setup();
    const { gateway, calls } = scriptedGateway({ answers: ['lost-after-applying'] });
    expect(await call(gateway)).toMatchObject({ state: 'confirmed', alreadyDone: true, entry: { outcome: { reconciled: true } } });
    expect(calls).toEqual({ update: 1, getHit: 1 });
  });

  it('reports "did not apply" (retryable) when MTurk says the lost call never landed', async () => {
    const { call } = setup();
    const { gateway, calls } = scriptedGateway({ answers: ['lost-before-applying'] });
    expect(await call(gateway)).toMatchObject({ state: 'failed', retryable: true, error: { message: expect.stringMatching(/did not apply/) } });
    expect(calls.update).toBe(1);
  });

  it('stays unknown while MTurk cannot be asked, then reconciliation settles it without sending again', async () => {
    const { call, executor, archive, connectionId } = setup();
    const down = scriptedGateway({ answers: ['lost-after-applying'], getHitFails: true });
    expect(await call(down.gateway)).toMatchObject({ state: 'unknown', error: { message: expect.stringMatching(/nothing is re-sent/) } });
    expect(listUnfinished(archive.read, connectionId).map((e) => e.state)).toEqual(['unknown']);
    // A second execute of the same token does not send either: it asks.
    expect(await call(down.gateway)).toMatchObject({ state: 'unknown' });
    expect(down.calls.update).toBe(1);

    const back = scriptedGateway({ answers: [] });
    (back.hit as { expiration: number }).expiration = LATER; // MTurk did apply it
    const settled = await executor.reconcile({ configId: 'lab', archiveConnectionId: connectionId, gateway: back.gateway });
    expect(settled.map((s) => s.state)).toEqual(['confirmed']);
    expect(back.calls.update).toBe(0);
    expect(listUnfinished(archive.read, connectionId)).toEqual([]);
  });

  it('reconciles a call left "sent" by a crash, and sends one left "pending" (never sent) exactly once', async () => {
    const { call, executor, archive, connectionId } = setup();
    const sent = recordIntent(archive.write, { connectionId, kind: 'extend-hit', idempotencyToken: 'crashed-after-send', request: { hitId: 'HIT1', expireAt: LATER }, costCents: null }, NOW);
    markSent(archive.write, sent.entry.id, NOW);
    const { gateway, calls } = scriptedGateway({ answers: [] });
    expect(await executor.reconcile({ configId: 'lab', archiveConnectionId: connectionId, gateway })).toMatchObject([{ state: 'failed', retryable: true }]);
    expect(calls.update).toBe(0);

    recordIntent(archive.write, { connectionId, kind: 'extend-hit', idempotencyToken: 'pending', request: { hitId: 'HIT1', expireAt: LATER }, costCents: null, jobId: undefined }, NOW);
    expect(await call(gateway, 'pending')).toMatchObject({ state: 'confirmed', alreadyDone: false });
    expect(calls.update).toBe(1);
    expect(getJournalEntryByToken(archive.read, connectionId, 'pending')?.state).toBe('confirmed');
  });

  it('records a refusal as failed with MTurk\'s words, not retryable', async () => {
    const { call } = setup();
    const { gateway } = scriptedGateway({ answers: ['refused'] });
    expect(await call(gateway)).toMatchObject({ state: 'failed', retryable: false, error: { mturkCode: 'AWS.MechanicalTurk.InvalidParameterValue' } });
  });

  it('leaves a call on its way alone when reconciling, and asks MTurk once however many callers settle the same entry', async () => {
    const { call, executor, archive, connectionId } = setup();
    const { gateway, calls } = scriptedGateway({ answers: ['ok'] });
    let release: () => void = () => undefined;
    const slow = { ...gateway, updateExpirationForHit: async (...args: Parameters<MTurkGateway['updateExpirationForHit']>) => {
      await new Promise<void>((resolve) => (release = resolve));
      return gateway.updateExpirationForHit(...args);
    } } as MTurkGateway;
    const sending = call(slow);
    await new Promise((resolve) => setImmediate(resolve));
    // The start-up reconciler runs while the call waits in the queue: it must not judge it.
    expect(await executor.reconcile({ configId: 'lab', archiveConnectionId: connectionId, gateway })).toEqual([]);
    release();
    expect(await sending).toMatchObject({ state: 'confirmed', alreadyDone: false });

    const lost = recordIntent(archive.write, { connectionId, kind: 'extend-hit', idempotencyToken: 'lost', request: { hitId: 'HIT1', expireAt: LATER }, costCents: null }, NOW);
    const sentEntry = markSent(archive.write, lost.entry.id, NOW);
    const before = calls.getHit;
    const [a, b] = await Promise.all([
      executor.reconcileEntry(sentEntry, gateway, 'lab', 'interactive'),
      executor.reconcileEntry(sentEntry, gateway, 'lab', 'interactive'),
    ]);
    expect(a).toBe(b);
    expect(calls.getHit - before).toBe(1);
  });

  it('marks a call sent when it leaves its lane, so a call still queued when Turkbench stops was never sent', async () => {
    const { call, archive, connectionId } = setup();
    const { gateway } = scriptedGateway({ answers: ['ok'] });
    let leave: () => void = () => undefined;
    const queued = { ...gateway, updateExpirationForHit: async (id: string, at: number, options?: { onSend?: () => void }) => {
      await new Promise<void>((resolve) => (leave = resolve));
      options?.onSend?.();
      return gateway.updateExpirationForHit(id, at);
    } } as MTurkGateway;
    const sending = call(queued, 'queued');
    await new Promise((resolve) => setImmediate(resolve));
    expect(getJournalEntryByToken(archive.read, connectionId, 'queued')?.state).toBe('pending');
    leave();
    expect(await sending).toMatchObject({ state: 'confirmed' });
  });
});

describe('executeAttempts, the one retry rule', () => {
  const failed = (kind: AppError['kind'], retryable: boolean): Execution => ({ state: 'failed', entry: {} as never, error: appError(kind, kind), retryable });
  const scripted = (outcomes: Execution[]) => {
    const tokens: string[] = [];
    const executor = { execute: async (call: { token: string }): Promise<Execution> => (tokens.push(call.token), outcomes[tokens.length - 1] ?? { state: 'confirmed', entry: {} as never, alreadyDone: false }) };
    return { executor, tokens };
  };
  const call = { configId: 'lab', archiveConnectionId: 1, gateway: {} as MTurkGateway, kind: 'extend-hit' as const, request: {}, costCents: null, lane: 'bulk' as const };

  it('tries a transient refusal again, each attempt under its own token, at most the number of attempts', async () => {
    const { executor, tokens } = scripted([failed('throttled', true), failed('throttled', true), failed('throttled', true)]);
    expect(await executeAttempts(executor, call, (n) => `t#${n}`, 2)).toMatchObject({ state: 'failed', error: { kind: 'throttled' } });
    expect(tokens).toEqual(['t#1', 't#2']);
  });

  it('does not count calls cancelled before they left: a job cancelled and resumed still gets all its tries', async () => {
    const { executor, tokens } = scripted([failed('cancelled', true), failed('cancelled', true), failed('cancelled', true), failed('throttled', true)]);
    expect(await executeAttempts(executor, call, (n) => `t#${n}`, 2)).toMatchObject({ state: 'confirmed' });
    expect(tokens).toEqual(['t#1', 't#2', 't#3', 't#4', 't#5']);
  });

  it('stops at once on a refusal that is not transient, and when its own signal is aborted', async () => {
    const refused = scripted([failed('validation', false)]);
    expect(await executeAttempts(refused.executor, call, (n) => `t#${n}`, 4)).toMatchObject({ state: 'failed' });
    expect(refused.tokens).toHaveLength(1);
    const aborted = new AbortController();
    aborted.abort();
    const cancelled = scripted([failed('cancelled', true)]);
    await executeAttempts(cancelled.executor, { ...call, signal: aborted.signal }, (n) => `t#${n}`, 4);
    expect(cancelled.tokens).toHaveLength(1);
  });
});
