/**
 * A HIT type's notification specification (UpdateNotificationSettings) and the checks MTurk would make, run before
 * anything is sent so a wrong queue URL or topic ARN is named in words instead of failing later on delivery.
 */

export const NOTIFICATION_EVENT_TYPES = [
  'AssignmentAccepted',
  'AssignmentAbandoned',
  'AssignmentReturned',
  'AssignmentSubmitted',
  'AssignmentRejected',
  'AssignmentApproved',
  'HITCreated',
  'HITExpired',
  'HITReviewable',
  'HITExtended',
  'HITDisposed',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];
/** `Ping` exists only for SendTestEventNotification. */
export type TestEventType = NotificationEventType | 'Ping';
export const TEST_EVENT_TYPES: readonly TestEventType[] = [...NOTIFICATION_EVENT_TYPES, 'Ping'];

export const NOTIFICATION_TRANSPORTS = ['SQS', 'SNS', 'Email'] as const;
export type NotificationTransport = (typeof NOTIFICATION_TRANSPORTS)[number];

/** The message document version real clients send; the older one is accepted for Email. */
export const NOTIFICATION_VERSION = '2014-08-15';
const VERSIONS = [NOTIFICATION_VERSION, '2006-05-05'];

export interface NotificationSpec {
  readonly destination: string;
  readonly transport: NotificationTransport;
  readonly version: string;
  readonly eventTypes: readonly NotificationEventType[];
}

export interface SpecProblem {
  readonly field: 'destination' | 'transport' | 'version' | 'eventTypes';
  readonly message: string;
}

const SQS_QUEUE_URL = /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/\d{12}\/[A-Za-z0-9_-]{1,80}$/;
const SNS_TOPIC_ARN = /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

const DESTINATION_HINT: Record<NotificationTransport, string> = {
  SQS: 'an SQS queue URL like https://sqs.us-east-1.amazonaws.com/123456789012/my-queue',
  SNS: 'an SNS topic ARN like arn:aws:sns:us-east-1:123456789012:my-topic',
  Email: 'an e-mail address',
};

function destinationProblem(transport: NotificationTransport, destination: string): string | null {
  const value = destination.trim();
  if (value === '') return `The destination is empty; enter ${DESTINATION_HINT[transport]}.`;
  const valid = transport === 'SQS' ? SQS_QUEUE_URL.test(value) : transport === 'SNS' ? SNS_TOPIC_ARN.test(value) : EMAIL.test(value);
  if (valid) return null;
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return `"${shown}" is not ${DESTINATION_HINT[transport]}.`;
}

/** Every problem of a specification, each naming its field; an empty list means MTurk should accept it. */
export function checkNotificationSpec(spec: {
  readonly destination: string;
  readonly transport: string;
  readonly version: string;
  readonly eventTypes: readonly string[];
}): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const transport = NOTIFICATION_TRANSPORTS.find((t) => t === spec.transport);
  if (!transport) problems.push({ field: 'transport', message: `Transport "${spec.transport}" is not one of ${NOTIFICATION_TRANSPORTS.join(', ')}.` });
  else {
    const problem = destinationProblem(transport, spec.destination);
    if (problem) problems.push({ field: 'destination', message: problem });
  }
  if (!VERSIONS.includes(spec.version)) problems.push({ field: 'version', message: `Version "${spec.version}" is not ${VERSIONS.join(' or ')}.` });
  if (spec.eventTypes.length === 0) problems.push({ field: 'eventTypes', message: 'Choose at least one event type to be notified of.' });
  const unknown = spec.eventTypes.filter((type) => !(NOTIFICATION_EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.includes('Ping')) problems.push({ field: 'eventTypes', message: 'Ping can only be sent as a test event, not subscribed to.' });
  const others = unknown.filter((type) => type !== 'Ping');
  if (others.length > 0) problems.push({ field: 'eventTypes', message: `Unknown event type${others.length > 1 ? 's' : ''}: ${others.join(', ')}.` });
  const repeated = spec.eventTypes.filter((type, i) => spec.eventTypes.indexOf(type) !== i);
  if (repeated.length > 0) problems.push({ field: 'eventTypes', message: `Listed twice: ${[...new Set(repeated)].join(', ')}.` });
  return problems;
}
