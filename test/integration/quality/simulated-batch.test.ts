import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBatchHits } from '../../../electron/archive/repos/batches';
import { crowdPopulation } from '../../../local-mturk/src/crowd/population';
import type { LocalMTurk } from '../../../local-mturk/src/index';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { parseCsv } from '../../../shared/domain/csv';
import type { QualityReport } from '../../../shared/quality/report';
import { syncFully, workbenchFor } from '../actions/workbench';

const CLASSES = ['bird', 'cat', 'dog'];
const ROWS = 200;
const GOLD_EVERY = 4;
const CROWD = { workers: 40, seed: 5 };

/** A crowd-classifier batch: every row has a truth; every fourth row carries it as a gold column too. */
function classifierBatch(): { dir: string; truth: string[] } {
  const dir = join(mkdtempSync(join(tmpdir(), 'tb-quality-')), 'animals');
  mkdirSync(dir);
  writeFileSync(join(dir, 'batch.json'), JSON.stringify({ Title: 'Which animal?', Description: 'Name the animal in a photo.', Reward: '0.02', MaxAssignments: 7, LifetimeInSeconds: 86_400 }));
  writeFileSync(
    join(dir, 'template.html'),
    `<!DOCTYPE html><html><body><crowd-form>
      <crowd-classifier name="category" categories="['bird', 'cat', 'dog']" header="Which animal?"><classification-target>\${photo}</classification-target></crowd-classifier>
      <crowd-input name="note" label="Anything else?"></crowd-input>
    </crowd-form></body></html>`,
  );
  const truth = Array.from({ length: ROWS }, (_, i) => CLASSES[(i * 7 + Math.floor(i / 5)) % 3]!);
  const lines = truth.map((t, i) => `photo${i}.jpg,${i % GOLD_EVERY === 0 ? t : ''}`);
  writeFileSync(join(dir, 'input.csv'), `photo,gold_category\n${lines.join('\n')}\n`);
  return { dir, truth };
}

let server: LocalMTurk;
let bench: ReturnType<typeof workbenchFor>;
let batchId: string;
let truthByHit: Map<string, string>;
let rowOfHit: Map<string, number>;

beforeAll(async () => {
  ({ server } = await startTestServer());
  bench = workbenchFor(server);
  const { dir, truth } = classifierBatch();
  const launched = await bench.batches.launch(dir);
  if (!launched.ok) throw new Error(launched.error.message);
  await bench.jobs.whenDone(launched.value.job.id);
  batchId = launched.value.batchId;
  rowOfHit = new Map(listBatchHits(bench.archiveDb.read, batchId).map((h) => [h.hitId!, h.rowNumber]));
  truthByHit = new Map([...rowOfHit].map(([hitId, row]) => [hitId, truth[row - 1]!]));
  server.control.setTruths(Object.fromEntries([...truthByHit].map(([hitId, label]) => [hitId, { category: label }])));
  await server.control.simulate({ ...CROWD, until: 'done' });
  await syncFully(bench);
}, 120_000);
afterAll(async () => {
  await bench.dispose();
  await server.close();
});

async function report(method: 'mv' | 'ds'): Promise<QualityReport> {
  const result = await bench.quality.report({ batchId, method });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** What each worker actually got right, from the archive's answers and the registered truth. */
function realisedAccuracy(): Map<string, { answers: number; right: number }> {
  const rows = bench.archiveDb.read.prepare(`SELECT hit_id, worker_id, answers_json FROM assignments`).all() as { hit_id: string; worker_id: string; answers_json: string }[];
  const out = new Map<string, { answers: number; right: number }>();
  for (const row of rows) {
    const label = (JSON.parse(row.answers_json) as Record<string, string>)['category.label'];
    const w = out.get(row.worker_id) ?? { answers: 0, right: 0 };
    w.answers += 1;
    if (label === truthByHit.get(row.hit_id)) w.right += 1;
    out.set(row.worker_id, w);
  }
  return out;
}

describe('quality control of a simulated crowd-classifier batch (known truth and worker accuracies)', { timeout: 60_000 }, () => {
  it('finds the classifier field inside taskAnswers, not the free-text note, and labels nearly every HIT right', async () => {
    const ds = await report('ds');
    expect(ds.fields).toEqual(['category.label']);
    expect(ds.labels).toHaveLength(ROWS);
    const right = (r: QualityReport): number => r.labels.filter((l) => l.label === truthByHit.get(l.HITId)).length;
    const mv = await report('mv');
    expect(right(ds) / ROWS).toBeGreaterThan(0.93);
    expect(right(ds)).toBeGreaterThanOrEqual(right(mv));
    for (const l of ds.labels) {
      expect(l.confidence).toBeGreaterThan(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
    }
    // Gold labels are attached to the gold rows only.
    expect(ds.labels.filter((l) => l.gold !== null)).toHaveLength(ROWS / GOLD_EVERY);
    expect(ds.labels.filter((l) => l.gold !== null).every((l) => l.gold === truthByHit.get(l.HITId))).toBe(true);
  });

  it("estimates each worker's accuracy within a few points of what the simulation gave them", async () => {
    const ds = await report('ds');
    const realised = realisedAccuracy();
    const population = new Map(crowdPopulation(CROWD.seed, CROWD.workers).map((m) => [m.workerId, m]));
    const errors: number[] = [];
    const configuredErrors: number[] = [];
    for (const w of ds.workers) {
      const actual = realised.get(w.workerId)!;
      expect(w.answers).toBe(actual.answers);
      if (actual.answers < 15) continue;
      errors.push(Math.abs(w.accuracy - actual.right / actual.answers));
      const member = population.get(w.workerId)!;
      if (member.accuracyClass === 'careful' || member.accuracyClass === 'decent') configuredErrors.push(Math.abs(w.accuracy - member.accuracy));
    }
    expect(errors.length).toBeGreaterThanOrEqual(8);
    const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Measured: mean 0.008, max 0.055 against what they got right; mean 0.047 against the accuracy they were drawn with.
    expect(mean(errors)).toBeLessThan(0.02);
    expect(Math.max(...errors)).toBeLessThan(0.08);
    expect(mean(configuredErrors)).toBeLessThan(0.06);
  });

  it("scores each worker on the gold rows exactly, and ranks the spammers last", async () => {
    const ds = await report('ds');
    const gold = new Map<string, { answers: number; right: number }>();
    const goldHits = new Set(ds.labels.filter((l) => l.gold !== null).map((l) => l.HITId));
    const rows = bench.archiveDb.read.prepare(`SELECT hit_id, worker_id, answers_json FROM assignments`).all() as { hit_id: string; worker_id: string; answers_json: string }[];
    for (const row of rows) {
      if (!goldHits.has(row.hit_id)) continue;
      const g = gold.get(row.worker_id) ?? { answers: 0, right: 0 };
      g.answers += 1;
      if ((JSON.parse(row.answers_json) as Record<string, string>)['category.label'] === truthByHit.get(row.hit_id)) g.right += 1;
      gold.set(row.worker_id, g);
    }
    for (const w of ds.workers) {
      const g = gold.get(w.workerId);
      expect([w.goldAnswers, w.goldCorrect]).toEqual([g?.answers ?? 0, g?.right ?? 0]);
      expect(w.goldAccuracy).toBe(g ? g.right / g.answers : null);
    }
    const population = new Map(crowdPopulation(CROWD.seed, CROWD.workers).map((m) => [m.workerId, m]));
    const busy = ds.workers.filter((w) => w.answers >= 15);
    const spammers = busy.filter((w) => population.get(w.workerId)!.accuracyClass.endsWith('spammer'));
    const honest = busy.filter((w) => !population.get(w.workerId)!.accuracyClass.endsWith('spammer'));
    expect(spammers.length).toBeGreaterThan(0);
    expect(Math.max(...spammers.map((w) => w.accuracy))).toBeLessThan(Math.min(...honest.map((w) => w.accuracy)));
  });

  it("writes each HIT's consensus label as a Consensus column of the batch results, and in the JSON export", async () => {
    const ds = await report('ds');
    const consensus = new Map(ds.labels.map((l) => [l.HITId, l.label]));
    const csv = bench.batchControls.results(batchId, 'csv');
    if (!csv.ok) throw new Error(csv.error.message);
    const parsed = parseCsv(csv.value.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [header, ...rows] = parsed.value.records.map((r) => r.cells);
    expect(header!.slice(-3)).toEqual(['Consensus.category.label', 'Approve', 'Reject']);
    expect(rows).toHaveLength(ROWS * 7);
    for (const cells of rows) expect(cells[header!.length - 3]).toBe(consensus.get(cells[0]!));
    const json = bench.batchControls.results(batchId, 'json');
    if (!json.ok) throw new Error(json.error.message);
    const items = JSON.parse(json.value.text) as { hitId: string; consensus: Record<string, string> }[];
    expect(items.every((item) => item.consensus['category.label'] === consensus.get(item.hitId))).toBe(true);
  });

  it('shows in the review queue how far each assignment agrees with the others on its HIT and with gold, and filters on it', async () => {
    const all = await bench.review.queue({ limit: 500 });
    if (!all.ok) throw new Error(all.error.message);
    const labelOf = new Map<string, { hitId: string; label: string }>();
    const rows = bench.archiveDb.read.prepare(`SELECT assignment_id, hit_id, answers_json FROM assignments`).all() as { assignment_id: string; hit_id: string; answers_json: string }[];
    for (const r of rows) labelOf.set(r.assignment_id, { hitId: r.hit_id, label: (JSON.parse(r.answers_json) as Record<string, string>)['category.label']! });
    const expected = (assignmentId: string): { agreement: number; gold: number | null } => {
      const own = labelOf.get(assignmentId)!;
      const others = [...labelOf].filter(([id, l]) => id !== assignmentId && l.hitId === own.hitId).map(([, l]) => l.label);
      const isGold = (rowOfHit.get(own.hitId)! - 1) % GOLD_EVERY === 0;
      return { agreement: others.filter((l) => l === own.label).length / others.length, gold: isGold ? Number(truthByHit.get(own.hitId) === own.label) : null };
    };
    for (const row of all.value.rows.slice(0, 100)) expect(row.quality).toEqual(expected(row.assignmentId));

    const doubtful = await bench.review.queue({ filter: { agreementBelow: 0.4 }, limit: 50 });
    if (!doubtful.ok) throw new Error(doubtful.error.message);
    expect(doubtful.value.rows.length).toBeGreaterThan(0);
    for (const row of doubtful.value.rows) expect(row.quality!.agreement).toBeLessThan(0.4);
    const missedGold = await bench.review.queue({ filter: { goldBelow: 1 }, limit: 500 });
    if (!missedGold.ok) throw new Error(missedGold.error.message);
    const wrongOnGold = [...labelOf].filter(([id]) => expected(id).gold === 0).map(([id]) => id);
    const seen: string[] = missedGold.value.rows.map((r) => r.assignmentId);
    let after = missedGold.value.nextCursor;
    while (after) {
      const next = await bench.review.queue({ filter: { goldBelow: 1 }, limit: 500, after });
      if (!next.ok) throw new Error(next.error.message);
      seen.push(...next.value.rows.map((r) => r.assignmentId));
      after = next.value.nextCursor;
    }
    expect(wrongOnGold.length).toBeGreaterThan(0);
    expect(seen.sort()).toEqual(wrongOnGold.sort());
  });

  it('refuses an unknown batch and a field no answer has', async () => {
    expect(await bench.quality.report({ batchId: 'NOSUCHBATCH', method: 'ds' })).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('NOSUCHBATCH') } });
    expect(await bench.quality.report({ batchId, method: 'mv', fields: ['colour'] })).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('"colour"') } });
  });
});
