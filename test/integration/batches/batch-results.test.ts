import { GetHITCommand, type MTurkClient } from '@aws-sdk/client-mturk';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBatchHits } from '../../../electron/archive/repos/batches';
import { parseCsv } from '../../../shared/domain/csv';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { syncFully, workbenchFor } from '../actions/workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A crowd-form batch whose answers nest (classifier → label, multi-select → list), with a formula-like input value. */
function reviewBatch(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tb-results-')), 'reviews');
  mkdirSync(dir);
  writeFileSync(join(dir, 'batch.json'), JSON.stringify({ Title: 'Label a review', Description: 'Read a review and label it.', Reward: '0.05', MaxAssignments: 3, LifetimeInSeconds: 86_400 }));
  writeFileSync(
    join(dir, 'template.html'),
    `<!DOCTYPE html><html><body><crowd-form><p>\${review}</p>
      <crowd-classifier name="sentiment" categories="['positive', 'negative']" header="Tone?"><classification-target>\${review}</classification-target></crowd-classifier>
      <crowd-classifier-multi-select name="topics" categories="['price', 'service', 'food']" header="Topics?"><classification-target>\${review}</classification-target></crowd-classifier-multi-select>
      <crowd-input name="note" label="Anything else?"></crowd-input>
    </crowd-form></body></html>`,
  );
  writeFileSync(join(dir, 'input.csv'), 'review,shop\n"Great food, slow service",Ada\n"=HYPERLINK(""http://x"")",Bob\n');
  return dir;
}

const expirationOf = async (client: MTurkClient, hitId: string): Promise<number> =>
  (await client.send(new GetHITCommand({ HITId: hitId }))).HIT!.Expiration!.getTime();

describe('a launched batch: results, pause and resume', () => {
  it('exports the website layout with Input.* from its rows and flattened Answer.*, and JSON with nested answers', { timeout: 90_000 }, async () => {
    const { server } = await startTestServer();
    cleanups.push(() => server.close());
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    const launched = await bench.batches.launch(reviewBatch());
    if (!launched.ok) throw new Error(launched.error.message);
    await bench.jobs.whenDone(launched.value.job.id);
    const { batchId } = launched.value;

    expect(bench.batchControls.results(batchId, 'csv')).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringMatching(/sync first/) } });

    await server.control.simulate({ workers: 30, seed: 3, until: 'done' });
    await syncFully(bench);
    const csv = bench.batchControls.results(batchId, 'csv');
    if (!csv.ok) throw new Error(csv.error.message);
    expect(csv.value.rows).toBe(6);
    const parsed = parseCsv(csv.value.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [header, ...rows] = parsed.value.records.map((r) => r.cells);
    const at = (name: string): number => header!.indexOf(name);
    expect(header!.slice(0, 2)).toEqual(['HITId', 'HITTypeId']);
    expect(header).toEqual(expect.arrayContaining(['Input.review', 'Input.shop', 'Answer.sentiment.label', 'Answer.topics.labels', 'Answer.note', 'Approve', 'Reject']));
    expect(at('Input.review')).toBeLessThan(at('Answer.sentiment.label'));
    expect(rows).toHaveLength(6);

    const hitRow = new Map(listBatchHits(bench.archiveDb.read, batchId).map((h) => [h.hitId!, h.rowNumber]));
    for (const cells of rows) {
      const row = hitRow.get(cells[at('HITId')]!);
      expect(cells[at('Input.shop')]).toBe(row === 1 ? 'Ada' : 'Bob');
      // The formula-like input is written inert (one leading apostrophe), as the CSV writer does for every cell.
      expect(cells[at('Input.review')]).toBe(row === 1 ? 'Great food, slow service' : `'=HYPERLINK("http://x")`);
      expect(['positive', 'negative']).toContain(cells[at('Answer.sentiment.label')]);
      // Lists are JSON text.
      const topics = JSON.parse(cells[at('Answer.topics.labels')]!) as unknown;
      expect(Array.isArray(topics) && (topics as string[]).every((t) => ['price', 'service', 'food'].includes(t))).toBe(true);
      expect(cells[at('WorkerId')]).toMatch(/^A[0-9A-Z]+$/);
    }

    const json = bench.batchControls.results(batchId, 'json');
    if (!json.ok) throw new Error(json.error.message);
    const items = JSON.parse(json.value.text) as { inputs: Record<string, string>; answersNested: { sentiment: { label: string }; topics: { labels: string[] } } }[];
    expect(items).toHaveLength(6);
    for (const item of items) {
      expect(Object.keys(item.inputs).sort()).toEqual(['review', 'shop']);
      expect(['positive', 'negative']).toContain(item.answersNested.sentiment.label);
      expect(Array.isArray(item.answersNested.topics.labels)).toBe(true);
    }
  });

  it('pauses by expiring its open HITs and resumes by extending them to its lifetime from now', { timeout: 90_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    const launched = await bench.batches.launch(reviewBatch());
    if (!launched.ok) throw new Error(launched.error.message);
    await bench.jobs.whenDone(launched.value.job.id);
    const { batchId } = launched.value;
    const hitIds = listBatchHits(bench.archiveDb.read, batchId).map((h) => h.hitId!);
    const before = await Promise.all(hitIds.map((id) => expirationOf(client, id)));

    const paused = await bench.batchControls.start(batchId, { action: 'pause' });
    if (!paused.ok || !paused.value) throw new Error(paused.ok ? 'no job' : paused.error.message);
    expect(await bench.jobs.whenDone(paused.value.id)).toMatchObject({ state: 'succeeded', done: 2, kind: 'expire-hit' });
    const expired = await Promise.all(hitIds.map((id) => expirationOf(client, id)));
    expired.forEach((at, i) => expect(at).toBeLessThan(before[i]!));
    expect(expired.every((at) => at <= Date.now() + 1_000)).toBe(true);
    // Pausing again finds nothing open: no job, the batch stays paused.
    expect(await bench.batchControls.start(batchId, { action: 'pause' })).toEqual({ ok: true, value: null });
    // A paused batch publishes nothing more.
    const step = await bench.batchRunner.step(batchId);
    expect(step).toMatchObject({ ok: true, value: { paused: true, published: 0 } });

    const resumeFrom = Date.now();
    const resumed = await bench.batchControls.start(batchId, { action: 'resume' });
    if (!resumed.ok || !resumed.value) throw new Error(resumed.ok ? 'no job' : resumed.error.message);
    expect(await bench.jobs.whenDone(resumed.value.id)).toMatchObject({ state: 'succeeded', done: 2, kind: 'extend-hit' });
    for (const id of hitIds) {
      const at = await expirationOf(client, id);
      expect(at).toBeGreaterThanOrEqual(resumeFrom + 86_400_000 - 1_000);
      expect(at).toBeLessThanOrEqual(Date.now() + 86_400_000 + 1_000);
    }
    expect((await bench.batchRunner.step(batchId))).toMatchObject({ ok: true, value: { paused: false } });
    // A run's wait is 1 s to a day: past ~24.8 days a timer fires at once, and the batch would step in a tight loop.
    for (const everyMs of [0, 2_147_484_000, 86_400_001, Number.NaN]) {
      expect(await bench.batchRunner.run(batchId, { everyMs })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'every' } });
    }

    // Adding assignments goes through the same Manage HITs plan: per-HIT cost with the fee.
    const plan = await bench.batchControls.plan(batchId, { action: 'add-assignments', count: 2 });
    expect(plan).toMatchObject({ ok: true, value: { ready: [{ detail: expect.stringMatching(/3 → 5 assignments/) }, { detail: expect.stringMatching(/3 → 5/) }], cost: { rewardsCents: 20, feesCents: 4 } } });
  });
});
