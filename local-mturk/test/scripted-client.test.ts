/**
 * A client that knows only the MTurk API: the real SDK, node built-ins and plain fetch for the documented control
 * API. No project imports — the server is the CLI, spawned like a user would run it.
 */
import {
  ApproveAssignmentCommand,
  AssociateQualificationWithWorkerCommand,
  CreateHITCommand,
  CreateQualificationTypeCommand,
  GetAccountBalanceCommand,
  GetQualificationScoreCommand,
  ListAssignmentsForHITCommand,
  ListBonusPaymentsCommand,
  ListReviewableHITsCommand,
  MTurkClient,
  RejectAssignmentCommand,
  SendBonusCommand,
  DeleteHITCommand,
} from '@aws-sdk/client-mturk';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let child: ChildProcess;
let url = '';
let secret = '';
let client: MTurkClient;

beforeAll(async () => {
  child = spawn('node_modules/.bin/tsx', ['local-mturk/src/cli.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  let accessKeyId = '';
  for await (const line of lines) {
    url = /^Local MTurk listening on (.+)$/.exec(line)?.[1] ?? url;
    accessKeyId = /^AWS_ACCESS_KEY_ID=(.+)$/.exec(line)?.[1] ?? accessKeyId;
    secret = /^AWS_SECRET_ACCESS_KEY=(.+)$/.exec(line)?.[1] ?? secret;
    if (url && accessKeyId && secret) break;
  }
  client = new MTurkClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId, secretAccessKey: secret }, maxAttempts: 1 });
}, 20_000);

afterAll(() => {
  child.kill('SIGTERM');
});

/** The members of the control API's answers this script reads (see local-mturk/README.md). */
interface ControlJson {
  Worker?: { workerId: string };
  HITs?: { HITId: string }[];
  Assignment?: { AssignmentId: string };
  Request?: { outcome: string; integerValue?: number };
}

async function control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: ControlJson }> {
  const response = await fetch(`${url}/_local/${path}`, {
    method,
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as ControlJson };
}

const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
<HTMLContent><![CDATA[<!DOCTYPE html><html><body><form><input name="animal"/></form></body></html>]]></HTMLContent>
<FrameHeight>400</FrameHeight></HTMLQuestion>`;

const TEST = `<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd">
<Question><QuestionIdentifier>sum</QuestionIdentifier><QuestionContent><Text>2 + 2 = ?</Text></QuestionContent>
<AnswerSpecification><SelectionAnswer><Selections>
<Selection><SelectionIdentifier>four</SelectionIdentifier><Text>4</Text></Selection>
<Selection><SelectionIdentifier>five</SelectionIdentifier><Text>5</Text></Selection>
</Selections></SelectionAnswer></AnswerSpecification></Question></QuestionForm>`;

const ANSWER_KEY = `<AnswerKey xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd">
<Question><QuestionIdentifier>sum</QuestionIdentifier>
<AnswerOption><SelectionIdentifier>four</SelectionIdentifier><AnswerScore>90</AnswerScore></AnswerOption></Question></AnswerKey>`;

describe('a scripted requester against the standalone Local MTurk', () => {
  it('runs create → work → review → bonus → qualification', async () => {
    const { HIT: hit } = await client.send(
      new CreateHITCommand({
        Title: 'Name the animal',
        Description: 'One word',
        Reward: '0.20',
        MaxAssignments: 2,
        LifetimeInSeconds: 3600,
        AssignmentDurationInSeconds: 300,
        Question: QUESTION,
      }),
    );
    const hitId = hit!.HITId!;

    const alice = (await control('POST', 'workers', { country: 'US' })).json.Worker!.workerId;
    const bob = (await control('POST', 'workers', { country: 'GB' })).json.Worker!.workerId;
    const visible = await control('GET', `workers/${alice}/hits`);
    expect(visible.json.HITs!.map((h) => h.HITId)).toContain(hitId);
    for (const [worker, answer] of [[alice, 'cat'], [bob, '']] as const) {
      const accepted = await control('POST', `workers/${worker}/hits/${hitId}/accept`);
      expect(accepted.status).toBe(201);
      const submitted = await control('POST', `assignments/${accepted.json.Assignment!.AssignmentId}/submit`, { answers: { animal: answer } });
      expect(submitted.status).toBe(200);
    }

    const reviewable = await client.send(new ListReviewableHITsCommand({}));
    expect(reviewable.HITs!.map((h) => h.HITId)).toEqual([hitId]);
    const { Assignments: work } = await client.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
    expect(work).toHaveLength(2);
    const good = work!.find((a) => a.WorkerId === alice)!;
    const bad = work!.find((a) => a.WorkerId === bob)!;
    expect(good.Answer).toContain('<FreeText>cat</FreeText>');
    await client.send(new ApproveAssignmentCommand({ AssignmentId: good.AssignmentId, RequesterFeedback: 'Thanks!' }));
    await client.send(new RejectAssignmentCommand({ AssignmentId: bad.AssignmentId, RequesterFeedback: 'Empty answer' }));

    await client.send(new SendBonusCommand({ WorkerId: alice, AssignmentId: good.AssignmentId, BonusAmount: '0.50', Reason: 'Fast', UniqueRequestToken: 'b-1' }));
    const { BonusPayments } = await client.send(new ListBonusPaymentsCommand({ HITId: hitId }));
    expect(BonusPayments).toMatchObject([{ WorkerId: alice, BonusAmount: '0.50' }]);
    // 10000.00 − (0.20 + 0.04 fee) − (0.50 + 0.10 fee)
    expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe('9999.16');
    await client.send(new DeleteHITCommand({ HITId: hitId }));

    const { QualificationType: skill } = await client.send(
      new CreateQualificationTypeCommand({
        Name: 'Arithmetic',
        Description: 'Passed the sum test',
        QualificationTypeStatus: 'Active',
        Test: TEST,
        AnswerKey: ANSWER_KEY,
        TestDurationInSeconds: 300,
      }),
    );
    const typeId = skill!.QualificationTypeId!;
    const graded = await control('POST', `workers/${alice}/qualifications/${typeId}/request`, { answers: { sum: ['four'] } });
    expect(graded.json.Request).toMatchObject({ outcome: 'Granted', integerValue: 90 });
    const { Qualification: score } = await client.send(new GetQualificationScoreCommand({ QualificationTypeId: typeId, WorkerId: alice }));
    expect(score).toMatchObject({ IntegerValue: 90, Status: 'Granted' });

    const { HIT: gated } = await client.send(
      new CreateHITCommand({
        Title: 'Harder sums',
        Description: 'Qualified workers only',
        Reward: '0.30',
        LifetimeInSeconds: 3600,
        AssignmentDurationInSeconds: 300,
        Question: QUESTION,
        QualificationRequirements: [{ QualificationTypeId: typeId, Comparator: 'GreaterThanOrEqualTo', IntegerValues: [80] }],
      }),
    );
    const refused = await control('POST', `workers/${bob}/hits/${gated!.HITId}/accept`);
    expect(refused.status).toBe(403);
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: bob, IntegerValue: 85, SendNotification: false }));
    expect((await control('POST', `workers/${bob}/hits/${gated!.HITId}/accept`)).status).toBe(201);
  });
});
