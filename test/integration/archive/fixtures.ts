/** Realistic archive rows for tests: ids, XML and times shaped like MTurk's. */
import { openArchive, type ArchiveDb } from '../../../electron/archive/connection';
import type { AssignmentRecord } from '../../../electron/archive/repos/assignments';
import { ensureConnection } from '../../../electron/archive/repos/connections';
import type { HitRecord } from '../../../electron/archive/repos/hits';
import { buildQuestionFormAnswers } from '../../../shared/mturk/answers';

export const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface TestArchive {
  readonly archive: ArchiveDb;
  readonly connectionId: number;
}

export function openTestArchive(): TestArchive {
  const archive = openArchive(':memory:');
  const connection = ensureConnection(
    archive.write,
    { kind: 'sandbox', endpoint: 'https://mturk-requester-sandbox.us-east-1.amazonaws.com', label: 'Lab sandbox', accountFingerprint: 'AKIA…7Q' },
    T0,
  );
  return { archive, connectionId: connection.id };
}

export const hitId = (n: number): string => `3HIT${String(n).padStart(26, '0')}`;
export const assignmentId = (n: number): string => `3ASG${String(n).padStart(26, '0')}`;
export const workerId = (n: number): string => `A${String(n).padStart(13, '0')}`;

export function makeHit(n: number, overrides: Partial<HitRecord> = {}): HitRecord {
  return {
    hitId: hitId(n),
    hitTypeId: '3TYPE0000000000000000000000001',
    hitGroupId: '3GROUP000000000000000000000001',
    hitLayoutId: null,
    title: `Label the sentiment of tweet ${n}`,
    description: 'Read a short tweet and choose positive, negative or neutral.',
    keywords: 'sentiment, tweets, labeling',
    question:
      '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">' +
      '<HTMLContent><![CDATA[<!DOCTYPE html><form><input name="sentiment"></form>]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>',
    rewardCents: 50,
    maxAssignments: 3,
    assignmentDurationSeconds: 3600,
    autoApprovalDelaySeconds: 259_200,
    requesterAnnotation: `batch-7 row ${n}`,
    qualificationRequirements: [
      { QualificationTypeId: '000000000000000000L0', Comparator: 'GreaterThanOrEqualTo', IntegerValues: [95], ActionsGuarded: 'Accept' },
    ],
    status: 'Assignable',
    reviewStatus: 'NotReviewed',
    assignmentsPending: 0,
    assignmentsAvailable: 3,
    assignmentsCompleted: 0,
    creationTime: T0 + n * 1000,
    expiration: T0 + n * 1000 + 7 * DAY,
    ...overrides,
  };
}

export function makeAssignment(n: number, hitNumber: number, overrides: Partial<AssignmentRecord> = {}): AssignmentRecord {
  const accept = T0 + n * 60_000;
  return {
    assignmentId: assignmentId(n),
    hitId: hitId(hitNumber),
    workerId: workerId(n % 7),
    status: 'Submitted',
    acceptTime: accept,
    submitTime: accept + 90_000,
    autoApprovalTime: accept + 90_000 + 259_200_000,
    approvalTime: null,
    rejectionTime: null,
    deadline: accept + HOUR,
    answerXml: buildQuestionFormAnswers([
      { questionIdentifier: 'sentiment', freeText: n % 2 === 0 ? 'positive' : 'negative' },
      { questionIdentifier: 'comment', freeText: `looks fine #${n}` },
    ]),
    requesterFeedback: null,
    ...overrides,
  };
}
