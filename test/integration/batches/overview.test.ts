import { ApproveAssignmentCommand, CreateAdditionalAssignmentsForHITCommand, CreateHITCommand, ListAssignmentsForHITCommand } from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { syncFully, workbenchFor } from '../actions/workbench';
import { sentenceBatch } from './batch-folders';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('the Batches area reads', () => {
  it('follow a launched batch from created HITs to submitted and approved work, and show tagged HITs no batch explains', { timeout: 60_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    expect(value(bench.batchOverview.list())).toEqual([]);

    const folder = sentenceBatch(4);
    const launched = value(await bench.batches.launch(folder));
    await bench.jobs.whenDone(launched.job.id);

    const [fresh] = value(bench.batchOverview.list());
    expect(fresh).toMatchObject({
      id: launched.batchId,
      origin: 'launched',
      folder,
      rewardCents: 10,
      figures: { status: 'running', hits: 4, hitsCreated: 4, assignments: { total: 8, submitted: 0, approved: 0, rejected: 0 }, spentCents: 0, etaAt: null, hourlyWageCents: null },
    });
    const detail = value(bench.batchOverview.detail(launched.batchId));
    expect(detail.columns).toEqual(['sentence']);
    expect(detail.hits.map((h) => [h.rowNumber, h.input.sentence, h.hitId !== null, h.maxAssignments])).toEqual([
      [1, 'Sentence number 1 <b>', true, 2],
      [2, 'Sentence number 2 <i>', true, 2],
      [3, 'Sentence number 3 <i>', true, 2],
      [4, 'Sentence number 4 <i>', true, 2],
    ]);

    // The crowd does every assignment; two are approved; a sync brings it into the archive.
    await server.control.simulate({ until: 'done' });
    const firstHit = detail.hits[0]!.hitId!;
    const assignments = (await client.send(new ListAssignmentsForHITCommand({ HITId: firstHit }))).Assignments ?? [];
    expect(assignments).toHaveLength(2);
    for (const a of assignments) await client.send(new ApproveAssignmentCommand({ AssignmentId: a.AssignmentId! }));
    await syncFully(bench);

    const [worked] = value(bench.batchOverview.list());
    // Two approved at $0.10 + $0.02 fee each.
    expect(worked!.figures).toMatchObject({ status: 'in-review', assignments: { total: 8, submitted: 8, approved: 2, rejected: 0 }, spentCents: 24, etaAt: null });
    expect(worked!.figures.medianWorkSeconds).toBeGreaterThan(0);
    expect(worked!.figures.hourlyWageCents).toBe(Math.round((10 * 3600) / worked!.figures.medianWorkSeconds!));
    const rows = value(bench.batchOverview.detail(launched.batchId)).hits;
    expect(rows.find((r) => r.hitId === firstHit)).toMatchObject({ submitted: 2, approved: 2, rejected: 0 });
    expect(rows.reduce((sum, r) => sum + r.submitted, 0)).toBe(8);

    // HITs launched elsewhere carry a tag no batch row here explains: found on MTurk, grouped by their batch id.
    for (const row of [2, 1]) {
      await client.send(
        new CreateHITCommand({
          Title: 'Tagged elsewhere', Description: 'd', Reward: '0.25', MaxAssignments: 3, LifetimeInSeconds: 3600, AssignmentDurationInSeconds: 600,
          Question: '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.org/t</ExternalURL><FrameHeight>400</FrameHeight></ExternalQuestion>',
          RequesterAnnotation: `my notes tb:bforeign1:r${row}`,
        }),
      );
    }
    await syncFully(bench);
    const found = value(bench.batchOverview.list()).find((b) => b.origin === 'found');
    expect(found).toMatchObject({ id: 'bforeign1', folder: null, title: 'Tagged elsewhere', rewardCents: 25, figures: { status: 'running', hits: 2, assignments: { total: 6, submitted: 0 } } });
    expect(value(bench.batchOverview.detail('bforeign1')).hits.map((h) => h.rowNumber)).toEqual([1, 2]);
    expect(bench.batchOverview.detail('bnothere')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('count assignments added to the batch’s HITs in the list (and the Dashboard) as on its page', { timeout: 60_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    const launched = value(await bench.batches.launch(sentenceBatch(2)));
    await bench.jobs.whenDone(launched.job.id);
    for (const row of value(bench.batchOverview.detail(launched.batchId)).hits) {
      await client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: row.hitId!, NumberOfAdditionalAssignments: 1 }));
    }
    await syncFully(bench);
    expect(value(bench.batchOverview.detail(launched.batchId)).hits.map((h) => h.maxAssignments)).toEqual([3, 3]);
    const [listed] = value(bench.batchOverview.list());
    expect(listed!.figures.assignments.total).toBe(6);
    expect(listed!.figures).toEqual(value(bench.batchOverview.detail(launched.batchId)).batch.figures);
  });
});
