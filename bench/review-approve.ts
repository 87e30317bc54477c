/**
 * Review send bench: 2,000 draft approvals sent as a requester sends them (the Review queue's "Send…": the plan
 * checked against the archive, then one journaled ApproveAssignment per assignment at interactive priority) against
 * Local MTurk with 100 ms latency and a 100 req/s ceiling. The figure is the send job's pace against the ceiling.
 * Run alone with `npx tsx bench/review-approve.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { journalForJob } from '../electron/archive/repos/journal';
import { pacedArchivedAccount } from './support/archived-account';
import { fmt, loadLine, pct, type Figure } from './support/report';

const APPROVALS = Number(process.env.BENCH_REVIEW_APPROVALS ?? 2_000);
const LATENCY_MS = 100;
const CEILING = 100;

export async function benchReviewApprove(): Promise<Figure[]> {
  console.log(`review-approve: ${loadLine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'turkbench-review-approve-'));
  try {
    // The seed approves or rejects about a third of the work already: seed enough HITs for APPROVALS still submitted.
    const hits = Math.ceil(APPROVALS * 1.6);
    const { server, bench } = await pacedArchivedAccount(dir, { hits, assignmentsPerHit: 1, latencyMs: LATENCY_MS, ceiling: CEILING, requestsPerSecond: 98 });
    try {
      const submitted = bench.archiveDb.read.prepare("SELECT assignment_id AS id FROM assignments WHERE status = 'Submitted' ORDER BY id LIMIT ?").all(APPROVALS) as { id: string }[];
      if (submitted.length < APPROVALS) throw new Error(`only ${submitted.length} submitted assignments were seeded`);
      const drafted = await bench.review.setDrafts({ assignmentIds: submitted.map((a) => a.id), verdict: 'approve' });
      if (!drafted.ok) throw new Error(drafted.error.message);
      const gateway = await bench.contexts.active().gateway();
      if (!gateway.ok) throw new Error(gateway.error.message);

      const planStarted = performance.now();
      const sent = await bench.review.send({});
      if (!sent.ok) throw new Error(sent.error.message);
      const planSeconds = (performance.now() - planStarted) / 1000;
      const final = await bench.jobs.whenDone(sent.value.id);
      const jobSeconds = ((final?.finishedAt ?? 0) - (final?.startedAt ?? 0)) / 1000;
      const stats = gateway.value.stats();
      const jobCalls = journalForJob(bench.archiveDb.read, sent.value.id).length + stats.retries + stats.throttles;
      const share = jobCalls / jobSeconds / CEILING;
      console.log(`review-approve: planned ${fmt(APPROVALS)} approvals in ${fmt(planSeconds, 2)} s`);
      console.log(`review-approve: approved ${fmt(final?.done ?? 0)} of ${fmt(APPROVALS)} (${fmt(final?.failed ?? 0)} failed) in ${fmt(jobSeconds, 2)} s: ${fmt(jobCalls)} calls, ${fmt(jobCalls / jobSeconds, 1)} calls/s = ${pct(share)} of the ${CEILING} req/s ceiling (${LATENCY_MS} ms latency)`);
      return [
        {
          figure: `Review send: ${fmt(APPROVALS)} approvals, ${LATENCY_MS} ms latency, ${CEILING} req/s ceiling`,
          measured: `${pct(share)} of the ceiling (${fmt(jobSeconds, 1)} s; planning ${fmt(planSeconds, 2)} s)`,
          target: '≥ 95 %',
          met: final?.done === APPROVALS && final.failed === 0 && share >= 0.95,
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
  benchReviewApprove().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
