/**
 * The worker inbox: what MTurk would have sent a worker is stored where the requester's call runs, and only for the
 * workers it would have reached.
 */
import {
  AcceptQualificationRequestCommand,
  ApproveAssignmentCommand,
  AssociateQualificationWithWorkerCommand,
  CreateQualificationTypeCommand,
  DisassociateQualificationFromWorkerCommand,
  ListQualificationRequestsCommand,
  NotifyWorkersCommand,
  RejectQualificationRequestCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { createHit, startTestServer } from './helpers';
import { signInCookie } from './worker-site-fixtures';

let server: LocalMTurk;
let client: MTurkClient;
beforeEach(async () => {
  ({ server, client } = await startTestServer());
});
afterEach(() => server.close());

const unquote = (text: string): string => text.replace(/&quot;/g, '"');

/** The inbox page's messages as [kind, subject, body]. */
async function inbox(workerId: string): Promise<[string, string, string][]> {
  const cookie = await signInCookie(server, workerId);
  const page = await (await fetch(`${server.url}/worker/inbox`, { headers: { cookie } })).text();
  return [...page.matchAll(/<article class="message" data-kind="([^"]+)"><strong>([^<]*)<\/strong>[\s\S]*?<pre>([^<]*)<\/pre>/g)].map((m) => [m[1] ?? '', unquote(m[2] ?? ''), m[3] ?? '']);
}

async function approvedWorker(): Promise<string> {
  const workerId = server.control.createWorker({}).workerId;
  const hit = await createHit(client);
  const assignment = server.control.accept(workerId, hit.HITId ?? '');
  server.control.submit(assignment.AssignmentId, { label: 'x' });
  await client.send(new ApproveAssignmentCommand({ AssignmentId: assignment.AssignmentId }));
  return workerId;
}

async function qualificationType(name: string): Promise<string> {
  const { QualificationType } = await client.send(new CreateQualificationTypeCommand({ Name: name, Description: 'd', QualificationTypeStatus: 'Active', RetryDelayInSeconds: 0 }));
  return QualificationType?.QualificationTypeId ?? '';
}

describe('the worker inbox', () => {
  it('stores NotifyWorkers messages for the workers it reaches, escaped when shown, newest first', async () => {
    const reached = await approvedWorker();
    const stranger = server.control.createWorker({}).workerId;
    const { NotifyWorkersFailureStatuses } = await client.send(new NotifyWorkersCommand({ WorkerIds: [reached, stranger], Subject: 'Hello <b>', MessageText: 'One & two' }));
    expect(NotifyWorkersFailureStatuses?.map((f) => [f.WorkerId, f.NotifyWorkersFailureCode])).toEqual([[stranger, 'SoftFailure']]);
    await client.send(new NotifyWorkersCommand({ WorkerIds: [reached], Subject: 'Second', MessageText: 'later' }));
    expect(await inbox(reached)).toEqual([
      ['NotifyWorkers', 'Second', 'later'],
      ['NotifyWorkers', 'Hello &lt;b&gt;', 'One &amp; two'],
    ]);
    expect(await inbox(stranger)).toEqual([]);
  });

  it('stores qualification notices: granted (unless SendNotification is false), request granted or rejected, revoked', async () => {
    const workerId = server.control.createWorker({}).workerId;
    const quiet = await qualificationType('Quiet');
    const loud = await qualificationType('Loud');
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: quiet, WorkerId: workerId, SendNotification: false }));
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: loud, WorkerId: workerId, IntegerValue: 7 }));
    await client.send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: loud, WorkerId: workerId, Reason: 'Too loud' }));
    const requested = await qualificationType('Requested');
    server.control.requestQualification(workerId, requested);
    const pending = async (): Promise<string> =>
      (await client.send(new ListQualificationRequestsCommand({ QualificationTypeId: requested }))).QualificationRequests?.[0]?.QualificationRequestId ?? '';
    await client.send(new RejectQualificationRequestCommand({ QualificationRequestId: await pending(), Reason: 'Not yet' }));
    server.control.requestQualification(workerId, requested);
    await client.send(new AcceptQualificationRequestCommand({ QualificationRequestId: await pending(), IntegerValue: 3 }));
    const messages = await inbox(workerId);
    expect(messages.map(([kind, subject]) => [kind, subject])).toEqual([
      ['QualificationRequestGranted', 'Your request for the Qualification "Requested" was granted'],
      ['QualificationRequestRejected', 'Your request for the Qualification "Requested" was rejected'],
      ['QualificationRevoked', 'Your Qualification "Loud" was revoked'],
      ['QualificationGranted', 'You have been granted the Qualification "Loud"'],
    ]);
    expect(messages[0]?.[2]).toContain('with the value 3.');
    expect(messages[1]?.[2]).toContain('Reason: Not yet');
    expect(messages[2]?.[2]).toContain('Reason: Too loud');
  });

  it('is emptied by a reset', async () => {
    const workerId = await approvedWorker();
    await client.send(new NotifyWorkersCommand({ WorkerIds: [workerId], Subject: 's', MessageText: 'm' }));
    server.control.reset();
    server.control.createWorker({ workerId });
    expect(await inbox(workerId)).toEqual([]);
  });
});
