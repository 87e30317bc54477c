import {
  ApproveAssignmentCommand,
  CreateAdditionalAssignmentsForHITCommand,
  DeleteHITCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  CreateWorkerBlockCommand,
  DeleteWorkerBlockCommand,
  ListHITsCommand,
  ListWorkerBlocksCommand,
  NotifyWorkersCommand,
  SendTestEventNotificationCommand,
  UpdateNotificationSettingsCommand,
  type EventType,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { EXTERNAL_QUESTION, controlCall, createHit, rejection, startTestServer } from './helpers';

let server: LocalMTurk;
let client: MTurkClient;
beforeEach(async () => ({ server, client } = await startTestServer()));
afterEach(() => server.close());

const SNS = { Destination: 'arn:aws:sns:us-east-1:123456789012:turk', Transport: 'SNS' as const, Version: '2014-08-15' };

describe('worker blocks', () => {
  it('creates, lists in pages, deletes (idempotently) and enforces blocks on discovery and accept', async () => {
    const hit = await createHit(client);
    const workers = Array.from({ length: 3 }, () => server.control.createWorker());
    for (const w of workers) await client.send(new CreateWorkerBlockCommand({ WorkerId: w.workerId, Reason: 'Spam' }));
    const page = await client.send(new ListWorkerBlocksCommand({ MaxResults: 2 }));
    const rest = await client.send(new ListWorkerBlocksCommand({ MaxResults: 2, NextToken: page.NextToken }));
    // A list's token is for that list: another one refuses it instead of paging from a key that means nothing there.
    const foreign = await rejection(client.send(new ListHITsCommand({ MaxResults: 2, NextToken: page.NextToken })));
    expect(foreign.message).toMatch(/^The NextToken '.+' is invalid\./);
    expect([...page.WorkerBlocks!, ...rest.WorkerBlocks!]).toEqual(workers.map((w) => ({ WorkerId: w.workerId, Reason: 'Spam' })));
    const blocked = workers[0]!.workerId;
    expect(server.control.listVisibleHits(blocked)).toEqual([]);
    expect(() => server.control.accept(blocked, hit.HITId!)).toThrow(/blocked/);
    await client.send(new DeleteWorkerBlockCommand({ WorkerId: blocked }));
    await client.send(new DeleteWorkerBlockCommand({ WorkerId: blocked }));
    expect(server.control.listVisibleHits(blocked).map((h) => h.HITId)).toEqual([hit.HITId]);
    expect(server.control.accept(blocked, hit.HITId!).AssignmentId).toMatch(/^3/);
    const invalid = await rejection(client.send(new CreateWorkerBlockCommand({ WorkerId: 'bad id', Reason: 'x' })));
    expect(invalid.message).toMatch(/^WorkerId is invalid\./);
    const missing = await rejection(client.send(new DeleteWorkerBlockCommand({ WorkerId: '' })));
    expect(missing.message).toMatch(/^WorkerId is invalid\./);
  });
});

describe('qualification requirements at discover / preview / accept', () => {
  it('applies each requirement to the actions it guards', async () => {
    const hit = await createHit(client, {
      QualificationRequirements: [
        { QualificationTypeId: '00000000000000000071', Comparator: 'In', LocaleValues: [{ Country: 'US' }, { Country: 'CA' }], ActionsGuarded: 'DiscoverPreviewAndAccept' },
        { QualificationTypeId: '000000000000000000L0', Comparator: 'GreaterThanOrEqualTo', IntegerValues: [95] },
      ],
    });
    const german = server.control.createWorker({ country: 'DE' });
    const sloppy = server.control.createWorker({ country: 'CA', approvalRatePercent: 80 });
    const good = server.control.createWorker({ country: 'US', subdivision: 'WA', approvalRatePercent: 99 });
    expect(server.control.listVisibleHits(german.workerId)).toEqual([]);
    expect(() => server.control.preview(german.workerId, hit.HITId!)).toThrow();
    expect(server.control.listVisibleHits(sloppy.workerId)).toHaveLength(1);
    expect(server.control.preview(sloppy.workerId, hit.HITId!).HITId).toBe(hit.HITId);
    expect(() => server.control.accept(sloppy.workerId, hit.HITId!)).toThrow();
    expect(server.control.accept(good.workerId, hit.HITId!).WorkerId).toBe(good.workerId);
  });
});

describe('NotifyWorkers', () => {
  it('reports per-worker failures: unknown ids hard, workers never decided soft', async () => {
    const hit = await createHit(client);
    const paid = server.control.createWorker();
    const { AssignmentId } = server.control.accept(paid.workerId, hit.HITId!);
    server.control.submit(AssignmentId, { label: 'x' });
    await client.send(new ApproveAssignmentCommand({ AssignmentId }));
    const stranger = server.control.createWorker();
    const { NotifyWorkersFailureStatuses } = await client.send(
      new NotifyWorkersCommand({ Subject: 'New work', MessageText: 'Hello', WorkerIds: [paid.workerId, stranger.workerId, 'ANEVERSEEN1'] }),
    );
    expect(NotifyWorkersFailureStatuses).toEqual([
      { WorkerId: stranger.workerId, NotifyWorkersFailureCode: 'SoftFailure', NotifyWorkersFailureMessage: expect.any(String) },
      { WorkerId: 'ANEVERSEEN1', NotifyWorkersFailureCode: 'HardFailure', NotifyWorkersFailureMessage: expect.any(String) },
    ]);
    const tooMany = await rejection(
      client.send(new NotifyWorkersCommand({ Subject: 's', MessageText: 'm', WorkerIds: Array.from({ length: 101 }, (_, i) => `A${i}`) })),
    );
    expect(tooMany.name).toBe('RequestError');
  });
});

describe('notifications and the event log', () => {
  it('records the HIT type’s subscribed events in the documented message shape', async () => {
    const { HITTypeId } = await client.send(
      new CreateHITTypeCommand({ Title: 't', Description: 'd', Reward: '0.10', AssignmentDurationInSeconds: 60 }),
    );
    await client.send(
      new UpdateNotificationSettingsCommand({ HITTypeId, Notification: { ...SNS, EventTypes: ['AssignmentAccepted', 'AssignmentSubmitted', 'HITReviewable'] }, Active: true }),
    );
    const { HIT: hit } = await client.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 600, Question: EXTERNAL_QUESTION }));
    const worker = server.control.createWorker();
    const { AssignmentId } = server.control.accept(worker.workerId, hit!.HITId!);
    server.control.submit(AssignmentId, { label: 'x' });
    const events = server.control.events();
    expect(events.map((e) => e.eventType)).toEqual(['AssignmentAccepted', 'AssignmentSubmitted', 'HITReviewable']);
    expect(events[0]).toMatchObject({ destination: SNS.Destination, transport: 'SNS', hitId: hit!.HITId, assignmentId: AssignmentId, test: false });
    expect(events[0]!.message).toMatchObject({
      Events: [{ EventType: 'AssignmentAccepted', HITId: hit!.HITId, HITTypeId, AssignmentId, EventTimestamp: expect.stringMatching(/Z$/) }],
      EventDocVersion: '2014-08-15',
      EventDocId: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const viaHttp = await controlCall(server, 'GET', `events?after=${events[1]!.seq}`);
    expect((viaHttp.json.Events as { eventType: string }[]).map((e) => e.eventType)).toEqual(['HITReviewable']);
    await client.send(new UpdateNotificationSettingsCommand({ HITTypeId, Active: false }));
    const second = await createHit(client, { Title: 't', Description: 'd', Reward: '0.10', AssignmentDurationInSeconds: 60 });
    expect(second.HITTypeId).toBe(HITTypeId);
    expect(server.control.events(events[2]!.seq)).toEqual([]);
  });

  it('logs returns, abandonment, extension, expiry, auto-approval and disposal in the order they happened', async () => {
    const { HITTypeId } = await client.send(
      new CreateHITTypeCommand({ Title: 'e', Description: 'd', Reward: '0.10', AssignmentDurationInSeconds: 60, AutoApprovalDelayInSeconds: 3600 }),
    );
    const all: EventType[] = ['AssignmentReturned', 'AssignmentAbandoned', 'AssignmentApproved', 'HITExpired', 'HITExtended', 'HITDisposed', 'HITCreated'];
    await client.send(new UpdateNotificationSettingsCommand({ HITTypeId, Notification: { ...SNS, EventTypes: all } }));
    const { HIT: hit } = await client.send(
      new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 600, Question: EXTERNAL_QUESTION, MaxAssignments: 3 }),
    );
    const hitId = hit!.HITId!;
    const [a, b, c] = [server.control.createWorker(), server.control.createWorker(), server.control.createWorker()];
    server.control.returnAssignment(server.control.accept(a.workerId, hitId).AssignmentId);
    server.control.accept(b.workerId, hitId);
    server.clock.advance(61_000);
    server.control.submit(server.control.accept(c.workerId, hitId).AssignmentId, { label: 'x' });
    await client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: hitId, NumberOfAdditionalAssignments: 1 }));
    server.clock.advance(3_600_000);
    await client.send(new DeleteHITCommand({ HITId: hitId }));
    expect(server.control.events().map((e) => e.eventType)).toEqual([
      'HITCreated',
      'AssignmentReturned',
      'AssignmentAbandoned',
      'HITExtended',
      'HITExpired',
      'AssignmentApproved',
      'HITDisposed',
    ]);
  });

  it('sends a test event even when the spec does not list it, and validates the destination', async () => {
    await client.send(new SendTestEventNotificationCommand({ Notification: { ...SNS, EventTypes: ['HITCreated'] }, TestEventType: 'Ping' }));
    const [event] = server.control.events();
    expect(event).toMatchObject({ eventType: 'Ping', test: true, destination: SNS.Destination });
    const bad = await rejection(
      client.send(new SendTestEventNotificationCommand({ Notification: { ...SNS, Destination: 'not-an-arn', EventTypes: ['HITCreated'] }, TestEventType: 'Ping' })),
    );
    expect(bad.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidTransportEndpoint');
    const { HITTypeId } = await createHit(client);
    const ping = await rejection(
      client.send(new UpdateNotificationSettingsCommand({ HITTypeId, Notification: { ...SNS, EventTypes: ['Ping'] } })),
    );
    expect(ping.message).toContain('Ping');
    const noSpec = await rejection(client.send(new UpdateNotificationSettingsCommand({ HITTypeId: (await createHit(client)).HITTypeId, Active: true })));
    expect(noSpec.name).toBe('RequestError');
  });
});
