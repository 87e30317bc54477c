/**
 * Batch launch bench: a 2,000-row batch folder launched as a requester launches it (`batch launch`: the folder checked,
 * the batch recorded, a journaled CreateHITType, then one journaled CreateHITWithHITType per row as a bulk job) against
 * Local MTurk (in its own process, as MTurk is remote) with 100 ms latency and a 100 req/s ceiling, side by side with a sequential SDK loop on the same server
 * (one CreateHITWithHITType at a time, as a requester script does). The loop runs for a bounded number of rows and its
 * rate is what the ratio compares. Run alone with `npx tsx bench/batch-launch.ts`.
 */
import { CreateHITTypeCommand, CreateHITWithHITTypeCommand } from '@aws-sdk/client-mturk';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlQuestion } from '../shared/batch/question';
import { benchWorkbench } from './support/archived-account';
import { startLocalMTurkProcess, type ServerProcess } from './support/local-mturk-process';
import { fmt, loadLine, pct, type Figure } from './support/report';
import { benchClient } from './support/seed';

const ROWS = Number(process.env.BENCH_LAUNCH_ROWS ?? 2_000);
const LOOP_ROWS = Number(process.env.BENCH_LAUNCH_LOOP_ROWS ?? 60);
const LATENCY_MS = 100;
const CEILING = 100;
/** The connection's own pace: just under the ceiling, as a requester who knows the ceiling sets it. */
const PACE = 98;

const TEMPLATE = '<!DOCTYPE html><html><body><crowd-form><p id="s">${sentence}</p><crowd-slider name="rating" min="1" max="5" required></crowd-slider></crowd-form></body></html>';

function sentenceFolder(root: string, rows: number): string {
  const dir = join(root, 'sentences');
  mkdirSync(dir);
  writeFileSync(join(dir, 'batch.json'), JSON.stringify({ Title: 'Rate a sentence', Description: 'Read one sentence and rate how natural it sounds.', Reward: '0.10', MaxAssignments: 2, LifetimeInSeconds: 86_400 }));
  writeFileSync(join(dir, 'template.html'), TEMPLATE);
  writeFileSync(join(dir, 'input.csv'), `sentence\n${Array.from({ length: rows }, (_, i) => `Sentence number ${i + 1}`).join('\n')}\n`);
  return dir;
}

interface Launched {
  readonly seconds: number;
  readonly calls: number;
  readonly done: number;
  readonly failed: number;
}

/** Times `batch launch` from the call to the job's end; the calls are the gateway's (the HIT type, then one per row). */
async function launchThroughTurkbench(server: ServerProcess, root: string, folder: string): Promise<Launched> {
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  const bench = benchWorkbench(dataDir, server, PACE);
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const launched = await bench.batches.launch(folder);
    if (!launched.ok) throw new Error(launched.error.message);
    const final = await bench.jobs.whenDone(launched.value.job.id);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const gateway = await bench.contexts.active().gateway();
    const stats = gateway.ok ? gateway.value.stats() : { calls: 0, retries: 0, throttles: 0 };
    console.log(
      `batch launch: ${fmt(final?.done ?? 0)} of ${fmt(ROWS)} rows launched in ${fmt(seconds, 2)} s (${fmt(final?.failed ?? 0)} failed): ` +
        `${fmt(stats.calls)} calls (${fmt(stats.retries)} retries, ${fmt(stats.throttles)} throttles) = ${fmt(stats.calls / seconds, 1)} req/s`,
    );
    // Turkbench's side alone (the server is another process): says whether a shared machine starved the run.
    console.log(`batch launch: ${fmt(cpuSeconds, 1)} CPU-seconds in Turkbench for the launch (${fmt((cpuSeconds / ROWS) * 1000, 2)} ms a row; ${pct(cpuSeconds / seconds)} of one core)`);
    return { seconds, calls: stats.calls, done: final?.done ?? 0, failed: final?.failed ?? 0 };
  } finally {
    await bench.dispose();
  }
}

/** A requester script's loop: one HIT type, then CreateHITWithHITType for each row, waiting for each answer. */
async function sequentialLoop(server: ServerProcess, rows: number): Promise<{ seconds: number; calls: number }> {
  const client = benchClient(server);
  try {
    const started = performance.now();
    const { HITTypeId } = await client.send(
      new CreateHITTypeCommand({ Title: 'Rate a sentence (loop)', Description: 'Read one sentence and rate it.', Reward: '0.10', AssignmentDurationInSeconds: 600 }),
    );
    for (let row = 1; row <= rows; row++) {
      await client.send(
        new CreateHITWithHITTypeCommand({
          HITTypeId,
          MaxAssignments: 2,
          LifetimeInSeconds: 86_400,
          Question: htmlQuestion(TEMPLATE.replace('${sentence}', `Loop sentence ${row}`), 600),
          UniqueRequestToken: `bench-loop-${row}`,
        }),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`batch launch: sequential SDK loop created ${fmt(rows)} HITs in ${fmt(seconds, 2)} s: ${fmt((rows + 1) / seconds, 1)} req/s`);
    return { seconds, calls: rows + 1 };
  } finally {
    client.destroy();
  }
}

export async function benchBatchLaunch(): Promise<Figure[]> {
  console.log(`batch launch: ${loadLine()}`);
  const root = mkdtempSync(join(tmpdir(), 'turkbench-batch-launch-'));
  const server = await startLocalMTurkProcess(['--data', join(root, 'local-mturk.sqlite'), '--balance', '10000000.00', '--latency-ms', String(LATENCY_MS), '--rate-limit', String(CEILING), '--seed', '1']);
  try {
    const folder = sentenceFolder(root, ROWS);
    const turkbench = await launchThroughTurkbench(server, root, folder);
    const loop = await sequentialLoop(server, LOOP_ROWS);
    const rate = turkbench.calls / turkbench.seconds;
    const loopRate = loop.calls / loop.seconds;
    const share = rate / CEILING;
    const ratio = rate / loopRate;
    console.log(
      `batch launch: ${fmt(rate, 1)} req/s = ${pct(share)} of the ${CEILING} req/s ceiling (${LATENCY_MS} ms latency); ${fmt(ratio, 1)}× the sequential loop's ${fmt(loopRate, 1)} req/s` +
        ` (the loop would take ${fmt((ROWS + 1) / loopRate, 0)} s for ${fmt(ROWS)} rows)`,
    );
    const complete = turkbench.done === ROWS && turkbench.failed === 0;
    return [
      { figure: `Batch launch of ${fmt(ROWS)} rows, ${LATENCY_MS} ms latency, ${CEILING} req/s ceiling`, measured: `${fmt(rate, 1)} req/s = ${pct(share)} of the ceiling (${fmt(turkbench.seconds, 1)} s)`, target: '≥ 95 %', met: complete && share >= 0.95 },
      { figure: `Batch launch vs a sequential SDK loop (${fmt(LOOP_ROWS)} rows timed)`, measured: `${fmt(ratio, 1)}× (${fmt(rate, 1)} vs ${fmt(loopRate, 1)} req/s)`, target: '≥ 8×', met: complete && ratio >= 8 },
    ];
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  benchBatchLaunch().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
