import { CreateHITTypeCommand, GetAccountBalanceCommand, GetHITCommand, UpdateExpirationForHITCommand } from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import { createHit, startTestServer } from '../../../local-mturk/test/helpers';
import { syncFully, workbenchFor } from './workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('Manage HITs actions that spend', () => {
  it('plans the cost of a dearer type and checks it against the balance; MTurk holds exactly that; an unarchived type is refused', async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const cheap = await createHit(client, { Reward: '0.10', MaxAssignments: 9, Title: 'Cheap' });
    const dear = await createHit(client, { Reward: '5.00', MaxAssignments: 1, Title: 'Dear' });
    const worker = server.control.createWorker();
    const { AssignmentId } = server.control.accept(worker.workerId, cheap.HITId!);
    server.control.submit(AssignmentId, { label: 'x' });
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    await syncFully(bench);

    const change = { action: 'change-type' as const, hitTypeId: dear.HITTypeId! };
    const plan = await bench.manageHits.plan({ hitIds: [cheap.HITId!], change });
    // 9 held (8 open + 1 submitted): 9 × ($5.00 + $1.00) − 9 × ($0.10 + $0.02).
    expect(plan.ok && plan.value.cost).toEqual({ rewardsCents: 9 * 490, feesCents: 9 * 98, totalCents: 5292 });
    const available = async (): Promise<number> => Math.round(Number((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance) * 100);
    const before = await available();
    expect(plan.ok && plan.value.balance).toEqual({ availableCents: before, afterCents: before - 5292 });
    expect(plan.ok && plan.value.ready[0]!.detail).toBe(`type ${cheap.HITTypeId} → ${dear.HITTypeId}: reward $0.10 → $5.00 for 9 outstanding assignments, MTurk holds $52.92 more`);

    const started = await bench.manageHits.start({ hitIds: [cheap.HITId!], change });
    if (!started.ok) throw new Error(started.error.message);
    const done = await bench.jobs.whenDone(started.value.id);
    expect(done, JSON.stringify(done?.failures)).toMatchObject({ state: 'succeeded', failed: 0 });
    expect((await client.send(new GetHITCommand({ HITId: cheap.HITId }))).HIT).toMatchObject({ HITTypeId: dear.HITTypeId, Reward: '5.00' });
    expect(before - (await available())).toBe(5292);
    // The archive knows without a sync: the HIT now pays what its new type pays.
    expect(bench.archiveDb.read.prepare('SELECT hit_type_id, reward_cents FROM hits WHERE hit_id = ?').get(cheap.HITId)).toEqual({ hit_type_id: dear.HITTypeId, reward_cents: 500 });

    // A type with no archived HIT: what it pays is unknown here, so the change is not offered.
    const { HITTypeId: unknownType } = await client.send(
      new CreateHITTypeCommand({ Title: 'Unseen', Description: 'd', Reward: '1.00', AssignmentDurationInSeconds: 600 }),
    );
    const refused = await bench.manageHits.plan({ hitIds: [dear.HITId!], change: { action: 'change-type', hitTypeId: unknownType! } });
    expect(refused.ok && refused.value).toMatchObject({ ready: [], cost: null, skipped: [{ hitId: dear.HITId, reason: expect.stringMatching(/^HIT type \w+ is not in the archive/) }] });
  });

  it('extending an expired HIT holds its open slots again: planned, checked against the balance, and what MTurk holds', async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const hit = await createHit(client, { Reward: '0.10', MaxAssignments: 3 });
    const worker = server.control.createWorker();
    const { AssignmentId } = server.control.accept(worker.workerId, hit.HITId!);
    server.control.submit(AssignmentId, { label: 'x' });
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }));
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    await syncFully(bench);

    const change = { action: 'extend' as const, bySeconds: 86_400 };
    const plan = await bench.manageHits.plan({ hitIds: [hit.HITId!], change });
    // 3 slots, 1 submitted: 2 reopen at $0.10 + $0.02.
    expect(plan.ok && plan.value.cost).toEqual({ rewardsCents: 20, feesCents: 4, totalCents: 24 });
    const available = async (): Promise<number> => Math.round(Number((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance) * 100);
    const before = await available();
    expect(plan.ok && plan.value.balance).toEqual({ availableCents: before, afterCents: before - 24 });
    const started = await bench.manageHits.start({ hitIds: [hit.HITId!], change });
    if (!started.ok) throw new Error(started.error.message);
    expect(await bench.jobs.whenDone(started.value.id)).toMatchObject({ state: 'succeeded', failed: 0 });
    expect(before - (await available())).toBe(24);
  });
});
