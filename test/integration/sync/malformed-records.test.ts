import { afterEach, describe, expect, it } from 'vitest';
import { getAssignment } from '../../../electron/archive/repos/assignments';
import { countsFor } from '../../../electron/archive/repos/counts';
import { getHit } from '../../../electron/archive/repos/hits';
import { listSyncRuns } from '../../../electron/archive/repos/sync';
import { buildQuestionFormAnswers } from '../../../shared/mturk/answers';
import { syncHarness } from '../../helpers/sync-harness';
import { startCannedServer, TEST_CREDENTIALS, type RecordedRequest } from '../../unit/mturk/canned-server';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const SECONDS = Date.UTC(2026, 10, 1) / 1000;
const wireHit = (id: string, creationTime: number) => ({
  HITId: id, HITTypeId: '3TYPE1', Title: 'Tag images', Description: 'Tag 10 images', Reward: '0.50',
  CreationTime: creationTime, Expiration: SECONDS + 86_400, MaxAssignments: 3, AssignmentDurationInSeconds: 600,
  AutoApprovalDelayInSeconds: 86_400, HITStatus: 'Reviewable', NumberOfAssignmentsPending: 0,
  NumberOfAssignmentsAvailable: 0, NumberOfAssignmentsCompleted: 3,
});
const wireAssignment = (id: string, answer: string, submitTime = SECONDS + 60, status = 'Submitted') => ({
  AssignmentId: id, HITId: '3GOODHIT', WorkerId: 'AWORKER1', AssignmentStatus: status,
  AcceptTime: SECONDS + 10, SubmitTime: submitTime, AutoApprovalTime: SECONDS + 90_000, Deadline: SECONDS + 610, Answer: answer,
});
const PROTO_ANSWER = buildQuestionFormAnswers([
  { questionIdentifier: '__proto__', freeText: 'kept' },
  { questionIdentifier: 'label', freeText: 'cat' },
]);

/** An MTurk-compatible endpoint whose answers hold one bad HIT, one unreadable answer and one impossible time. */
function answer(request: RecordedRequest) {
  const body = ((): unknown => {
    switch (request.operation) {
      case 'ListHITs':
        // 9e12 seconds: a time in milliseconds sent where seconds belong; no date can hold it.
        return { NumResults: 2, HITs: [wireHit('3BADHIT', 9e12), wireHit('3GOODHIT', SECONDS)] };
      case 'ListAssignmentsForHIT':
        return {
          NumResults: 4,
          Assignments: [
            wireAssignment('3ASGPROTO', PROTO_ANSWER),
            wireAssignment('3ASGBROKEN', '<QuestionFormAnswers><Answer><QuestionIdentifier>q1'),
            wireAssignment('3ASGBADTIME', PROTO_ANSWER, 9e12),
            // Passes the checks but not the archive's own rules: skipped with SQLite's reason, the rest still written.
            wireAssignment('3ASGODDSTATUS', PROTO_ANSWER, SECONDS + 60, 'Abandoned'),
          ],
        };
      case 'ListBonusPayments':
        return { NumResults: 0, BonusPayments: [] };
      case 'ListQualificationTypes':
        return { NumResults: 0, QualificationTypes: [] };
      case 'ListWorkerBlocks':
        return { NumResults: 0, WorkerBlocks: [] };
      default:
        return undefined;
    }
  })();
  return body === undefined ? { status: 400, body: { __type: 'RequestError', Message: `unexpected ${request.operation}` } } : { status: 200, body };
}

describe('a sync over malformed records', () => {
  it('skips each bad record with its reason, keeps unreadable answers raw, and archives everything else', async () => {
    const server = await startCannedServer(answer);
    const harness = syncHarness();
    cleanups.push(() => server.close(), () => harness.close());
    const target = harness.target({ url: server.url, credentials: TEST_CREDENTIALS });

    const final = await harness.run(target, 'full');

    expect(final.state).toBe('succeeded');
    expect(final.message).toMatch(/3 records skipped/);
    const db = harness.archive.read;
    const id = target.archiveConnectionId;
    expect(getHit(db, id, '3BADHIT')).toBeNull();
    expect(getHit(db, id, '3GOODHIT')).toMatchObject({ title: 'Tag images', creationTime: SECONDS * 1000 });
    expect(getAssignment(db, id, '3ASGBADTIME')).toBeNull();
    expect(countsFor(db, id)).toMatchObject({ hits: 1, assignments: 2 });
    // Only the good HIT's details were asked for: a skipped HIT is not in the archive to hang assignments on.
    expect(server.requests.filter((r) => r.operation === 'ListAssignmentsForHIT').map((r) => r.body.HITId)).toEqual(['3GOODHIT']);

    const broken = getAssignment(db, id, '3ASGBROKEN')!;
    expect(broken.answerXml).toBe('<QuestionFormAnswers><Answer><QuestionIdentifier>q1');
    expect(broken.answers).toEqual({});
    expect(broken.answersProblem).toMatch(/not well-formed XML/);

    const proto = getAssignment(db, id, '3ASGPROTO')!;
    expect(Object.keys(proto.answers)).toEqual(['__proto__', 'label']);
    expect(Object.getOwnPropertyDescriptor(proto.answers, '__proto__')?.value).toBe('kept');

    const [run] = listSyncRuns(db, id);
    expect(run).toMatchObject({ status: 'succeeded', skipped: 3, items: final.items });
    expect(final.items).toBe(3); // 1 HIT + 2 assignments
    expect(run!.problems).toEqual([
      { objectKind: 'HIT', objectId: '3BADHIT', skipped: true, problem: 'CreationTime is not a valid time (MTurk sent a value no date can hold).' },
      { objectKind: 'assignment', objectId: '3ASGBADTIME', skipped: true, problem: 'SubmitTime is not a valid time (MTurk sent a value no date can hold).' },
      { objectKind: 'assignment', objectId: '3ASGODDSTATUS', skipped: true, problem: expect.stringMatching(/^the archive refused it: .*CHECK constraint failed/) },
      { objectKind: 'assignment', objectId: '3ASGBROKEN', skipped: false, problem: expect.stringMatching(/^answers kept as raw XML only, not readable: .*not well-formed/) },
    ]);
  });

  it('skips a record that lacks a member MTurk must send, without losing its page or marking it gone', async () => {
    let missingMembers = false;
    const server = await startCannedServer((request) => {
      if (!missingMembers) return answer(request);
      switch (request.operation) {
        case 'ListHITs': {
          const { CreationTime: _dropped, ...noCreationTime } = wireHit('3NOTIME', SECONDS);
          return { status: 200, body: { NumResults: 2, HITs: [noCreationTime, wireHit('3GOODHIT', SECONDS)] } };
        }
        case 'ListAssignmentsForHIT': {
          const { WorkerId: _dropped, ...noWorker } = wireAssignment('3ASGPROTO', PROTO_ANSWER);
          return { status: 200, body: { NumResults: 2, Assignments: [noWorker, wireAssignment('3ASGNEW', PROTO_ANSWER)] } };
        }
        default:
          return answer(request);
      }
    });
    const harness = syncHarness();
    cleanups.push(() => server.close(), () => harness.close());
    const target = harness.target({ url: server.url, credentials: TEST_CREDENTIALS });
    await harness.run(target, 'full');

    missingMembers = true;
    const final = await harness.run(target, 'full');

    expect(final.state).toBe('succeeded');
    const db = harness.archive.read;
    const id = target.archiveConnectionId;
    expect(getHit(db, id, '3NOTIME')).toBeNull();
    expect(getAssignment(db, id, '3ASGNEW')).toMatchObject({ workerId: 'AWORKER1' });
    // Listed, though unreadable this time: the archived copy stays as it was, not flagged as gone from MTurk.
    expect(getAssignment(db, id, '3ASGPROTO')).toMatchObject({ workerId: 'AWORKER1', goneAt: null });
    const [run] = listSyncRuns(db, id);
    expect(run!.problems).toEqual(
      expect.arrayContaining([
        { objectKind: 'HIT', objectId: '3NOTIME', skipped: true, problem: "MTurk's answer has no HIT CreationTime." },
        { objectKind: 'assignment', objectId: '3ASGPROTO', skipped: true, problem: "MTurk's answer has no WorkerId." },
      ]),
    );
  });
});
