import { MTurkClient, SendTestEventNotificationCommand } from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/services';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { createHit } from '../../../local-mturk/test/helpers';
import { startLossyProxy } from '../../helpers/lossy-proxy';
import { syncFully, workbenchFor } from '../actions/workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function lab(): Promise<LocalMTurk> {
  const started = await startLocalMTurk({ port: 0 });
  cleanups.push(() => started.close());
  return started;
}

function bench(mturk: LocalMTurk): Services {
  const services = workbenchFor(mturk);
  cleanups.push(() => services.dispose());
  return services;
}

const client = (mturk: LocalMTurk): MTurkClient => new MTurkClient({ region: 'us-east-1', endpoint: mturk.url, credentials: { ...mturk.credentials } });
const SQS = 'https://sqs.us-east-1.amazonaws.com/123456789012/turk-events';

describe('notification settings', () => {
  it('sets a HIT type’s destination on MTurk, remembers it, and MTurk then records its events there', { timeout: 60_000 }, async () => {
    const mturk = await lab();
    const services = bench(mturk);
    const hit = await createHit(client(mturk));
    await syncFully(services);

    const set = await services.notifications.update({ hitTypeId: hit.HITTypeId!, notification: { destination: SQS, transport: 'SQS', version: '2014-08-15', eventTypes: ['AssignmentSubmitted'] }, active: true });
    expect(set).toMatchObject({ ok: true, value: { destination: SQS, transport: 'SQS', eventTypes: ['AssignmentSubmitted'], active: true } });
    const listed = services.notifications.list();
    expect(listed.ok && listed.value.find((row) => row.hitTypeId === hit.HITTypeId)?.settings).toMatchObject({ destination: SQS, active: true });

    const worker = mturk.control.createWorker().workerId;
    const assignment = mturk.control.accept(worker, hit.HITId!);
    mturk.control.submit(assignment.AssignmentId, { answer: 'yes' });
    expect(mturk.control.events().filter((e) => e.eventType === 'AssignmentSubmitted')).toEqual([expect.objectContaining({ destination: SQS, hitId: hit.HITId, test: false })]);

    const test = await services.notifications.test({ hitTypeId: hit.HITTypeId!, testEventType: 'Ping' });
    expect(test).toEqual({ ok: true, value: { sent: true } });
    expect(mturk.control.events().filter((e) => e.test)).toEqual([expect.objectContaining({ eventType: 'Ping', destination: SQS })]);

    // Switched off, MTurk stops recording; the destination stays remembered.
    expect(await services.notifications.update({ hitTypeId: hit.HITTypeId!, active: false })).toMatchObject({ ok: true, value: { active: false, destination: SQS } });
    const second = mturk.control.accept(mturk.control.createWorker().workerId, hit.HITId!);
    mturk.control.submit(second.AssignmentId, { answer: 'no' });
    expect(mturk.control.events().filter((e) => e.eventType === 'AssignmentSubmitted')).toHaveLength(1);
  });

  it('names what is wrong before sending anything, and refuses a switch or test without a destination', { timeout: 30_000 }, async () => {
    const mturk = await lab();
    const services = bench(mturk);
    const hit = await createHit(client(mturk));
    const wrong = await services.notifications.update({ hitTypeId: hit.HITTypeId!, notification: { destination: 'arn:aws:sns:us-east-1:123456789012:t', transport: 'SQS', version: '2014-08-15', eventTypes: ['Ping'] }, active: true });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'validation', field: 'destination', message: expect.stringContaining('Ping can only be sent as a test event') } });
    expect(await services.notifications.update({ hitTypeId: hit.HITTypeId!, active: true })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'notification' } });
    expect(await services.notifications.test({ hitTypeId: hit.HITTypeId!, testEventType: 'Ping' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(mturk.control.events()).toEqual([]);
  });

  it('settles a lost answer by setting the same specification again', { timeout: 60_000 }, async () => {
    const mturk = await lab();
    const hit = await createHit(client(mturk));
    let calls = 0;
    const proxy = await startLossyProxy(mturk.url, (request) => {
      if (request.operation !== 'UpdateNotificationSettings') return 'answer';
      calls += 1;
      return calls === 1 ? 'lose-answer' : 'answer';
    });
    cleanups.push(() => proxy.close());
    const services = bench({ ...mturk, url: proxy.url } as LocalMTurk);
    await syncFully(services);
    const spec = { destination: 'lab@example.org', transport: 'Email' as const, version: '2014-08-15', eventTypes: ['HITReviewable'] };
    // The specification replaces any earlier one, so the lost answer is learnt by setting it again.
    const first = await services.notifications.update({ hitTypeId: hit.HITTypeId!, notification: spec, active: true });
    expect(first).toMatchObject({ ok: true, value: { destination: 'lab@example.org', active: true } });
    expect(calls).toBe(2);
    const listed = services.notifications.list();
    expect(listed.ok && listed.value.map((row) => row.settings?.destination ?? null)).toEqual(['lab@example.org']);
    expect(mturk.control.events()).toEqual([]);
  });
});

describe('the built-in Local MTurk’s event feed', () => {
  it('lists what it would have delivered, after a sequence number', { timeout: 60_000 }, async () => {
    const mturk = await lab();
    const services = bench(mturk);
    const access = await services.localMTurk.access();
    const secret = await services.localMTurk.revealSecret();
    if (!access.ok || !secret.ok) throw new Error('the built-in Local MTurk did not start');
    const builtIn = new MTurkClient({ region: access.value.region, endpoint: access.value.endpoint, credentials: { accessKeyId: access.value.accessKeyId, secretAccessKey: secret.value.secretAccessKey } });
    const notification = { Destination: 'arn:aws:sns:us-east-1:123456789012:feed', Transport: 'SNS' as const, Version: '2014-08-15', EventTypes: ['HITCreated' as const] };
    await builtIn.send(new SendTestEventNotificationCommand({ Notification: notification, TestEventType: 'Ping' }));
    await builtIn.send(new SendTestEventNotificationCommand({ Notification: notification, TestEventType: 'HITExpired' }));
    const all = await services.localMTurk.events(0);
    expect(all.ok && all.value.map((e) => [e.eventType, e.transport, e.destination, e.test])).toEqual([
      ['Ping', 'SNS', notification.Destination, true],
      ['HITExpired', 'SNS', notification.Destination, true],
    ]);
    const later = await services.localMTurk.events(all.ok ? all.value[0]!.seq : 0);
    expect(later.ok && later.value.map((e) => e.eventType)).toEqual(['HITExpired']);
    expect(all.ok && JSON.parse(all.value[0]!.message)).toMatchObject({ Events: [{ EventType: 'Ping' }], EventDocVersion: '2014-08-15' });
  });
});
