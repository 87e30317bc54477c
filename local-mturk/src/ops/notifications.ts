/**
 * UpdateNotificationSettings and SendTestEventNotification. Delivery is the event log, readable
 * through the control API; Destination and Transport are checked for shape, not reached.
 */
import { emitTestEvent, type EventType, type NotificationSpec } from '../domain/events';
import { loadHitType } from '../domain/rows';
import { sql } from '../store/statements';
import { optBoolean, reqString } from './input';
import { MTurkRequestError, type OperationHandler } from './types';

const VERSIONS = ['2014-08-15', '2006-05-05'];

/** The model validator has checked the members' presence and enums; this checks what MTurk checks beyond that. */
function checkedSpec(raw: unknown, purpose: 'settings' | 'test'): NotificationSpec {
  const spec = raw as NotificationSpec;
  if (!VERSIONS.includes(spec.Version)) {
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.InvalidParameterValue',
      `Notification Version ${spec.Version} is not supported; use 2014-08-15.`,
    );
  }
  if (spec.Transport === 'SQS' && !/^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/\d{12}\/.+/.test(spec.Destination)) {
    throw new MTurkRequestError('AWS.MechanicalTurk.InvalidTransportEndpoint', `${spec.Destination} is not an SQS queue URL.`);
  }
  if (spec.Transport === 'SNS' && !/^arn:aws:sns:[a-z0-9-]+:\d{12}:.+/.test(spec.Destination)) {
    throw new MTurkRequestError('AWS.MechanicalTurk.InvalidTransportEndpoint', `${spec.Destination} is not an SNS topic ARN.`);
  }
  if (purpose === 'settings' && spec.EventTypes.includes('Ping')) {
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.InvalidParameterValue',
      'The Ping event type can only be used with SendTestEventNotification.',
    );
  }
  return spec;
}

export const updateNotificationSettings: OperationHandler = (input, ctx) => {
  const type = loadHitType(ctx, reqString(input, 'HITTypeId'));
  const spec = input.Notification === undefined ? undefined : checkedSpec(input.Notification, 'settings');
  const active = optBoolean(input, 'Active');
  if (spec) {
    sql(
      ctx.db,
      `INSERT INTO notification_settings (hit_type_id, destination, transport, version, event_types, active)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (hit_type_id) DO UPDATE SET destination = excluded.destination, transport = excluded.transport,
         version = excluded.version, event_types = excluded.event_types, active = excluded.active`,
    ).run(type.hit_type_id, spec.Destination, spec.Transport, spec.Version, JSON.stringify(spec.EventTypes), active === false ? 0 : 1);
    return {};
  }
  const changed = sql(ctx.db, 'UPDATE notification_settings SET active = ? WHERE hit_type_id = ?').run(
    active ? 1 : 0,
    type.hit_type_id,
  );
  if (changed.changes === 0) {
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.InvalidParameterValue',
      `HITType ${type.hit_type_id} has no notification specification to activate or deactivate.`,
    );
  }
  return {};
};

export const sendTestEventNotification: OperationHandler = (input, ctx) => {
  const spec = checkedSpec(input.Notification, 'test');
  emitTestEvent(ctx, reqString(input, 'TestEventType') as EventType, spec);
  return {};
};
