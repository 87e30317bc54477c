/** Contract tests: the qualification-type operations through the real SDK over HTTP. */
import {
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  CreateQualificationTypeCommand,
  DeleteQualificationTypeCommand,
  GetQualificationTypeCommand,
  ListQualificationTypesCommand,
  UpdateQualificationTypeCommand,
  type CreateQualificationTypeCommandInput,
  type MTurkClient,
  type QualificationType,
} from '@aws-sdk/client-mturk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { SYSTEM_QUALIFICATION_IDS } from '../src/rules/requirements';
import { EXTERNAL_QUESTION, rejection, startTwoRequesterServer } from './helpers';
import { ANSWER_KEY, TEST_FORM } from './qual-fixtures';

let server: LocalMTurk;
let client: MTurkClient;
let other: MTurkClient;
beforeEach(async () => {
  ({ server, client, other } = await startTwoRequesterServer());
});
afterEach(() => server.close());

async function createType(overrides: Partial<CreateQualificationTypeCommandInput> = {}, c: MTurkClient = client): Promise<QualificationType> {
  const { QualificationType: type } = await c.send(
    new CreateQualificationTypeCommand({ Name: 'Image labeling skill', Description: 'Passed the labeling test', QualificationTypeStatus: 'Active', ...overrides }),
  );
  if (!type?.QualificationTypeId) throw new Error('no type returned');
  return type;
}

describe('CreateQualificationType', () => {
  it('returns the full type with defaults', async () => {
    const before = server.clock.now();
    const type = await createType({ Keywords: 'images, labels', RetryDelayInSeconds: 3600 });
    expect(type.QualificationTypeId).toMatch(/^3[A-Z0-9]{29}$/);
    expect(type).toMatchObject({
      Name: 'Image labeling skill',
      Description: 'Passed the labeling test',
      Keywords: 'images, labels',
      QualificationTypeStatus: 'Active',
      RetryDelayInSeconds: 3600,
      IsRequestable: true,
      AutoGranted: false,
    });
    expect(type.CreationTime).toBeInstanceOf(Date);
    expect(type.CreationTime?.getTime()).toBeGreaterThanOrEqual(before);
    expect(type.CreationTime?.getTime()).toBeLessThanOrEqual(server.clock.now());
  });

  it('keeps names unique per requester, not across requesters', async () => {
    await createType();
    const error = await rejection(createType());
    expect(error.name).toBe('RequestError');
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.QualificationTypeAlreadyExists');
    expect(error.message).toMatch(/already created a QualificationType with this name.*\(\d+\)$/);
    await expect(createType({}, other)).resolves.toMatchObject({ Name: 'Image labeling skill' });
  });

  it('checks Test, AnswerKey, TestDurationInSeconds and AutoGranted together', async () => {
    const withTest = await createType({ Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 600 });
    expect(withTest).toMatchObject({ Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 600 });
    expect((await rejection(createType({ Name: 'b', Test: TEST_FORM }))).message).toContain('TestDurationInSeconds is required');
    expect((await rejection(createType({ Name: 'c', Test: TEST_FORM, TestDurationInSeconds: 60, AutoGranted: true }))).message).toContain(
      'cannot be AutoGranted',
    );
    expect((await rejection(createType({ Name: 'd', AnswerKey: ANSWER_KEY }))).message).toContain('only be given together with a Test');
    const badXml = await rejection(createType({ Name: 'e', Test: '<QuestionForm>', TestDurationInSeconds: 60 }));
    expect(badXml.TurkErrorCode).toBe('AWS.MechanicalTurk.XMLParseError');
    const auto = await createType({ Name: 'f', AutoGranted: true, AutoGrantedValue: 5 });
    expect(auto).toMatchObject({ AutoGranted: true, AutoGrantedValue: 5 });
  });

  it('validates input members', async () => {
    const error = await rejection(createType({ QualificationTypeStatus: 'Paused' as 'Active' }));
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    expect(error.message).toContain("Value 'Paused' at 'qualificationTypeStatus'");
    expect((await rejection(createType({ Description: 'x'.repeat(2001) }))).message).toContain("at 'description'");
  });
});

describe('GetQualificationType', () => {
  it('returns own, other requesters\' and system types; unknown ids do not exist', async () => {
    const mine = await createType();
    const got = await client.send(new GetQualificationTypeCommand({ QualificationTypeId: mine.QualificationTypeId }));
    expect(got.QualificationType).toEqual(mine);
    const theirs = await createType({ Name: 'Theirs' }, other);
    expect((await client.send(new GetQualificationTypeCommand({ QualificationTypeId: theirs.QualificationTypeId }))).QualificationType?.Name).toBe('Theirs');
    const masters = await client.send(new GetQualificationTypeCommand({ QualificationTypeId: SYSTEM_QUALIFICATION_IDS.sandbox.Masters }));
    expect(masters.QualificationType).toMatchObject({ Name: 'Masters', IsRequestable: false, QualificationTypeStatus: 'Active' });
    const missing = await rejection(client.send(new GetQualificationTypeCommand({ QualificationTypeId: '3NOSUCHTYPE' })));
    expect(missing.TurkErrorCode).toBe('AWS.MechanicalTurk.QualificationTypeDoesNotExist');
    expect((await rejection(client.send(new GetQualificationTypeCommand({ QualificationTypeId: 'lower' })))).message).toContain('^[A-Z0-9]+$');
  });
});

describe('UpdateQualificationType', () => {
  it('updates description, status, retry delay and auto-grant; Name stays', async () => {
    const type = await createType();
    const { QualificationType: updated } = await client.send(
      new UpdateQualificationTypeCommand({
        QualificationTypeId: type.QualificationTypeId,
        Description: 'New text',
        QualificationTypeStatus: 'Inactive',
        RetryDelayInSeconds: 60,
        AutoGranted: true,
        AutoGrantedValue: 3,
      }),
    );
    expect(updated).toMatchObject({ Name: type.Name, Description: 'New text', QualificationTypeStatus: 'Inactive', RetryDelayInSeconds: 60, AutoGranted: true, AutoGrantedValue: 3 });
    const again = await client.send(new GetQualificationTypeCommand({ QualificationTypeId: type.QualificationTypeId }));
    expect(again.QualificationType).toEqual(updated);
  });

  it('replaces a test (AnswerKey dropped unless resent) and refuses AutoGranted for test types', async () => {
    const type = await createType({ Test: TEST_FORM, AnswerKey: ANSWER_KEY, TestDurationInSeconds: 600 });
    const id = type.QualificationTypeId;
    const { QualificationType: manual } = await client.send(new UpdateQualificationTypeCommand({ QualificationTypeId: id, Test: TEST_FORM, TestDurationInSeconds: 300 }));
    expect(manual?.AnswerKey).toBeUndefined();
    expect(manual?.TestDurationInSeconds).toBe(300);
    expect((await rejection(client.send(new UpdateQualificationTypeCommand({ QualificationTypeId: id, AutoGranted: true })))).message).toContain('cannot be AutoGranted');
    expect((await rejection(client.send(new UpdateQualificationTypeCommand({ QualificationTypeId: id, AnswerKey: ANSWER_KEY })))).message).toContain(
      'together with a Test',
    );
  });

  it('only the owner may update; system types are refused', async () => {
    const theirs = await createType({ Name: 'Theirs' }, other);
    const error = await rejection(client.send(new UpdateQualificationTypeCommand({ QualificationTypeId: theirs.QualificationTypeId, Description: 'x' })));
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.QualificationTypeDoesNotExist');
    const system = await rejection(client.send(new UpdateQualificationTypeCommand({ QualificationTypeId: SYSTEM_QUALIFICATION_IDS.sandbox.Adult, Description: 'x' })));
    expect(system.TurkErrorCode).toBe('AWS.MechanicalTurk.PermissionDeniedException');
  });
});

describe('DeleteQualificationType', () => {
  it('makes the type disappear at once and frees its name when disposal completes', async () => {
    const type = await createType();
    await client.send(new DeleteQualificationTypeCommand({ QualificationTypeId: type.QualificationTypeId }));
    const gone = await rejection(client.send(new GetQualificationTypeCommand({ QualificationTypeId: type.QualificationTypeId })));
    expect(gone.TurkErrorCode).toBe('AWS.MechanicalTurk.QualificationTypeDoesNotExist');
    expect((await rejection(client.send(new DeleteQualificationTypeCommand({ QualificationTypeId: type.QualificationTypeId })))).TurkErrorCode).toBe(
      'AWS.MechanicalTurk.QualificationTypeDoesNotExist',
    );
    expect((await rejection(createType())).TurkErrorCode).toBe('AWS.MechanicalTurk.QualificationTypeAlreadyExists');
    server.clock.advance(61_000);
    await expect(createType()).resolves.toMatchObject({ Name: type.Name });
  });

  it('deletes the HIT types that require it, and only those', async () => {
    const type = await createType();
    const requirement = { QualificationTypeId: type.QualificationTypeId!, Comparator: 'GreaterThan' as const, IntegerValues: [50] };
    const base = { Title: 'Label', Description: 'Label images', Reward: '0.10', AssignmentDurationInSeconds: 600 };
    const { HITTypeId: using } = await client.send(new CreateHITTypeCommand({ ...base, QualificationRequirements: [requirement] }));
    const { HITTypeId: plain } = await client.send(new CreateHITTypeCommand(base));
    const hit = { HITTypeId: '', LifetimeInSeconds: 600, Question: EXTERNAL_QUESTION };
    await client.send(new CreateHITWithHITTypeCommand({ ...hit, HITTypeId: using }));

    await client.send(new DeleteQualificationTypeCommand({ QualificationTypeId: type.QualificationTypeId }));
    const refused = await rejection(client.send(new CreateHITWithHITTypeCommand({ ...hit, HITTypeId: using })));
    expect(refused.TurkErrorCode).toBe('AWS.MechanicalTurk.HITTypeDoesNotExist');
    expect(refused.message).toContain(type.QualificationTypeId);
    await expect(client.send(new CreateHITWithHITTypeCommand({ ...hit, HITTypeId: plain }))).resolves.toHaveProperty('HIT.HITTypeId', plain);
  });

  it('refuses to delete system types', async () => {
    const error = await rejection(client.send(new DeleteQualificationTypeCommand({ QualificationTypeId: SYSTEM_QUALIFICATION_IDS.sandbox.Locale })));
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.PermissionDeniedException');
  });
});

describe('ListQualificationTypes', () => {
  it('requires MustBeRequestable', async () => {
    const error = await rejection(client.send(new ListQualificationTypesCommand({} as { MustBeRequestable: boolean })));
    expect(error.message).toContain("Value null at 'mustBeRequestable'");
  });

  it('filters by ownership, requestability and a text query, and pages through the rest', async () => {
    for (let i = 1; i <= 12; i += 1) await createType({ Name: `Skill ${i}`, Keywords: i % 2 === 0 ? 'even' : 'odd' });
    await createType({ Name: 'Dormant', QualificationTypeStatus: 'Inactive' });
    await createType({ Name: 'Public elsewhere' }, other);

    const owned = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true, MaxResults: 100 }));
    expect(owned.NumResults).toBe(13);
    expect(owned.NextToken).toBeUndefined();

    const requestable = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: true, MaxResults: 100 }));
    const names = requestable.QualificationTypes!.map((t) => t.Name);
    expect(names).toContain('Public elsewhere');
    expect(names).not.toContain('Dormant');
    expect(names).not.toContain('Masters');

    const all = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MaxResults: 100 }));
    expect(all.QualificationTypes!.map((t) => t.Name)).toEqual(expect.arrayContaining(['Masters', 'Worker_Locale', 'Dormant', 'Public elsewhere']));

    const even = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: true, MustBeOwnedByCaller: true, Query: 'EVEN' }));
    expect(even.NumResults).toBe(6);

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: true, MustBeOwnedByCaller: true, MaxResults: 5, NextToken: token }));
      seen.push(...page.QualificationTypes!.map((t) => t.Name!));
      token = page.NextToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `Skill ${i + 1}`));
  });
});
