import { GetAssignmentCommand, ListReviewPolicyResultsForHITCommand, type MTurkClient } from '@aws-sdk/client-mturk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { createHit, rejection, startTestServer } from './helpers';

let server: LocalMTurk;
let client: MTurkClient;
beforeEach(async () => ({ server, client } = await startTestServer()));
afterEach(() => server.close());

const knownAnswers = {
  PolicyName: 'ScoreMyKnownAnswers/2011-09-01',
  Parameters: [
    { Key: 'AnswerKey', MapEntries: [{ Key: 'label', Values: ['cat'] }] },
    { Key: 'ApproveIfKnownAnswerScoreIsAtLeast', Values: ['100'] },
    { Key: 'RejectIfKnownAnswerScoreIsLessThan', Values: ['100'] },
    { Key: 'RejectReason', Values: ['The known answer was wrong'] },
  ],
};

const plurality = {
  PolicyName: 'SimplePlurality/2011-09-01',
  Parameters: [
    { Key: 'QuestionIds', Values: ['label'] },
    { Key: 'QuestionAgreementThreshold', Values: ['50'] },
    { Key: 'DisregardAssignmentIfRejected', Values: ['false'] },
    { Key: 'ApproveIfWorkerAgreementScoreIsAtLeast', Values: ['100'] },
    { Key: 'RejectIfWorkerAgreementScoreIsLessThan', Values: ['100'] },
    { Key: 'RejectReason', Values: ['Disagreed with the majority'] },
  ],
};

function work(hitId: string, label: string): string {
  const worker = server.control.createWorker();
  const { AssignmentId } = server.control.accept(worker.workerId, hitId);
  server.control.submit(AssignmentId, { label });
  return AssignmentId;
}

const statusOf = async (assignmentId: string) =>
  (await client.send(new GetAssignmentCommand({ AssignmentId: assignmentId }))).Assignment!.AssignmentStatus;

describe('review policies', () => {
  it('scores known answers at submission and approves or rejects', async () => {
    const hit = await createHit(client, { MaxAssignments: 2, AssignmentReviewPolicy: knownAnswers });
    const right = work(hit.HITId!, 'cat');
    const wrong = work(hit.HITId!, 'dog');
    expect(await statusOf(right)).toBe('Approved');
    expect(await statusOf(wrong)).toBe('Rejected');
    const report = await client.send(new ListReviewPolicyResultsForHITCommand({ HITId: hit.HITId, PolicyLevels: ['Assignment'] }));
    expect(report.AssignmentReviewPolicy).toEqual({ PolicyName: 'ScoreMyKnownAnswers/2011-09-01' });
    const scores = report.AssignmentReviewReport!.ReviewResults!.filter((r) => r.Key === 'KnownAnswerScore');
    expect(scores.map((r) => [r.SubjectId, r.Value])).toEqual([
      [right, '100'],
      [wrong, '0'],
    ]);
    const actions = report.AssignmentReviewReport!.ReviewActions!;
    expect(actions.map((a) => [a.ActionName, a.TargetId, a.Status])).toEqual([
      ['approve', right, 'Succeeded'],
      ['reject', wrong, 'Succeeded'],
    ]);
    expect(actions[0]!.CompleteTime).toBeInstanceOf(Date);
  });

  it('runs SimplePlurality when the HIT becomes Reviewable', async () => {
    const hit = await createHit(client, { MaxAssignments: 3, HITReviewPolicy: plurality });
    const ids = [work(hit.HITId!, 'cat'), work(hit.HITId!, 'cat'), work(hit.HITId!, 'dog')];
    expect(await Promise.all(ids.map(statusOf))).toEqual(['Approved', 'Approved', 'Rejected']);
    const report = await client.send(new ListReviewPolicyResultsForHITCommand({ HITId: hit.HITId, RetrieveActions: false }));
    expect(report.HITReviewPolicy).toEqual({ PolicyName: 'SimplePlurality/2011-09-01' });
    expect(report.HITReviewReport!.ReviewActions).toBeUndefined();
    const agreed = report.HITReviewReport!.ReviewResults!.find((r) => r.Key === 'AgreedAnswer');
    expect(agreed).toMatchObject({ QuestionId: 'label', Value: 'cat', SubjectId: hit.HITId });
  });

  it('refuses a malformed policy at creation', async () => {
    const error = await rejection(createHit(client, { AssignmentReviewPolicy: { PolicyName: 'SimplePlurality/2011-09-01' } }));
    expect(error.name).toBe('RequestError');
    expect(error.message).toContain('ScoreMyKnownAnswers');
  });
});
