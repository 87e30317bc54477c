/**
 * Contract tests: worker Qualifications and qualification requests through the real SDK, with the worker side driven
 * by the control API (in-process and over HTTP) — including the auto-graded test scenario.
 */
import {
  AcceptQualificationRequestCommand,
  AssociateQualificationWithWorkerCommand,
  CreateQualificationTypeCommand,
  DisassociateQualificationFromWorkerCommand,
  GetQualificationScoreCommand,
  ListQualificationRequestsCommand,
  ListWorkersWithQualificationTypeCommand,
  RejectQualificationRequestCommand,
  type CreateQualificationTypeCommandInput,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { SYSTEM_QUALIFICATION_IDS } from '../src/rules/requirements';
import { controlCall, createHit, rejection, startTwoRequesterServer } from './helpers';
import { ANSWER_KEY, TEST_FORM } from './qual-fixtures';

let server: LocalMTurk;
let client: MTurkClient;
let other: MTurkClient;
beforeEach(async () => {
  ({ server, client, other } = await startTwoRequesterServer());
});
afterEach(() => server.close());

async function createType(overrides: Partial<CreateQualificationTypeCommandInput> = {}, c: MTurkClient = client): Promise<string> {
  const { QualificationType: type } = await c.send(
    new CreateQualificationTypeCommand({ Name: `Q ${Math.random()}`, Description: 'd', QualificationTypeStatus: 'Active', ...overrides }),
  );
  return type!.QualificationTypeId!;
}
const newWorker = (): string => server.control.createWorker().workerId;
const score = (QualificationTypeId: string, WorkerId: string) => client.send(new GetQualificationScoreCommand({ QualificationTypeId, WorkerId }));

describe('Associate / Disassociate / GetQualificationScore', () => {
  it('grants, overwrites, revokes and re-grants', async () => {
    const typeId = await createType();
    const workerId = newWorker();
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: workerId, IntegerValue: 70, SendNotification: false }));
    const first = (await score(typeId, workerId)).Qualification!;
    expect(first).toMatchObject({ QualificationTypeId: typeId, WorkerId: workerId, IntegerValue: 70, Status: 'Granted' });
    expect(first.GrantTime).toBeInstanceOf(Date);

    server.clock.advance(5_000);
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: workerId, IntegerValue: 71 }));
    const second = (await score(typeId, workerId)).Qualification!;
    expect(second.IntegerValue).toBe(71);
    expect(second.GrantTime!.getTime()).toBeGreaterThanOrEqual(first.GrantTime!.getTime() + 5_000);

    await client.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: typeId, WorkerId: workerId, Reason: 'Retired' }));
    const revoked = await rejection(score(typeId, workerId));
    expect(revoked.message).toContain('can be called with a status of: Granted');
    const twice = await rejection(client.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: typeId, WorkerId: workerId })));
    expect(twice.message).toContain('status of: Granted');

    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: workerId }));
    expect((await score(typeId, workerId)).Qualification).toMatchObject({ IntegerValue: 1, Status: 'Granted' });
  });

  it('reports a missing Qualification as does-not-exist', async () => {
    const typeId = await createType();
    const error = await rejection(score(typeId, newWorker()));
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.QualificationDoesNotExist');
    expect(error.message).toMatch(/does not exist.*\(\d+\)$/);
    expect((await rejection(client.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: typeId, WorkerId: newWorker() })))).TurkErrorCode).toBe(
      'AWS.MechanicalTurk.QualificationDoesNotExist',
    );
  });

  it('only the owner can grant or read; system types are refused', async () => {
    const theirs = await createType({}, other);
    const workerId = newWorker();
    const foreign = await rejection(client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: theirs, WorkerId: workerId })));
    expect(foreign.TurkErrorCode).toBe('AWS.MechanicalTurk.QualificationTypeDoesNotExist');
    const system = await rejection(client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: SYSTEM_QUALIFICATION_IDS.sandbox.Masters, WorkerId: workerId })));
    expect(system.TurkErrorCode).toBe('AWS.MechanicalTurk.PermissionDeniedException');
    expect((await rejection(score(SYSTEM_QUALIFICATION_IDS.sandbox.Locale, workerId))).TurkErrorCode).toBe('AWS.MechanicalTurk.PermissionDeniedException');
    const badWorker = await rejection(client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: theirs, WorkerId: 'W1' })));
    expect(badWorker.message).toContain("Value 'W1' at 'workerId'");
  });
});

describe('ListWorkersWithQualificationType', () => {
  it('filters by status and pages', async () => {
    const typeId = await createType();
    const workers = Array.from({ length: 7 }, newWorker);
    for (const [i, workerId] of workers.entries())
      await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: workerId, IntegerValue: i }));
    await client.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: typeId, WorkerId: workers[2]! }));

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: typeId, MaxResults: 3, NextToken: token }));
      expect(page.NumResults).toBe(page.Qualifications!.length);
      seen.push(...page.Qualifications!.map((q) => q.WorkerId!));
      token = page.NextToken;
    } while (token);
    expect(seen).toEqual(workers);

    const granted = await client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: typeId, Status: 'Granted', MaxResults: 100 }));
    expect(granted.NumResults).toBe(6);
    const revoked = await client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: typeId, Status: 'Revoked' }));
    expect(revoked.Qualifications).toEqual([expect.objectContaining({ WorkerId: workers[2], Status: 'Revoked', IntegerValue: 2 })]);
  });
});

describe('qualification requests', () => {
  it('a request without a test waits for Accept, which grants with IntegerValue', async () => {
    const typeId = await createType({ RetryDelayInSeconds: 60 });
    const workerId = newWorker();
    const outcome = server.control.requestQualification(workerId, typeId);
    expect(outcome.outcome).toBe('Pending');
    const listed = await client.send(new ListQualificationRequestsCommand({ QualificationTypeId: typeId }));
    expect(listed.NumResults).toBe(1);
    expect(listed.QualificationRequests![0]).toMatchObject({ QualificationRequestId: outcome.qualificationRequestId, QualificationTypeId: typeId, WorkerId: workerId });
    expect(listed.QualificationRequests![0]!.SubmitTime).toBeInstanceOf(Date);

    await client.send(new AcceptQualificationRequestCommand({ QualificationRequestId: outcome.qualificationRequestId, IntegerValue: 42 }));
    expect((await score(typeId, workerId)).Qualification?.IntegerValue).toBe(42);
    expect((await client.send(new ListQualificationRequestsCommand({}))).NumResults).toBe(0);
    const again = await rejection(client.send(new AcceptQualificationRequestCommand({ QualificationRequestId: outcome.qualificationRequestId })));
    expect(again.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidQualificationRequestState');
  });

  it('Reject closes the request; the retry delay governs asking again', async () => {
    const typeId = await createType({ RetryDelayInSeconds: 120 });
    const workerId = newWorker();
    const { qualificationRequestId } = server.control.requestQualification(workerId, typeId);
    expect(() => server.control.requestQualification(workerId, typeId)).toThrow(/pending request/);
    await client.send(new RejectQualificationRequestCommand({ QualificationRequestId: qualificationRequestId, Reason: 'Not yet' }));
    await expect(rejection(score(typeId, workerId))).resolves.toMatchObject({ TurkErrorCode: 'AWS.MechanicalTurk.QualificationDoesNotExist' });
    expect(() => server.control.requestQualification(workerId, typeId)).toThrow(/retry delay/);
    server.clock.advance(121_000);
    expect(server.control.requestQualification(workerId, typeId).outcome).toBe('Pending');
  });

  it('without RetryDelayInSeconds a worker may ask only once', async () => {
    const typeId = await createType();
    const workerId = newWorker();
    const { qualificationRequestId } = server.control.requestQualification(workerId, typeId);
    await client.send(new RejectQualificationRequestCommand({ QualificationRequestId: qualificationRequestId }));
    server.clock.advance(365 * 86_400_000);
    expect(() => server.control.requestQualification(workerId, typeId)).toThrow(/does not allow a Worker to request it more than once/);
  });

  it('AutoGranted types grant at once with AutoGrantedValue and never list a request', async () => {
    const typeId = await createType({ AutoGranted: true, AutoGrantedValue: 9 });
    const workerId = newWorker();
    expect(server.control.requestQualification(workerId, typeId)).toMatchObject({ outcome: 'Granted', integerValue: 9 });
    expect((await score(typeId, workerId)).Qualification?.IntegerValue).toBe(9);
    expect((await client.send(new ListQualificationRequestsCommand({}))).NumResults).toBe(0);
  });

  it('auto-grades a test with an AnswerKey over the HTTP control API', async () => {
    const typeId = await createType({ Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 600, RetryDelayInSeconds: 10 });
    const workerId = newWorker();
    const half = await controlCall(server, 'POST', `workers/${workerId}/qualifications/${typeId}/request`, { answers: { animal: ['cat'], color: ['red'] } });
    expect(half.status).toBe(200);
    expect(half.json.Request).toMatchObject({ outcome: 'Granted', integerValue: 50 });
    expect((await score(typeId, workerId)).Qualification?.IntegerValue).toBe(50);

    server.clock.advance(11_000);
    const full = await controlCall(server, 'POST', `workers/${workerId}/qualifications/${typeId}/request`, { answers: { animal: ['cat'], color: ['blue'] } });
    expect(full.json.Request).toMatchObject({ outcome: 'Granted', integerValue: 100 });
    expect((await score(typeId, workerId)).Qualification?.IntegerValue).toBe(100);
    expect((await client.send(new ListQualificationRequestsCommand({ QualificationTypeId: typeId }))).NumResults).toBe(0);

    const early = await controlCall(server, 'POST', `workers/${workerId}/qualifications/${typeId}/request`, { answers: { animal: ['dog'] } });
    expect(early.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(early.json)).toContain('RetryDelayNotElapsed');
  });

  it('a test without an AnswerKey becomes a pending request carrying the Test and the Answer', async () => {
    const typeId = await createType({ Test: TEST_FORM, TestDurationInSeconds: 600 });
    const workerId = newWorker();
    expect(() => server.control.requestQualification(workerId, typeId)).toThrow(/answers are required/);
    server.control.requestQualification(workerId, typeId, { animal: ['dog'], color: ['red'] });
    const [request] = (await client.send(new ListQualificationRequestsCommand({ QualificationTypeId: typeId }))).QualificationRequests!;
    expect(request?.Test).toBe(TEST_FORM);
    expect(request?.Answer).toContain('<SelectionIdentifier>dog</SelectionIdentifier>');
  });

  it('lists only the caller\'s pending requests, oldest first, in pages; foreign ids do not exist', async () => {
    const mine = await createType({ RetryDelayInSeconds: 1 });
    const theirs = await createType({ RetryDelayInSeconds: 1 }, other);
    const workers = Array.from({ length: 5 }, newWorker);
    for (const w of workers) {
      server.control.requestQualification(w, mine);
      server.control.requestQualification(w, theirs);
      server.clock.advance(1_000);
    }
    const first = await client.send(new ListQualificationRequestsCommand({ MaxResults: 3 }));
    const second = await client.send(new ListQualificationRequestsCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(second.NextToken).toBeUndefined();
    expect([...first.QualificationRequests!, ...second.QualificationRequests!].map((r) => r.WorkerId)).toEqual(workers);
    const foreignId = (await other.send(new ListQualificationRequestsCommand({ MaxResults: 1 }))).QualificationRequests![0]!.QualificationRequestId!;
    const error = await rejection(client.send(new AcceptQualificationRequestCommand({ QualificationRequestId: foreignId })));
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.QualificationRequestDoesNotExist');
  });

  it('inactive and system types cannot be requested', async () => {
    const typeId = await createType({ QualificationTypeStatus: 'Inactive' });
    expect(() => server.control.requestQualification(newWorker(), typeId)).toThrow(/not Active/);
    expect(() => server.control.requestQualification(newWorker(), SYSTEM_QUALIFICATION_IDS.sandbox.Masters)).toThrow(/cannot be requested/);
  });
});

describe('requirements at work time', () => {
  it('CreateHIT refuses a malformed requirement with the member path, over the wire', async () => {
    const error = await rejection(
      createHit(client, { QualificationRequirements: [{ QualificationTypeId: SYSTEM_QUALIFICATION_IDS.sandbox.Masters, Comparator: 'Exists', IntegerValues: [1] }] }),
    );
    expect(error.name).toBe('RequestError');
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    expect(error.message).toMatch(/^Value '\[1\]' at 'qualificationRequirements\.1\.member\.integerValues' failed to satisfy constraint: Comparator Exists takes no values \(\d+\)$/);
  });

  it('locale requirements hide the HIT from workers elsewhere when they guard discovery', async () => {
    const hit = await createHit(client, {
      QualificationRequirements: [
        { QualificationTypeId: SYSTEM_QUALIFICATION_IDS.sandbox.Locale, Comparator: 'In', LocaleValues: [{ Country: 'US', Subdivision: 'WA' }, { Country: 'CA' }], ActionsGuarded: 'DiscoverPreviewAndAccept' },
      ],
    });
    const seattle = server.control.createWorker({ country: 'US', subdivision: 'WA' }).workerId;
    const berlin = server.control.createWorker({ country: 'DE' }).workerId;
    expect(server.control.listVisibleHits(seattle).map((h) => h.HITId)).toContain(hit.HITId);
    expect(server.control.listVisibleHits(berlin).map((h) => h.HITId)).not.toContain(hit.HITId);
  });

  it('a HIT requiring a score admits a worker only after the test is passed', async () => {
    const typeId = await createType({ Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 600, RetryDelayInSeconds: 1 });
    const hit = await createHit(client, {
      QualificationRequirements: [{ QualificationTypeId: typeId, Comparator: 'GreaterThanOrEqualTo', IntegerValues: [80], ActionsGuarded: 'Accept' }],
    });
    const workerId = newWorker();
    expect(() => server.control.accept(workerId, hit.HITId!)).toThrow();
    server.control.requestQualification(workerId, typeId, { animal: ['cat'], color: ['blue'] });
    expect(server.control.accept(workerId, hit.HITId!).AssignmentId).toMatch(/^3/);
  });
});
