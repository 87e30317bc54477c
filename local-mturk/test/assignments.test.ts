import {
  ApproveAssignmentCommand,
  GetAssignmentCommand,
  GetHITCommand,
  ListAssignmentsForHITCommand,
  RejectAssignmentCommand,
  UpdateExpirationForHITCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { parseQuestionFormAnswers } from '../../shared/mturk/answers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { createHit, rejection, startTestServer } from './helpers';

let server: LocalMTurk;
let client: MTurkClient;
beforeEach(async () => ({ server, client } = await startTestServer()));
afterEach(() => server.close());

const counters = async (hitId: string) => {
  const { HIT: hit } = await client.send(new GetHITCommand({ HITId: hitId }));
  return [hit!.HITStatus, hit!.NumberOfAssignmentsAvailable, hit!.NumberOfAssignmentsPending, hit!.NumberOfAssignmentsCompleted];
};

/** A worker accepts and submits one answer; returns the assignment id. */
function work(hitId: string, label = 'cat'): string {
  const worker = server.control.createWorker();
  const { AssignmentId } = server.control.accept(worker.workerId, hitId);
  server.control.submit(AssignmentId, { label });
  return AssignmentId;
}

describe('assignment lifecycle', () => {
  it('follows the documented counter example (MaxAssignments 5)', async () => {
    const hit = await createHit(client, { MaxAssignments: 5 });
    const id = hit.HITId!;
    expect(await counters(id)).toEqual(['Assignable', 5, 0, 0]);
    const workers = Array.from({ length: 5 }, () => server.control.createWorker());
    const taken = workers.map((w) => server.control.accept(w.workerId, id).AssignmentId);
    expect(await counters(id)).toEqual(['Unassignable', 0, 5, 0]);
    server.control.submit(taken[0]!, { label: 'a' });
    server.control.submit(taken[1]!, { label: 'b' });
    expect(await counters(id)).toEqual(['Unassignable', 0, 3, 0]);
    server.control.returnAssignment(taken[2]!);
    expect(await counters(id)).toEqual(['Assignable', 1, 2, 0]);
    const late = server.control.createWorker();
    taken[2] = server.control.accept(late.workerId, id).AssignmentId;
    for (const a of taken.slice(2)) server.control.submit(a, { label: 'c' });
    expect(await counters(id)).toEqual(['Reviewable', 0, 0, 0]);
    await client.send(new ApproveAssignmentCommand({ AssignmentId: taken[0] }));
    await client.send(new RejectAssignmentCommand({ AssignmentId: taken[1], RequesterFeedback: 'Blank answer' }));
    expect(await counters(id)).toEqual(['Reviewable', 0, 0, 2]);
  });

  it('stores answers as QuestionFormAnswers and sets submit and auto-approval times', async () => {
    const hit = await createHit(client, { AutoApprovalDelayInSeconds: 3600 });
    const assignmentId = work(hit.HITId!, 'tabby <cat> & co');
    const { Assignment: a, HIT: h } = await client.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
    expect(h!.HITId).toBe(hit.HITId);
    expect(a!.AssignmentStatus).toBe('Submitted');
    expect(a!.AutoApprovalTime!.getTime() - a!.SubmitTime!.getTime()).toBe(3_600_000);
    expect(a!.Deadline!.getTime() - a!.AcceptTime!.getTime()).toBe(600_000);
    expect(a!.ApprovalTime).toBeUndefined();
    expect(parseQuestionFormAnswers(a!.Answer!)).toEqual([{ questionIdentifier: 'label', freeText: 'tabby <cat> & co' }]);
  });

  it('hides in-flight work: GetAssignment says it does not exist', async () => {
    const hit = await createHit(client);
    const worker = server.control.createWorker();
    const { AssignmentId } = server.control.accept(worker.workerId, hit.HITId!);
    const error = await rejection(client.send(new GetAssignmentCommand({ AssignmentId })));
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.AssignmentDoesNotExist');
    expect(error.message).toMatch(new RegExp(`^Assignment ${AssignmentId} does not exist\\. \\(\\d{13}\\)$`));
  });

  it('approves, refuses to decide twice, rejects and overrides a rejection', async () => {
    const hit = await createHit(client);
    const first = work(hit.HITId!);
    const second = work(hit.HITId!);
    await client.send(new ApproveAssignmentCommand({ AssignmentId: first, RequesterFeedback: 'Thanks' }));
    const { Assignment: approved } = await client.send(new GetAssignmentCommand({ AssignmentId: first }));
    expect(approved).toMatchObject({ AssignmentStatus: 'Approved', RequesterFeedback: 'Thanks' });
    expect(approved!.ApprovalTime).toBeInstanceOf(Date);
    const twice = await rejection(client.send(new ApproveAssignmentCommand({ AssignmentId: first })));
    expect(twice.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidAssignmentState');
    expect(twice.message).toMatch(/^This operation can be called with a status of: Submitted \(\d{13}\)$/);
    const noFeedback = await rejection(client.send(new RejectAssignmentCommand({ AssignmentId: second } as never)));
    expect(noFeedback.message).toContain('requesterFeedback');
    await client.send(new RejectAssignmentCommand({ AssignmentId: second, RequesterFeedback: 'Wrong' }));
    const rejectAgain = await rejection(client.send(new RejectAssignmentCommand({ AssignmentId: second, RequesterFeedback: 'x' })));
    expect(rejectAgain.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidAssignmentState');
    const plain = await rejection(client.send(new ApproveAssignmentCommand({ AssignmentId: second })));
    expect(plain.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidAssignmentState');
    await client.send(new ApproveAssignmentCommand({ AssignmentId: second, OverrideRejection: true }));
    const { Assignment: overridden } = await client.send(new GetAssignmentCommand({ AssignmentId: second }));
    expect(overridden!.AssignmentStatus).toBe('Approved');
  });

  it('refuses an override more than 30 days after submission', async () => {
    const hit = await createHit(client, { AutoApprovalDelayInSeconds: 2_592_000 });
    const id = work(hit.HITId!);
    await client.send(new RejectAssignmentCommand({ AssignmentId: id, RequesterFeedback: 'No' }));
    server.clock.advance(31 * 24 * 3600 * 1000);
    const error = await rejection(client.send(new ApproveAssignmentCommand({ AssignmentId: id, OverrideRejection: true })));
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidAssignmentState');
  });

  it('auto-approves when the virtual clock passes AutoApprovalTime', async () => {
    const hit = await createHit(client, { AutoApprovalDelayInSeconds: 60 });
    const id = work(hit.HITId!);
    server.clock.advance(59_000);
    expect((await client.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment!.AssignmentStatus).toBe('Submitted');
    server.clock.advance(3_600_000);
    const { Assignment: approved } = await client.send(new GetAssignmentCommand({ AssignmentId: id }));
    expect(approved!.AssignmentStatus).toBe('Approved');
    // Approved at its due time, not when the clock was next looked at.
    expect(approved!.ApprovalTime!.getTime()).toBe(approved!.AutoApprovalTime!.getTime());
  });

  it('approves at once with a zero auto-approval delay', async () => {
    const hit = await createHit(client, { AutoApprovalDelayInSeconds: 0 });
    const id = work(hit.HITId!);
    expect((await client.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment!.AssignmentStatus).toBe('Approved');
  });

  it('abandons work whose deadline passes, and frees the slot', async () => {
    const hit = await createHit(client, { MaxAssignments: 1, AssignmentDurationInSeconds: 120 });
    const worker = server.control.createWorker();
    const { AssignmentId } = server.control.accept(worker.workerId, hit.HITId!);
    expect(await counters(hit.HITId!)).toEqual(['Unassignable', 0, 1, 0]);
    server.clock.advance(121_000);
    expect(await counters(hit.HITId!)).toEqual(['Assignable', 1, 0, 0]);
    expect(() => server.control.submit(AssignmentId, { label: 'late' })).toThrow(/Abandoned/);
    server.control.abandon(server.control.accept(worker.workerId, hit.HITId!).AssignmentId);
    expect(await counters(hit.HITId!)).toEqual(['Assignable', 1, 0, 0]);
  });

  it('lets pending work finish after the HIT expires, then becomes Reviewable', async () => {
    const hit = await createHit(client, { MaxAssignments: 2 });
    const worker = server.control.createWorker();
    const { AssignmentId } = server.control.accept(worker.workerId, hit.HITId!);
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }));
    expect(await counters(hit.HITId!)).toEqual(['Unassignable', 0, 1, 0]);
    server.control.submit(AssignmentId, { label: 'in time' });
    expect(await counters(hit.HITId!)).toEqual(['Reviewable', 0, 0, 0]);
  });

  it('refuses to accept a HIT twice, an expired HIT, or one held by nobody', async () => {
    const hit = await createHit(client, { MaxAssignments: 2 });
    const worker = server.control.createWorker();
    server.control.accept(worker.workerId, hit.HITId!);
    expect(() => server.control.accept(worker.workerId, hit.HITId!)).toThrow(/already has an assignment/);
    expect(() => server.control.accept('ANOBODY', hit.HITId!)).toThrow(/does not exist/);
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }));
    const other = server.control.createWorker();
    expect(() => server.control.accept(other.workerId, hit.HITId!)).toThrow(/Unassignable/);
  });
});

describe('ListAssignmentsForHIT', () => {
  it('pages submitted work in submission order and filters by status', async () => {
    const hit = await createHit(client, { MaxAssignments: 12 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      ids.push(work(hit.HITId!, `answer ${i}`));
      server.clock.advance(1_000);
    }
    await client.send(new ApproveAssignmentCommand({ AssignmentId: ids[3] }));
    const first = await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId, MaxResults: 5 }));
    const second = await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId, MaxResults: 5, NextToken: first.NextToken }));
    const third = await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId, MaxResults: 5, NextToken: second.NextToken }));
    expect(third.NextToken).toBeUndefined();
    const all = [...first.Assignments!, ...second.Assignments!, ...third.Assignments!].map((a) => a.AssignmentId);
    expect(all).toEqual(ids);
    const approved = await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId, AssignmentStatuses: ['Approved'] }));
    expect(approved.Assignments!.map((a) => a.AssignmentId)).toEqual([ids[3]]);
    expect((await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId }))).NumResults).toBe(10);
  });
});
