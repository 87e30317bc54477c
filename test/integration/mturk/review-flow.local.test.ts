/**
 * A requester's review round through the gateway against Local MTurk: workers submit (via the
 * emulator's control API), then the gateway lists, approves, rejects, bonuses, grants a
 * qualification and reads everything back as domain values.
 */
import { CreateQualificationTypeCommand, CreateWorkerBlockCommand, MTurkClient } from '@aws-sdk/client-mturk';
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
let sdk: MTurkClient;

beforeAll(async () => {
  local = await startLocalMTurk({ port: 0, seed: 3 });
  const created = createGateway({
    connection: { id: 'local', label: 'Local', kind: 'local', endpoint: local.url, region: 'us-east-1', credentials: { type: 'local' } },
    credentials: local.credentials,
    scheduler: { ratePerSecond: 500, burst: 50, concurrency: 4 },
  });
  if (!created.ok) throw new Error(created.error.message);
  gateway = created.value;
  // Setup the gateway has no method for (yet): made with the SDK directly, as a script would.
  sdk = new MTurkClient({ region: 'us-east-1', endpoint: local.url, credentials: local.credentials, maxAttempts: 1 });
});

afterAll(async () => {
  gateway.close();
  sdk.destroy();
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
  it('reviews submitted work, pays a bonus, grants a qualification and reads it all back', async () => {
    const { hitTypeId } = value(
      await gateway.createHitType({ title: 'Label', description: 'Label it', rewardCents: 50, assignmentDurationSeconds: 600, keywords: 'image' }),
    );
    const hit = value(await gateway.createHitWithHitType({ hitTypeId, question: QUESTION, lifetimeSeconds: 3600, maxAssignments: 3 }));
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

    const { QualificationType } = await sdk.send(
      new CreateQualificationTypeCommand({ Name: 'Trusted labeller', Description: 'Did good work', QualificationTypeStatus: 'Active' }),
    );
    const qualificationTypeId = QualificationType?.QualificationTypeId ?? '';
    value(await gateway.associateQualification({ qualificationTypeId, workerId: workers[0]!.workerId, integerValue: 90 }));
    const granted = await all(gateway.listWorkersWithQualificationType(qualificationTypeId));
    expect(granted).toEqual([expect.objectContaining({ workerId: workers[0]!.workerId, integerValue: 90, status: 'Granted' })]);
    const owned = await all(gateway.listQualificationTypes());
    expect(owned.map((t) => t.qualificationTypeId)).toContain(qualificationTypeId);
    expect(value(await gateway.getQualificationType(qualificationTypeId))).toMatchObject({ name: 'Trusted labeller', status: 'Active' });

    await sdk.send(new CreateWorkerBlockCommand({ WorkerId: workers[1]!.workerId, Reason: 'Spam' }));
    expect(await all(gateway.listWorkerBlocks())).toEqual([{ workerId: workers[1]!.workerId, reason: 'Spam' }]);

    const balance = value(await gateway.getAccountBalance());
    expect(balance.availableCents).toBeLessThan(1_000_000);
  });

  it('maps a refusal for an unknown assignment to not-found', async () => {
    const missing = await gateway.rejectAssignment('3NOSUCHASSIGNMENT0000000000000', 'x');
    expect(missing.ok ? null : missing.error.kind).toBe('not-found');
  });
});
