/**
 * Rules the crowd brings into play: qualification requests (tests scored by an AnswerKey, or waiting for the
 * requester), MTurk's 25-HIT queue, a deleted qualification type's holders and its HITs, bonuses on deleted HITs,
 * the approval rate following decisions; and the whole loop through the real SDK and the control API.
 */
import {
  CreateHITCommand,
  GetHITCommand,
  ListAssignmentsForHITCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import { parseQuestionFormAnswers } from '../../shared/mturk/answers';
import { crowdPopulation } from '../src/crowd/population';
import { scoreAgainstAnswerKey } from '../src/formats/answer-key';
import type { LocalMTurk } from '../src/index';
import { ANIMALS, crowdTestApp, questionForm, selectionQuestion, type CrowdTestApp } from './crowd-support';
import { controlCall, hitInput, startTestServer } from './helpers';
import { ANSWER_KEY, TEST_FORM } from './qual-fixtures';

const QUESTION = questionForm(selectionQuestion('label', ANIMALS));
const APPROVAL = '000000000000000000L0';

const typeIdOf = (out: { QualificationType: { QualificationTypeId: string } }): string => out.QualificationType.QualificationTypeId;

function expectTurkError(work: () => unknown, code: string, message: RegExp): void {
  try {
    work();
  } catch (error) {
    expect(error).toMatchObject({ turkErrorCode: code });
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('qualification requests by the crowd', () => {
  it('takes tests scored by the AnswerKey and works once qualified; waits for the requester otherwise', async () => {
    const t = crowdTestApp();
    const tested = typeIdOf(t.call('CreateQualificationType', { Name: 'Animals test', Description: 'd', QualificationTypeStatus: 'Active', Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 600 }));
    const manual = typeIdOf(t.call('CreateQualificationType', { Name: 'Ask me', Description: 'd', QualificationTypeStatus: 'Active' }));
    for (let i = 0; i < 20; i += 1) {
      t.createHit({ Question: QUESTION, Title: 'Tested', QualificationRequirements: [{ QualificationTypeId: tested, Comparator: 'GreaterThanOrEqualTo', IntegerValues: [100] }] });
    }
    t.createHit({ Question: QUESTION, Title: 'Manual', LifetimeInSeconds: 7 * 86_400, QualificationRequirements: [{ QualificationTypeId: manual, Comparator: 'Exists' }] });
    const first = await t.control.simulate({ workers: 30, seed: 21, until: 'done' });
    expect(first.qualificationRequests).toBeGreaterThan(20);

    const requests = t.app.db.prepare('SELECT * FROM qualification_requests').all() as { qualification_type_id: string; worker_id: string; status: string; answer: string | null; integer_value: number | null }[];
    const graded = requests.filter((r) => r.qualification_type_id === tested);
    expect(graded.length).toBeGreaterThan(20);
    for (const request of graded) {
      expect(request.status).toBe('Granted');
      expect(request.integer_value).toBe(scoreAgainstAnswerKey(ANSWER_KEY, request.answer ?? ''));
    }
    // Careful and decent workers mostly pass; spammers mostly not — some of each.
    expect(graded.some((r) => r.integer_value === 100)).toBe(true);
    expect(graded.some((r) => (r.integer_value ?? 0) < 100)).toBe(true);
    const passed = new Set(graded.filter((r) => r.integer_value === 100).map((r) => r.worker_id));
    const tester = t.app.db.prepare(
      "SELECT a.worker_id FROM assignments a JOIN hits h USING (hit_id) JOIN hit_types ty ON ty.hit_type_id = h.hit_type_id WHERE ty.title = ?",
    );
    const workedTested = (tester.all('Tested') as { worker_id: string }[]).map((r) => r.worker_id);
    expect(workedTested.length).toBeGreaterThan(0);
    for (const workerId of workedTested) expect(passed.has(workerId)).toBe(true);

    // The manual type's requests wait for the requester; once accepted, those workers take the HIT.
    const pending = t.call<{ QualificationRequests: { QualificationRequestId: string; WorkerId: string }[] }>('ListQualificationRequests', { QualificationTypeId: manual });
    expect(pending.QualificationRequests.length).toBeGreaterThan(0);
    expect(tester.all('Manual')).toEqual([]);
    for (const request of pending.QualificationRequests) t.call('AcceptQualificationRequest', { QualificationRequestId: request.QualificationRequestId });
    await t.control.simulate({ workers: 30, seed: 21, until: 'done' });
    const manualWorkers = (tester.all('Manual') as { worker_id: string }[]).map((r) => r.worker_id);
    expect(manualWorkers.length).toBeGreaterThan(0);
    for (const workerId of manualWorkers) expect(pending.QualificationRequests.map((r) => r.WorkerId)).toContain(workerId);
    t.app.close();
  });
});

describe('MTurk’s queue limit', () => {
  let server: LocalMTurk | undefined;
  afterEach(() => server?.close());

  it('refuses a 26th accepted-but-unsubmitted HIT, over the control API too, until one is submitted', async () => {
    const started = await startTestServer();
    server = started.server;
    const hits: string[] = [];
    for (let i = 0; i < 27; i += 1) {
      const out = await started.client.send(new CreateHITCommand(hitInput({ MaxAssignments: 1, Title: 'Queue' })));
      hits.push(out.HIT?.HITId ?? '');
    }
    const worker = server.control.createWorker().workerId;
    const accepted = hits.slice(0, 25).map((hitId) => server?.control.accept(worker, hitId).AssignmentId ?? '');
    const refused = await controlCall(server, 'POST', `workers/${worker}/hits/${hits[25]}/accept`);
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({
      Error: {
        Code: 'TooManyAcceptedHITs',
        Message: 'You have already accepted the maximum number of HITs (25). Submit or return one of them before accepting another.',
      },
    });
    expect(() => server?.control.accept(worker, hits[26] ?? '')).toThrow(/maximum number of HITs \(25\)/);
    server.control.submit(accepted[0] ?? '', { label: 'cat' });
    expect((await controlCall(server, 'POST', `workers/${worker}/hits/${hits[25]}/accept`)).status).toBe(201);
  });
});

describe('a deleted qualification type', () => {
  function setup(): { t: CrowdTestApp; hitId: string; holder: string; other: string; typeId: string } {
    const t = crowdTestApp();
    const typeId = typeIdOf(t.call('CreateQualificationType', { Name: 'Vetted', Description: 'd', QualificationTypeStatus: 'Active' }));
    const holder = t.control.createWorker().workerId;
    const other = t.control.createWorker().workerId;
    t.call('AssociateQualificationWithWorker', { QualificationTypeId: typeId, WorkerId: holder, IntegerValue: 5 });
    const hitId = t.createHit({ Question: QUESTION, MaxAssignments: 5, QualificationRequirements: [{ QualificationTypeId: typeId, Comparator: 'GreaterThan', IntegerValues: [1] }] });
    t.call('DeleteQualificationType', { QualificationTypeId: typeId });
    return { t, hitId, holder, other, typeId };
  }

  it('lets its holders keep working on existing HITs that require it (after the deletion completes too)', () => {
    const { t, hitId, holder, other } = setup();
    t.app.advanceClock(120_000);
    expect(t.control.listVisibleHits(holder).map((h) => h.HITId)).toEqual([hitId]);
    expect(t.control.accept(holder, hitId).HITId).toBe(hitId);
    expect(() => t.control.accept(other, hitId)).toThrow(/does not exist/);
    t.app.close();
  });

  it('refuses to extend those HITs (time or assignments) but still lets them be expired', () => {
    const { t, hitId, typeId } = setup();
    const later = (t.app.clock.now() + 86_400_000) / 1000;
    expectTurkError(() => t.call('UpdateExpirationForHIT', { HITId: hitId, ExpireAt: later }), 'AWS.MechanicalTurk.QualificationTypeDoesNotExist', new RegExp(`cannot be extended.*${typeId}.*deleted`));
    expectTurkError(() => t.call('CreateAdditionalAssignmentsForHIT', { HITId: hitId, NumberOfAdditionalAssignments: 2 }), 'AWS.MechanicalTurk.QualificationTypeDoesNotExist', /cannot be extended/);
    t.call('UpdateExpirationForHIT', { HITId: hitId, ExpireAt: 0 });
    expect(t.call<{ HIT: { HITStatus: string } }>('GetHIT', { HITId: hitId }).HIT.HITStatus).toBe('Reviewable');
    t.app.close();
  });
});

describe('money and records after decisions', () => {
  it('sends no bonus once the HIT is deleted', () => {
    const t = crowdTestApp();
    const hitId = t.createHit({ Question: QUESTION, MaxAssignments: 1 });
    const workerId = t.control.createWorker().workerId;
    const { AssignmentId } = t.control.accept(workerId, hitId);
    t.control.submit(AssignmentId, { label: 'cat' });
    t.call('ApproveAssignment', { AssignmentId });
    t.call('SendBonus', { WorkerId: workerId, AssignmentId, BonusAmount: '0.10', Reason: 'Thanks' });
    t.call('DeleteHIT', { HITId: hitId });
    expectTurkError(
      () => t.call('SendBonus', { WorkerId: workerId, AssignmentId, BonusAmount: '0.10', Reason: 'Again' }),
      'AWS.MechanicalTurk.AssignmentDoesNotExist',
      new RegExp(`Assignment ${AssignmentId} does not exist: its HIT ${hitId} has been deleted`),
    );
    t.app.close();
  });

  it('moves the approval rate and the approved count with approvals (auto-approval too) and rejections', () => {
    const t = crowdTestApp();
    const worker = t.control.createWorker({ approvalRatePercent: 100, hitsApproved: 100 }).workerId;
    const perfect = [{ QualificationTypeId: APPROVAL, Comparator: 'EqualTo', IntegerValues: [100] }];
    const record = (): { approvalRatePercent: number; hitsApproved: number } => {
      const w = t.control.listWorkers().find((x) => x.workerId === worker);
      return { approvalRatePercent: w?.approvalRatePercent ?? -1, hitsApproved: w?.hitsApproved ?? -1 };
    };
    const work = (delayS: number): string => {
      const hitId = t.createHit({ Question: QUESTION, MaxAssignments: 1, AutoApprovalDelayInSeconds: delayS, QualificationRequirements: perfect });
      const { AssignmentId } = t.control.accept(worker, hitId);
      t.control.submit(AssignmentId, { label: 'dog' });
      return AssignmentId;
    };
    const rejected = work(3600);
    t.call('RejectAssignment', { AssignmentId: rejected, RequesterFeedback: 'Wrong' });
    expect(record()).toEqual({ approvalRatePercent: 99, hitsApproved: 100 });
    const closed = t.createHit({ Question: QUESTION, QualificationRequirements: perfect });
    expect(() => t.control.accept(worker, closed)).toThrow(/Worker_PercentAssignmentsApproved/);
    t.call('ApproveAssignment', { AssignmentId: rejected, OverrideRejection: true });
    expect(record()).toEqual({ approvalRatePercent: 100, hitsApproved: 101 });
    work(600);
    t.app.advanceClock(601_000);
    expect(record()).toEqual({ approvalRatePercent: 100, hitsApproved: 102 });
    t.app.close();
  });
});

describe('the crowd through the real SDK and the control API', () => {
  let server: LocalMTurk | undefined;
  afterEach(() => server?.close());

  async function batch(client: MTurkClient, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const out = await client.send(new CreateHITCommand(hitInput({ Question: QUESTION, MaxAssignments: 3, Title: 'Animals' })));
      ids.push(out.HIT?.HITId ?? '');
    }
    return ids;
  }

  it('creates a batch, registers truth, simulates and reads the answers back with ListAssignmentsForHIT', async () => {
    const started = await startTestServer();
    server = started.server;
    const hits = await batch(started.client, 20);
    const truth = Object.fromEntries(hits.map((hitId, i) => [hitId, { label: ANIMALS[i % 4] }]));
    expect(await controlCall(server, 'PUT', `hits/${hits[0]}/truth`, { answers: { label: 'cat' } })).toEqual({ status: 200, json: {} });
    expect(await controlCall(server, 'POST', 'truth', { HITs: truth })).toEqual({ status: 200, json: { Registered: 20 } });
    const simulated = await controlCall(server, 'POST', 'simulate', { workers: 40, seed: 3, until: 'done' });
    expect(simulated.status).toBe(200);
    expect(simulated.json).toMatchObject({ accepted: expect.any(Number), submitted: 60, returned: expect.any(Number), abandoned: expect.any(Number) });
    expect(simulated.json.virtualMinutes).toBeGreaterThan(0);
    const crowd = new Map(crowdPopulation(3, 40).map((m) => [m.workerId, m]));
    let right = 0;
    let expected = 0;
    let all = 0;
    for (const hitId of hits) {
      const { Assignments = [] } = await started.client.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
      expect(Assignments).toHaveLength(3);
      for (const assignment of Assignments) {
        const [field] = parseQuestionFormAnswers(assignment.Answer ?? '');
        const member = crowd.get(assignment.WorkerId ?? '');
        expect(member).toBeDefined();
        all += 1;
        if (field?.selectionIdentifiers?.[0] === truth[hitId]?.label) right += 1;
        // Honest workers are right at their accuracy; a random spammer one time in four, a same-answer one when "cat" is true.
        if (member?.accuracyClass === 'random-spammer') expected += 0.25;
        else if (member?.accuracyClass === 'same-answer-spammer') expected += truth[hitId]?.label === 'cat' ? 1 : 0;
        else expected += member?.accuracy ?? 0;
      }
    }
    expect(all).toBe(60);
    expect(Math.abs(right - expected) / all).toBeLessThan(0.12);
  });

  it('refuses bad truth and simulate bodies, naming the field and value', async () => {
    const started = await startTestServer();
    server = started.server;
    const [hitId] = await batch(started.client, 1);
    expect(await controlCall(server, 'PUT', 'hits/3NOSUCHHIT/truth', { answers: { label: 'cat' } })).toMatchObject({ status: 404 });
    expect(await controlCall(server, 'PUT', `hits/${hitId}/truth`, { answers: ['cat'] })).toMatchObject({ status: 400 });
    const partly = await controlCall(server, 'POST', 'truth', { HITs: { [hitId ?? '']: { label: 'cat' }, '3NOSUCHHIT': { label: 'dog' } } });
    expect(partly).toMatchObject({ status: 404, json: { Error: { Message: 'HIT 3NOSUCHHIT does not exist.' } } });
    expect(await controlCall(server, 'PUT', 'hit-types/3NOSUCHTYPE/external-answers', { fields: [{ name: 'code' }] })).toMatchObject({ status: 404 });
    const hitTypeId = (await started.client.send(new GetHITCommand({ HITId: hitId }))).HIT?.HITTypeId ?? '';
    expect(await controlCall(server, 'PUT', `hit-types/${hitTypeId}/external-answers`, { fields: [{ name: 'score', type: 'number', min: 5, max: 1 }] })).toMatchObject({
      status: 400,
      json: { Error: { Message: 'fields[0]: min 5 is greater than max 1.' } },
    });
    expect(await controlCall(server, 'PUT', `hit-types/${hitTypeId}/external-answers`, { fields: [{ name: 'label', options: ['a', 'b'] }] })).toEqual({
      status: 200,
      json: { Fields: [{ kind: 'choice', name: 'label', options: ['a', 'b'], min: 1, max: 1 }] },
    });
    const bad = await controlCall(server, 'POST', 'simulate', { until: 'forever' });
    expect(bad).toMatchObject({ status: 400, json: { Error: { Code: 'InvalidInput', Message: expect.stringContaining('until must be "done" or {"minutes": N}') } } });
    expect(await controlCall(server, 'POST', 'simulate', { workers: 0, until: 'done' })).toMatchObject({ status: 400, json: { Error: { Message: expect.stringContaining('workers must be a whole number from 1 to 10000 (got 0)') } } });
    // Nothing was half-stored by the refused bulk call.
    expect(await controlCall(server, 'GET', `hits/${hitId}/truth`)).toMatchObject({ status: 404, json: { Error: { Code: 'TruthNotFound' } } });
    expect((await controlCall(server, 'PUT', `hits/${hitId}/truth`, { answers: { label: 'dog' } })).status).toBe(200);
    expect(await controlCall(server, 'GET', `hits/${hitId}/truth`)).toEqual({ status: 200, json: { answers: { label: 'dog' } } });
  });
});
