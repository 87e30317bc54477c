import { afterEach, describe, expect, it } from 'vitest';
import { createGateway } from '../../../electron/mturk/gateway';
import type { GatewayLogEvent } from '../../../electron/mturk/gateway-core';
import type { MTurkGateway, Page } from '../../../electron/mturk/types';
import type { Result } from '../../../shared/result';
import { startCannedServer, TEST_CREDENTIALS, type CannedResponse, type RecordedRequest } from './canned-server';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const FAST = { ratePerSecond: 1000, burst: 1000, concurrency: 4, transientBaseDelayMs: 1, throttleBaseDelayMs: 1 };

async function gatewayAgainst(answer: (request: RecordedRequest) => CannedResponse) {
  const server = await startCannedServer(answer);
  cleanups.push(server.close);
  const events: GatewayLogEvent[] = [];
  const created = createGateway({
    connection: { id: 'c', label: 'Canned', kind: 'custom', endpoint: server.url, region: 'us-east-1', credentials: { type: 'env' } },
    credentials: TEST_CREDENTIALS,
    scheduler: FAST,
    log: (event) => events.push(event),
  });
  if (!created.ok) throw new Error(created.error.message);
  cleanups.push(() => created.value.close());
  return { gateway: created.value, requests: server.requests, events };
}

const SERVICE_FAULT: CannedResponse = { status: 500, body: { __type: 'ServiceFault', Message: 'oops' } };

function requestError(turkCode: string, message: string): CannedResponse {
  return { status: 400, body: { __type: 'RequestError', Message: message, TurkErrorCode: turkCode } };
}

/** Waits (real time, bounded) for a condition the server side makes true. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!condition()) throw new Error('condition never became true');
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function allPages<T>(pages: AsyncIterable<Result<Page<T>>>): Promise<Array<Result<Page<T>>>> {
  const out: Array<Result<Page<T>>> = [];
  for await (const page of pages) out.push(page);
  return out;
}

const WIRE_HIT = {
  HITId: '3HIT', HITTypeId: '3TYPE', HITGroupId: '3GROUP', CreationTime: 1700000000.123, Title: 'Label images',
  Description: 'd', Question: '<HTMLQuestion/>', Keywords: 'k', HITStatus: 'Assignable', MaxAssignments: 3,
  Reward: '0.05', AutoApprovalDelayInSeconds: 3600, Expiration: 1700003600, AssignmentDurationInSeconds: 600,
  QualificationRequirements: [{ QualificationTypeId: '00000000000000000071', Comparator: 'In', LocaleValues: [{ Country: 'US' }] }],
  HITReviewStatus: 'NotReviewed', NumberOfAssignmentsPending: 1, NumberOfAssignmentsAvailable: 1, NumberOfAssignmentsCompleted: 1,
};

describe('gateway reads map the wire to domain types', () => {
  it('returns a HIT with cents, epoch-ms times and raw XML', async () => {
    const { gateway } = await gatewayAgainst(() => ({ status: 200, body: { HIT: WIRE_HIT } }));
    const hit = value(await gateway.getHit('3HIT'));
    expect(hit).toMatchObject({
      hitId: '3HIT', rewardCents: 5, creationTime: 1700000000123, expiration: 1700003600000,
      question: '<HTMLQuestion/>', status: 'Assignable', requesterAnnotation: null, hitLayoutId: null,
      qualificationRequirements: [{ QualificationTypeId: '00000000000000000071', Comparator: 'In', LocaleValues: [{ Country: 'US' }] }],
    });
  });

  it('reads the balance in cents, and reports an unreadable amount as an internal error', async () => {
    let balance = '10000.50';
    const { gateway } = await gatewayAgainst(() => ({ status: 200, body: { AvailableBalance: balance } }));
    expect(value(await gateway.getAccountBalance())).toEqual({ availableCents: 1000050, onHoldCents: null });
    balance = '$5';
    const bad = await gateway.getAccountBalance();
    expect(bad.ok ? null : bad.error).toMatchObject({ kind: 'internal', message: "MTurk sent an unreadable AvailableBalance: '$5'." });
  });

  it('asks for 100 per page, all assignment statuses, and follows NextToken', async () => {
    const { gateway, requests } = await gatewayAgainst((request) => {
      const page = request.body.NextToken === undefined ? 0 : 1;
      const assignment = { AssignmentId: `3A${page}`, WorkerId: 'AW1', HITId: '3HIT', AssignmentStatus: 'Rejected', SubmitTime: 1700000000 };
      return { status: 200, body: { Assignments: [assignment], NumResults: 1, ...(page === 0 ? { NextToken: 'tok-1' } : {}) } };
    });
    const pages = (await allPages(gateway.listAssignmentsForHit('3HIT'))).map(value);
    expect(pages.map((p) => [p.index, p.requestToken, p.nextToken])).toEqual([[0, null, 'tok-1'], [1, 'tok-1', null]]);
    expect(pages[1]?.items[0]).toMatchObject({ assignmentId: '3A1', status: 'Rejected', submitTime: 1700000000000, answerXml: '' });
    expect(requests[0]?.body).toEqual({ HITId: '3HIT', AssignmentStatuses: ['Submitted', 'Approved', 'Rejected'], MaxResults: 100 });
    expect(requests[1]?.body).toMatchObject({ NextToken: 'tok-1' });
  });

  it('lists only qualification types the caller owns', async () => {
    const { gateway, requests } = await gatewayAgainst(() => ({
      status: 200,
      body: { QualificationTypes: [{ QualificationTypeId: '3Q', Name: 'Skilled', IsRequestable: true, AutoGranted: false, QualificationTypeStatus: 'Active', CreationTime: 1700000000 }] },
    }));
    const [page] = await allPages(gateway.listQualificationTypes());
    expect(page && value(page).items[0]).toMatchObject({ qualificationTypeId: '3Q', name: 'Skilled', test: null, status: 'Active', creationTime: 1700000000000 });
    expect(requests[0]?.body).toEqual({ MustBeOwnedByCaller: true, MustBeRequestable: false, MaxResults: 100 });
  });

  it('ends a listing with one error Result instead of throwing', async () => {
    const { gateway } = await gatewayAgainst(() => ({
      status: 400,
      body: { __type: 'RequestError', Message: 'Hit 3X does not exist. (1619128282649)', TurkErrorCode: 'AWS.MechanicalTurk.HITDoesNotExist' },
    }));
    const pages = await allPages(gateway.listBonusPayments({ hitId: '3X' }));
    expect(pages).toEqual([{ ok: false, error: { kind: 'not-found', message: 'Hit 3X does not exist.', mturkCode: 'AWS.MechanicalTurk.HITDoesNotExist', delivery: 'refused' } }]);
  });
});

describe('gateway writes', () => {
  it('sends money as two-decimal strings and times as epoch seconds', async () => {
    const { gateway, requests } = await gatewayAgainst(() => ({ status: 200, body: {} }));
    value(await gateway.sendBonus({ workerId: 'AW1', assignmentId: '3A', amountCents: 125, reason: 'Great work', uniqueRequestToken: 'b-1' }));
    value(await gateway.updateExpirationForHit('3HIT', 1700000000500));
    expect(requests[0]).toEqual({
      operation: 'SendBonus',
      body: { WorkerId: 'AW1', AssignmentId: '3A', BonusAmount: '1.25', Reason: 'Great work', UniqueRequestToken: 'b-1' },
    });
    expect(requests[1]?.body).toEqual({ HITId: '3HIT', ExpireAt: 1700000000.5 });
  });

  it('re-sends a write whose repeat is harmless after a ServiceFault, never an approval or a bonus without a token', async () => {
    let calls = 0;
    const { gateway, events } = await gatewayAgainst((request) => {
      calls += 1;
      if (calls === 1) return SERVICE_FAULT;
      return { status: 200, body: request.operation === 'CreateHITType' ? { HITTypeId: '3TYPE' } : {} };
    });
    expect(value(await gateway.createHitType({ title: 't', description: 'd', rewardCents: 5, assignmentDurationSeconds: 60 }))).toEqual({ hitTypeId: '3TYPE' });
    expect(events.map((e) => [e.operation, e.outcome])).toEqual([['CreateHITType', 'transient'], ['CreateHITType', 'ok']]);

    // The approval may have happened: a re-send would answer InvalidAssignmentState for work that is approved.
    calls = 0;
    const approval = await gateway.approveAssignment('3A', 'Thanks');
    expect(approval.ok ? null : approval.error).toMatchObject({ kind: 'internal', delivery: 'maybe-executed' });
    expect(calls).toBe(1);

    calls = 0;
    const bonus = await gateway.sendBonus({ workerId: 'AW1', assignmentId: '3A', amountCents: 100, reason: 'r' });
    expect(bonus.ok ? null : bonus.error).toMatchObject({ kind: 'internal', delivery: 'maybe-executed' });
    expect(calls).toBe(1);
    expect(gateway.stats()).toMatchObject({ calls: 3, succeeded: 1, failed: 2, retries: 1 });
  });

  it('reports a repeated bonus token after a lost answer as already done, with one token throughout', async () => {
    const { gateway, requests } = await gatewayAgainst(() =>
      requests.length === 1
        ? SERVICE_FAULT
        : requestError('AWS.MechanicalTurk.DuplicateRequest', 'The bonus with UniqueRequestToken "b-9" was already paid by request 1a2b. (1700000000000)'),
    );
    expect(value(await gateway.sendBonus({ workerId: 'AW1', assignmentId: '3A', amountCents: 100, reason: 'r', uniqueRequestToken: 'b-9' }))).toEqual({
      alreadyDone: true,
    });
    expect(requests.map((r) => [r.operation, r.body.UniqueRequestToken])).toEqual([['SendBonus', 'b-9'], ['SendBonus', 'b-9']]);
  });

  it('returns the existing HIT when CreateHIT answers that the token already made one', async () => {
    const { gateway, requests } = await gatewayAgainst((request) => {
      if (request.operation === 'GetHIT') return { status: 200, body: { HIT: WIRE_HIT } };
      return requests.length === 1
        ? { status: 200, body: {}, drop: true }
        : requestError('AWS.MechanicalTurk.HitAlreadyExists', 'The HIT with ID "3HIT" already exists with UniqueRequestToken "row-7". (1700000000000)');
    });
    // The first answer is lost: re-sent with the same token.
    const created = value(await gateway.createHitWithHitType({ hitTypeId: '3TYPE', question: '<q/>', lifetimeSeconds: 600, uniqueRequestToken: 'row-7' }));
    expect(created).toMatchObject({ alreadyDone: true, hit: { hitId: '3HIT', rewardCents: 5 } });
    expect(requests.map((r) => r.operation)).toEqual(['CreateHITWithHITType', 'CreateHITWithHITType', 'GetHIT']);
    expect(requests[2]?.body).toEqual({ HITId: '3HIT' });
  });

  it('re-sends an approval that never reached MTurk and says it was not sent', async () => {
    const server = await startCannedServer(() => ({ status: 200, body: {} }));
    await server.close();
    const events: GatewayLogEvent[] = [];
    const created = createGateway({
      connection: { id: 'c', label: 'Closed', kind: 'custom', endpoint: server.url, region: 'us-east-1', credentials: { type: 'env' } },
      credentials: TEST_CREDENTIALS,
      scheduler: FAST,
      log: (event) => events.push(event),
    });
    if (!created.ok) throw new Error(created.error.message);
    cleanups.push(() => created.value.close());
    const approval = await created.value.approveAssignment('3A');
    expect(approval.ok ? null : approval.error).toMatchObject({ kind: 'network', mturkCode: 'ECONNREFUSED', delivery: 'not-sent' });
    expect(events.map((e) => e.outcome)).toEqual(['unreachable', 'unreachable', 'unreachable']);
  });

  it('reports a cancelled call as cancelled: not sent while queued, maybe executed once in flight', async () => {
    const { gateway, requests } = await gatewayAgainst(() => ({ status: 200, body: {}, hang: true }));
    const before = new AbortController();
    before.abort();
    const queued = await gateway.approveAssignment('3A', undefined, { signal: before.signal });
    expect(queued.ok ? null : queued.error).toMatchObject({ kind: 'cancelled', delivery: 'not-sent' });
    expect(requests).toHaveLength(0);

    const during = new AbortController();
    const inFlight = gateway.approveAssignment('3A', undefined, { signal: during.signal });
    await until(() => requests.length === 1);
    during.abort();
    const result = await inFlight;
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'cancelled', delivery: 'maybe-executed' });
  });

  it('queues each call in the lane it names', async () => {
    const { gateway, requests } = await gatewayAgainst(() => ({ status: 200, body: {}, hang: true }));
    const stop = new AbortController();
    const signal = stop.signal;
    const calls = [
      gateway.getHit('3H', { signal, lane: 'sync' }),
      gateway.getHit('3H', { signal, lane: 'sync' }),
      gateway.getHit('3H', { signal, lane: 'sync' }),
      gateway.getHit('3H', { signal, lane: 'sync' }),
      gateway.deleteHit('3H', { signal, lane: 'bulk' }),
      gateway.getAccountBalance({ signal }),
    ];
    const listing = gateway.listHits({ signal, lane: 'sync' }).next();
    await until(() => requests.length === FAST.concurrency);
    expect(gateway.stats().queuedByLane).toEqual({ interactive: 1, bulk: 1, sync: 1 });
    stop.abort();
    await Promise.all([...calls, listing]);
  });
  it('returns the created HIT and the notify failures as domain values', async () => {
    const { gateway, requests } = await gatewayAgainst((request) =>
      request.operation === 'CreateHITWithHITType'
        ? { status: 200, body: { HIT: WIRE_HIT } }
        : { status: 200, body: { NotifyWorkersFailureStatuses: [{ WorkerId: 'AW2', NotifyWorkersFailureCode: 'HardFailure', NotifyWorkersFailureMessage: 'blocked' }] } },
    );
    const created = value(await gateway.createHitWithHitType({ hitTypeId: '3TYPE', question: '<q/>', lifetimeSeconds: 600, uniqueRequestToken: 'row-7' }));
    expect(created).toMatchObject({ hit: { hitId: '3HIT' }, alreadyDone: false });
    expect(requests[0]?.body).toEqual({ HITTypeId: '3TYPE', Question: '<q/>', LifetimeInSeconds: 600, UniqueRequestToken: 'row-7' });
    const notified = value(await gateway.notifyWorkers({ subject: 's', text: 't', workerIds: ['AW1', 'AW2'] }));
    expect(notified.failures).toEqual([{ workerId: 'AW2', code: 'HardFailure', message: 'blocked' }]);
  });
});

describe('createGateway', () => {
  it('refuses a Local MTurk connection whose URL is not known yet', () => {
    const created = createGateway({
      connection: { id: 'l', label: 'Local', kind: 'local', region: 'us-east-1', credentials: { type: 'local' } },
      credentials: TEST_CREDENTIALS,
    });
    expect(created.ok ? null : created.error).toMatchObject({ kind: 'validation', field: 'endpoint' });
  });

  it('reports the endpoint and latency from testConnection', async () => {
    const { gateway } = await gatewayAgainst(() => ({ status: 200, body: { AvailableBalance: '10000.00' } }));
    const check = value(await gateway.testConnection());
    expect(check.balanceCents).toBe(1_000_000);
    expect(check.endpoint).toBe((gateway satisfies MTurkGateway).endpoint);
    expect(check.latencyMs).toBeGreaterThanOrEqual(0);
  });
});
