/**
 * Fast seeding of a Local MTurk data file for the sync bench: HITs created through the real API by several
 * concurrent requests (the server runs without latency or a rate limit while seeding), then worked by simulated
 * workers through the in-process control, plus the account extras a full sync also reads (approvals, rejections,
 * bonuses, a qualification with grants, a block). The data file is then reopened with latency and a ceiling.
 */
import {
  ApproveAssignmentCommand,
  AssociateQualificationWithWorkerCommand,
  CreateHITCommand,
  CreateQualificationTypeCommand,
  CreateWorkerBlockCommand,
  MTurkClient,
  RejectAssignmentCommand,
  SendBonusCommand,
} from '@aws-sdk/client-mturk';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';

export interface SeedSpec {
  readonly dataFile: string;
  readonly hits: number;
  readonly assignmentsPerHit: number;
}

export interface SeedResult {
  readonly hits: number;
  readonly assignments: number;
  readonly bonuses: number;
  readonly seconds: number;
}

/** Requests in flight while creating HITs: enough to keep the in-process server busy, not so many that sockets pile up. */
const CREATE_CONCURRENCY = 16;
const WORKERS = 40;
/** Every n-th assignment is approved, rejected or bonused, so the archive sees every status, as in a real account. */
const APPROVE_EVERY = 3;
const REJECT_EVERY = 50;
const BONUS_EVERY = 200;

const HTML_QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
  <HTMLContent><![CDATA[<!DOCTYPE html><html><body><form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit">
  <input type="hidden" name="assignmentId" value=""/><input name="label"/><input type="submit"/></form></body></html>]]></HTMLContent>
  <FrameHeight>600</FrameHeight>
</HTMLQuestion>`;

export function benchClient(server: Pick<LocalMTurk, 'url' | 'credentials'>, maxAttempts?: number): MTurkClient {
  // A copy of the keys: the SDK tags the credentials object it is given.
  const { accessKeyId, secretAccessKey } = server.credentials;
  return new MTurkClient({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId, secretAccessKey }, ...(maxAttempts ? { maxAttempts } : {}) });
}

/** Runs `work(i)` for i in [0, count) with at most `limit` in flight. */
async function pool(count: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}

/** Seeds `spec.dataFile` from scratch and closes the server, so the caller can reopen the file with other settings. */
export async function seedDataFile(spec: SeedSpec): Promise<SeedResult> {
  const started = performance.now();
  // A balance that covers thousands of HITs and their fees.
  const server = await startLocalMTurk({ port: 0, dataFile: spec.dataFile, startingBalanceCents: 1_000_000_000 });
  const client = benchClient(server, 1);
  try {
    const workerIds = Array.from({ length: Math.max(WORKERS, spec.assignmentsPerHit) }, () => server.control.createWorker({ country: 'US', approvalRatePercent: 99 }).workerId);
    const hitIds = new Array<string>(spec.hits);
    await pool(spec.hits, CREATE_CONCURRENCY, async (h) => {
      const { HIT: hit } = await client.send(
        new CreateHITCommand({
          Title: 'Label an image',
          Description: 'Say what the picture shows',
          Reward: '0.50',
          AssignmentDurationInSeconds: 600,
          // A week: the sync bench runs long after seeding, and expired HITs would still be listed, but keep them open anyway.
          LifetimeInSeconds: 7 * 86_400,
          MaxAssignments: spec.assignmentsPerHit,
          Question: HTML_QUESTION,
          RequesterAnnotation: `bench row ${h}`,
        }),
      );
      if (!hit?.HITId) throw new Error('CreateHIT returned no HIT');
      hitIds[h] = hit.HITId;
    });

    const assignmentIds: { id: string; workerId: string }[] = [];
    hitIds.forEach((hitId, h) => {
      for (let a = 0; a < spec.assignmentsPerHit; a++) {
        const workerId = workerIds[(h + a) % workerIds.length]!;
        const accepted = server.control.accept(workerId, hitId);
        server.control.submit(accepted.AssignmentId, { label: `answer ${h}-${a}`, sentiment: a % 2 === 0 ? 'positive' : 'negative' });
        assignmentIds.push({ id: accepted.AssignmentId, workerId });
      }
    });

    let bonuses = 0;
    await pool(assignmentIds.length, CREATE_CONCURRENCY, async (i) => {
      const { id, workerId } = assignmentIds[i]!;
      if (i % REJECT_EVERY === 1) await client.send(new RejectAssignmentCommand({ AssignmentId: id, RequesterFeedback: 'Answer was empty' }));
      else if (i % APPROVE_EVERY === 0) await client.send(new ApproveAssignmentCommand({ AssignmentId: id, RequesterFeedback: 'Thanks!' }));
      if (i % BONUS_EVERY === 0) {
        await client.send(new SendBonusCommand({ WorkerId: workerId, AssignmentId: id, BonusAmount: '0.25', Reason: 'Great work', UniqueRequestToken: `bench-bonus-${i}` }));
        bonuses += 1;
      }
    });

    const { QualificationType } = await client.send(
      new CreateQualificationTypeCommand({ Name: 'Trusted labellers', Description: 'Did good work before', QualificationTypeStatus: 'Active' }),
    );
    const typeId = QualificationType?.QualificationTypeId;
    if (!typeId) throw new Error('CreateQualificationType returned no id');
    for (const workerId of workerIds.slice(0, 5)) {
      await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: typeId, WorkerId: workerId, IntegerValue: 90, SendNotification: false }));
    }
    await client.send(new CreateWorkerBlockCommand({ WorkerId: workerIds[workerIds.length - 1]!, Reason: 'Spam answers' }));
    return { hits: hitIds.length, assignments: assignmentIds.length, bonuses, seconds: (performance.now() - started) / 1000 };
  } finally {
    client.destroy();
    await server.close();
  }
}
