/**
 * Generated website files, damaged in the ways real files are (other encodings, truncation, huge fields, duplicate
 * headers, ragged rows, stray quotes, NULs, BOMs, CR and LF line endings, formula-looking cells), each imported
 * into an archive that already holds synced data. Every case must end in success or in a validation error that says
 * where (row, column, line, encoding or file): never a crash, and on an error the archive is exactly as before.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { importBatchResults } from '../../../electron/archive/batch-results-csv';
import { upsertAssignments } from '../../../electron/archive/repos/assignments';
import { upsertHits } from '../../../electron/archive/repos/hits';
import { HEADER, websiteRow } from '../archive-service/website-file';
import { stringifyCsv } from '../../../shared/domain/csv';
import { buildQuestionFormAnswers } from '../../../shared/mturk/answers';
import { archiveFingerprint } from './archive-fingerprint';
import { openTestArchive, T0, type TestArchive } from './fixtures';

const CASES = 400;
const SEED = 0x7e5b_2026;

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

type Rand = () => number;
const pick = <T,>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const int = (rand: Rand, below: number): number => Math.floor(rand() * below);

const VALUES = ['café naïve Zürich', '=HYPERLINK("http://evil.example/","x")', '+1', '-2', '@x', "'=y", '日本語 ✓ 🎉', 'a,"b"\r\nc', '', ' '];

/** A valid file to start from: 1–6 rows over HITs A and B, with assorted answer values. */
function baseRows(rand: Rand, caseNumber: number): string[][] {
  return Array.from({ length: 1 + int(rand, 6) }, (_, i) => {
    const n = caseNumber * 10 + i;
    const row = websiteRow(n, { 'Answer.sentiment': pick(rand, VALUES), 'Input.tweet': pick(rand, VALUES) });
    // Spread over HITs of this case only, so cases do not contradict each other about a HIT's fields.
    row[HEADER.indexOf('HITId')] = `3FUZZHIT${String(caseNumber).padStart(5, '0')}${i % 2}`;
    return row;
  });
}

/** A row to damage; after "header only" there is none, and the damage lands nowhere. */
const anyRow = (rand: Rand, rows: string[][]): string[] => rows[int(rand, rows.length)] ?? [];

type TextMutation = (rand: Rand, rows: string[][], header: string[]) => void;
const ROW_MUTATIONS: TextMutation[] = [
  (rand, rows) => anyRow(rand, rows).pop(), // ragged: a cell short
  (rand, rows) => anyRow(rand, rows).push('extra'), // ragged: a cell too many
  (_rand, _rows, header) => header.splice(3, 1, header[2]!), // duplicate header name
  (rand, rows) => (anyRow(rand, rows)[HEADER.indexOf('Title')] = 'T'.repeat(100 + int(rand, 60))), // over 128?
  (rand, rows) => (anyRow(rand, rows)[HEADER.indexOf('Answer.sentiment')] = 'é'.repeat(30_000 + int(rand, 5_000))), // near 65,535 bytes
  (rand, rows) => (anyRow(rand, rows)[HEADER.indexOf('Description')] = `nul\0here`),
  (rand, rows) => (anyRow(rand, rows)[HEADER.indexOf('Reward')] = pick(rand, ['$0.4', '$-1', '0.40', '$1,000.00', '$99.00'])),
  (rand, rows) => (anyRow(rand, rows)[HEADER.indexOf('AssignmentStatus')] = pick(rand, ['Approved', 'Rejected', 'Pending', ''])),
  (rand, rows) => (anyRow(rand, rows)[HEADER.indexOf('SubmitTime')] = pick(rand, ['', 'Tue Nov 03 10:01:30 PST 2026', 'Mon Nov 03 10:01:30 PST 2026', 'yesterday'])),
  (_rand, rows) => rows.splice(0, rows.length), // header only
  (rand, rows) => rows.length > 0 && rows.push([...anyRow(rand, rows)]), // duplicate assignment row
  (rand, rows) => (anyRow(rand, rows)[HEADER.indexOf('AssignmentId')] = '3ARCHIVESVCASSIGNMENT00000000'), // the synced assignment's id
];

type ByteMutation = (rand: Rand, text: string) => Uint8Array;
const utf32 = (text: string, littleEndian: boolean): Buffer => {
  const points = [...text].map((c) => c.codePointAt(0)!);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => (littleEndian ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
  return out;
};
const BYTE_MUTATIONS: ByteMutation[] = [
  (_r, text) => Buffer.from(text),
  (_r, text) => Buffer.from(`\uFEFF${text}`),
  (_r, text) => Buffer.from(text, 'latin1'),
  (_r, text) => Buffer.from(`\uFEFF${text}`, 'utf16le'),
  (_r, text) => Buffer.from(text, 'utf16le').swap16(),
  (_r, text) => utf32(text, true),
  (_r, text) => utf32(`\uFEFF${text}`, false),
  (_r, text) => Buffer.from(text.replace(/\r\n/g, '\n')),
  (_r, text) => Buffer.from(text.replace(/\r\n/g, '\r')),
  (rand, text) => Buffer.from(text).subarray(0, int(rand, Buffer.byteLength(text))), // truncated anywhere, even mid-character
  (rand, text) => {
    const at = int(rand, text.length);
    return Buffer.from(text.slice(0, at) + pick(rand, ['"', '\0', '\r', ',', '""']) + text.slice(at));
  },
  (rand, text) => {
    const bytes = Buffer.from(text);
    bytes[int(rand, bytes.length)] = pick(rand, [0x00, 0x80, 0xff, 0xc3, 0x22]);
    return bytes;
  },
];

/** Where a refusal may point: a row (and column), a CSV line, the encoding, or the file as a whole. */
const LOCATED = /^(row \d+(, column .+)?|line \d+|encoding|file)$/;

describe('CSV import fuzzing (fixed seed)', () => {
  let t: TestArchive | null = null;
  /** A fresh archive every few cases keeps each before/after comparison small. */
  const freshArchive = (): TestArchive => {
    t?.archive.close();
    t = openTestArchive();
    // Synced data for forged rows to run into.
    const hitId = websiteRow(0)[HEADER.indexOf('HITId')]!;
    upsertHits(t.archive.write, t.connectionId, [{
      hitId, hitTypeId: '3ARCHIVESVCTYPE000000000000001', hitGroupId: null, hitLayoutId: null, title: 'Label the sentiment of a tweet',
      description: 'Pick positive or negative.', keywords: 'sentiment', question: null, rewardCents: 40, maxAssignments: 2,
      assignmentDurationSeconds: 3600, autoApprovalDelaySeconds: 259_200, requesterAnnotation: 'BatchId:77;', qualificationRequirements: [],
      status: 'Reviewable', reviewStatus: null, assignmentsPending: 0, assignmentsAvailable: 0, assignmentsCompleted: 1,
      creationTime: Date.UTC(2026, 10, 2, 17, 15), expiration: Date.UTC(2026, 10, 9, 17, 15),
    }], T0);
    upsertAssignments(t.archive.write, t.connectionId, [{
      assignmentId: '3ARCHIVESVCASSIGNMENT00000000', hitId, workerId: 'A3ARCHIVEWORKER0', status: 'Approved', acceptTime: null, submitTime: null,
      autoApprovalTime: null, approvalTime: null, rejectionTime: null, deadline: T0, requesterFeedback: null,
      answerXml: buildQuestionFormAnswers([{ questionIdentifier: 'sentiment', freeText: 'positive' }]),
    }], T0);
    return t;
  };
  afterAll(() => t?.archive.close());

  it(`${CASES} damaged files: each imports or is refused with where and why, and a refusal changes nothing`, () => {
    const rand = random(SEED);
    const outcomes = { imported: 0, refused: 0 };
    let archive = freshArchive();
    for (let n = 0; n < CASES; n++) {
      if (n % 20 === 19) archive = freshArchive();
      const header = [...HEADER];
      const rows = baseRows(rand, n);
      for (let k = int(rand, 3); k > 0; k--) pick(rand, ROW_MUTATIONS)(rand, rows, header);
      const text = stringifyCsv([header, ...rows], { quote: rand() < 0.5 ? 'all' : 'minimal' });
      const bytes = pick(rand, BYTE_MUTATIONS)(rand, text);

      const before = archiveFingerprint(archive.archive.read);
      let result: ReturnType<typeof importBatchResults>;
      try {
        result = importBatchResults(archive.archive.write, archive.connectionId, bytes, { fileName: `fuzz-${n}.csv`, now: T0 + n });
      } catch (cause) {
        throw new Error(`case ${n} crashed: ${cause instanceof Error ? cause.stack : String(cause)}`);
      }
      if (result.ok) {
        outcomes.imported++;
        continue;
      }
      outcomes.refused++;
      const { kind, message, field } = result.error;
      expect({ n, kind, located: LOCATED.test(field ?? '') }, `case ${n}: ${message} (${field})`).toEqual({ n, kind: 'validation', located: true });
      expect(message.length).toBeGreaterThan(20);
      expect(archiveFingerprint(archive.archive.read), `case ${n} changed the archive although refused: ${message}`).toEqual(before);
    }
    // Both paths were exercised; the seed keeps the split the same on every run.
    expect(outcomes.imported).toBeGreaterThan(CASES / 10);
    expect(outcomes.refused).toBeGreaterThan(CASES / 10);
  }, 60_000); // 10 s measured with the 2-core build machine at load average 15; the margin is for heavier load
});
