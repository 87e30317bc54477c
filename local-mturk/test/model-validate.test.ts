import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, validateOperationInput } from '../src/model/validate';
import { MTurkRequestError } from '../src/ops/types';

/** Runs the validator and returns the thrown error (fails the test when nothing is thrown). */
function rejection(operation: string, input: unknown): MTurkRequestError {
  try {
    validateOperationInput(operation, input);
  } catch (error) {
    if (error instanceof MTurkRequestError) return error;
    throw error;
  }
  throw new Error(`${operation} accepted ${JSON.stringify(input)}`);
}

const HIT_ID = '3X7837UUADRXYCA1K7JAJLKC66DJ60';
const createHit = {
  LifetimeInSeconds: 600,
  AssignmentDurationInSeconds: 300,
  Reward: '0.50',
  Title: 'Label images',
  Description: 'Pick the animal',
  Question: '<x/>',
};

describe('OPERATION_NAMES', () => {
  it('lists the 39 operations of MTurk 2017-01-17', () => {
    expect(OPERATION_NAMES).toHaveLength(39);
    expect(new Set(OPERATION_NAMES).size).toBe(39);
    for (const name of ['CreateHIT', 'ListWorkersWithQualificationType', 'SendTestEventNotification', 'GetAccountBalance'])
      expect(OPERATION_NAMES).toContain(name);
  });
});

describe('validateOperationInput', () => {
  it('accepts a valid input and drops unknown members', () => {
    const out = validateOperationInput('GetHIT', { HITId: HIT_ID, Bogus: 1 });
    expect(out).toEqual({ HITId: HIT_ID });
  });

  it('treats a missing body as {} and accepts operations without members', () => {
    expect(validateOperationInput('GetAccountBalance', undefined)).toEqual({});
    expect(validateOperationInput('ListHITs', {})).toEqual({});
  });

  it('reports a pattern violation with the AWS wording and a lower-camel member path', () => {
    const error = rejection('GetHIT', { HITId: 'abc' });
    expect(error.turkErrorCode).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    expect(error.message).toBe(
      "Value 'abc' at 'hITId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Z0-9]+$",
    );
  });

  it('reports a missing required member as null', () => {
    expect(rejection('GetHIT', {}).message).toBe("Value null at 'hITId' failed to satisfy constraint: Member must not be null");
  });

  it('reports several violations together', () => {
    const error = rejection('CreateHIT', { Reward: '$1' });
    expect(error.message).toMatch(/^\d+ validation errors detected: /);
    expect(error.message).toContain("Value null at 'title'");
    expect(error.message).toContain("Value '$1' at 'reward' failed to satisfy constraint: Member must satisfy regular expression pattern");
  });

  it('checks string length limits (min and max)', () => {
    expect(rejection('GetHIT', { HITId: '' }).message).toContain('Member must have length greater than or equal to 1');
    expect(rejection('GetHIT', { HITId: 'A'.repeat(65) }).message).toContain('Member must have length less than or equal to 64');
    expect(rejection('CreateHIT', { ...createHit, Title: 'x'.repeat(129) }).message).toContain(
      "at 'title' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
  });

  it('counts string lengths in characters, as AWS does: an emoji is one', () => {
    expect(() => validateOperationInput('RejectAssignment', { AssignmentId: HIT_ID, RequesterFeedback: '😀'.repeat(1024) })).not.toThrow();
    expect(rejection('RejectAssignment', { AssignmentId: HIT_ID, RequesterFeedback: '😀'.repeat(1025) }).message).toContain('Member must have length less than or equal to 1024');
    expect(() => validateOperationInput('CreateHIT', { ...createHit, Title: '日本😀'.repeat(42) + 'x' })).not.toThrow();
    expect(rejection('CreateHIT', { ...createHit, Title: '😀'.repeat(129) }).message).toContain('Member must have length less than or equal to 128');
  });

  it('names a value nested too deeply to print instead of failing on it', () => {
    const deep = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) as unknown;
    const error = rejection('GetHIT', { HITId: deep });
    expect(error.message).toBe("Value '[…nested too deeply…]' at 'hITId' failed to satisfy constraint: Member must be a string");
  });

  it('checks the UTF-8 byte size of XML documents', () => {
    const big = `<a>${'é'.repeat(33_000)}</a>`; // 66,000+ bytes but under 65,535 characters
    expect(rejection('CreateHIT', { ...createHit, Question: big }).message).toContain(
      'Member must have size less than or equal to 65535 bytes',
    );
  });

  it('uses AWS.ParameterOutOfRange for numeric ranges', () => {
    const error = rejection('ListHITs', { MaxResults: 1000 });
    expect(error.turkErrorCode).toBe('AWS.ParameterOutOfRange');
    expect(error.message).toBe(
      "Value '1000' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    expect(rejection('ListHITs', { MaxResults: 0 }).message).toContain('greater than or equal to 1');
    expect(rejection('CreateHIT', { ...createHit, LifetimeInSeconds: 29 }).turkErrorCode).toBe('AWS.ParameterOutOfRange');
  });

  it('checks enums', () => {
    expect(rejection('ListReviewableHITs', { Status: 'Done' }).message).toBe(
      "Value 'Done' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Reviewable, Reviewing]",
    );
  });

  it('checks scalar types strictly (no coercion)', () => {
    expect(rejection('CreateHIT', { ...createHit, LifetimeInSeconds: '600' }).message).toContain('Member must be a 64-bit integer');
    expect(rejection('CreateHIT', { ...createHit, MaxAssignments: 1.5 }).message).toContain('Member must be a 32-bit integer');
    expect(rejection('CreateHIT', { ...createHit, MaxAssignments: 2 ** 31 }).message).toContain('32-bit');
    expect(rejection('UpdateHITReviewStatus', { HITId: HIT_ID, Revert: 'true' }).message).toContain('Member must be a boolean');
    expect(rejection('CreateHIT', { ...createHit, Reward: 0.5 }).message).toContain('Member must be a string');
    expect(rejection('UpdateExpirationForHIT', { HITId: HIT_ID, ExpireAt: 'soon' }).message).toContain('epoch seconds');
    expect(rejection('ListAssignmentsForHIT', { HITId: HIT_ID, AssignmentStatuses: 'Approved' }).message).toContain(
      'Member must be a list',
    );
  });

  it('accepts integer and float timestamps', () => {
    expect(validateOperationInput('UpdateExpirationForHIT', { HITId: HIT_ID, ExpireAt: 0 })).toEqual({ HITId: HIT_ID, ExpireAt: 0 });
    expect(validateOperationInput('UpdateExpirationForHIT', { HITId: HIT_ID, ExpireAt: 1577836800.5 }).ExpireAt).toBe(1577836800.5);
  });

  it('names nested paths with 1-based .member indexes', () => {
    const error = rejection('CreateHIT', {
      ...createHit,
      QualificationRequirements: [
        { QualificationTypeId: '00000000000000000040', Comparator: 'GreaterThan', IntegerValues: [10] },
        { QualificationTypeId: '00000000000000000071', Comparator: 'Around', LocaleValues: [{ Country: 'US' }] },
      ],
    });
    expect(error.message).toBe(
      "Value 'Around' at 'qualificationRequirements.2.member.comparator' failed to satisfy constraint: Member must satisfy enum value set: [LessThan, LessThanOrEqualTo, GreaterThan, GreaterThanOrEqualTo, EqualTo, NotEqualTo, Exists, DoesNotExist, In, NotIn]",
    );
    const locale = rejection('CreateHIT', {
      ...createHit,
      QualificationRequirements: [{ QualificationTypeId: '00000000000000000071', Comparator: 'In', LocaleValues: [{ Country: 'USA' }] }],
    });
    expect(locale.message).toContain("at 'qualificationRequirements.1.member.localeValues.1.member.country'");
  });

  it('limits QualificationRequirements to 10 and list items may not be null', () => {
    const requirement = { QualificationTypeId: '00000000000000000040', Comparator: 'Exists' };
    expect(rejection('CreateHIT', { ...createHit, QualificationRequirements: Array(11).fill(requirement) }).message).toContain(
      "at 'qualificationRequirements' failed to satisfy constraint: Member must have length less than or equal to 10",
    );
    expect(rejection('NotifyWorkers', { Subject: 's', MessageText: 'm', WorkerIds: [null] }).message).toContain(
      "Value null at 'workerIds.1.member'",
    );
  });

  it('enforces comparator / value-member rules of QualificationRequirement', () => {
    const req = (r: Record<string, unknown>): string =>
      rejection('CreateHITType', { AssignmentDurationInSeconds: 60, Reward: '1', Title: 't', Description: 'd', QualificationRequirements: [r] }).message;
    expect(req({ QualificationTypeId: '3ABC', Comparator: 'Exists', IntegerValues: [1] })).toContain('Comparator Exists takes no values');
    expect(req({ QualificationTypeId: '3ABC', Comparator: 'GreaterThan', IntegerValues: [1, 2] })).toContain('needs exactly one IntegerValue');
    expect(req({ QualificationTypeId: '3ABC', Comparator: 'In', IntegerValues: Array(16).fill(1) })).toContain('1 to 15 IntegerValues');
    expect(req({ QualificationTypeId: '3ABC', Comparator: 'EqualTo', LocaleValues: [{ Country: 'US' }] })).toContain(
      'LocaleValues can only be used with the Worker_Locale qualification type',
    );
    expect(req({ QualificationTypeId: '00000000000000000071', Comparator: 'EqualTo', IntegerValues: [1] })).toContain(
      'IntegerValues cannot be used with the Worker_Locale',
    );
    expect(req({ QualificationTypeId: '00000000000000000071', Comparator: 'GreaterThan', LocaleValues: [{ Country: 'US' }] })).toContain(
      'cannot be used with LocaleValues',
    );
    expect(req({ QualificationTypeId: '00000000000000000071', Comparator: 'In', LocaleValues: [{ Country: 'CA', Subdivision: 'ON' }] })).toContain(
      'Subdivision is only supported for Country US',
    );
    expect(
      req({ QualificationTypeId: '3ABC', Comparator: 'Exists', RequiredToPreview: true, ActionsGuarded: 'Accept' }),
    ).toContain('RequiredToPreview cannot be combined with ActionsGuarded');
  });

  it('accepts well-formed locale requirements', () => {
    const input = validateOperationInput('CreateHITType', {
      AssignmentDurationInSeconds: 60,
      Reward: '5.',
      Title: 't',
      Description: 'd',
      QualificationRequirements: [
        { QualificationTypeId: '00000000000000000071', Comparator: 'In', LocaleValues: [{ Country: 'US', Subdivision: 'WA' }, { Country: 'CA' }], ActionsGuarded: 'DiscoverPreviewAndAccept' },
      ],
    });
    expect(input.QualificationRequirements).toHaveLength(1);
  });

  it('requires exactly one of Question and HITLayoutId', () => {
    const { Question: _q, ...withoutQuestion } = createHit;
    expect(rejection('CreateHIT', withoutQuestion).message).toContain('Either a Question or a HITLayoutId must be provided');
    expect(rejection('CreateHIT', { ...createHit, HITLayoutId: '3LAYOUT' }).message).toContain('cannot both be provided');
  });

  it('validates worker ids, money and RequesterFeedback control characters', () => {
    expect(rejection('GetQualificationScore', { QualificationTypeId: HIT_ID, WorkerId: 'B123' }).message).toContain('^A[A-Z0-9]+$');
    // Blocks and unblocks say it in MTurk's own words, for a malformed id and a missing one alike, once.
    expect(rejection('CreateWorkerBlock', { WorkerId: 'B123', Reason: 'x' }).message).toBe('WorkerId is invalid.');
    expect(rejection('DeleteWorkerBlock', { WorkerId: 'x'.repeat(65) }).message).toBe('WorkerId is invalid.');
    expect(rejection('DeleteWorkerBlock', {}).message).toBe('WorkerId is invalid.');
    expect(rejection('CreateWorkerBlock', { WorkerId: 'B123' }).message).toBe(
      "2 validation errors detected: Value null at 'reason' failed to satisfy constraint: Member must not be null; WorkerId is invalid.",
    );
    expect(rejection('SendBonus', { WorkerId: 'A1', BonusAmount: '1.234', AssignmentId: 'A', Reason: 'r' }).message).toContain(
      "at 'bonusAmount'",
    );
    expect(rejection('RejectAssignment', { AssignmentId: HIT_ID, RequesterFeedback: 'bad\u0007bell' }).message).toContain(
      "at 'requesterFeedback'",
    );
    expect(validateOperationInput('RejectAssignment', { AssignmentId: HIT_ID, RequesterFeedback: 'ok\ttab\nline' }).RequesterFeedback).toBe(
      'ok\ttab\nline',
    );
  });

  it('validates NotificationSpecification and its event types', () => {
    const spec = { Destination: 'arn:aws:sns:us-east-1:1:t', Transport: 'SNS', Version: '2014-08-15', EventTypes: ['HITCreated'] };
    expect(validateOperationInput('UpdateNotificationSettings', { HITTypeId: HIT_ID, Notification: spec }).Notification).toEqual(spec);
    expect(rejection('UpdateNotificationSettings', { HITTypeId: HIT_ID, Notification: { ...spec, EventTypes: ['Nope'] } }).message).toContain(
      "at 'notification.eventTypes.1.member'",
    );
    expect(rejection('UpdateNotificationSettings', { HITTypeId: HIT_ID }).message).toContain('Either Notification or Active');
    expect(rejection('SendTestEventNotification', { Notification: { Destination: 'x' }, TestEventType: 'Ping' }).message).toContain(
      "Value null at 'notification.transport'",
    );
  });

  it('requires MustBeRequestable on ListQualificationTypes and HITId or AssignmentId on ListBonusPayments', () => {
    expect(rejection('ListQualificationTypes', {}).message).toContain("at 'mustBeRequestable'");
    expect(rejection('ListBonusPayments', {}).message).toContain('Either HITId or AssignmentId');
  });

  it('rejects a non-object body and unknown operations', () => {
    expect(rejection('ListHITs', [1]).message).toContain('must be a JSON object');
    expect(rejection('DescribeHIT', {}).message).toContain('Unknown operation');
  });
});
