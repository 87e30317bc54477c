/**
 * A requester's review round through the gateway against Local MTurk: workers submit (via the
 * emulator's control API), then the gateway lists, approves, rejects, bonuses, creates and
 * grants a qualification, answers a qualification request, blocks a worker and reads it all
 * back as domain values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { createGateway } from '../../../electron/mturk/gateway';
import type { Assignment, MTurkGateway, Page } from '../../../electron/mturk/types';
import type { Result } from '../../../shared/result';

const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
  <HTMLContent><![CDATA[<!DOCTYPE html><html><body><form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit">
  <input type="hidden" name="assignmentId" value=""/><input name="label"/><input type="submit"/></form></body></html>]]></HTMLContent>
  <FrameHeight>600</FrameHeight>
</HTMLQuestion>`;

let local: LocalMTurk;
let gateway: MTurkGateway;

beforeAll(async () => {
  local = await startLocalMTurk({ port: 0, seed: 3 });
  const created = createGateway({
    connection: { id: 'local', label: 'Local', kind: 'local', endpoint: local.url, region: 'us-east-1', credentials: { type: 'local' } },
    credentials: local.credentials,
    scheduler: { ratePerSecond: 500, burst: 50, concurrency: 4 },
  });
  if (!created.ok) throw new Error(created.error.message);
  gateway = created.value;
});

afterAll(async () => {
  gateway.close();
  await local.close();
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function all<T>(pages: AsyncIterable<Result<Page<T>>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...value(page).items);
  return items;
}

describe('a review round through the gateway', () => {
  it('reviews work, pays a bonus, manages a qualification and a block, and reads it all back', async () => {
    const { hitTypeId } = value(
      await gateway.createHitType({ title: 'Label', description: 'Label it', rewardCents: 50, assignmentDurationSeconds: 600, keywords: 'image' }),
    );
    const { hit } = value(await gateway.createHitWithHitType({ hitTypeId, question: QUESTION, lifetimeSeconds: 3600, maxAssignments: 3 }));
    expect(hit).toMatchObject({ hitTypeId, rewardCents: 50, keywords: 'image', question: QUESTION, maxAssignments: 3 });
    expect(hit.expiration - hit.creationTime).toBe(3_600_000);

    const workers = [local.control.createWorker(), local.control.createWorker(), local.control.createWorker()];
    const ids = workers.map((w, i) => {
      const { AssignmentId } = local.control.accept(w.workerId, hit.hitId);
      local.control.submit(AssignmentId, { label: `cat-${i}` });
      return AssignmentId;
    });
    const [good, bad, third] = ids as [string, string, string];

    value(await gateway.approveAssignment(good, 'Thanks'));
    value(await gateway.rejectAssignment(bad, 'Did not follow the instructions'));
    value(await gateway.sendBonus({ workerId: workers[0]!.workerId, assignmentId: good, amountCents: 25, reason: 'Careful work', uniqueRequestToken: 'bonus-1' }));

    const assignments = await all<Assignment>(gateway.listAssignmentsForHit(hit.hitId));
    const byId = new Map(assignments.map((a) => [a.assignmentId, a]));
    expect(byId.get(good)).toMatchObject({ status: 'Approved', requesterFeedback: 'Thanks' });
    expect(byId.get(bad)).toMatchObject({ status: 'Rejected' });
    expect(byId.get(third)?.status).toBe('Submitted');
    expect(byId.get(third)?.answerXml).toContain('cat-2');
    expect(byId.get(good)?.approvalTime).toBeGreaterThan(0);

    const single = value(await gateway.getAssignment(third));
    expect(single.hit?.hitId).toBe(hit.hitId);

    const bonuses = await all(gateway.listBonusPayments({ hitId: hit.hitId }));
    expect(bonuses).toEqual([expect.objectContaining({ assignmentId: good, amountCents: 25, reason: 'Careful work' })]);

    const qualification = value(
      await gateway.createQualificationType({ name: 'Trusted labeller', description: 'Did good work', retryDelaySeconds: 60 }),
    );
    const qualificationTypeId = qualification.qualificationTypeId;
    expect(qualification).toMatchObject({ status: 'Active', retryDelaySeconds: 60, isRequestable: true });
    value(await gateway.associateQualification({ qualificationTypeId, workerId: workers[0]!.workerId, integerValue: 90 }));
    local.control.requestQualification(workers[2]!.workerId, qualificationTypeId);
    const [request] = await all(gateway.listQualificationRequests({ qualificationTypeId }));
    expect(request).toMatchObject({ workerId: workers[2]!.workerId, qualificationTypeId, answer: null });
    value(await gateway.acceptQualificationRequest({ qualificationRequestId: request!.qualificationRequestId, integerValue: 70 }));

    const granted = await all(gateway.listWorkersWithQualificationType(qualificationTypeId));
    expect(granted.map((g) => [g.workerId, g.integerValue, g.status]).sort()).toEqual(
      [[workers[0]!.workerId, 90, 'Granted'], [workers[2]!.workerId, 70, 'Granted']].sort(),
    );
    expect(value(await gateway.getQualificationScore(qualificationTypeId, workers[0]!.workerId))).toMatchObject({ integerValue: 90, status: 'Granted' });
    value(await gateway.disassociateQualification({ qualificationTypeId, workerId: workers[0]!.workerId, reason: 'Retired' }));
    // MTurk refuses a score request on a revoked qualification; the gateway says the worker holds none.
    const revoked = await gateway.getQualificationScore(qualificationTypeId, workers[0]!.workerId);
    expect(revoked.ok ? null : revoked.error).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/revoked/) });
    value(await gateway.associateQualification({ qualificationTypeId, workerId: workers[0]!.workerId, integerValue: 90 }));
    const owned = await all(gateway.listQualificationTypes());
    expect(owned.map((t) => t.qualificationTypeId)).toContain(qualificationTypeId);
    expect(value(await gateway.getQualificationType(qualificationTypeId))).toMatchObject({ name: 'Trusted labeller' });
    const again = await gateway.createQualificationType({ name: 'Trusted labeller', description: 'Duplicate' });
    expect(again.ok ? null : again.error.kind).toBe('conflict');

    value(await gateway.createWorkerBlock({ workerId: workers[1]!.workerId, reason: 'Spam' }));
    expect(await all(gateway.listWorkerBlocks())).toEqual([{ workerId: workers[1]!.workerId, reason: 'Spam' }]);
    value(await gateway.deleteWorkerBlock({ workerId: workers[1]!.workerId }));
    expect(await all(gateway.listWorkerBlocks())).toEqual([]);

    const balance = value(await gateway.getAccountBalance());
    expect(balance.availableCents).toBeLessThan(1_000_000);
  });

  it('maps a refusal for an unknown assignment to not-found', async () => {
    const missing = await gateway.rejectAssignment('3NOSUCHASSIGNMENT0000000000000', 'x');
    expect(missing.ok ? null : missing.error.kind).toBe('not-found');
  });
});
