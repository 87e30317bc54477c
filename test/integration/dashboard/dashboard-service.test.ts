import { ApproveAssignmentCommand, SendBonusCommand } from '@aws-sdk/client-mturk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { syncFully, workbenchFor } from '../actions/workbench';

let lab: TestServer;
let bench: ReturnType<typeof workbenchFor>;

beforeAll(async () => {
  lab = await startTestServer();
  // A 3-assignment HIT at $0.50 (20 % fee: $0.10): two approved, one waiting for review, one bonus of $1.00.
  const done = await createHit(lab.client, { MaxAssignments: 3, Reward: '0.50', AutoApprovalDelayInSeconds: 3 * 3600 });
  const assignments = [0, 1, 2].map(() => {
    const workerId = lab.server.control.createWorker({ country: 'US' }).workerId;
    const accepted = lab.server.control.accept(workerId, done.HITId!);
    lab.server.control.submit(accepted.AssignmentId, { label: 'done' });
    return { workerId, assignmentId: accepted.AssignmentId };
  });
  for (const a of assignments.slice(0, 2)) await lab.client.send(new ApproveAssignmentCommand({ AssignmentId: a.assignmentId }));
  await lab.client.send(new SendBonusCommand({ WorkerId: assignments[0]!.workerId, AssignmentId: assignments[0]!.assignmentId, BonusAmount: '1.00', Reason: 'Thanks', UniqueRequestToken: 'dash-1' }));
  // An open HIT nobody worked on: 2 × ($0.25 + $0.05) still to come.
  await createHit(lab.client, { MaxAssignments: 2, Reward: '0.25' });
  // A HIT of a batch launched from another computer (known only by its tag), one approved: $0.20 + $0.04.
  const tagged = await createHit(lab.client, { MaxAssignments: 1, Reward: '0.20', RequesterAnnotation: 'tb:elsewhere7:r1' });
  const worker = lab.server.control.createWorker({ country: 'US' }).workerId;
  const accepted = lab.server.control.accept(worker, tagged.HITId!);
  lab.server.control.submit(accepted.AssignmentId, { label: 'done' });
  await lab.client.send(new ApproveAssignmentCommand({ AssignmentId: accepted.AssignmentId }));
  bench = workbenchFor(lab.server);
  await syncFully(bench);
});
afterAll(async () => {
  await bench?.dispose();
  await lab?.server.close();
});

describe('dashboard figures from a synced archive', { timeout: 60_000 }, () => {
  it('spends rewards, bonuses and fees to the cent, per day and per batch', () => {
    const perDay = bench.dashboard.spend('day');
    expect(perDay.total).toEqual({ rewardsCents: 120, bonusesCents: 100, feesCents: 20 + 4 + 20, totalCents: 264, assignments: 3, bonuses: 1 });
    expect(perDay.buckets.reduce((sum, b) => sum + b.totalCents, 0)).toBe(264);
    expect(perDay.buckets.every((b) => /^\d{4}-\d\d-\d\d$/.test(b.key))).toBe(true);
    const perBatch = bench.dashboard.spend('batch');
    expect(perBatch.buckets.map((b) => [b.key, b.label, b.totalCents])).toEqual([
      ['', 'Outside batches', 240],
      ['elsewhere7', 'Batch elsewhere7 (found on MTurk)', 24],
    ]);
  });

  it('owes the submitted work and the open HIT, sees the work on the radar, and reads the balance', async () => {
    const summary = await bench.dashboard.summary({ balance: true });
    expect(summary.ok).toBe(true);
    if (!summary.ok) return;
    expect(summary.value.liabilities).toEqual({ submittedAssignments: 1, submittedCents: 60, openHits: 1, openAssignments: 2, openCents: 60, totalCents: 120 });
    expect(summary.value.radar.map((band) => band.assignments)).toEqual([1, 0, 0, 0]);
    expect(summary.value.radar[0]!.costCents).toBe(60);
    expect(typeof summary.value.balanceCents).toBe('number');
    expect(summary.value.perDay.total.totalCents).toBe(264);
    expect(summary.value.connection).toBe('Lab');
  });

  it('reads no balance without asking, and says why', async () => {
    const summary = await bench.dashboard.summary({ balance: false });
    expect(summary.ok && summary.value.balanceCents).toBe(null);
  });
});
