/**
 * Writes whose answer is lost, against a real Local MTurk over HTTP: the gateway must never
 * send a non-token write twice, must say the outcome is unknown (`maybe-executed`), and must
 * turn a token write's repeat into "already done" without a second bonus or HIT.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk, type LocalMTurkOptions } from '../../../local-mturk/src/index';
import { createGateway } from '../../../electron/mturk/gateway';
import type { SchedulerOptions } from '../../../electron/mturk/scheduler';
import type { BonusPayment, Hit, MTurkGateway, Page } from '../../../electron/mturk/types';
import type { Result } from '../../../shared/result';
import { startLossyProxy, type Fate, type ForwardedRequest } from '../../helpers/lossy-proxy';

const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
  <HTMLContent><![CDATA[<!DOCTYPE html><html><body><form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit">
  <input type="hidden" name="assignmentId" value=""/><input name="label"/><input type="submit"/></form></body></html>]]></HTMLContent>
  <FrameHeight>600</FrameHeight>
</HTMLQuestion>`;
const FAST: SchedulerOptions = { ratePerSecond: 500, burst: 50, concurrency: 4, transientBaseDelayMs: 5, throttleBaseDelayMs: 20 };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startLocal(options: Omit<LocalMTurkOptions, 'port'> = {}): Promise<LocalMTurk> {
  const local = await startLocalMTurk({ port: 0, seed: 11, ...options });
  cleanups.push(() => local.close());
  return local;
}

function gatewayAt(url: string, local: LocalMTurk): MTurkGateway {
  const created = createGateway({
    connection: { id: 'local', label: 'Local', kind: 'local', endpoint: url, region: 'us-east-1', credentials: { type: 'local' } },
    credentials: local.credentials,
    scheduler: FAST,
    requestTimeoutMs: 5_000,
  });
  if (!created.ok) throw new Error(created.error.message);
  cleanups.push(() => created.value.close());
  return created.value;
}

/** A Local MTurk, a gateway straight to it, and one through a proxy that loses the first answer to `operation`. */
async function setup(operation: string) {
  const local = await startLocal();
  const direct = gatewayAt(local.url, local);
  const lose = (request: ForwardedRequest, index: number): Fate =>
    request.operation === operation && index === 0 ? 'lose-answer' : 'answer';
  const proxy = await startLossyProxy(local.url, lose);
  cleanups.push(proxy.close);
  return { local, direct, lossy: gatewayAt(proxy.url, local), sent: proxy.forwarded };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function all<T>(pages: AsyncIterable<Result<Page<T>>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...value(page).items);
  return items;
}

/** A HIT with one submitted assignment, made directly (not through the lossy proxy). */
async function submittedWork(local: LocalMTurk, gateway: MTurkGateway) {
  const { hitTypeId } = value(await gateway.createHitType({ title: 'Label', description: 'Label it', rewardCents: 50, assignmentDurationSeconds: 600 }));
  const { hit } = value(await gateway.createHitWithHitType({ hitTypeId, question: QUESTION, lifetimeSeconds: 3600, maxAssignments: 2 }));
  const worker = local.control.createWorker();
  const { AssignmentId } = local.control.accept(worker.workerId, hit.hitId);
  local.control.submit(AssignmentId, { label: 'cat' });
  return { hitTypeId, hit, workerId: worker.workerId, assignmentId: AssignmentId };
}

describe('a write whose answer is lost after MTurk carried it out', () => {
  it('approval: sent once, reported maybe-executed, and the approval did happen', async () => {
    const { local, direct, lossy, sent } = await setup('ApproveAssignment');
    const { assignmentId } = await submittedWork(local, direct);

    const approval = await lossy.approveAssignment(assignmentId, 'Thanks');

    expect(approval.ok ? null : approval.error).toMatchObject({ kind: 'network', delivery: 'maybe-executed' });
    expect(sent.filter((r) => r.operation === 'ApproveAssignment')).toHaveLength(1);
    expect(value(await direct.getAssignment(assignmentId)).assignment.status).toBe('Approved');
  });

  it('bonus with a token: re-sent with the same token and reported already done, one bonus paid', async () => {
    const { local, direct, lossy, sent } = await setup('SendBonus');
    const { hit, workerId, assignmentId } = await submittedWork(local, direct);
    value(await direct.approveAssignment(assignmentId));

    const bonus = await lossy.sendBonus({ workerId, assignmentId, amountCents: 75, reason: 'Careful work', uniqueRequestToken: `bonus:${assignmentId}` });

    expect(value(bonus)).toEqual({ alreadyDone: true });
    expect(sent.filter((r) => r.operation === 'SendBonus').map((r) => r.body.UniqueRequestToken)).toEqual([`bonus:${assignmentId}`, `bonus:${assignmentId}`]);
    const paid = await all<BonusPayment>(direct.listBonusPayments({ hitId: hit.hitId }));
    expect(paid.map((b) => b.amountCents)).toEqual([75]);
  });

  it('bonus without a token: never re-sent, maybe-executed, and paid once', async () => {
    const { local, direct, lossy, sent } = await setup('SendBonus');
    const { hit, workerId, assignmentId } = await submittedWork(local, direct);
    value(await direct.approveAssignment(assignmentId));

    const bonus = await lossy.sendBonus({ workerId, assignmentId, amountCents: 75, reason: 'Careful work' });

    expect(bonus.ok ? null : bonus.error.delivery).toBe('maybe-executed');
    expect(sent.filter((r) => r.operation === 'SendBonus')).toHaveLength(1);
    expect(await all<BonusPayment>(direct.listBonusPayments({ hitId: hit.hitId }))).toHaveLength(1);
  });

  it('HIT with a token: the repeat returns the HIT the first attempt made, and only one exists', async () => {
    const { direct, lossy, sent } = await setup('CreateHITWithHITType');
    const { hitTypeId } = value(await direct.createHitType({ title: 'Label', description: 'Label it', rewardCents: 50, assignmentDurationSeconds: 600 }));

    const created = value(await lossy.createHitWithHitType({ hitTypeId, question: QUESTION, lifetimeSeconds: 3600, uniqueRequestToken: 'batch-1:row-1' }));

    expect(created.alreadyDone).toBe(true);
    expect(sent.filter((r) => r.operation === 'CreateHITWithHITType')).toHaveLength(2);
    const hits = await all<Hit>(direct.listHits());
    expect(hits.map((h) => h.hitId)).toEqual([created.hit.hitId]);
  });

  it('every unsafe write is sent once and reported maybe-executed', async () => {
    const cases: Array<[string, (g: MTurkGateway, work: Awaited<ReturnType<typeof submittedWork>>) => Promise<Result<unknown>>]> = [
      ['RejectAssignment', (g, w) => g.rejectAssignment(w.assignmentId, 'Off-topic')],
      ['NotifyWorkers', (g, w) => g.notifyWorkers({ subject: 'Hello', text: 'Thanks', workerIds: [w.workerId] })],
      ['CreateWorkerBlock', (g, w) => g.createWorkerBlock({ workerId: w.workerId, reason: 'Spam' })],
      ['CreateQualificationType', (g) => g.createQualificationType({ name: 'Skilled labeller', description: 'Passed the test' })],
    ];
    for (const [operation, write] of cases) {
      const { local, direct, lossy, sent } = await setup(operation);
      const work = await submittedWork(local, direct);
      const result = await write(lossy, work);
      expect([operation, result.ok ? null : result.error.delivery]).toEqual([operation, 'maybe-executed']);
      expect(sent.filter((r) => r.operation === operation)).toHaveLength(1);
    }
  });
});

describe("the Local MTurk's own fault injection", () => {
  it('a ServiceFault on an approval is not re-sent and leaves the outcome unknown', async () => {
    const local = await startLocal({ faultRate: 1 });
    const gateway = gatewayAt(local.url, local);
    const approval = await gateway.approveAssignment('3ASSIGNMENT');
    expect(approval.ok ? null : approval.error).toMatchObject({ kind: 'internal', delivery: 'maybe-executed' });
    expect(gateway.stats()).toMatchObject({ calls: 1, retries: 0, failed: 1 });
  });
});
