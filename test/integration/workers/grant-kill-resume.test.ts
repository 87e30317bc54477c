import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../../../local-mturk/src/index';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { workbenchFor } from '../actions/workbench';

const ROOT = join(__dirname, '..', '..', '..');

/** Every worker's score on the type, read in-process (past the injected faults). */
function scoresOn(server: LocalMTurk, typeId: string): Map<string, number> {
  const scores = new Map<string, number>();
  let next: string | undefined;
  do {
    const page = server.requester.call('ListWorkersWithQualificationType', { QualificationTypeId: typeId, MaxResults: 100, ...(next ? { NextToken: next } : {}) }) as {
      Qualifications?: { WorkerId: string; IntegerValue: number }[];
      NextToken?: string;
    };
    for (const q of page.Qualifications ?? []) scores.set(q.WorkerId, q.IntegerValue);
    next = page.NextToken;
  } while (next);
  return scores;
}
const WORKERS = 5_000;
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('a bulk grant of 5,000 scores under faults, killed mid-way (SIGKILL)', () => {
  it('ends on restart with every worker holding exactly the intended score, every journal entry terminal', { timeout: 240_000 }, async () => {
    // One call in ten fails with a ServiceFault, one in twenty takes effect but its answer is lost.
    const { server } = await startTestServer({ faultRate: 0.1, dropRate: 0.05, seed: 11 });
    cleanups.push(() => server.close());
    // Set up in-process, past the injected faults.
    const { QualificationType } = server.requester.call('CreateQualificationType', { Name: 'Pilot accuracy', Description: 'Score on the pilot', QualificationTypeStatus: 'Active' }) as { QualificationType: { QualificationTypeId: string } };
    const typeId = QualificationType.QualificationTypeId;
    const intended = Array.from({ length: WORKERS }, (_, i) => ({ workerId: server.control.createWorker().workerId, score: (i * 37) % 101 }));
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-grant-kill-'));
    const grantsFile = join(dataDir, 'grants.json');
    writeFileSync(grantsFile, JSON.stringify(intended));

    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'grant-child.ts'), dataDir, server.url, grantsFile, typeId], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey },
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (Number(/^done (\d+)$/.exec(line)?.[1] ?? 0) >= 1_000) resolve();
      });
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const grantedBefore = scoresOn(server, typeId).size;
    expect(grantedBefore).toBeGreaterThanOrEqual(1_000);
    expect(grantedBefore).toBeLessThan(WORKERS);

    const bench = workbenchFor(server, { dataDir, requestsPerSecond: 200 });
    cleanups.push(() => bench.dispose());
    expect(bench.actionJobs.markInterrupted(Date.now())).toBe(1);
    const [interrupted] = bench.jobs.list().filter((job) => job.state === 'interrupted');
    expect(interrupted).toMatchObject({ total: WORKERS });
    // Settle what the kill and the lost answers left open (asking MTurk for each worker's score), then finish the job.
    const settled = await bench.reconciler.ensure(bench.contexts.active());
    expect(settled.ok).toBe(true);
    const resumed = await bench.actionJobs.resume(interrupted!.id);
    if (!resumed.ok) throw new Error(resumed.error.message);
    const final = await bench.jobs.whenDone(interrupted!.id);
    expect(final?.state).toMatch(/^(succeeded|failed)$/);
    // What the requester does next, until nothing is left: settle the calls whose answers stayed lost (MTurk is asked
    // for each worker's score), then "retry failed" — the items MTurk refused on every attempt — as a new job.
    const settle = async (): Promise<void> => {
      for (let round = 0; round < 5; round++) {
        const settled = await bench.reconciler.run(bench.contexts.active());
        if (settled.ok && settled.value.unknown === 0) return;
      }
      throw new Error('calls with lost answers stayed unsettled after five rounds');
    };
    let retryOf = interrupted!.id;
    for (let round = 0; round < 8; round++) {
      await settle();
      const retried = await bench.actionJobs.retryFailed(retryOf);
      if (!retried.ok) {
        expect(retried.error.message).toContain('has no failed items to retry');
        break;
      }
      retryOf = retried.value.id;
      await bench.jobs.whenDone(retryOf);
    }

    const scores = scoresOn(server, typeId);
    expect(scores.size).toBe(WORKERS);
    expect(intended.filter((w) => scores.get(w.workerId) !== w.score)).toEqual([]);
    // Every call any of the jobs journaled ended confirmed or refused: none is left pending, sent or unknown.
    const open = bench.archiveDb.read.prepare(`SELECT COUNT(*) AS n FROM operations_journal WHERE state IN ('pending', 'sent', 'unknown')`).get();
    expect(open).toEqual({ n: 0 });
  });
});
