import { afterEach, describe, expect, it } from 'vitest';
import { importBatchResults } from '../../../electron/archive/batch-results-csv';
import { exportAssignmentsJson, exportBatchResultsCsv } from '../../../electron/archive/batch-results-export';
import { FIXED_COLUMNS } from '../../../electron/archive/batch-results-rows';
import { getAssignment, upsertAssignments } from '../../../electron/archive/repos/assignments';
import { countsFor } from '../../../electron/archive/repos/counts';
import { getHit, upsertHits } from '../../../electron/archive/repos/hits';
import { parseCsv, stringifyCsv } from '../../../shared/domain/csv';
import { makeAssignment, makeHit, openTestArchive, T0, type TestArchive } from './fixtures';

let t: TestArchive;
afterEach(() => t.archive.close());

const HEADER = [...FIXED_COLUMNS, 'Input.tweet', 'Input.lang', 'Answer.sentiment', 'Answer.comment', 'Approve', 'Reject'];

/** A row as the website writes it; `over` replaces cells by column name. */
function websiteRow(n: number, over: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    HITId: `3W5PY7V3UP0${n < 2 ? 'A' : 'B'}EXAMPLEHIT000001`, HITTypeId: '3TYPEEXAMPLE000000000000000001',
    Title: 'Label the sentiment of a tweet', Description: 'Read one tweet, pick positive, negative or neutral.',
    Keywords: 'sentiment, tweets', Reward: '$0.50', CreationTime: 'Mon Nov 02 09:15:00 PST 2026', MaxAssignments: '3',
    RequesterAnnotation: 'BatchId:4921;', AssignmentDurationInSeconds: '3600', AutoApprovalDelayInSeconds: '259200',
    Expiration: 'Mon Nov 09 09:15:00 PST 2026', NumberOfSimilarHITs: '', LifetimeInSeconds: '',
    AssignmentId: `3ASSIGNEXAMPLE0000000000000${n}`, WorkerId: `A2WORKER${n}EXAMPLE`, AssignmentStatus: 'Submitted',
    AcceptTime: 'Tue Nov 03 10:00:00 PST 2026', SubmitTime: 'Tue Nov 03 10:01:30 PST 2026',
    AutoApprovalTime: 'Fri Nov 06 10:01:30 PST 2026', ApprovalTime: '', RejectionTime: '', RequesterFeedback: '',
    WorkTimeInSeconds: '90', LifetimeApprovalRate: '100% (12/12)', Last30DaysApprovalRate: '100% (12/12)',
    Last7DaysApprovalRate: '0% (0/0)', 'Input.tweet': `Loving it, "truly" 😍\nsecond line ${n}`, 'Input.lang': 'fr-CA é',
    'Answer.sentiment': n % 2 === 0 ? 'positive' : 'negative', 'Answer.comment': 'commas, "quotes"\r\nand CRLF', Approve: '', Reject: '',
  };
  return HEADER.map((c) => over[c] ?? base[c]!);
}

const websiteFile = (rows: string[][], header: string[] = HEADER): string => stringifyCsv([header, ...rows], { quote: 'all' });

/** HIT A of `websiteRow` as MTurk reports it (sync), to set up an archive that already holds it. */
const SYNCED_HIT_A = {
  hitId: '3W5PY7V3UP0AEXAMPLEHIT000001', hitTypeId: '3TYPEEXAMPLE000000000000000001', title: 'Label the sentiment of a tweet',
  description: 'Read one tweet, pick positive, negative or neutral.', keywords: 'sentiment, tweets', rewardCents: 50,
  creationTime: Date.UTC(2026, 10, 2, 17, 15), maxAssignments: 3, requesterAnnotation: 'BatchId:4921;', assignmentDurationSeconds: 3600,
  autoApprovalDelaySeconds: 259200, expiration: Date.UTC(2026, 10, 9, 17, 15),
};

function importOk(text: string) {
  const result = importBatchResults(t.archive.write, t.connectionId, Buffer.from(text), { fileName: 'Batch_4921_batch_results.csv', now: T0 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `3ASSIGNEXAMPLE0000000000000${i}`);

describe('importBatchResults', () => {
  it('imports HITs and assignments with cents, epoch times and Answer.* fields', () => {
    t = openTestArchive();
    expect(importOk(websiteFile([websiteRow(0), websiteRow(1), websiteRow(2)]))).toMatchObject({ rows: 3, hits: 2, assignments: 3 });
    const hit = getHit(t.archive.read, t.connectionId, '3W5PY7V3UP0AEXAMPLEHIT000001')!;
    expect(hit).toMatchObject({ rewardCents: 50, creationTime: Date.UTC(2026, 10, 2, 17, 15), maxAssignments: 3, status: null, requesterAnnotation: 'BatchId:4921;' });
    const assignment = getAssignment(t.archive.read, t.connectionId, ids(3)[2]!)!;
    expect(assignment).toMatchObject({ status: 'Submitted', submitTime: Date.UTC(2026, 10, 3, 18, 1, 30), approvalTime: null, answerXml: '' });
    expect(assignment.answers).toEqual({ sentiment: 'positive', comment: 'commas, "quotes"\r\nand CRLF' });
  });

  it('is idempotent when the same file is imported twice, and keeps a HIT listed without an assignment', () => {
    t = openTestArchive();
    const hitOnly = websiteRow(3, { AssignmentId: '', WorkerId: '', AssignmentStatus: '', HITId: '3HITWITHOUTWORK0000000000000001' });
    const text = websiteFile([websiteRow(0), websiteRow(1), hitOnly]);
    expect(importOk(text)).toMatchObject({ rows: 3, hits: 2, assignments: 2 });
    expect(importOk(text)).toMatchObject({ rows: 3, hits: 2, assignments: 2 });
    expect(countsFor(t.archive.read, t.connectionId)).toMatchObject({ hits: 2, assignments: 2, workers: 2 });
    expect(getHit(t.archive.read, t.connectionId, '3HITWITHOUTWORK0000000000000001')?.title).toBe('Label the sentiment of a tweet');
  });

  it('never overwrites what sync knows (status, question, requirements) with what the file lacks', () => {
    t = openTestArchive();
    const synced = makeHit(1, { ...SYNCED_HIT_A, status: 'Reviewable' });
    upsertHits(t.archive.write, t.connectionId, [synced], T0 - 1);
    importOk(websiteFile([websiteRow(0)]));
    expect(getHit(t.archive.read, t.connectionId, synced.hitId)).toMatchObject({
      status: 'Reviewable',
      question: synced.question,
      qualificationRequirements: synced.qualificationRequirements,
      title: 'Label the sentiment of a tweet',
    });
  });
});

describe('exportBatchResultsCsv', () => {
  it('round-trips a website file byte for byte (quote-all, CRLF, unicode, embedded newlines)', () => {
    t = openTestArchive();
    const text = websiteFile([websiteRow(0), websiteRow(1), websiteRow(2)]);
    importOk(text);
    expect(exportBatchResultsCsv(t.archive.read, { connectionId: t.connectionId, assignmentIds: ids(3) })).toBe(text);
  });

  it('round-trips a minimally quoted LF file with a BOM and no final newline, and a subset keeps its layout', () => {
    t = openTestArchive();
    const otherHit = { HITId: '3W5PY7V3UP0CEXAMPLEHIT000001', Reward: '$1.5', Keywords: '' };
    const rows = [HEADER, websiteRow(0), websiteRow(1, otherHit)];
    const text = '\uFEFF' + stringifyCsv(rows, { lineEnding: '\n', trailingNewline: false });
    importOk(text);
    expect(exportBatchResultsCsv(t.archive.read, { connectionId: t.connectionId, assignmentIds: ids(2) })).toBe(text);
    const subset = '\uFEFF' + stringifyCsv([HEADER, websiteRow(1, otherHit)], { lineEnding: '\n', trailingNewline: false });
    expect(exportBatchResultsCsv(t.archive.read, { connectionId: t.connectionId, assignmentIds: [ids(2)[1]!] })).toBe(subset);
  });

  it('writes what the archive learned since the import (an approval) and keeps every other original cell', () => {
    t = openTestArchive();
    importOk(websiteFile([websiteRow(0)]));
    const before = getAssignment(t.archive.read, t.connectionId, ids(1)[0]!)!;
    upsertAssignments(t.archive.write, t.connectionId, [{ ...before, status: 'Approved', approvalTime: Date.UTC(2026, 10, 4, 12, 0, 0), requesterFeedback: 'Thanks!' }], T0 + 1);
    const exported = parseCsv(exportBatchResultsCsv(t.archive.read, { connectionId: t.connectionId, assignmentIds: ids(1) }));
    if (!exported.ok) throw new Error('unparseable export');
    const row = exported.value.records[1]!.cells;
    const cell = (name: string): string => row[HEADER.indexOf(name)]!;
    expect([cell('AssignmentStatus'), cell('ApprovalTime'), cell('RequesterFeedback')]).toEqual(['Approved', 'Wed Nov 04 04:00:00 PST 2026', 'Thanks!']);
    expect([cell('Input.tweet'), cell('LifetimeApprovalRate'), cell('SubmitTime')]).toEqual([websiteRow(0)[HEADER.indexOf('Input.tweet')], '100% (12/12)', 'Tue Nov 03 10:01:30 PST 2026']);
  });

  it('exports synced (never imported) assignments in the website layout, and as JSON', () => {
    t = openTestArchive();
    upsertHits(t.archive.write, t.connectionId, [makeHit(1)], T0);
    upsertAssignments(t.archive.write, t.connectionId, [makeAssignment(4, 1)], T0);
    const selection = { connectionId: t.connectionId, filter: {} };
    const exported = parseCsv(exportBatchResultsCsv(t.archive.read, selection));
    if (!exported.ok) throw new Error('unparseable export');
    const [header, row] = exported.value.records.map((r) => r.cells);
    expect(header).toEqual([...FIXED_COLUMNS, 'Answer.sentiment', 'Answer.comment', 'Approve', 'Reject']);
    const cell = (name: string): string => row![header!.indexOf(name)]!;
    expect([cell('Reward'), cell('CreationTime'), cell('Answer.comment'), cell('WorkTimeInSeconds'), cell('LifetimeInSeconds')]).toEqual([
      '$0.50', 'Sun Nov 01 04:00:01 PST 2026', 'looks fine #4', '90', '604800',
    ]);
    const json = JSON.parse(exportAssignmentsJson(t.archive.read, selection)) as { assignmentId: string; answers: Record<string, string>; hit: { rewardCents: number } }[];
    expect(json.map((a) => [a.assignmentId, a.answers.sentiment, a.hit.rewardCents])).toEqual([[makeAssignment(4, 1).assignmentId, 'positive', 50]]);
  });
});

describe('malformed files are rejected whole, naming row, column and value', () => {
  const cases: { name: string; text: () => string; message: string; field: string }[] = [
    {
      name: 'ragged row',
      text: () => websiteFile([websiteRow(0), websiteRow(1).slice(0, -2)]),
      message: `Row 3 has ${HEADER.length - 2} cells but the header has ${HEADER.length} columns.`,
      field: 'row 3',
    },
    {
      name: 'bad money',
      text: () => websiteFile([websiteRow(0), websiteRow(1, { Reward: '0.50 USD' })]),
      message: 'Row 3, column Reward: "0.50 USD" is not a dollar amount like "$0.50".',
      field: 'row 3, column Reward',
    },
    {
      name: 'bad time',
      text: () => websiteFile([websiteRow(0, { SubmitTime: '2026-11-03T10:01:30Z' })]),
      message: 'Row 2, column SubmitTime: "2026-11-03T10:01:30Z" is not a time like "Mon Nov 23 04:01:02 PST 2026".',
      field: 'row 2, column SubmitTime',
    },
    {
      name: 'weekday that does not match the date',
      text: () => websiteFile([websiteRow(0, { AcceptTime: 'Mon Nov 03 10:00:00 PST 2026' })]),
      message: 'Row 2, column AcceptTime: "Mon Nov 03 10:00:00 PST 2026" is not a time like "Mon Nov 23 04:01:02 PST 2026".',
      field: 'row 2, column AcceptTime',
    },
    {
      name: 'bad status',
      text: () => websiteFile([websiteRow(0), websiteRow(1), websiteRow(2, { AssignmentStatus: 'Pending' })]),
      message: 'Row 4, column AssignmentStatus: "Pending" is not one of Submitted, Approved, Rejected.',
      field: 'row 4, column AssignmentStatus',
    },
    {
      name: 'missing HITId column',
      text: () => websiteFile([websiteRow(0).slice(1)], HEADER.slice(1)),
      message: 'The file has no HITId column, so it is not an MTurk batch results file this version can read.',
      field: 'row 1, column HITId',
    },
    {
      name: 'duplicate AssignmentId',
      text: () => websiteFile([websiteRow(0), websiteRow(1), websiteRow(2, { AssignmentId: '3ASSIGNEXAMPLE00000000000001' })]),
      message: 'Row 4, column AssignmentId: "3ASSIGNEXAMPLE00000000000001" already appears in row 3.',
      field: 'row 4, column AssignmentId',
    },
    {
      name: 'bad whole number',
      text: () => websiteFile([websiteRow(0, { MaxAssignments: '-3' })]),
      message: 'Row 2, column MaxAssignments: "-3" is not a whole number of 0 or more.',
      field: 'row 2, column MaxAssignments',
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      t = openTestArchive();
      const result = importBatchResults(t.archive.write, t.connectionId, Buffer.from(c.text()), { fileName: 'bad.csv', now: T0 });
      expect(result).toEqual({ ok: false, error: { kind: 'validation', message: c.message, field: c.field } });
      const counts = countsFor(t.archive.read, t.connectionId);
      expect([counts.hits, counts.assignments, counts.workers]).toEqual([0, 0, 0]);
      expect(t.archive.read.prepare('SELECT COUNT(*) AS n FROM csv_imports').get()).toEqual({ n: 0 });
    });
  }
});
