import { afterEach, describe, expect, it } from 'vitest';
import { assignmentStatusHistory, getAssignment, upsertAssignments } from '../../../electron/archive/repos/assignments';
import { bonusesForWorker, upsertBonuses } from '../../../electron/archive/repos/bonuses';
import { ensureConnection, listConnections } from '../../../electron/archive/repos/connections';
import { countsFor } from '../../../electron/archive/repos/counts';
import { getHit, getHitType, hitStatusHistory, upsertHits } from '../../../electron/archive/repos/hits';
import { getWorkerSummary } from '../../../electron/archive/repos/workers';
import { assignmentId, hitId, makeAssignment, makeHit, openTestArchive, T0, workerId, type TestArchive } from './fixtures';

let t: TestArchive;
afterEach(() => t.archive.close());

describe('connections', () => {
  it('keeps sandbox and production apart and reuses a connection for the same account', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const prod = ensureConnection(db, { kind: 'production', endpoint: 'https://mturk-requester.us-east-1.amazonaws.com', label: 'Lab', accountFingerprint: 'AKIA…7Q' }, T0);
    const again = ensureConnection(db, { kind: 'production', endpoint: 'https://mturk-requester.us-east-1.amazonaws.com', label: 'Lab (renamed)', accountFingerprint: 'AKIA…7Q' }, T0 + 1);
    expect(again.id).toBe(prod.id);
    expect(prod.id).not.toBe(t.connectionId);
    expect(listConnections(db).map((c) => [c.kind, c.label])).toEqual([['sandbox', 'Lab sandbox'], ['production', 'Lab (renamed)']]);

    upsertHits(db, t.connectionId, [makeHit(1)], T0);
    expect(getHit(db, prod.id, hitId(1))).toBeNull();
    expect(countsFor(db, prod.id).hits).toBe(0);
    expect(countsFor(db, t.connectionId).hits).toBe(1);
  });
});

describe('read and write handles', () => {
  it('does not let a read handle reach a writer (checked by tsc)', () => {
    t = openTestArchive();
    const misuse = (): void => {
      // @ts-expect-error ReadDb lacks the WriteDb brand: a read path cannot write.
      upsertHits(t.archive.read, t.connectionId, [], T0);
    };
    expect(misuse).toBeTypeOf('function');
  });
});

describe('upsertHits', () => {
  it('stores every GetHIT property and derives the HIT type', () => {
    t = openTestArchive();
    const hit = makeHit(1);
    upsertHits(t.archive.write, t.connectionId, [hit], T0);
    const stored = getHit(t.archive.read, t.connectionId, hit.hitId);
    expect(stored).toEqual({ ...hit, connectionId: t.connectionId, firstSeenAt: T0, lastSeenAt: T0, goneAt: null });
    expect(getHitType(t.archive.read, t.connectionId, hit.hitTypeId)).toMatchObject({
      title: hit.title,
      rewardCents: 50,
      qualificationRequirements: hit.qualificationRequirements,
    });
  });

  it('updates in place, keeps first_seen, records each status change once, and never loses known fields', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, [makeHit(1)], T0);
    upsertHits(db, t.connectionId, [makeHit(1, { status: 'Assignable', assignmentsAvailable: 2 })], T0 + 10);
    upsertHits(db, t.connectionId, [makeHit(1, { status: 'Reviewable', assignmentsAvailable: 0 })], T0 + 20);
    // A sparse source (a website CSV) knows neither status nor question.
    upsertHits(db, t.connectionId, [makeHit(1, { status: null, question: null, assignmentsAvailable: null })], T0 + 30);
    const stored = getHit(db, t.connectionId, hitId(1))!;
    expect(stored).toMatchObject({ status: 'Reviewable', assignmentsAvailable: 0, firstSeenAt: T0, lastSeenAt: T0 + 30 });
    expect(stored.question).toContain('HTMLQuestion');
    expect(hitStatusHistory(db, t.connectionId, hitId(1))).toEqual([
      { status: 'Assignable', seenAt: T0 },
      { status: 'Reviewable', seenAt: T0 + 20 },
    ]);
    expect(countsFor(db, t.connectionId)).toMatchObject({ hits: 1, hitTypes: 1 });
  });
});

describe('upsertHits in bulk', () => {
  it('writes thousands of HITs in statements of many rows, with a source that knows no requirements keeping the archived ones', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const requirement = [{ QualificationTypeId: '3QUALTYPE000000000000000000001', Comparator: 'Exists', ActionsGuarded: 'Accept' }];
    upsertHits(db, t.connectionId, Array.from({ length: 1_234 }, (_, n) => makeHit(n, { qualificationRequirements: requirement as never })), T0);
    // Then a sparse source (the website CSV) on every other HIT, interleaved with a full one naming none.
    const again = Array.from({ length: 1_234 }, (_, n) =>
      n % 2 === 0 ? makeHit(n, { qualificationRequirements: null, title: `Renamed ${n}` }) : makeHit(n, { qualificationRequirements: [], title: `Renamed ${n}` }),
    );
    upsertHits(db, t.connectionId, [...again, makeHit(2_000, { qualificationRequirements: null })], T0 + 10);
    expect(getHit(db, t.connectionId, hitId(10))).toMatchObject({ title: 'Renamed 10', qualificationRequirements: requirement, lastSeenAt: T0 + 10 });
    expect(getHit(db, t.connectionId, hitId(11))).toMatchObject({ title: 'Renamed 11', qualificationRequirements: [] });
    // A new HIT from a sparse source has none.
    expect(getHit(db, t.connectionId, hitId(2_000))).toMatchObject({ qualificationRequirements: [], firstSeenAt: T0 + 10 });
    expect(countsFor(db, t.connectionId)).toMatchObject({ hits: 1_235 });
  });

  it('names the HIT SQLite refuses, and writes none of the call', () => {
    t = openTestArchive();
    const db = t.archive.write;
    // Two runs (requirements known, then not): the refused HIT is still named by its place in the whole call.
    const hits = Array.from({ length: 1_500 }, (_, n) => makeHit(n, n >= 1_000 ? { qualificationRequirements: null } : {}));
    (hits[1_234] as { title: unknown }).title = null; // title is NOT NULL
    expect(() => upsertHits(db, t.connectionId, hits, T0)).toThrow(/Could not archive HIT .*0+1234 \(item 1235 of 1500\): NOT NULL constraint failed: hits\.title/);
    expect(countsFor(db, t.connectionId).hits).toBe(0);
  });
});

describe('upsertAssignments', () => {
  it('keeps the raw answer XML and the flattened fields, and denormalises the HIT type', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, [makeHit(1)], T0);
    upsertAssignments(db, t.connectionId, [makeAssignment(2, 1)], T0);
    const stored = getAssignment(db, t.connectionId, assignmentId(2))!;
    expect(stored.answers).toEqual({ sentiment: 'positive', comment: 'looks fine #2' });
    expect(stored.answerXml).toContain('<FreeText>positive</FreeText>');
    expect(stored.hitTypeId).toBe(makeHit(1).hitTypeId);
  });

  it('archives unparseable answers raw instead of dropping the assignment', () => {
    t = openTestArchive();
    const warnings: string[] = [];
    const db = t.archive.write;
    upsertHits(db, t.connectionId, [makeHit(1)], T0);
    upsertAssignments(db, t.connectionId, [makeAssignment(1, 1, { answerXml: '<QuestionFormAnswers><Answer>' })], T0, {
      log: { info: () => undefined, warn: (m) => warnings.push(m) },
    });
    expect(getAssignment(db, t.connectionId, assignmentId(1))).toMatchObject({
      answerXml: '<QuestionFormAnswers><Answer>',
      answers: {},
      answersProblem: expect.stringMatching(/^QuestionFormAnswers is not well-formed XML: /),
    });
    expect(warnings[0]).toMatch(new RegExp(`assignment ${assignmentId(1)}: answers kept raw only`));
  });

  it('moves Submitted → Approved with history and worker counts, keeping times a later sparse row lacks', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, [makeHit(1)], T0);
    const submitted = makeAssignment(7, 1);
    upsertAssignments(db, t.connectionId, [submitted], T0);
    upsertAssignments(db, t.connectionId, [{ ...submitted, status: 'Approved', approvalTime: T0 + 500, acceptTime: null, answerXml: '' }], T0 + 600);
    const stored = getAssignment(db, t.connectionId, assignmentId(7))!;
    expect(stored).toMatchObject({ status: 'Approved', approvalTime: T0 + 500, acceptTime: submitted.acceptTime, firstSeenAt: T0, lastSeenAt: T0 + 600 });
    expect(stored.answers.sentiment).toBe('negative');
    expect(assignmentStatusHistory(db, t.connectionId, assignmentId(7))).toEqual([
      { status: 'Submitted', seenAt: T0 },
      { status: 'Approved', seenAt: T0 + 600 },
    ]);
    expect(getWorkerSummary(db, t.connectionId, workerId(0))).toMatchObject({ assignments: 1, approved: 1, rejected: 0 });
  });

  it('rejects a whole batch when one assignment belongs to an unarchived HIT', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, [makeHit(1)], T0);
    expect(() => upsertAssignments(db, t.connectionId, [makeAssignment(1, 1), makeAssignment(2, 99)], T0)).toThrow(
      `Could not archive assignment ${assignmentId(2)} of HIT ${hitId(99)} (item 2 of 2): FOREIGN KEY constraint failed`,
    );
    expect(countsFor(db, t.connectionId).assignments).toBe(0);
  });

  it('names the bad record of a large batch (written many rows per statement) and writes none of it', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, Array.from({ length: 10 }, (_, i) => makeHit(i)), T0);
    const batch = Array.from({ length: 120 }, (_, i) => makeAssignment(i, i % 10));
    batch[77] = makeAssignment(77, 99);
    expect(() => upsertAssignments(db, t.connectionId, batch, T0)).toThrow(
      `Could not archive assignment ${assignmentId(77)} of HIT ${hitId(99)} (item 78 of 120): FOREIGN KEY constraint failed`,
    );
    expect(countsFor(db, t.connectionId).assignments).toBe(0);
  });

  it('upserts a batch many rows per statement exactly as row by row: repeats, status changes and sparse rows', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, Array.from({ length: 10 }, (_, i) => makeHit(i)), T0);
    const first = Array.from({ length: 100 }, (_, i) => makeAssignment(i, i % 10));
    // In one batch: the same assignment twice (approved the second time), then a sparse row without times or XML.
    const again = { ...first[3]!, status: 'Approved' as const, approvalTime: T0 + 9 };
    const sparse = { ...first[4]!, acceptTime: null, submitTime: null, answerXml: '' };
    upsertAssignments(db, t.connectionId, [...first.slice(0, 60), again, sparse, ...first.slice(60)], T0 + 10);
    expect(countsFor(db, t.connectionId).assignments).toBe(100);
    expect(getAssignment(db, t.connectionId, assignmentId(3))).toMatchObject({ status: 'Approved', approvalTime: T0 + 9, lastSeenAt: T0 + 10 });
    expect(assignmentStatusHistory(db, t.connectionId, assignmentId(3)).map((h) => h.status)).toEqual(['Submitted', 'Approved']);
    expect(getAssignment(db, t.connectionId, assignmentId(4))).toMatchObject({ acceptTime: first[4]!.acceptTime, answerXml: first[4]!.answerXml });
  });

  it('writes a batch cut into statements of every size (1,000, 100, 10, 1 rows) as row-by-row calls write it', () => {
    const batch = Array.from({ length: 2_345 }, (_, i) => makeAssignment(i, i % 40));
    batch[1_234] = { ...batch[17]!, status: 'Approved', approvalTime: T0 + 9 }; // a repeat across statements
    const archived = (calls: readonly (readonly ReturnType<typeof makeAssignment>[])[]): unknown => {
      const archive = openTestArchive();
      try {
        const db = archive.archive.write;
        upsertHits(db, archive.connectionId, Array.from({ length: 40 }, (_, i) => makeHit(i)), T0);
        for (const records of calls) upsertAssignments(db, archive.connectionId, records, T0 + 10);
        return {
          assignments: db.prepare(`SELECT * FROM assignments ORDER BY id`).all(),
          history: db.prepare(`SELECT * FROM assignment_status_history ORDER BY id`).all(),
          workers: db.prepare(`SELECT * FROM workers ORDER BY worker_id`).all(),
        };
      } finally {
        archive.archive.close();
      }
    };
    const whole = archived([batch]) as { assignments: unknown[] };
    expect(whole.assignments).toHaveLength(2_344);
    expect(whole).toEqual(archived(batch.map((record) => [record])));
  });

  it('names the bad record in a later 1,000-row statement and writes none of the batch', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, Array.from({ length: 10 }, (_, i) => makeHit(i)), T0);
    const batch = Array.from({ length: 2_100 }, (_, i) => makeAssignment(i, i % 10));
    batch[1_500] = makeAssignment(1_500, 99);
    expect(() => upsertAssignments(db, t.connectionId, batch, T0)).toThrow(
      `Could not archive assignment ${assignmentId(1_500)} of HIT ${hitId(99)} (item 1501 of 2100): FOREIGN KEY constraint failed`,
    );
    expect(countsFor(db, t.connectionId).assignments).toBe(0);
  });

  it('names the record that breaks a constraint and writes none of the batch', () => {
    t = openTestArchive();
    const db = t.archive.write;
    expect(() => upsertHits(db, t.connectionId, [makeHit(1), makeHit(2, { rewardCents: -5 })], T0)).toThrow(
      `Could not archive HIT ${hitId(2)} (item 2 of 2): CHECK constraint failed: reward_cents >= 0`,
    );
    expect(countsFor(db, t.connectionId)).toMatchObject({ hits: 0, hitTypes: 0 });
  });

  it('writes thousands of rows in one call', () => {
    t = openTestArchive();
    const db = t.archive.write;
    upsertHits(db, t.connectionId, Array.from({ length: 1000 }, (_, i) => makeHit(i)), T0);
    upsertAssignments(db, t.connectionId, Array.from({ length: 5000 }, (_, i) => makeAssignment(i, i % 1000)), T0);
    expect(countsFor(db, t.connectionId)).toMatchObject({ hits: 1000, assignments: 5000, workers: 7 });
  });
});

describe('upsertBonuses', () => {
  it('is idempotent on re-listing and totals bonuses per worker', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const bonus = { workerId: workerId(3), assignmentId: assignmentId(3), amountCents: 125, reason: 'Great work', grantTime: T0 + 5, uniqueRequestToken: null };
    upsertBonuses(db, t.connectionId, [bonus, { ...bonus, amountCents: 50, grantTime: T0 + 9 }], T0 + 10);
    upsertBonuses(db, t.connectionId, [{ ...bonus, uniqueRequestToken: 'tb-1' }], T0 + 20);
    expect(bonusesForWorker(db, t.connectionId, workerId(3)).map((b) => [b.amountCents, b.uniqueRequestToken])).toEqual([
      [125, 'tb-1'],
      [50, null],
    ]);
    expect(getWorkerSummary(db, t.connectionId, workerId(3))).toMatchObject({ bonuses: 2, bonusCents: 175, assignments: 0 });
  });
});
