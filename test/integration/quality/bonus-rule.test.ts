import { ListBonusPaymentsCommand } from '@aws-sdk/client-mturk';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../../cli/args';
import { createOutput } from '../../../cli/output';
import type { Session } from '../../../cli/session';
import { bonusVerb } from '../../../cli/verbs/bonus';
import { listBatchHits } from '../../../electron/archive/repos/batches';
import type { LocalMTurk } from '../../../local-mturk/src/index';
import { startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { parseCsv } from '../../../shared/domain/csv';
import { syncFully, workbenchFor } from '../actions/workbench';

const CLASSES = ['bird', 'cat', 'dog'];
const ROWS = 60;
const GOLD_EVERY = 3;

/** A crowd-classifier batch whose every third row carries its truth as a gold column. */
function goldBatch(): { dir: string; truth: string[] } {
  const dir = join(mkdtempSync(join(tmpdir(), 'tb-bonus-rule-')), 'animals');
  mkdirSync(dir);
  writeFileSync(join(dir, 'batch.json'), JSON.stringify({ Title: 'Which animal?', Description: 'Name the animal.', Reward: '0.02', MaxAssignments: 5, LifetimeInSeconds: 86_400 }));
  writeFileSync(
    join(dir, 'template.html'),
    `<!DOCTYPE html><html><body><crowd-form><crowd-classifier name="category" categories="['bird', 'cat', 'dog']" header="Which animal?"><classification-target>\${photo}</classification-target></crowd-classifier></crowd-form></body></html>`,
  );
  const truth = Array.from({ length: ROWS }, (_, i) => CLASSES[(i * 7 + Math.floor(i / 5)) % 3]!);
  writeFileSync(join(dir, 'input.csv'), `photo,gold_category\n${truth.map((t, i) => `photo${i}.jpg,${i % GOLD_EVERY === 0 ? t : ''}`).join('\n')}\n`);
  return { dir, truth };
}

let lab: TestServer;
let server: LocalMTurk;
let bench: ReturnType<typeof workbenchFor>;
let batchId: string;
let goldByHit: Map<string, string>;

beforeAll(async () => {
  lab = await startTestServer();
  server = lab.server;
  bench = workbenchFor(server);
  const { dir, truth } = goldBatch();
  const launched = await bench.batches.launch(dir);
  if (!launched.ok) throw new Error(launched.error.message);
  await bench.jobs.whenDone(launched.value.job.id);
  batchId = launched.value.batchId;
  const hits = listBatchHits(bench.archiveDb.read, batchId);
  server.control.setTruths(Object.fromEntries(hits.map((h) => [h.hitId!, { category: truth[h.rowNumber - 1]! }])));
  goldByHit = new Map(hits.filter((h) => (h.rowNumber - 1) % GOLD_EVERY === 0).map((h) => [h.hitId!, truth[h.rowNumber - 1]!]));
  await server.control.simulate({ workers: 15, seed: 11, until: 'done' });
  await syncFully(bench);
}, 120_000);
afterAll(async () => {
  await bench.dispose();
  await server.close();
});

/** Counted by hand from the archive: each worker's gold answers that match the gold column, and their assignments. */
function goldCountsFromArchive(): { right: Map<string, number>; assignmentsOf: Map<string, Set<string>> } {
  const rows = bench.archiveDb.read.prepare(`SELECT assignment_id, hit_id, worker_id, answers_json FROM assignments`).all() as { assignment_id: string; hit_id: string; worker_id: string; answers_json: string }[];
  const right = new Map<string, number>();
  const assignmentsOf = new Map<string, Set<string>>();
  for (const row of rows) {
    assignmentsOf.set(row.worker_id, (assignmentsOf.get(row.worker_id) ?? new Set()).add(row.assignment_id));
    const gold = goldByHit.get(row.hit_id);
    if (gold !== undefined && (JSON.parse(row.answers_json) as Record<string, string>)['category.label'] === gold) right.set(row.worker_id, (right.get(row.worker_id) ?? 0) + 1);
  }
  return { right, assignmentsOf };
}

function inProcessSession(): { session: Session; stdout: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const out = createOutput(false, stdout, new PassThrough());
  const session: Session = { services: bench, dataDir: bench.dataDir, out, context: () => bench.contexts.active(), readContext: () => bench.contexts.active(), close: () => Promise.resolve() };
  return { session, stdout: () => text };
}

describe('a bonus ledger from a rule over a simulated crowd batch with gold', { timeout: 60_000 }, () => {
  it('pays $0.10 per gold answered correctly: every worker with any, count × 10 cents, on one of their own assignments', async () => {
    const preview = await bench.bonusRules.preview({ batchId, rule: { kind: 'per-gold', amount: '0.10' }, method: 'ds' });
    if (!preview.ok) throw new Error(preview.error.message);
    const { right, assignmentsOf } = goldCountsFromArchive();
    expect(preview.value.goldItems).toBe(ROWS / GOLD_EVERY);
    expect(new Map(preview.value.rows.map((r) => [r.workerId, r.amountCents]))).toEqual(new Map([...right].map(([w, n]) => [w, n * 10])));
    for (const row of preview.value.rows) expect(assignmentsOf.get(row.workerId)!.has(row.assignmentId)).toBe(true);
    expect(preview.value.totalCents).toBe([...right.values()].reduce((s, n) => s + n * 10, 0));
  });

  it('pays $0.50 to exactly the workers whose agreement is at least 0.8', async () => {
    const preview = await bench.bonusRules.preview({ batchId, rule: { kind: 'agreement', atLeast: 0.8, amount: '0.50' }, method: 'ds' });
    if (!preview.ok) throw new Error(preview.error.message);
    const report = await bench.quality.report({ batchId, method: 'ds' });
    if (!report.ok) throw new Error(report.error.message);
    const expected = report.value.workers.filter((w) => w.agreement >= 0.8 - 1e-9).map((w) => w.workerId).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(report.value.workers.length);
    expect(preview.value.rows.map((r) => r.workerId)).toEqual(expected);
    expect(new Set(preview.value.rows.map((r) => r.amount))).toEqual(new Set(['0.50']));
  });

  it('refuses an amount that is not whole cents, naming it', async () => {
    const preview = await bench.bonusRules.preview({ batchId, rule: { kind: 'per-gold', amount: '0.105' }, method: 'ds' });
    expect(preview.ok).toBe(false);
    if (!preview.ok) expect(preview.error.message).toContain('0.105');
  });

  it('`bonus rule --out` writes a ledger that `bonus check` passes and sending pays each row once', async () => {
    const file = join(bench.dataDir, 'gold-bonus.csv');
    const { session, stdout } = inProcessSession();
    await bonusVerb(parseCommand(['bonus', 'rule', '--batch', batchId, '--per-gold', '0.10', '--out', file]), session, { interactive: false, ask: () => Promise.resolve('') });
    expect(stdout()).toContain('per gold answered correctly');
    const parsed = parseCsv(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [header, ...rows] = parsed.value.records.map((r) => r.cells);
    expect(header).toEqual(['WorkerId', 'AssignmentId', 'Amount', 'Reason']);
    const { right } = goldCountsFromArchive();
    expect(rows.length).toBe(right.size);

    const bytes = readFileSync(file);
    const checked = await bench.bonuses.check({ fileName: 'gold-bonus.csv', bytes });
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value).toMatchObject({ errors: 0, ready: rows.length });
    const sent = await bench.bonuses.send({ fileName: 'gold-bonus.csv', bytes });
    if (!sent.ok) throw new Error(sent.error.message);
    await bench.jobs.whenDone(sent.value.job!.id);
    for (const [workerId, assignmentId, amount] of rows) {
      const paid = (await lab.client.send(new ListBonusPaymentsCommand({ AssignmentId: assignmentId }))).BonusPayments ?? [];
      expect(paid.map((p) => [p.WorkerId, p.BonusAmount])).toEqual([[workerId, amount]]);
    }
  });
});
