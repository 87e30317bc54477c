/**
 * Bonus ledger bench: 2,000 bonuses paid as a requester pays them (`bonus send`: the ledger checked against the archive
 * and MTurk's ListBonusPayments, then one journaled SendBonus per row at bulk priority) against Local MTurk with 100 ms
 * latency and a 100 req/s ceiling. The figure is the send job's pace against the ceiling; the check before it is
 * reported too. Run alone with `npx tsx bench/bonuses.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { journalForJob } from '../electron/archive/repos/journal';
import { pacedArchivedAccount } from './support/archived-account';
import { fmt, loadLine, pct, type Figure } from './support/report';

const BONUSES = Number(process.env.BENCH_BONUSES ?? 2_000);
const LATENCY_MS = 100;
const CEILING = 100;

export async function benchBonuses(): Promise<Figure[]> {
  console.log(`bonuses: ${loadLine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'turkbench-bonuses-'));
  try {
    const { server, bench } = await pacedArchivedAccount(dir, { hits: BONUSES, assignmentsPerHit: 1, latencyMs: LATENCY_MS, ceiling: CEILING, requestsPerSecond: 98 });
    try {
      const work = bench.archiveDb.read.prepare('SELECT worker_id AS workerId, assignment_id AS assignmentId FROM assignments ORDER BY id').all() as { workerId: string; assignmentId: string }[];
      const csv = ['WorkerId,AssignmentId,Amount,Reason', ...work.map((w, i) => `${w.workerId},${w.assignmentId},0.${String((i % 99) + 1).padStart(2, '0')},Bench bonus`)].join('\n');
      // The seed rejects some assignments; this ledger pays on them deliberately.
      const file = { fileName: 'bench.csv', bytes: new TextEncoder().encode(csv), allowRejected: true };
      const gateway = await bench.contexts.active().gateway();
      if (!gateway.ok) throw new Error(gateway.error.message);

      const checkStarted = performance.now();
      const sent = await bench.bonuses.send(file);
      if (!sent.ok) throw new Error(sent.error.message);
      const checkSeconds = (performance.now() - checkStarted) / 1000;
      const final = await bench.jobs.whenDone(sent.value.job!.id);
      const jobSeconds = ((final?.finishedAt ?? 0) - (final?.startedAt ?? 0)) / 1000;
      // The job's calls are its journal entries (one SendBonus each) plus the scheduler's re-sends; the rest were the check's.
      const stats = gateway.value.stats();
      const jobCalls = journalForJob(bench.archiveDb.read, sent.value.job!.id).length + stats.retries + stats.throttles;
      const callsBeforeJob = stats.calls - jobCalls;
      const share = jobCalls / jobSeconds / CEILING;
      console.log(`bonuses: checked ${fmt(work.length)} rows (${fmt(callsBeforeJob)} calls, ListBonusPayments per assignment) in ${fmt(checkSeconds, 1)} s`);
      console.log(`bonuses: paid ${fmt(final?.done ?? 0)} of ${fmt(work.length)} (${fmt(final?.failed ?? 0)} failed) in ${fmt(jobSeconds, 2)} s: ${fmt(jobCalls)} calls, ${fmt(jobCalls / jobSeconds, 1)} calls/s = ${pct(share)} of the ${CEILING} req/s ceiling (${LATENCY_MS} ms latency)`);
      return [
        {
          figure: `Bonus ledger of ${fmt(BONUSES)} rows sent, ${LATENCY_MS} ms latency, ${CEILING} req/s ceiling`,
          measured: `${pct(share)} of the ceiling (${fmt(jobSeconds, 1)} s; the check before it ${fmt(checkSeconds, 1)} s)`,
          target: '≥ 95 %',
          met: final?.done === BONUSES && final.failed === 0 && share >= 0.95,
        },
      ];
    } finally {
      await bench.dispose();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  benchBonuses().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
