/**
 * Bulk action bench: "extend 2,000 HITs" as a requester runs it (Manage HITs → a journaled job at bulk priority)
 * against Local MTurk with 100 ms latency and a 100 req/s ceiling; then at the AWS-safe 2 req/s on a smaller set
 * (2,000 HITs at 2 req/s would take 17 minutes). Each HIT is one UpdateExpirationForHIT call, journaled before and
 * after, so the figure includes the journal's cost. Run alone with `npx tsx bench/bulk-actions.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pacedArchivedAccount } from './support/archived-account';
import { fmt, loadLine, pct, type Figure } from './support/report';

const HITS = Number(process.env.BENCH_BULK_HITS ?? 2_000);
const SMALL_HITS = Number(process.env.BENCH_BULK_SMALL_HITS ?? 60);
const LATENCY_MS = 100;
const CEILING = 100;
const SAFE_CEILING = 2;

interface Measured {
  readonly seconds: number;
  readonly calls: number;
  readonly done: number;
  readonly failed: number;
}

/** Seeds, archives the HITs through a fast unthrottled server, then times the extend job on a paced one. */
async function extendAll(label: string, hits: number, ceiling: number, requestsPerSecond: number | undefined): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'turkbench-bulk-'));
  try {
    const { server: paced, bench } = await pacedArchivedAccount(dir, { hits, assignmentsPerHit: 1, latencyMs: LATENCY_MS, ceiling, requestsPerSecond });
    const hitIds = bench.archiveDb.read.prepare('SELECT hit_id FROM hits').pluck().all() as string[];
    try {
      const started = performance.now();
      const job = await bench.manageHits.start({ hitIds, change: { action: 'extend', bySeconds: 86_400 } });
      if (!job.ok) throw new Error(job.error.message);
      const final = await bench.jobs.whenDone(job.value.id);
      const seconds = (performance.now() - started) / 1000;
      const gateway = await bench.contexts.active().gateway();
      const calls = gateway.ok ? gateway.value.stats().calls : 0;
      console.log(`bulk ${label}: extended ${fmt(final?.done ?? 0)} of ${fmt(hits)} HITs in ${fmt(seconds, 2)} s (${fmt(final?.failed ?? 0)} failed): ${fmt(calls)} calls`);
      return { seconds, calls, done: final?.done ?? 0, failed: final?.failed ?? 0 };
    } finally {
      await bench.dispose();
      await paced.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchBulkActions(): Promise<Figure[]> {
  console.log(`bulk: ${loadLine()}`);
  const fast = await extendAll(`${fmt(HITS)} HITs at ${CEILING} req/s`, HITS, CEILING, 98);
  const share = fast.calls / fast.seconds / CEILING;
  console.log(`bulk ${fmt(HITS)} HITs: ${fmt(fast.calls / fast.seconds, 1)} calls/s = ${pct(share)} of the ${CEILING} req/s ceiling (${LATENCY_MS} ms latency)`);

  const safe = await extendAll(`${fmt(SMALL_HITS)} HITs at ${SAFE_CEILING} req/s`, SMALL_HITS, SAFE_CEILING * 2, undefined);
  const ideal = safe.calls / SAFE_CEILING;
  const off = safe.seconds / ideal - 1;
  console.log(`bulk ${fmt(SMALL_HITS)} HITs at the AWS-safe pace: ${fmt(safe.seconds, 1)} s vs ${fmt(ideal, 1)} s ideal (calls ÷ 2 req/s): ${off >= 0 ? '+' : ''}${pct(off)}`);
  return [
    { figure: `Bulk extend of ${fmt(HITS)} HITs, ${LATENCY_MS} ms latency, ${CEILING} req/s ceiling`, measured: `${pct(share)} of the ceiling (${fmt(fast.seconds, 1)} s)`, target: '≥ 95 %', met: fast.done === HITS && share >= 0.95 },
    { figure: `Bulk extend at the AWS-safe 2 req/s (${fmt(SMALL_HITS)} HITs, ${fmt(safe.calls)} calls)`, measured: `${fmt(safe.seconds, 1)} s vs ${fmt(ideal, 1)} s ideal`, target: 'within 5 %', met: safe.done === SMALL_HITS && Math.abs(off) <= 0.05 },
  ];
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  benchBulkActions().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
