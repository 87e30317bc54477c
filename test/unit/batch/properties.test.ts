import { describe, expect, it } from 'vitest';
import { readBatchProperties, toBatchJson } from '../../../shared/batch/properties';

const valid = {
  Title: 'Label the animal in a photo',
  Description: 'Pick the animal you see.',
  Keywords: 'image, label',
  Reward: '0.05',
  MaxAssignments: 3,
  AssignmentDurationInSeconds: 600,
  LifetimeInSeconds: 86_400,
  AutoApprovalDelayInSeconds: 259_200,
  QualificationRequirements: [
    { QualificationTypeId: '000000000000000000L0', Comparator: 'GreaterThanOrEqualTo', IntegerValues: [95], ActionsGuarded: 'Accept' },
    { QualificationTypeId: '00000000000000000071', Comparator: 'In', LocaleValues: [{ Country: 'US', Subdivision: 'NY' }, { Country: 'CA' }] },
  ],
  name: 'animals',
};

describe('readBatchProperties', () => {
  it('reads MTurk member names into cents and seconds, and writes them back the same', () => {
    const { properties, problems } = readBatchProperties(valid);
    expect(problems).toEqual([]);
    expect(properties).toMatchObject({ rewardCents: 5, maxAssignments: 3, questionFile: 'template.html', externalUrl: null, microBatching: false });
    expect(readBatchProperties(toBatchJson(properties!)).properties).toEqual(properties);
  });

  it('reads the past participants to exclude, and writes them back the same', () => {
    const { properties, problems } = readBatchProperties({ ...valid, excludeParticipantsOf: { batches: ['b0123456789ab', 'b0123456789ab'], studies: [' Pilot '] } });
    expect(problems).toEqual([]);
    expect(properties?.excludeParticipantsOf).toEqual({ batches: ['b0123456789ab'], studies: ['Pilot'] });
    expect(readBatchProperties(toBatchJson(properties!)).properties).toEqual(properties);
    expect(readBatchProperties(valid).properties?.excludeParticipantsOf).toEqual({ batches: [], studies: [] });
    expect(readBatchProperties({ ...valid, excludeParticipantsOf: { batches: 'b0123456789ab', hitTypes: [] } }).problems).toEqual([
      { key: 'excludeParticipantsOf.hitTypes', message: 'excludeParticipantsOf takes "batches" and "studies" only (found "hitTypes").', severity: 'error' },
      { key: 'excludeParticipantsOf.batches', message: 'excludeParticipantsOf.batches must be a list of names of 1 to 128 characters (found "b0123456789ab").', severity: 'error' },
    ]);
  });

  it('reports every problem at once, each naming its key and what to enter', () => {
    const { properties, problems } = readBatchProperties({
      Title: 'x'.repeat(129),
      Reward: 0.5,
      MaxAssignments: 0,
      LifetimeInSeconds: 10,
      AutoApprovalDelayInSeconds: 2_592_001,
      Rewards: '1.00',
    });
    expect(properties).toBeNull();
    expect(problems).toEqual([
      { key: 'Rewards', severity: 'warning', message: 'Rewards is not a property Turkbench knows; it is ignored. Did you mean Reward?' },
      { key: 'Title', severity: 'error', message: 'Title is 129 characters long; MTurk allows at most 128.' },
      { key: 'Description', severity: 'error', message: 'Description is required: enter a sentence or two on what the task is.' },
      { key: 'Reward', severity: 'error', message: 'Reward must be a dollar amount written as text, such as "0.50" (found 0.5).' },
      { key: 'MaxAssignments', severity: 'error', message: 'MaxAssignments must be between 1 and 1,000,000,000 assignments (found 0).' },
      { key: 'LifetimeInSeconds', severity: 'error', message: 'LifetimeInSeconds must be between 30 and 31,536,000 seconds (30 seconds to 365 days) (found 10).' },
      { key: 'AutoApprovalDelayInSeconds', severity: 'error', message: 'AutoApprovalDelayInSeconds must be between 0 and 2,592,000 seconds (0 seconds to 30 days) (found 2,592,001).' },
    ]);
  });

  it('refuses three decimals and a zero reward', () => {
    expect(readBatchProperties({ ...valid, Reward: '0.505' }).problems[0]?.message).toMatch(/at most two decimals/);
    expect(readBatchProperties({ ...valid, Reward: '0.00' }).problems[0]?.message).toMatch(/at least "0.01"/);
  });

  it('checks qualification requirements as MTurk does', () => {
    const bad = (requirement: unknown) => readBatchProperties({ ...valid, QualificationRequirements: [requirement] }).problems.map((p) => `${p.key}: ${p.message}`);
    expect(bad({ QualificationTypeId: 'X', Comparator: 'Equals', IntegerValues: [1] })[0]).toMatch(/^QualificationRequirements\[0\]\.Comparator: .*must be one of LessThan/);
    expect(bad({ QualificationTypeId: 'X', Comparator: 'Exists', IntegerValues: [1] })[0]).toMatch(/Exists takes no values/);
    expect(bad({ QualificationTypeId: 'X', Comparator: 'GreaterThan' })[0]).toMatch(/needs IntegerValues/);
    expect(bad({ QualificationTypeId: 'X', Comparator: 'EqualTo', IntegerValues: [1, 2] })[0]).toMatch(/EqualTo takes exactly one/);
    expect(bad({ QualificationTypeId: 'X', Comparator: 'In', IntegerValues: Array.from({ length: 16 }, (_, i) => i) })[0]).toMatch(/In takes at most 15/);
    expect(bad({ QualificationTypeId: 'X', Comparator: 'In', LocaleValues: [{ Country: 'usa' }] })[0]).toMatch(/LocaleValues must be a list such as/);
    expect(bad({ QualificationTypeId: 'X', Comparator: 'Exists', ActionsGuarded: 'View' })[0]).toMatch(/ActionsGuarded must be one of Accept/);
    const eleven = Array.from({ length: 11 }, () => ({ QualificationTypeId: 'X', Comparator: 'Exists' }));
    expect(readBatchProperties({ ...valid, QualificationRequirements: eleven }).problems[0]?.message).toMatch(/at most 10 qualification requirements/);
  });

  it('takes either a question file or an external URL', () => {
    expect(readBatchProperties({ ...valid, question: 'question.xml' }).properties?.questionFile).toBe('question.xml');
    expect(readBatchProperties({ ...valid, externalUrl: 'https://x.example/${id}' }).properties).toMatchObject({ questionFile: null, externalUrl: 'https://x.example/${id}' });
    expect(readBatchProperties({ ...valid, question: '../secret.html' }).problems[0]?.key).toBe('question');
    expect(readBatchProperties({ ...valid, question: 'a.html', externalUrl: 'https://x' }).problems[0]?.message).toMatch(/either question/);
    expect(readBatchProperties([]).problems[0]?.key).toBe('batch.json');
  });
});
