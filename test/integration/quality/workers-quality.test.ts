import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWebsiteTime } from '../../../electron/archive/website-format';
import type { LocalMTurk } from '../../../local-mturk/src/index';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { stringifyCsv } from '../../../shared/domain/csv';
import { workbenchFor } from '../actions/workbench';

const T = Date.UTC(2026, 10, 20, 12);
const HEADER = ['HITId', 'HITTypeId', 'Title', 'Reward', 'CreationTime', 'MaxAssignments', 'AssignmentDurationInSeconds', 'AutoApprovalDelayInSeconds', 'Expiration', 'AssignmentId', 'WorkerId', 'AssignmentStatus', 'SubmitTime', 'AutoApprovalTime', 'Input.gold_label', 'Answer.label'];
/**
 * Two HIT types. In 3TYPEA, HIT 1 is gold ("cat") and AW3 misses it; in 3TYPEB (no gold) AW3 is outvoted on HIT 3.
 * AW4 only wrote free text (every label different), which is no category: no figures for them.
 */
const ROWS: [hit: number, type: string, worker: string, gold: string, label: string][] = [
  [1, '3TYPEA', 'AW1', 'cat', 'cat'], [1, '3TYPEA', 'AW2', 'cat', 'cat'], [1, '3TYPEA', 'AW3', 'cat', 'dog'],
  [2, '3TYPEA', 'AW1', '', 'dog'], [2, '3TYPEA', 'AW2', '', 'dog'], [2, '3TYPEA', 'AW3', '', 'dog'],
  [3, '3TYPEB', 'AW1', '', 'yes'], [3, '3TYPEB', 'AW2', '', 'yes'], [3, '3TYPEB', 'AW3', '', 'no'],
  [4, '3TYPEC', 'AW4', '', 'A long answer in words.'], [5, '3TYPEC', 'AW4', '', 'Another, quite different.'], [6, '3TYPEC', 'AW4', '', 'A third one.'],
];

let server: LocalMTurk;
let bench: ReturnType<typeof workbenchFor>;

function websiteFile(rows = ROWS, first = 0): string {
  const time = formatWebsiteTime(T);
  const cells = rows.map(([hit, type, worker, gold, label], i) => [
    `3HIT${hit}`, type, 'Label a photo', '$0.05', time, '3', '600', '259200', formatWebsiteTime(T + 86_400_000), `3ASG${first + i}`, worker, 'Submitted', time,
    formatWebsiteTime(T + 259_200_000), gold, label,
  ]);
  return stringifyCsv([HEADER, ...cells]);
}

beforeAll(async () => {
  ({ server } = await startTestServer());
  bench = workbenchFor(server);
  const imported = await bench.archive.importBatchFile('Batch_2_batch_results.csv', Buffer.from(websiteFile()).toString('base64'));
  if (!imported.ok) throw new Error(imported.error.message);
}, 60_000);
afterAll(async () => {
  await bench.dispose();
  await server.close();
});

describe("the Workers grid's gold and agreement figures", () => {
  it('adds up every HIT type: consensus per HIT by majority vote, gold where the input row has it', () => {
    const quality = bench.workers.quality();
    if (!quality.ok) throw new Error(quality.error.message);
    expect(quality.value).toEqual([
      { workerId: 'AW1', labels: 3, agreed: 3, goldAnswers: 1, goldCorrect: 1 },
      { workerId: 'AW2', labels: 3, agreed: 3, goldAnswers: 1, goldCorrect: 1 },
      { workerId: 'AW3', labels: 3, agreed: 1, goldAnswers: 1, goldCorrect: 0 },
    ]);
  });

  it('are kept until an assignment arrives, then computed again', async () => {
    const before = bench.workers.quality();
    if (!before.ok) throw new Error(before.error.message);
    expect(bench.workers.quality()).toMatchObject({ ok: true });
    expect((bench.workers.quality() as { value: unknown }).value).toBe(before.value);
    const more = await bench.archive.importBatchFile('Batch_3_batch_results.csv', Buffer.from(websiteFile([[7, '3TYPEB', 'AW3', '', 'yes'], [7, '3TYPEB', 'AW1', '', 'yes']], 100)).toString('base64'));
    if (!more.ok) throw new Error(more.error.message);
    const after = bench.workers.quality();
    expect((after as { value: unknown }).value).not.toBe(before.value);
    expect(after.ok && after.value.find((q) => q.workerId === 'AW3')).toEqual({ workerId: 'AW3', labels: 4, agreed: 2, goldAnswers: 1, goldCorrect: 0 });
  });
});
