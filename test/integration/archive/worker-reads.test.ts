import { describe, expect, it } from 'vitest';
import { upsertAssignments } from '../../../electron/archive/repos/assignments';
import { upsertHits } from '../../../electron/archive/repos/hits';
import { assignmentsOfWorker, DOSSIER_ASSIGNMENTS, WORKER_ROW_SQL, workerPage } from '../../../electron/archive/repos/worker-dossier';
import { makeAssignment, makeHit, openTestArchive, T0 } from './fixtures';

describe('the Workers grid query', () => {
  it("sums each worker's approved rewards through the worker index, never a scan of every approved assignment", () => {
    const t = openTestArchive();
    const plan = (t.archive.read.prepare(`EXPLAIN QUERY PLAN ${WORKER_ROW_SQL} WHERE w.connection_id = ? ORDER BY w.worker_id LIMIT ?`).all(t.connectionId, 101) as { detail: string }[])
      .map((row) => row.detail)
      .join('\n');
    expect(plan).toContain('SEARCH a USING INDEX assignments_by_worker (connection_id=? AND worker_id=?)');
    expect(plan).not.toMatch(/SCAN a\b/);
  });

  it('still totals what each worker earned from approved work', () => {
    const t = openTestArchive();
    upsertHits(t.archive.write, t.connectionId, [makeHit(0), makeHit(1)], T0);
    upsertAssignments(t.archive.write, t.connectionId, [0, 1, 2, 3].map((n) => makeAssignment(n, n % 2, { status: n < 3 ? 'Approved' : 'Submitted' })), T0);
    const rows = workerPage(t.archive.read, t.connectionId, { limit: 10 }).rows;
    const reward = (hit: number): number => makeHit(hit).rewardCents;
    const byWorker = new Map(rows.map((row) => [row.workerId, row.earnedCents]));
    const expected = new Map<string, number>();
    for (const n of [0, 1, 2]) {
      const a = makeAssignment(n, n % 2);
      expected.set(a.workerId, (expected.get(a.workerId) ?? 0) + reward(n % 2));
    }
    for (const [worker, cents] of expected) expect(byWorker.get(worker)).toBe(cents);
  });

  it('gives a dossier the newest assignments only, however many a prolific worker did', () => {
    const t = openTestArchive();
    upsertHits(t.archive.write, t.connectionId, [makeHit(0)], T0);
    const count = DOSSIER_ASSIGNMENTS + 20;
    upsertAssignments(t.archive.write, t.connectionId, Array.from({ length: count }, (_, n) => makeAssignment(n, 0, { workerId: 'APROLIFIC1', submitTime: T0 + n * 1_000 })), T0);
    const shown = assignmentsOfWorker(t.archive.read, t.connectionId, 'APROLIFIC1');
    expect(shown).toHaveLength(DOSSIER_ASSIGNMENTS);
    expect(shown[0]!.submitTime).toBe(T0 + (count - 1) * 1_000);
    expect(shown.at(-1)!.submitTime).toBe(T0 + 20 * 1_000);
    expect(workerPage(t.archive.read, t.connectionId, { limit: 1 }).rows[0]).toMatchObject({ workerId: 'APROLIFIC1', assignments: count });
  });
});
