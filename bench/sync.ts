/**
 * Sync bench (issue 4): a full Turkbench sync of 2,000 HITs / 10,000 assignments against Local MTurk with 100 ms
 * latency and a 100 req/s ceiling, side by side with a naive sequential SDK loop on the same server; then the same
 * sync at an AWS-safe 2 req/s ceiling on a smaller account (a full 2,000-HIT run would take ~34 minutes).
 * Run alone with `npx tsx bench/sync.ts`. BENCH_SYNC_HITS / BENCH_SYNC_LOOP_SECONDS / BENCH_SYNC_SMALL_HITS shrink it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paceFor } from '../electron/services/connections/gateway-pool';
import { startLocalMTurk, type LocalMTurk } from '../local-mturk/src/index';
import { runNaiveLoop, type NaiveLoopResult } from './support/naive-loop';
import { fmt, loadLine, pct, type Figure } from './support/report';
import { seedDataFile } from './support/seed';
import { runTurkbenchSync, type SyncRunOptions, type SyncRunResult } from './support/turkbench-sync';

const HITS = Number(process.env.BENCH_SYNC_HITS ?? 2_000);
const PER_HIT = 5;
const LATENCY_MS = 100;
const CEILING = 100;
const LOOP_SECONDS = Number(process.env.BENCH_SYNC_LOOP_SECONDS ?? 20);
const SAFE_CEILING = 2;
const SMALL_HITS = Number(process.env.BENCH_SYNC_SMALL_HITS ?? 60);

/**
 * The paces Turkbench itself uses (`paceFor`, the same function the connection service calls), so the bench
 * measures the product and not a hand-tuned configuration. FAST: a connection whose requester set its known
 * ceiling (just under it, so our bucket, not the server's, paces the calls). SAFE: an AWS connection as shipped.
 */
const FAST: SyncRunOptions = {
  scheduler: paceFor({ id: 'bench', label: 'bench', kind: 'custom', endpoint: 'http://127.0.0.1', region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 98 }),
  detailConcurrency: 24,
};
const SAFE_DEFAULTS: SyncRunOptions = {
  scheduler: paceFor({ id: 'bench', label: 'bench', kind: 'sandbox', region: 'us-east-1', credentials: { type: 'env' } }),
  detailConcurrency: 24,
};

async function seeded(label: string, hits: number): Promise<{ dir: string; dataFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'turkbench-sync-seed-'));
  const dataFile = join(dir, 'local-mturk.sqlite');
  const seed = await seedDataFile({ dataFile, hits, assignmentsPerHit: PER_HIT });
  console.log(`sync ${label}: seeded ${fmt(seed.hits)} HITs / ${fmt(seed.assignments)} submitted assignments / ${fmt(seed.bonuses)} bonuses in ${fmt(seed.seconds, 1)} s (no latency, no limit; not part of any figure)`);
  return { dir, dataFile };
}

function describeSync(label: string, r: SyncRunResult, ceiling: number): void {
  const listPages = r.byOperation.get('ListHITs') ?? 0;
  const afterSeconds = r.seconds - r.listingSeconds;
  const ops = [...r.byOperation.entries()].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${fmt(n)}`).join(', ');
  console.log(`sync ${label}: Turkbench full sync ${r.state} in ${fmt(r.seconds, 2)} s: ${fmt(r.calls)} calls (${fmt(r.attempts)} HTTP attempts; ${ops})`);
  console.log(
    `sync ${label}: ${fmt(r.calls / r.seconds, 1)} calls/s = ${pct(r.calls / r.seconds / ceiling)} of the ${ceiling} req/s ceiling; ` +
      `${fmt(r.throttles)} throttles, ${fmt(r.retries)} transient retries, ${fmt(r.failed)} failed calls`,
  );
  console.log(
    `sync ${label}: sequential ListHITs phase took ${fmt(r.listingSeconds, 2)} s (${fmt(listPages)} pages, one at a time: each needs the previous NextToken); ` +
      `everything after it: ${fmt(r.calls - listPages)} calls in ${fmt(afterSeconds, 2)} s = ${fmt((r.calls - listPages) / afterSeconds, 1)} calls/s = ${pct((r.calls - listPages) / afterSeconds / ceiling)} of the ceiling`,
  );
  if (r.message && r.state !== 'succeeded') console.log(`sync ${label}: sync message: ${r.message}`);
}

function archiveCheck(label: string, r: SyncRunResult, hits: number): boolean {
  const ok = r.archivedHits === hits && r.archivedAssignments === hits * PER_HIT;
  console.log(
    `sync ${label}: archive holds ${fmt(r.archivedHits)} HITs / ${fmt(r.archivedAssignments)} assignments / ${fmt(r.archivedBonuses)} bonuses ` +
      `(expected ${fmt(hits)} / ${fmt(hits * PER_HIT)}): ${ok ? 'match' : 'MISMATCH'}`,
  );
  return ok;
}

async function withServer<T>(dataFile: string, ceiling: number, work: (server: LocalMTurk) => Promise<T>): Promise<T> {
  const server = await startLocalMTurk({ port: 0, dataFile, latencyMs: LATENCY_MS, rateLimitPerSecond: ceiling, seed: 1 });
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}

async function fastCase(): Promise<Figure[]> {
  const label = `@${CEILING}/s`;
  const { dir, dataFile } = await seeded(label, HITS);
  try {
    console.log(`sync ${label}: Local MTurk restarted on the same data file with ${LATENCY_MS} ms latency and a ${CEILING} req/s ceiling; ${loadLine()}`);
    console.log(`sync ${label}: gateway scheduler ${JSON.stringify(FAST.scheduler)}, SyncService detailConcurrency ${FAST.detailConcurrency}`);
    const [turk, loop] = await withServer(dataFile, CEILING, async (server): Promise<[SyncRunResult, NaiveLoopResult]> => {
      const turkbench = await runTurkbenchSync(server, FAST);
      describeSync(label, turkbench, CEILING);
      // Let the server's bucket refill so the loop starts from the same state the sync did.
      await new Promise((r) => setTimeout(r, 1_500));
      console.log(`sync ${label}: naive loop (plain SDK client, one call at a time) for a ${LOOP_SECONDS} s budget; ${loadLine()}`);
      return [turkbench, await runNaiveLoop(server, LOOP_SECONDS)];
    });
    const synced = archiveCheck(label, turk, HITS);
    const turkRate = turk.calls / turk.seconds;
    const loopRate = loop.calls / loop.seconds;
    const listingPages = Math.ceil(loop.hitsListed / 100);
    // One page of assignments and one of bonuses per HIT: every seeded HIT has 5 assignments and at most one bonus.
    const loopCalls = listingPages + 2 * loop.hitsListed;
    console.log(
      `sync ${label}: naive loop measured ${fmt(loop.calls)} calls in ${fmt(loop.seconds, 2)} s = ${fmt(loopRate, 2)} calls/s ` +
        `(${fmt(loop.hitsDetailed)} of ${fmt(loop.hitsListed)} HITs walked, ${fmt(loop.assignmentsRead)} assignments read${loop.finished ? ', finished' : ''})`,
    );
    console.log(
      `sync ${label}: naive loop full sync PROJECTED from its measured rate: ${fmt(loopCalls)} calls ÷ ${fmt(loopRate, 2)}/s ≈ ${fmt(loopCalls / loopRate, 0)} s ` +
        `(${fmt(loopCalls / loopRate / 60, 1)} min) vs Turkbench's measured ${fmt(turk.seconds, 1)} s`,
    );
    const ratio = turkRate / loopRate;
    console.log(`sync ${label}: Turkbench ${fmt(turkRate, 1)} calls/s ÷ loop ${fmt(loopRate, 2)} calls/s = ${fmt(ratio, 1)}× (target ≥ 8×: ${ratio >= 8 ? 'met' : 'NOT met'})`);
    console.log(`sync ${label}: fraction of the ceiling ${pct(turkRate / CEILING)} (target ≥ 95 %: ${turkRate / CEILING >= 0.95 ? 'met' : 'NOT met'})`);
    const scale = HITS === 2_000 ? '' : ` [scaled: ${fmt(HITS)} HITs]`;
    return [
      { figure: `Sync ${fmt(HITS)} HITs/${fmt(HITS * PER_HIT)} asg @100 ms, ${CEILING}/s: share of ceiling${scale}`, measured: `${fmt(turkRate, 1)} calls/s = ${pct(turkRate / CEILING)} (${fmt(turk.seconds, 1)} s)`, target: '≥ 95 %', met: turk.state === 'succeeded' && turkRate / CEILING >= 0.95 },
      { figure: `Sync vs naive sequential SDK loop${scale}`, measured: `${fmt(ratio, 1)}× (loop ${fmt(loopRate, 2)} calls/s)`, target: '≥ 8×', met: ratio >= 8 },
      { figure: `Sync archive counts${scale}`, measured: `${fmt(turk.archivedHits)} / ${fmt(turk.archivedAssignments)}`, target: `${fmt(HITS)} / ${fmt(HITS * PER_HIT)}`, met: synced },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function safeRun(server: LocalMTurk, label: string, name: string, options: SyncRunOptions): Promise<Figure> {
  // The server's bucket refills in a second; start each configuration from a full one, as a fresh session would.
  await new Promise((r) => setTimeout(r, 1_500));
  console.log(`sync ${label} ${name}: gateway scheduler ${JSON.stringify(options.scheduler)}; ${loadLine()}`);
  const turk = await runTurkbenchSync(server, options);
  describeSync(`${label} ${name}`, turk, SAFE_CEILING);
  const synced = archiveCheck(`${label} ${name}`, turk, SMALL_HITS);
  const ideal = turk.calls / SAFE_CEILING;
  const deviation = (turk.seconds - ideal) / ideal;
  console.log(
    `sync ${label} ${name}: measured ${fmt(turk.seconds, 2)} s vs calls ÷ ceiling = ${fmt(turk.calls)} ÷ ${SAFE_CEILING} = ${fmt(ideal, 2)} s: ` +
      `deviation ${deviation >= 0 ? '+' : ''}${pct(deviation, 2)} (target within ±5 %: ${Math.abs(deviation) <= 0.05 ? 'met' : 'NOT met'})`,
  );
  return {
    figure: `Sync @${SAFE_CEILING}/s, ${name}, vs calls÷ceiling (scaled: ${fmt(SMALL_HITS)} HITs)`,
    measured: `${fmt(turk.seconds, 1)} s vs ${fmt(ideal, 1)} s (${deviation >= 0 ? '+' : ''}${pct(deviation, 1)}, ${fmt(turk.throttles)} throttles)`,
    target: 'within 5 %',
    met: turk.state === 'succeeded' && synced && Math.abs(deviation) <= 0.05,
  };
}

async function safeCase(): Promise<Figure[]> {
  const label = `@${SAFE_CEILING}/s`;
  console.log(`sync ${label}: SCALED DOWN: ${fmt(SMALL_HITS)} HITs / ${fmt(SMALL_HITS * PER_HIT)} assignments instead of 2,000 / 10,000 (the full account at ${SAFE_CEILING} req/s would take ~34 min)`);
  const { dir, dataFile } = await seeded(label, SMALL_HITS);
  try {
    console.log(`sync ${label}: Local MTurk restarted with ${LATENCY_MS} ms latency and a ${SAFE_CEILING} req/s ceiling (its bucket holds ${SAFE_CEILING} tokens)`);
    return await withServer(dataFile, SAFE_CEILING, async (server) => [
      await safeRun(server, label, 'AWS defaults', SAFE_DEFAULTS),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints every sync figure and returns the summary rows. */
export async function benchSync(): Promise<Figure[]> {
  const fast = await fastCase();
  const safe = await safeCase();
  return [...fast, ...safe];
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  benchSync().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
