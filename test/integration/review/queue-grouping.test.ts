/**
 * The review queue grouped by HIT or by worker: each group's assignments together, soonest deadline first inside it,
 * page after page; every row carries its worker's record with this account.
 */
import { ApproveAssignmentCommand, RejectAssignmentCommand } from '@aws-sdk/client-mturk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/services';
import type { ReviewGrouping, ReviewQueueRow } from '../../../shared/contract/review';
import { reviewQueueInput } from '../../../shared/contract/review';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { syncFully, workbenchFor } from '../actions/workbench';

let lab: TestServer;
let bench: Services & { dataDir: string };
const workers: string[] = [];

beforeAll(async () => {
  lab = await startTestServer();
  for (let w = 0; w < 3; w++) workers.push(lab.server.control.createWorker({ country: 'US' }).workerId);
  // Four HITs; every worker works every HIT except that the third skips the last.
  for (let h = 0; h < 4; h++) {
    const hit = await createHit(lab.client, { MaxAssignments: 3 });
    for (const [w, workerId] of workers.entries()) {
      if (w === 2 && h === 3) continue;
      const { AssignmentId } = lab.server.control.accept(workerId, hit.HITId!);
      lab.server.control.submit(AssignmentId, { label: `h${h} w${w}` });
      // The first worker's first two are decided: one approved, one rejected.
      if (w === 0 && h === 0) await lab.client.send(new ApproveAssignmentCommand({ AssignmentId }));
      if (w === 0 && h === 1) await lab.client.send(new RejectAssignmentCommand({ AssignmentId, RequesterFeedback: 'Wrong' }));
    }
  }
  bench = workbenchFor(lab.server);
  await syncFully(bench);
}, 60_000);

afterAll(async () => {
  await bench?.dispose();
  await lab?.server.close();
});

/** Every row of the queue, read 2 at a time so groups straddle pages. */
async function all(group: ReviewGrouping, status?: 'Submitted'): Promise<ReviewQueueRow[]> {
  const rows: ReviewQueueRow[] = [];
  let after: string | null = null;
  do {
    const page = await bench.review.queue({ group, limit: 2, after, ...(status ? { filter: { status } } : {}) });
    if (!page.ok) throw new Error(page.error.message);
    rows.push(...page.value.rows);
    after = page.value.nextCursor;
  } while (after !== null);
  return rows;
}

/** Each key appears in one unbroken run. */
function runs(keys: string[]): string[] {
  return keys.filter((key, index) => index === 0 || keys[index - 1] !== key);
}

describe('the queue grouped', () => {
  it('by worker: each worker once, deadlines ascending inside, with that worker\'s approved / rejected record', async () => {
    const rows = await all('worker');
    expect(rows).toHaveLength(11);
    const order = runs(rows.map((r) => r.workerId));
    expect(order).toHaveLength(3);
    expect([...order].sort()).toEqual([...workers].sort());
    for (const workerId of workers) {
      const times = rows.filter((r) => r.workerId === workerId).map((r) => r.autoApprovalTime!);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const first = rows.find((r) => r.workerId === workers[0])!;
    expect(first.workerHistory).toEqual({ assignments: 4, approved: 1, rejected: 1 });
    expect(rows.find((r) => r.workerId === workers[2])!.workerHistory).toEqual({ assignments: 3, approved: 0, rejected: 0 });
  });

  it('by HIT, filtered to submitted work: each HIT once, decided work left out', async () => {
    const rows = await all('hit', 'Submitted');
    expect(rows).toHaveLength(9);
    expect(runs(rows.map((r) => r.hitId))).toHaveLength(4);
    expect(rows.every((r) => r.status === 'Submitted')).toBe(true);
  });

  it('refuses a sort with a grouping, and a cursor of the ungrouped queue', async () => {
    expect(reviewQueueInput.safeParse({ group: 'hit', sort: { column: 'submitTime', direction: 'asc' }, limit: 5 }).success).toBe(false);
    const plain = await bench.review.queue({ limit: 2 });
    if (!plain.ok) throw new Error(plain.error.message);
    const mixed = await bench.review.queue({ group: 'worker', limit: 2, after: plain.value.nextCursor });
    expect(mixed.ok ? null : mixed.error.message).toMatch(/cursor was made for sorting by autoApprovalTime/);
  });
});
