/**
 * Journaled notification writes. A HIT type's specification is replaced whole, so when an answer is lost the call is
 * simply made again to learn the outcome (MTurk has no call that reads a specification back). A test event has
 * nothing to read back either; a lost answer counts as sent — a second test message is what the requester would not
 * want to wonder about.
 */
import { z } from 'zod';
import { NOTIFICATION_EVENT_TYPES, NOTIFICATION_TRANSPORTS, TEST_EVENT_TYPES, type TestEventType } from '../../../shared/notifications/notification-spec';
import { ok, type Result } from '../../../shared/result';
import { saveNotificationSettings, setNotificationsActive } from '../../archive/repos/notification-settings';
import { defineAction, type AnyActionDefinition, type Produced, type SendContext, type Verdict } from './action-definition';

const hitTypeId = z.string().min(1).max(64);
const spec = z
  .object({
    destination: z.string().min(1).max(1024),
    transport: z.enum(NOTIFICATION_TRANSPORTS),
    version: z.string().min(1).max(20),
    eventTypes: z.array(z.enum(NOTIFICATION_EVENT_TYPES)).min(1),
  })
  .strict();

const callOptions = (context: SendContext) => ({ signal: context.signal, lane: context.lane, onSend: context.onSend });

const settingsRequest = z
  .object({ hitTypeId, notification: spec.optional(), active: z.boolean() })
  .strict();
type SettingsRequest = z.infer<typeof settingsRequest>;

export const updateNotificationSettings = defineAction<SettingsRequest>({
  kind: 'update-notification-settings',
  parse: (request) => settingsRequest.parse(request),
  target: (request) => request.hitTypeId,
  send: (gateway, request, context) =>
    gateway.updateNotificationSettings({ hitTypeId: request.hitTypeId, notification: request.notification, active: request.active }, callOptions(context)),
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict>> => {
    const again = await gateway.updateNotificationSettings(
      { hitTypeId: request.hitTypeId, notification: request.notification, active: request.active },
      callOptions(context),
    );
    return again.ok ? ok('applied') : again;
  },
  record: (db, connectionId, request, now) => {
    if (request.notification) saveNotificationSettings(db, connectionId, request.hitTypeId, request.notification, request.active, now);
    else setNotificationsActive(db, connectionId, request.hitTypeId, request.active, now);
    return ['notification_settings'];
  },
});

const testRequest = z
  .object({ hitTypeId, notification: spec, testEventType: z.enum(TEST_EVENT_TYPES as [TestEventType, ...TestEventType[]]) })
  .strict();
type TestRequest = z.infer<typeof testRequest>;

export const sendTestEvent = defineAction<TestRequest>({
  kind: 'send-test-event',
  parse: (request) => testRequest.parse(request),
  target: (request) => request.hitTypeId,
  send: (gateway, request, context) =>
    gateway.sendTestEventNotification({ notification: request.notification, testEventType: request.testEventType }, callOptions(context)),
  verify: (): Promise<Result<Produced>> => Promise.resolve(ok({ verdict: 'applied', produced: null })),
  record: () => [],
});

export const NOTIFICATION_ACTIONS: readonly AnyActionDefinition[] = [updateNotificationSettings, sendTestEvent];
