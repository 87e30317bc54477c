import { afterEach, describe, expect, it } from 'vitest';
import { OPERATIONS as SERVED_OPERATIONS } from '../../../local-mturk/src/ops/registry';
import { createGateway } from '../../../electron/mturk/gateway';
import { OPERATIONS, type ApiOperation } from '../../../electron/mturk/operations';
import type { MTurkGateway, PagedResult } from '../../../electron/mturk/types';
import type { Result } from '../../../shared/result';
import { startCannedServer, TEST_CREDENTIALS, type RecordedRequest } from './canned-server';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type Method = Exclude<keyof MTurkGateway, 'endpoint' | 'stats' | 'close'>;
type Invoke = (gateway: MTurkGateway) => Promise<Result<unknown>> | PagedResult<unknown>;

// One call per gateway method (token writes with their token). The Record type makes a new
// method a compile error here until someone says how to call it, and so which row it falls under.
const CALLS: Record<Method, Invoke> = {
  testConnection: (g) => g.testConnection(),
  getAccountBalance: (g) => g.getAccountBalance(),
  listHits: (g) => g.listHits(),
  listReviewableHits: (g) => g.listReviewableHits(),
  getHit: (g) => g.getHit('3H'),
  listAssignmentsForHit: (g) => g.listAssignmentsForHit('3H'),
  getAssignment: (g) => g.getAssignment('3A'),
  listBonusPayments: (g) => g.listBonusPayments({ hitId: '3H' }),
  listQualificationTypes: (g) => g.listQualificationTypes(),
  getQualificationType: (g) => g.getQualificationType('3Q'),
  getQualificationScore: (g) => g.getQualificationScore('3Q', 'AW'),
  listWorkersWithQualificationType: (g) => g.listWorkersWithQualificationType('3Q'),
  listQualificationRequests: (g) => g.listQualificationRequests(),
  listWorkerBlocks: (g) => g.listWorkerBlocks(),
  createHitType: (g) => g.createHitType({ title: 't', description: 'd', rewardCents: 5, assignmentDurationSeconds: 60 }),
  createHitWithHitType: (g) => g.createHitWithHitType({ hitTypeId: '3T', question: '<q/>', lifetimeSeconds: 60, uniqueRequestToken: 'tok' }),
  approveAssignment: (g) => g.approveAssignment('3A'),
  rejectAssignment: (g) => g.rejectAssignment('3A', 'no'),
  sendBonus: (g) => g.sendBonus({ workerId: 'AW', assignmentId: '3A', amountCents: 5, reason: 'r', uniqueRequestToken: 'tok' }),
  notifyWorkers: (g) => g.notifyWorkers({ subject: 's', text: 't', workerIds: ['AW'] }),
  createQualificationType: (g) => g.createQualificationType({ name: 'n', description: 'd' }),
  updateQualificationType: (g) => g.updateQualificationType({ qualificationTypeId: '3Q', status: 'Inactive' }),
  deleteQualificationType: (g) => g.deleteQualificationType('3Q'),
  acceptQualificationRequest: (g) => g.acceptQualificationRequest({ qualificationRequestId: '3R' }),
  rejectQualificationRequest: (g) => g.rejectQualificationRequest({ qualificationRequestId: '3R' }),
  associateQualification: (g) => g.associateQualification({ qualificationTypeId: '3Q', workerId: 'AW' }),
  disassociateQualification: (g) => g.disassociateQualification({ qualificationTypeId: '3Q', workerId: 'AW' }),
  createWorkerBlock: (g) => g.createWorkerBlock({ workerId: 'AW', reason: 'r' }),
  deleteWorkerBlock: (g) => g.deleteWorkerBlock({ workerId: 'AW' }),
  updateExpirationForHit: (g) => g.updateExpirationForHit('3H', 0),
  deleteHit: (g) => g.deleteHit('3H'),
  createAdditionalAssignments: (g) => g.createAdditionalAssignments({ hitId: '3H', count: 1, uniqueRequestToken: 'tok' }),
  updateHitReviewStatus: (g) => g.updateHitReviewStatus('3H', false),
  updateHitTypeOfHit: (g) => g.updateHitTypeOfHit('3H', '3T'),
  updateNotificationSettings: (g) => g.updateNotificationSettings({ hitTypeId: '3T', active: false }),
  sendTestEventNotification: (g) =>
    g.sendTestEventNotification({ notification: { destination: 'a@example.org', transport: 'Email', version: '2006-05-05', eventTypes: ['HITCreated'] }, testEventType: 'Ping' }),
};

/** Attempts the scheduler makes for each class when every answer is a ServiceFault (the answer may be lost). */
const ATTEMPTS = { read: 5, idempotent: 3, token: 3, unsafe: 1 } as const;

async function failingGateway() {
  const server = await startCannedServer(() => ({ status: 500, body: { __type: 'ServiceFault', Message: 'lost' } }));
  cleanups.push(server.close);
  const created = createGateway({
    connection: { id: 'c', label: 'Canned', kind: 'custom', endpoint: server.url, region: 'us-east-1', credentials: { type: 'env' } },
    credentials: TEST_CREDENTIALS,
    scheduler: { ratePerSecond: 1000, burst: 1000, concurrency: 4, transientBaseDelayMs: 1 },
  });
  if (!created.ok) throw new Error(created.error.message);
  cleanups.push(() => created.value.close());
  return { gateway: created.value, requests: server.requests };
}

async function firstResult(call: ReturnType<Invoke>): Promise<Result<unknown>> {
  if ('next' in call) {
    const page = await call.next();
    if (page.done) throw new Error('a listing ended without a Result');
    return page.value;
  }
  return call;
}

function isApiOperation(name: string): name is ApiOperation {
  return name in OPERATIONS;
}

describe('the operation table', () => {
  it('names exactly the 39 operations of the MTurk API', () => {
    expect(Object.keys(OPERATIONS)).toHaveLength(39);
    expect(Object.keys(OPERATIONS).sort()).toEqual(Object.keys(SERVED_OPERATIONS).sort());
  });

  it('has a call for every gateway method', async () => {
    const { gateway } = await failingGateway();
    const methods = Object.keys(gateway).filter((key) => typeof gateway[key as keyof MTurkGateway] === 'function' && key !== 'stats' && key !== 'close');
    expect(methods.sort()).toEqual(Object.keys(CALLS).sort());
  });

  it.each(Object.entries(CALLS))('%s is sent as its table row says when the answer is lost', async (method, invoke) => {
    const { gateway, requests } = await failingGateway();
    const result = await firstResult(invoke(gateway));
    const operation = requests[0]?.operation ?? '';
    if (!isApiOperation(operation)) throw new Error(`${method} sent ${operation}, which the table does not classify`);
    const resend = OPERATIONS[operation];
    expect(requests.every((r: RecordedRequest) => r.operation === operation)).toBe(true);
    expect(requests).toHaveLength(method === 'testConnection' ? 1 : ATTEMPTS[resend]);
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'internal', delivery: 'maybe-executed' });
  });

  it('sends a token write without its token once', async () => {
    const withoutToken: Invoke[] = [
      (g) => g.sendBonus({ workerId: 'AW', assignmentId: '3A', amountCents: 5, reason: 'r' }),
      (g) => g.createHitWithHitType({ hitTypeId: '3T', question: '<q/>', lifetimeSeconds: 60 }),
      (g) => g.createAdditionalAssignments({ hitId: '3H', count: 1 }),
    ];
    for (const invoke of withoutToken) {
      const { gateway, requests } = await failingGateway();
      await firstResult(invoke(gateway));
      expect(requests).toHaveLength(1);
    }
  });
});
