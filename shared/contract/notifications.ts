import { z } from 'zod';
import { NOTIFICATION_TRANSPORTS, TEST_EVENT_TYPES, type NotificationSpec, type TestEventType } from '../notifications/notification-spec';
import { method } from './define';

/** A HIT type's notification specification as last set from Turkbench (MTurk cannot be asked for it). */
export interface NotificationSettings extends NotificationSpec {
  readonly active: boolean;
  readonly updatedAt: number;
}

export interface HitTypeNotificationsRow {
  readonly hitTypeId: string;
  readonly title: string;
  readonly hits: number;
  readonly settings: NotificationSettings | null;
}

/** One event the built-in Local MTurk would have delivered to SQS, SNS or e-mail. */
export interface LocalNotificationEvent {
  readonly seq: number;
  readonly time: number;
  readonly eventType: string;
  readonly hitTypeId: string | null;
  readonly hitId: string | null;
  readonly assignmentId: string | null;
  readonly destination: string;
  readonly transport: string;
  readonly test: boolean;
  /** The message body as MTurk would send it (JSON text). */
  readonly message: string;
}

const hitTypeId = z.string().trim().min(1).max(64);
// Free text here: the service names every problem of a specification in words, field by field.
const spec = z
  .object({
    destination: z.string().max(1024),
    transport: z.enum(NOTIFICATION_TRANSPORTS),
    version: z.string().max(20),
    eventTypes: z.array(z.string().max(40)).max(20),
  })
  .strict();

export const notificationMethods = {
  'notifications.list': method<readonly HitTypeNotificationsRow[]>()(
    z.object({ archiveId: z.number().int().positive().optional() }).strict(),
    "The connection's HIT types with the notification specification set for each.",
  ),
  'notifications.update': method<NotificationSettings>()(
    z.object({ hitTypeId, notification: spec.optional(), active: z.boolean() }).strict(),
    "Set (or switch on or off) a HIT type's notification specification on MTurk; journaled.",
  ),
  'notifications.test': method<{ readonly sent: true }>()(
    z.object({ hitTypeId, testEventType: z.enum(TEST_EVENT_TYPES as [TestEventType, ...TestEventType[]]) }).strict(),
    "Ask MTurk to send one test event to the HIT type's destination.",
  ),
  'localMTurk.events': method<readonly LocalNotificationEvent[]>()(
    z.object({ after: z.number().int().min(0).optional() }).strict(),
    'The events the built-in Local MTurk would have sent, after a sequence number.',
  ),
} as const;
