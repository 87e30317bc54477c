import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWebsiteTime } from '../../../electron/archive/website-format';
import type { LocalMTurk } from '../../../local-mturk/src/index';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { stringifyCsv } from '../../../shared/domain/csv';
import { workbenchFor } from '../actions/workbench';

const T = Date.UTC(2026, 10, 20, 12);
const HEADER = ['HITId', 'HITTypeId', 'Title', 'Reward', 'CreationTime', 'MaxAssignments', 'AssignmentDurationInSeconds', 'AutoApprovalDelayInSeconds', 'Expiration', 'AssignmentId', 'WorkerId', 'AssignmentStatus', 'SubmitTime', 'AutoApprovalTime', 'Input.photo', 'Input.gold_label', 'Answer.label', 'Approve', 'Reject'];
/** HIT 1 is gold ("cat"); HIT 2 is not. Worker W3 misses the gold. */
const ROWS: [hit: number, worker: string, gold: string, label: string][] = [
  [1, 'AW1', 'cat', 'cat'], [1, 'AW2', 'cat', 'cat'], [1, 'AW3', 'cat', 'dog'],
  [2, 'AW1', '', 'dog'], [2, 'AW2', '', 'dog'], [2, 'AW3', '', 'dog'],
];

let server: LocalMTurk;
let bench: ReturnType<typeof workbenchFor>;

/** A website results file whose input rows carry a gold column. */
function websiteFile(): string {
  const time = formatWebsiteTime(T);
  const rows = ROWS.map(([hit, worker, gold, label], i) => [
    `3HIT${hit}`, '3TYPEGOLD', 'Label a photo', '$0.05', time, '3', '600', '259200', formatWebsiteTime(T + 86_400_000), `3ASG${i}`, worker, 'Submitted', time,
    formatWebsiteTime(T + 259_200_000), `photo${hit}.jpg`, gold, label, '', '',
  ]);
  return stringifyCsv([HEADER, ...rows]);
}

beforeAll(async () => {
  ({ server } = await startTestServer());
  bench = workbenchFor(server);
  const imported = await bench.archive.importBatchFile('Batch_1_batch_results.csv', Buffer.from(websiteFile()).toString('base64'));
  if (!imported.ok) throw new Error(imported.error.message);
}, 60_000);
afterAll(async () => {
  await bench.dispose();
  await server.close();
});

describe('gold columns of an imported website results file', () => {
  it("scores workers on the file's Input.gold_label rows", async () => {
    const report = await bench.quality.report({ hitTypeId: '3TYPEGOLD', method: 'mv' });
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.labels.map((l) => [l.HITId, l.label, l.gold])).toEqual([['3HIT1', 'cat', 'cat'], ['3HIT2', 'dog', null]]);
    const gold = Object.fromEntries(report.value.workers.map((w) => [w.workerId, [w.goldCorrect, w.goldAnswers]]));
    expect(gold).toEqual({ AW1: [1, 1], AW2: [1, 1], AW3: [0, 1] });
  });

  it('marks the assignment that missed the gold in the review queue', async () => {
    const missed = await bench.review.queue({ filter: { goldBelow: 1 }, limit: 100 });
    if (!missed.ok) throw new Error(missed.error.message);
    expect(missed.value.rows.map((r) => [r.assignmentId, r.quality])).toEqual([['3ASG2', { agreement: 0, gold: 0 }]]);
  });
});
