/**
 * The gateway's notification calls: a HIT type's notification specification (replaced whole, so repeating it is
 * harmless) and a test event, which MTurk delivers again on every call.
 */
import type { NotificationSpec } from '../../shared/notifications/notification-spec';
import type { GatewayCore } from './gateway-core';
import { nothing } from './mappers';
import type { MTurkGateway } from './types';

type NotificationMethods = Pick<MTurkGateway, 'updateNotificationSettings' | 'sendTestEventNotification'>;

const wireSpec = (spec: NotificationSpec) => ({
  Destination: spec.destination,
  Transport: spec.transport,
  Version: spec.version,
  EventTypes: [...spec.eventTypes],
});

export function notificationMethods(core: GatewayCore): NotificationMethods {
  return {
    updateNotificationSettings: (input, options = {}) =>
      core.call(
        'UpdateNotificationSettings',
        { HITTypeId: input.hitTypeId, Notification: input.notification ? wireSpec(input.notification) : undefined, Active: input.active },
        nothing,
        options,
      ),
    sendTestEventNotification: (input, options = {}) =>
      core.call('SendTestEventNotification', { Notification: wireSpec(input.notification), TestEventType: input.testEventType }, nothing, options),
  };
}
