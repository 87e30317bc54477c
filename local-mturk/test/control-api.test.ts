import { GetAssignmentCommand, GetFileUploadURLCommand, GetHITCommand, ListHITsCommand, ListReviewPolicyResultsForHITCommand, type MTurkClient } from '@aws-sdk/client-mturk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseQuestionFormAnswers } from '../../shared/mturk/answers';
import type { LocalMTurk } from '../src/index';
import { controlCall, createHit, rejection, startTestServer } from './helpers';

let server: LocalMTurk;
let client: MTurkClient;
beforeEach(async () => ({ server, client } = await startTestServer()));
afterEach(() => server.close());

describe('control API over HTTP', () => {
  it('requires the bearer secret of a configured key', async () => {
    const response = await fetch(`${server.url}/_local/health`, { headers: { Authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
    expect((await controlCall(server, 'GET', 'health')).json).toEqual({ ok: true });
  });

  it('creates workers, lists, previews, accepts, submits, returns and abandons', async () => {
    const hit = await createHit(client, { MaxAssignments: 3 });
    const created = await controlCall(server, 'POST', 'workers', { workerId: 'ATESTWORKER1', country: 'US', approvalRatePercent: 97 });
    expect(created).toEqual({
      status: 201,
      json: { Worker: { workerId: 'ATESTWORKER1', country: 'US', approvalRatePercent: 97, hitsApproved: 1000, masters: false, adult: false } },
    });
    const listed = await controlCall(server, 'GET', 'workers');
    expect((listed.json.Workers as { workerId: string }[]).map((w) => w.workerId)).toEqual(['ATESTWORKER1']);
    const visible = await controlCall(server, 'GET', 'workers/ATESTWORKER1/hits');
    expect((visible.json.HITs as { HITId: string }[]).map((h) => h.HITId)).toEqual([hit.HITId]);
    const preview = await controlCall(server, 'GET', `workers/ATESTWORKER1/hits/${hit.HITId}`);
    expect((preview.json.HIT as { Question: string }).Question).toContain('HTMLQuestion');

    const accept = async (): Promise<string> => {
      const worker = (await controlCall(server, 'POST', 'workers', {})).json.Worker as { workerId: string };
      const accepted = await controlCall(server, 'POST', `workers/${worker.workerId}/hits/${hit.HITId}/accept`);
      expect(accepted.status).toBe(201);
      return (accepted.json.Assignment as { AssignmentId: string }).AssignmentId;
    };
    const [returned, abandoned, submitted] = [await accept(), await accept(), await accept()];
    expect((await controlCall(server, 'POST', `assignments/${returned}/return`)).status).toBe(200);
    expect((await controlCall(server, 'POST', `assignments/${abandoned}/abandon`)).status).toBe(200);
    const xml = `<QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd"><Answer><QuestionIdentifier>label</QuestionIdentifier><FreeText>dog</FreeText></Answer></QuestionFormAnswers>`;
    expect((await controlCall(server, 'POST', `assignments/${submitted}/submit`, { answerXml: xml })).status).toBe(200);
    expect((await client.send(new GetAssignmentCommand({ AssignmentId: submitted }))).Assignment!.Answer).toBe(xml);
    const again = await controlCall(server, 'POST', `assignments/${returned}/submit`, { answers: { label: 'late' } });
    expect(again.status).toBe(409);
    const { HIT: counters } = await client.send(new GetHITCommand({ HITId: hit.HITId }));
    expect([counters!.NumberOfAssignmentsAvailable, counters!.NumberOfAssignmentsPending]).toEqual([2, 0]);
  });

  it('reports bad input, unknown objects and unknown endpoints', async () => {
    expect((await controlCall(server, 'POST', 'workers', { country: 'USA' })).status).toBe(400);
    expect((await controlCall(server, 'POST', 'workers', { masters: 'yes' })).status).toBe(400);
    expect((await controlCall(server, 'GET', 'workers/ANOBODY/hits')).status).toBe(404);
    expect((await controlCall(server, 'POST', 'assignments/3NOPE/submit', {})).status).toBe(404);
    const unknown = await controlCall(server, 'GET', 'teleport');
    expect(unknown).toMatchObject({ status: 404, json: { Error: { Code: 'NotFound' } } });
  });

  it('advances the clock (expiring HITs) and resets everything', async () => {
    const hit = await createHit(client, { LifetimeInSeconds: 600 });
    const before = (await controlCall(server, 'GET', 'clock')).json.Now as number;
    const after = (await controlCall(server, 'POST', 'clock/advance', { seconds: 601 })).json.Now as number;
    expect(after - before).toBeGreaterThanOrEqual(601_000);
    expect((await client.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe('Reviewable');
    expect((await controlCall(server, 'POST', 'clock/advance', { ms: -1 })).status).toBe(400);
    expect((await controlCall(server, 'POST', 'reset')).status).toBe(200);
    expect((await client.send(new ListHITsCommand({}))).NumResults).toBe(0);
  });
});

describe('clock bounds', () => {
  const YEAR_MS = 365.25 * 24 * 3600 * 1000;
  const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
  let pinned: LocalMTurk;
  beforeEach(async () => ({ server: pinned } = await startTestServer({ wallClock: () => NOW })));
  afterEach(() => pinned.close());

  const advance = async (body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(`${pinned.url}/_local/clock/advance`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${pinned.credentials.secretAccessKey}`, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const message = (answer: { json: Record<string, unknown> }): string => (answer.json.Error as { Message: string }).Message;

  it('refuses non-finite, negative and absurd advances, naming the field and the limit', async () => {
    const huge = await advance({ ms: 1e300 });
    expect(huge.status).toBe(400);
    expect(message(huge)).toBe('ms must be at most 315576000000 (10 years) per call; got 1e+300.');
    expect(message(await advance('{"ms": 1e999}'))).toBe('ms must be a finite number; got Infinity.');
    expect(message(await advance({ seconds: -1 }))).toBe('seconds must not be negative (the clock only moves forward); got -1.');
    expect(message(await advance({ seconds: 4e8 }))).toBe('seconds must be at most 315576000 (10 years) per call; got 400000000.');
    expect(() => pinned.clock.advance(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => pinned.control.advanceClock(11 * YEAR_MS)).toThrow('ms must be at most 315576000000 (10 years) per call');
    expect(pinned.clock.now()).toBe(NOW);
  });

  it('lets the clock run at most 100 years ahead of real time in all', async () => {
    for (let decade = 0; decade < 10; decade++) expect((await advance({ ms: 10 * YEAR_MS })).status).toBe(200);
    expect(pinned.clock.now()).toBe(NOW + 100 * YEAR_MS);
    const beyond = await advance({ ms: 1 });
    expect(beyond.status).toBe(400);
    expect(message(beyond)).toBe('ms would take the clock more than 100 years past real time; at most 0 is left (use reset to return to real time).');
  });

  it('puts the clock back to real time on reset', async () => {
    await advance({ seconds: 86_400 });
    expect(pinned.clock.now()).toBe(NOW + 86_400_000);
    expect((await controlCall(pinned, 'POST', 'reset')).status).toBe(200);
    expect(pinned.clock.now()).toBe(NOW);
    expect((await controlCall(pinned, 'GET', 'clock')).json).toEqual({ Now: NOW });
  });
});

describe('externalSubmit', () => {
  it('turns a posted HTML form into QuestionFormAnswers, ignoring the reserved fields', async () => {
    const hit = await createHit(client);
    const worker = server.control.createWorker();
    const { AssignmentId } = server.control.accept(worker.workerId, hit.HITId!);
    const post = (form: Record<string, string>) =>
      fetch(`${server.url}/mturk/externalSubmit`, { method: 'POST', body: new URLSearchParams(form) });
    expect((await post({ assignmentId: 'ASSIGNMENT_ID_NOT_AVAILABLE', label: 'x' })).status).toBe(400);
    const accepted = await post({ assignmentId: AssignmentId, hitId: hit.HITId!, label: 'a cat', notes: 'black & white' });
    expect(accepted.status).toBe(200);
    const { Assignment: a } = await client.send(new GetAssignmentCommand({ AssignmentId }));
    expect(parseQuestionFormAnswers(a!.Answer!)).toEqual([
      { questionIdentifier: 'label', freeText: 'a cat' },
      { questionIdentifier: 'notes', freeText: 'black & white' },
    ]);
    expect((await post({ assignmentId: AssignmentId, label: 'again' })).status).toBe(409);
  });
});

describe('small operations', () => {
  it('GetFileUploadURL refuses (FileUploadAnswer no longer exists) and needs a real assignment', async () => {
    const hit = await createHit(client);
    const worker = server.control.createWorker();
    const { AssignmentId } = server.control.accept(worker.workerId, hit.HITId!);
    server.control.submit(AssignmentId, { label: 'x' });
    const refused = await rejection(client.send(new GetFileUploadURLCommand({ AssignmentId, QuestionIdentifier: 'label' })));
    expect(refused.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    const unknown = await rejection(client.send(new GetFileUploadURLCommand({ AssignmentId: '3NOPE', QuestionIdentifier: 'label' })));
    expect(unknown.TurkErrorCode).toBe('AWS.MechanicalTurk.AssignmentDoesNotExist');
  });

  it('ListReviewPolicyResultsForHIT answers with just the HITId when no policy is attached', async () => {
    const hit = await createHit(client);
    const report = await client.send(new ListReviewPolicyResultsForHITCommand({ HITId: hit.HITId }));
    expect(report.HITId).toBe(hit.HITId);
    expect(report.AssignmentReviewReport).toBeUndefined();
    const unknown = await rejection(client.send(new ListReviewPolicyResultsForHITCommand({ HITId: '3NOPE' })));
    expect(unknown.TurkErrorCode).toBe('AWS.MechanicalTurk.HITDoesNotExist');
  });
});
