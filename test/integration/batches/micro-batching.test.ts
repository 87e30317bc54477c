import {
  GetHITCommand,
  ListAssignmentsForHITCommand,
  ListHITsCommand,
  ListQualificationTypesCommand,
  ListWorkersWithQualificationTypeCommand,
  type Assignment,
  type HIT,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import { getBatch, listBatchHits } from '../../../electron/archive/repos/batches';
import { readBatchTag } from '../../../electron/services/actions/batch-actions';
import type { BatchStep } from '../../../electron/services/batches/batch-runner';
import { startLocalMTurk } from '../../../local-mturk/src/index';
import { clientFor, startTestServer } from '../../../local-mturk/test/helpers';
import { startLossyProxy } from '../../helpers/lossy-proxy';
import { workbenchFor } from '../actions/workbench';
import { sentenceBatch } from './batch-folders';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function allHits(client: MTurkClient): Promise<HIT[]> {
  const hits: HIT[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListHITsCommand({ MaxResults: 100, NextToken: token }));
    hits.push(...(page.HITs ?? []));
    token = page.NextToken;
  } while (token);
  return hits;
}

async function assignmentsOf(client: MTurkClient, hitId: string): Promise<Assignment[]> {
  const out: Assignment[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListAssignmentsForHITCommand({ HITId: hitId, MaxResults: 100, NextToken: token }));
    out.push(...(page.Assignments ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

async function excludedWorkers(client: MTurkClient, typeId: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: typeId, Status: 'Granted', MaxResults: 100, NextToken: token }));
    out.push(...(page.Qualifications ?? []).map((q) => q.WorkerId!));
    token = page.NextToken;
  } while (token);
  return out;
}

describe('micro-batching a row that wants 100 assignments', () => {
  it('publishes sub-HITs of at most 9 one after another, excludes every submitter, and nobody works the row twice', { timeout: 180_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    const folder = sentenceBatch(1, { MaxAssignments: 100, microBatching: true });

    const launched = await bench.batches.launch(folder);
    if (!launched.ok) throw new Error(launched.error.message);
    expect(await bench.jobs.whenDone(launched.value.job.id)).toMatchObject({ state: 'succeeded', done: 1 });
    const { batchId } = launched.value;
    const batch = getBatch(bench.archiveDb.read, batchId)!;
    expect(batch.exclusionTypeId).not.toBeNull();

    // Only the first part exists before anybody worked: a later part must wait for the exclusions.
    const first = await allHits(client);
    expect(first).toHaveLength(1);
    expect(readBatchTag(first[0]!.RequesterAnnotation ?? '')).toEqual({ batchId, rowNumber: 1, part: 0 });
    expect(first[0]!.QualificationRequirements).toContainEqual(
      expect.objectContaining({ QualificationTypeId: batch.exclusionTypeId, Comparator: 'DoesNotExist', ActionsGuarded: 'DiscoverPreviewAndAccept' }),
    );

    // The crowd works what is on offer; a run step syncs, excludes and publishes the next part.
    const steps: BatchStep[] = [];
    for (let round = 0; round < 30; round++) {
      await server.control.simulate({ workers: 200, seed: 5, until: 'done' });
      const step = await bench.batchRunner.step(batchId);
      if (!step.ok) throw new Error(step.error.message);
      steps.push(step.value);
      if (step.value.done) break;
    }
    expect(steps.at(-1)?.done).toBe(true);

    const hits = await allHits(client);
    const sizes = hits.map((h) => h.MaxAssignments!);
    expect(sizes.every((n) => n <= 9)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
    expect(hits).toHaveLength(12);
    expect(new Set(hits.map((h) => readBatchTag(h.RequesterAnnotation ?? '')!.part))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => i)));

    const submitted = (await Promise.all(hits.map((h) => assignmentsOf(client, h.HITId!)))).flat().filter((a) => a.AssignmentStatus !== 'Rejected');
    expect(submitted).toHaveLength(100);
    const workers = submitted.map((a) => a.WorkerId!);
    expect(new Set(workers).size).toBe(100);
    expect(new Set(await excludedWorkers(client, batch.exclusionTypeId!))).toEqual(new Set(workers));

    // Each part was published only once its predecessor had settled: never two parts of the row open at once.
    expect(steps.every((s) => s.published <= 1)).toBe(true);
    expect(steps.reduce((sum, s) => sum + s.published, 0)).toBe(11);
    expect(listBatchHits(bench.archiveDb.read, batchId).every((h) => h.hitId !== null)).toBe(true);
    const last = hits.find((h) => readBatchTag(h.RequesterAnnotation ?? '')!.part === 11)!;
    expect((await client.send(new GetHITCommand({ HITId: last.HITId }))).HIT).toMatchObject({ NumberOfAssignmentsPending: 0, NumberOfAssignmentsAvailable: 0 });
  });

  it("makes one exclusion type and publishes each sub-HIT once when MTurk's answers to them and to the grants are lost", { timeout: 120_000 }, async () => {
    const server = await startLocalMTurk({ port: 0 });
    cleanups.push(() => server.close());
    let creates = 0;
    let grants = 0;
    // The exclusion type's answer, every other CreateHIT answer after the first, and every third grant answer are lost
    // after MTurk acted.
    const proxy = await startLossyProxy(server.url, (request) => {
      if (request.operation === 'CreateQualificationType') return 'lose-answer';
      if (request.operation === 'CreateHITWithHITType') return ++creates > 1 && creates % 2 === 0 ? 'lose-answer' : 'answer';
      if (request.operation === 'AssociateQualificationWithWorker') return ++grants % 3 === 0 ? 'lose-answer' : 'answer';
      return 'answer';
    });
    cleanups.push(() => proxy.close());
    const bench = workbenchFor({ ...server, url: proxy.url } as typeof server);
    cleanups.push(() => bench.dispose());
    const launched = await bench.batches.launch(sentenceBatch(2, { MaxAssignments: 20, microBatching: true }));
    if (!launched.ok) throw new Error(launched.error.message);
    await bench.jobs.whenDone(launched.value.job.id);

    let done = false;
    for (let round = 0; round < 10 && !done; round++) {
      await server.control.simulate({ workers: 120, seed: 9, until: 'done' });
      const step = await bench.batchRunner.step(launched.value.batchId);
      if (!step.ok) throw new Error(step.error.message);
      expect(step.value.jobs.every((job) => job.state === 'succeeded')).toBe(true);
      done = step.value.done;
    }
    expect(done).toBe(true);
    expect(creates).toBeGreaterThan(2);
    expect(grants).toBeGreaterThan(3);
    const client = clientFor(server);
    const types = await client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true, MaxResults: 100 }));
    expect(types.QualificationTypes?.map((t) => t.QualificationTypeId)).toEqual([getBatch(bench.archiveDb.read, launched.value.batchId)!.exclusionTypeId]);
    const tags = (await allHits(client)).map((h) => h.RequesterAnnotation);
    // 20 assignments per row → 3 sub-HITs (7 + 7 + 6) per row, each exactly once.
    expect(tags.sort()).toEqual([1, 2].flatMap((row) => [0, 1, 2].map((part) => `tb:${launched.value.batchId}:r${row}${part ? `.${part}` : ''}`)).sort());
    const workersByRow = new Map<number, string[]>();
    for (const hit of await allHits(client)) {
      const row = readBatchTag(hit.RequesterAnnotation ?? '')!.rowNumber;
      workersByRow.set(row, [...(workersByRow.get(row) ?? []), ...(await assignmentsOf(client, hit.HITId!)).map((a) => a.WorkerId!)]);
    }
    for (const workers of workersByRow.values()) {
      expect(workers).toHaveLength(20);
      expect(new Set(workers).size).toBe(20);
    }
  });

  it('publishes no later part while paused, nor after a resume reopened the unfilled part', { timeout: 60_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    const launched = await bench.batches.launch(sentenceBatch(1, { MaxAssignments: 18, microBatching: true }));
    if (!launched.ok) throw new Error(launched.error.message);
    await bench.jobs.whenDone(launched.value.job.id);
    const { batchId } = launched.value;

    const paused = await bench.batchControls.start(batchId, { action: 'pause' });
    if (!paused.ok || !paused.value) throw new Error(paused.ok ? 'no job' : paused.error.message);
    await bench.jobs.whenDone(paused.value.id);
    // Part 0 is expired and nobody works on it: without the pause it would count as settled.
    expect(await bench.batchRunner.step(batchId)).toMatchObject({ ok: true, value: { paused: true, published: 0, unpublished: 1 } });

    const resumed = await bench.batchControls.start(batchId, { action: 'resume' });
    if (!resumed.ok || !resumed.value) throw new Error(resumed.ok ? 'no job' : resumed.error.message);
    await bench.jobs.whenDone(resumed.value.id);
    expect(await bench.batchRunner.step(batchId)).toMatchObject({ ok: true, value: { paused: false, published: 0, unpublished: 1, open: 1 } });
    expect(await allHits(client)).toHaveLength(1);

    await server.control.simulate({ workers: 40, seed: 4, until: 'done' });
    expect(await bench.batchRunner.step(batchId)).toMatchObject({ ok: true, value: { excluded: 9, published: 1, unpublished: 0 } });
  });
});
