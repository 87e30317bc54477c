import { GetAssignmentCommand, MTurkClient } from '@aws-sdk/client-mturk';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalForJob, listUnfinished } from '../../../electron/archive/repos/journal';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { createHit } from '../../../local-mturk/test/helpers';
import { mulberry32 } from '../../../local-mturk/src/server/faults';
import { startLossyProxy } from '../../helpers/lossy-proxy';
import { logReviewEvents, reviewEventCounts } from './support/review-events';
import { syncFully, workbenchFor } from './workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A client that keeps asking through injected faults (reads only, or writes before the faults are on). */
const patientClient = (server: LocalMTurk): MTurkClient =>
  new MTurkClient({ region: 'us-east-1', endpoint: server.url, credentials: { ...server.credentials }, maxAttempts: 20 });

const HITS = 30;
const PER_HIT = 10;

describe('review approvals through faults and lost answers', () => {
  it('approves 300 assignments exactly once and leaves every journal entry terminal', { timeout: 180_000 }, async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'tb-review-faults-')), 'lab.sqlite');
    const clean = await startLocalMTurk({ port: 0, dataFile });
    const seedClient = patientClient(clean);
    const workers = Array.from({ length: PER_HIT }, () => clean.control.createWorker({ country: 'US' }).workerId);
    const assignmentIds: string[] = [];
    const hitTypeIds: string[] = [];
    for (let h = 0; h < HITS; h++) {
      const hit = await createHit(seedClient, { MaxAssignments: PER_HIT, LifetimeInSeconds: 3 * 86_400 });
      hitTypeIds.push(hit.HITTypeId!);
      for (const worker of workers) {
        const { AssignmentId } = clean.control.accept(worker, hit.HITId!);
        clean.control.submit(AssignmentId, { label: `h${h}` });
        assignmentIds.push(AssignmentId);
      }
    }
    await logReviewEvents(seedClient, hitTypeIds);
    const credentials = clean.credentials;

    // One endpoint throughout: a proxy that, once the faults are on, loses 5 % of the approvals' answers after MTurk
    // acted on them — the case a blind re-send would turn into "This operation can be called with a status of: Submitted".
    const random = mulberry32(23);
    let losing = false;
    const lossy = await startLossyProxy(clean.url, (request) => (losing && request.operation === 'ApproveAssignment' && random() < 0.05 ? 'lose-answer' : 'answer'));
    cleanups.push(() => lossy.close());
    const endpoint = { ...clean, url: lossy.url };

    const loader = workbenchFor(endpoint);
    await syncFully(loader);
    await loader.dispose();
    await clean.close();
    const faulty = await startLocalMTurk({ port: clean.port, dataFile, credentials: [credentials], faultRate: 0.1, dropRate: 0.05, seed: 5 });
    cleanups.push(() => faulty.close());
    losing = true;
    const bench = workbenchFor(endpoint, { dataDir: loader.dataDir });
    cleanups.push(() => bench.dispose());

    const plan = await bench.review.plan({ decisions: assignmentIds.map((assignmentId) => ({ assignmentId, verdict: 'approve' as const })) });
    expect(plan.ok && plan.value).toMatchObject({ approve: 300, workers: PER_HIT, skipped: [] });
    // $0.50 + 40 % fee each: a HIT of 10 or more assignments pays the extra 20 %.
    expect(plan.ok && plan.value.approvalCost.totalCents).toBe(300 * 70);
    const started = await bench.review.send({ decisions: assignmentIds.map((assignmentId) => ({ assignmentId, verdict: 'approve' as const, feedback: 'Thank you!' })) });
    if (!started.ok) throw new Error(started.error.message);
    let final = (await bench.jobs.whenDone(started.value.id))!;
    expect(final.total).toBe(300);
    const jobIds = [started.value.id];
    // An approval MTurk refused on every attempt (a fault four times running) is retried as a requester would:
    // "retry failed" sends it again only because MTurk said it did not act.
    for (let round = 0; final.failed > 0 && round < 3; round++) {
      const retried = await bench.actionJobs.retryFailed(final.id);
      if (!retried.ok) throw new Error(retried.error.message);
      jobIds.push(retried.value.id);
      final = (await bench.jobs.whenDone(retried.value.id))!;
    }

    // Whatever MTurk could not be asked about during the job is settled by reconciliation.
    const archiveId = bench.contexts.active().archiveId!;
    const gateway = await bench.contexts.active().gateway();
    if (!gateway.ok) throw new Error(gateway.error.message);
    for (let round = 0; round < 5 && listUnfinished(bench.archiveDb.read, archiveId).length > 0; round++) {
      await bench.executor.reconcile({ configId: 'lab', archiveConnectionId: archiveId, gateway: gateway.value });
    }
    expect(listUnfinished(bench.archiveDb.read, archiveId)).toEqual([]);
    const entries = jobIds.flatMap((id) => journalForJob(bench.archiveDb.read, id));
    expect(entries.filter((e) => e.state !== 'confirmed' && e.state !== 'failed')).toEqual([]);
    // The last job refused nothing; an approval whose answer was lost and which the job could not check through the
    // faults ended it as unknown, and is among the entries reconciliation settled above.
    expect(final.failed).toBe(0);
    expect(final.done + final.unknown).toBe(final.total);
    // Settled as applied, such an approval no longer counts against the job: it ends a success.
    expect(bench.jobs.stored(final.id)).toMatchObject({ state: 'succeeded', failed: 0 });
    expect(new Set(entries.filter((e) => e.state === 'confirmed').map((e) => e.target)).size).toBe(300);

    // MTurk's own record: every assignment approved, and exactly once (one AssignmentApproved event each).
    const approvals = reviewEventCounts(faulty, 'AssignmentApproved');
    expect(assignmentIds.filter((id) => approvals.get(id) !== 1)).toEqual([]);
    expect([...approvals.values()].reduce((a, b) => a + b, 0)).toBe(300);
    const reader = patientClient(faulty);
    const statuses: string[] = [];
    for (let i = 0; i < assignmentIds.length; i += 50) {
      statuses.push(...(await Promise.all(assignmentIds.slice(i, i + 50).map(async (id) => (await reader.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment!.AssignmentStatus!))));
    }
    expect(statuses.filter((s) => s !== 'Approved')).toEqual([]);
    // The archive agrees without a sync.
    const archivedApproved = bench.archiveDb.read.prepare(`SELECT COUNT(*) FROM assignments WHERE connection_id = ? AND status = 'Approved'`).pluck().get(archiveId);
    expect(archivedApproved).toBe(300);
    // The faults did bite: answers were lost and settled by reading the assignment back, not by sending again.
    const sentApprovals = lossy.forwarded.filter((r) => r.operation === 'ApproveAssignment').length;
    expect(sentApprovals).toBeGreaterThanOrEqual(300);
    expect(lossy.forwarded.filter((r) => r.operation === 'GetAssignment').length).toBeGreaterThan(0);
    const settledByReading = entries.filter((e) => (e.outcome as { reconciled?: boolean } | null)?.reconciled === true && e.state === 'confirmed').length;
    expect(settledByReading).toBeGreaterThan(0);
  });
});
