import { describe, expect, it } from 'vitest';
import { checkNotificationSpec } from '../../../shared/notifications/notification-spec';

const sqs = { destination: 'https://sqs.us-east-1.amazonaws.com/123456789012/turk-events', transport: 'SQS', version: '2014-08-15', eventTypes: ['AssignmentSubmitted'] };

describe('checking a notification specification before it is sent', () => {
  it('accepts an SQS queue URL, an SNS topic ARN and an e-mail address with known event types', () => {
    expect(checkNotificationSpec(sqs)).toEqual([]);
    expect(checkNotificationSpec({ ...sqs, transport: 'SNS', destination: 'arn:aws:sns:us-east-1:123456789012:turk-topic', eventTypes: ['HITReviewable', 'AssignmentSubmitted'] })).toEqual([]);
    expect(checkNotificationSpec({ ...sqs, transport: 'Email', destination: 'lab@example.org', version: '2006-05-05' })).toEqual([]);
  });

  it('names a destination that does not fit its transport, with an example of what would', () => {
    expect(checkNotificationSpec({ ...sqs, destination: 'arn:aws:sns:us-east-1:123456789012:turk-topic' })).toEqual([
      { field: 'destination', message: expect.stringMatching(/"arn:aws:sns:.*" is not an SQS queue URL like https:\/\/sqs\./) },
    ]);
    expect(checkNotificationSpec({ ...sqs, transport: 'SNS', destination: 'arn:aws:sns:us-east-1:1234:short-account' })[0]).toMatchObject({ field: 'destination' });
    expect(checkNotificationSpec({ ...sqs, transport: 'Email', destination: 'not an address' })[0]).toMatchObject({ field: 'destination' });
    expect(checkNotificationSpec({ ...sqs, destination: '  ' })).toEqual([{ field: 'destination', message: expect.stringMatching(/^The destination is empty/) }]);
    // A plain-http queue URL would never be delivered to.
    expect(checkNotificationSpec({ ...sqs, destination: 'http://sqs.us-east-1.amazonaws.com/123456789012/q' })[0]).toMatchObject({ field: 'destination' });
  });

  it('refuses no events, Ping, unknown and repeated event types, an unknown version and transport — each named', () => {
    expect(checkNotificationSpec({ ...sqs, eventTypes: [] })).toEqual([{ field: 'eventTypes', message: 'Choose at least one event type to be notified of.' }]);
    expect(checkNotificationSpec({ ...sqs, eventTypes: ['Ping'] })).toEqual([{ field: 'eventTypes', message: 'Ping can only be sent as a test event, not subscribed to.' }]);
    expect(checkNotificationSpec({ ...sqs, eventTypes: ['AssignmentSubmited', 'HITCreated', 'HITCreated'] })).toEqual([
      { field: 'eventTypes', message: 'Unknown event type: AssignmentSubmited.' },
      { field: 'eventTypes', message: 'Listed twice: HITCreated.' },
    ]);
    expect(checkNotificationSpec({ ...sqs, version: '2020-01-01' })).toEqual([{ field: 'version', message: 'Version "2020-01-01" is not 2014-08-15 or 2006-05-05.' }]);
    expect(checkNotificationSpec({ ...sqs, transport: 'HTTP' })).toEqual([{ field: 'transport', message: 'Transport "HTTP" is not one of SQS, SNS, Email.' }]);
  });
});
