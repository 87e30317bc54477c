import { MTurkClient, type HIT } from '@aws-sdk/client-mturk';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getBatch, listBatchHits } from '../../../electron/archive/repos/batches';
import { inputsForHit } from '../../../electron/archive/repos/hit-inputs';
import { listUnfinished } from '../../../electron/archive/repos/journal';
import { readBatchTag } from '../../../electron/services/actions/batch-actions';
import { startLocalMTurk } from '../../../local-mturk/src/index';
import { listAllHits, startTestServer } from '../../../local-mturk/test/helpers';
import { startLossyProxy } from '../../helpers/lossy-proxy';
import { workbenchFor } from '../actions/workbench';
import { sentenceBatch } from './batch-folders';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});


/** The sentence each HIT's question shows, by row: proves each HIT got its own substituted row. */
const sentenceOf = (hit: HIT): string => /<p id="s">([^<]*)<\/p>/.exec(hit.Question ?? '')?.[1] ?? '';

describe('launching a batch folder', () => {
  it('creates one HIT per row with its own question and tag, records each, and asks before a second batch', { timeout: 60_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    const folder = sentenceBatch(30);

    const plan = await bench.batches.plan(folder);
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value).toMatchObject({ launchable: true, resumes: null, launchedBefore: [], toSpendCents: 30 * 2 * 12, cost: { hits: 30, totalCents: 720 }, balance: { afterCents: expect.any(Number) } });

    const launched = await bench.batches.launch(folder);
    if (!launched.ok) throw new Error(launched.error.message);
    const final = await bench.jobs.whenDone(launched.value.job.id);
    expect(final).toMatchObject({ state: 'succeeded', done: 30, failed: 0 });

    const hits = await listAllHits(client);
    expect(hits).toHaveLength(30);
    expect(new Set(hits.map((h) => h.HITTypeId)).size).toBe(1);
    const rows = hits.map((h) => readBatchTag(h.RequesterAnnotation ?? '')!).sort((a, b) => a.rowNumber - b.rowNumber);
    expect(rows.map((r) => r.rowNumber)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(rows.every((r) => r.batchId === launched.value.batchId && r.part === 0)).toBe(true);
    for (const hit of hits) {
      const row = readBatchTag(hit.RequesterAnnotation ?? '')!.rowNumber;
      // The value is text: its angle brackets arrive escaped, not as markup.
      expect(sentenceOf(hit)).toBe(`Sentence number ${row} &lt;${(row - 1) % 7 === 0 ? 'b' : 'i'}&gt;`);
      expect(hit).toMatchObject({ MaxAssignments: 2, Reward: '0.10', Title: 'Rate a sentence' });
    }

    const db = bench.archiveDb.read;
    expect(getBatch(db, launched.value.batchId)).toMatchObject({ state: 'launched', hitTypeId: hits[0]!.HITTypeId });
    expect(listBatchHits(db, launched.value.batchId).map((h) => h.hitId).sort()).toEqual(hits.map((h) => h.HITId).sort());
    // The HIT panel's inputs: the row each HIT was built from.
    const third = hits.find((h) => readBatchTag(h.RequesterAnnotation ?? '')!.rowNumber === 3)!;
    expect(inputsForHit(db, bench.contexts.active().archiveId!, third.HITId!)).toEqual({
      origin: { kind: 'batch', batchId: launched.value.batchId, name: 'Rate a sentence', rowNumber: 3, at: expect.any(Number) },
      fields: [{ name: 'sentence', value: 'Sentence number 3 <i>' }],
    });

    // The same folder again: asked first, and nothing is created until confirmed.
    const again = await bench.batches.launch(folder);
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/launched before .* confirm that with --new/) } });
    expect(await listAllHits(client)).toHaveLength(30);
    const second = await bench.batches.launch(folder, { newBatch: true });
    if (!second.ok) throw new Error(second.error.message);
    await bench.jobs.whenDone(second.value.job.id);
    expect(second.value.batchId).not.toBe(launched.value.batchId);
    expect(await listAllHits(client)).toHaveLength(60);
  });

  it('refuses what cannot be launched, saying why, and creates nothing', async () => {
    const { server, client } = await startTestServer({ startingBalanceCents: 500 });
    cleanups.push(() => server.close());
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());

    const broken = sentenceBatch(3);
    writeFileSync(join(broken, 'template.html'), '<crowd-form>${sentance}</crowd-form>');
    expect(await bench.batches.launch(broken)).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/\$\{sentance\} names no column/) } });

    const costly = sentenceBatch(30);
    expect(await bench.batches.launch(costly)).toMatchObject({ ok: false, error: { kind: 'insufficient-funds', message: expect.stringMatching(/costs \$7\.20 with MTurk's fee but the balance is \$5\.00/) } });

    expect(await listAllHits(client)).toEqual([]);
  });

  it('creates exactly one HIT per row of 1,000 under server faults, dropped connections and lost answers', { timeout: 180_000 }, async () => {
    const server = await startLocalMTurk({ port: 0, faultRate: 0.1, dropRate: 0.05, seed: 7 });
    cleanups.push(() => server.close());
    // Besides the server's own faults: one CreateHIT answer in eight is lost after the HIT was made.
    const proxy = await startLossyProxy(server.url, (request, index) => (request.operation === 'CreateHITWithHITType' && index % 8 === 3 ? 'lose-answer' : 'answer'));
    cleanups.push(() => proxy.close());
    const bench = workbenchFor({ ...server, url: proxy.url } as typeof server);
    cleanups.push(() => bench.dispose());
    const folder = sentenceBatch(1_000, { MaxAssignments: 1 });

    const launched = await bench.batches.launch(folder);
    if (!launched.ok) throw new Error(launched.error.message);
    let final = await bench.jobs.whenDone(launched.value.job.id);
    // A call MTurk kept refusing is retried by launching again: only what is missing is created.
    for (let round = 0; final?.state !== 'succeeded' && round < 3; round++) {
      const resumed = await bench.batches.launch(folder);
      if (!resumed.ok) throw new Error(resumed.error.message);
      final = await bench.jobs.whenDone(resumed.value.job.id);
    }
    expect(final).toMatchObject({ state: 'succeeded' });

    // The server still injects faults: this reader retries them as any SDK user would.
    const { accessKeyId, secretAccessKey } = server.credentials;
    const client = new MTurkClient({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 25 });
    const hits = await listAllHits(client);
    const byRow = new Map<number, number>();
    for (const hit of hits) {
      const tag = readBatchTag(hit.RequesterAnnotation ?? '');
      if (tag) byRow.set(tag.rowNumber, (byRow.get(tag.rowNumber) ?? 0) + 1);
    }
    expect(hits).toHaveLength(1_000);
    expect(byRow.size).toBe(1_000);
    expect([...byRow.values()].every((n) => n === 1)).toBe(true);
    expect(proxy.forwarded.filter((r) => r.operation === 'CreateHITWithHITType').length).toBeGreaterThan(1_000);
    const archiveId = bench.contexts.active().archiveId!;
    expect(listUnfinished(bench.archiveDb.read, archiveId)).toEqual([]);
    // Over a hundred answers were lost after the HIT was made; each was settled either by the gateway sending the same
    // token again (MTurk answers that the HIT exists) or by the executor finding the HIT's tag — never by a second HIT.
    const lost = proxy.forwarded.filter((r, i) => r.operation === 'CreateHITWithHITType' && i % 8 === 3).length;
    expect(lost).toBeGreaterThan(100);
    const settled = bench.archiveDb.read.prepare(`SELECT count(*) AS n FROM operations_journal WHERE kind = 'create-hit' AND state = 'confirmed' AND outcome_json LIKE '%"reconciled":true%'`).get() as { n: number };
    expect(settled.n).toBeGreaterThan(0);
    expect(listBatchHits(bench.archiveDb.read, launched.value.batchId).every((h) => h.hitId !== null)).toBe(true);
  });
});
