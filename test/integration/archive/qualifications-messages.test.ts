import { afterEach, describe, expect, it } from 'vitest';
import { countsFor } from '../../../electron/archive/repos/counts';
import { messagesForWorker, recordMessage } from '../../../electron/archive/repos/messages';
import {
  grantsForType,
  grantsForWorker,
  listQualificationRequests,
  listQualificationTypes,
  upsertQualificationGrants,
  upsertQualificationRequests,
  upsertQualificationTypes,
  type QualificationTypeRecord,
} from '../../../electron/archive/repos/qualifications';
import { openTestArchive, T0, type TestArchive } from './fixtures';

let t: TestArchive;
afterEach(() => t.archive.close());

const excluded: QualificationTypeRecord = {
  qualificationTypeId: '3QTYPE0000000000000000000001',
  name: 'Took part in study 7',
  description: 'Hidden exclusion qualification',
  keywords: null,
  status: 'Active',
  creationTime: T0,
  test: null,
  testDurationSeconds: null,
  answerKey: null,
  retryDelaySeconds: null,
  isRequestable: false,
  autoGranted: false,
  autoGrantedValue: null,
};

describe('qualifications', () => {
  it('round-trips types, grants (integer and locale) and requests, updating a re-granted score', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertQualificationTypes(db, t.connectionId, [excluded, { ...excluded, qualificationTypeId: '3QTYPE2', name: 'Locale', autoGranted: true, autoGrantedValue: 1, creationTime: T0 + 1 }], T0);
    expect(listQualificationTypes(db, t.connectionId).map((q) => [q.name, q.autoGranted, q.isRequestable])).toEqual([
      ['Locale', true, false],
      ['Took part in study 7', false, false],
    ]);
    upsertQualificationGrants(
      db,
      t.connectionId,
      [
        { qualificationTypeId: excluded.qualificationTypeId, workerId: 'AW1', integerValue: 1, localeValue: null, status: 'Granted', grantTime: T0 },
        { qualificationTypeId: '3QTYPE2', workerId: 'AW1', integerValue: null, localeValue: { Country: 'US', Subdivision: 'NY' }, status: 'Granted', grantTime: T0 },
      ],
      T0,
    );
    upsertQualificationGrants(db, t.connectionId, [{ qualificationTypeId: excluded.qualificationTypeId, workerId: 'AW1', integerValue: 0, localeValue: null, status: 'Revoked', grantTime: T0 + 9 }], T0 + 10);
    expect(grantsForWorker(db, t.connectionId, 'AW1').map((g) => [g.qualificationTypeId, g.integerValue, g.localeValue, g.status])).toEqual([
      ['3QTYPE2', null, { Country: 'US', Subdivision: 'NY' }, 'Granted'],
      [excluded.qualificationTypeId, 0, null, 'Revoked'],
    ]);
    expect(grantsForType(db, t.connectionId, '3QTYPE2')).toHaveLength(1);
    upsertQualificationRequests(db, t.connectionId, [{ qualificationRequestId: '3QR1', qualificationTypeId: '3QTYPE2', workerId: 'AW9', test: null, answer: null, submitTime: T0 + 3 }], T0 + 4);
    expect(listQualificationRequests(db, t.connectionId, '3QTYPE2').map((r) => r.workerId)).toEqual(['AW9']);
    expect(countsFor(db, t.connectionId)).toMatchObject({ qualificationTypes: 2, qualificationGrants: 2, qualificationRequests: 1 });
  });
});

describe('messages', () => {
  it('keeps each message with per-worker delivery on every recipient’s history', () => {
    t = openTestArchive();
    const db = t.archive.write;
    recordMessage(db, t.connectionId, {
      subject: 'Follow-up study',
      body: 'Thanks — a follow-up HIT is up.',
      sentAt: T0,
      recipients: [
        { workerId: 'AW1', delivery: 'Sent', failureMessage: null },
        { workerId: 'AW2', delivery: 'HardFailure', failureMessage: 'Worker AW2 has blocked you' },
      ],
    });
    const history = messagesForWorker(db, t.connectionId, 'AW2');
    expect(history).toHaveLength(1);
    expect(history[0]!.recipients).toEqual([
      { workerId: 'AW1', delivery: 'Sent', failureMessage: null },
      { workerId: 'AW2', delivery: 'HardFailure', failureMessage: 'Worker AW2 has blocked you' },
    ]);
    expect(messagesForWorker(db, t.connectionId, 'AW3')).toEqual([]);
    expect(countsFor(db, t.connectionId).messages).toBe(1);
  });
});
