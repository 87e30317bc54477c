import { ApproveAssignmentCommand, ListAssignmentsForHITCommand } from '@aws-sdk/client-mturk';
import { afterAll, describe, expect, it } from 'vitest';
import { listBatchHits } from '../../../electron/archive/repos/batches';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { syncFully, workbenchFor } from '../actions/workbench';
import { sentenceBatch } from '../batches/batch-folders';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('the dashboard and a batch launched here', () => {
  it('shows it in progress, its launch among the recent actions, and its spend under its name once approved', { timeout: 90_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    // 3 rows × 2 assignments at $0.10 (fee $0.02 each).
    const launched = await bench.batches.launch(sentenceBatch(3, { Reward: '0.10', MaxAssignments: 2, AutoApprovalDelayInSeconds: 36 * 3600 }));
    if (!launched.ok) throw new Error(launched.error.message);
    await bench.jobs.whenDone(launched.value.job.id);
    await server.control.simulate({ workers: 10, seed: 5, until: 'done' });
    await syncFully(bench);

    const waiting = await bench.dashboard.summary({ balance: false });
    if (!waiting.ok) throw new Error(waiting.error.message);
    expect(waiting.value.batchesInProgress.map((b) => [b.id, b.figures.status])).toEqual([[launched.value.batchId, 'in-review']]);
    expect(waiting.value.liabilities).toMatchObject({ submittedAssignments: 6, submittedCents: 6 * 12, openCents: 0 });
    expect(waiting.value.recentActions.filter((a) => a.kind === 'create-hit')).toHaveLength(3);

    // The review queue's deadline strip: all six are due within 3 days (36 h), none within 24 h; the batch filter finds them.
    const [day, days] = bench.dashboard.deadlines();
    expect(day).toMatchObject({ assignments: 0, batches: [] });
    expect(days).toMatchObject({ assignments: 6, batches: [{ batchId: launched.value.batchId, name: 'Rate a sentence', assignments: 6 }] });
    const inBatch = await bench.review.queue({ filter: { batchId: launched.value.batchId, autoApprovalBefore: days!.before }, limit: 50 });
    expect(inBatch.ok && inBatch.value.rows.length).toBe(6);
    const elsewhere = await bench.review.queue({ filter: { batchId: 'nobatch1' }, limit: 50 });
    expect(elsewhere.ok && elsewhere.value.rows.length).toBe(0);

    // Approve everything of the first two rows on MTurk, then sync: 4 × ($0.10 + $0.02) under the batch's name.
    const hits = listBatchHits(bench.archiveDb.read, launched.value.batchId).filter((h) => h.rowNumber <= 2);
    for (const hit of hits) {
      for (const a of (await client.send(new ListAssignmentsForHITCommand({ HITId: hit.hitId! }))).Assignments ?? []) {
        await client.send(new ApproveAssignmentCommand({ AssignmentId: a.AssignmentId! }));
      }
    }
    await syncFully(bench);
    const perBatch = bench.dashboard.spend('batch');
    expect(perBatch.buckets.map((b) => [b.key, b.label, b.rewardsCents, b.feesCents, b.totalCents])).toEqual([[launched.value.batchId, 'Rate a sentence', 40, 8, 48]]);
    const after = await bench.dashboard.summary({ balance: false });
    expect(after.ok && after.value.liabilities.submittedCents).toBe(2 * 12);
  });
});
