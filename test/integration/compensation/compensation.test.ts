import { GetAssignmentCommand, GetHITCommand, ListHITsCommand, ListWorkersWithQualificationTypeCommand } from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { seedLocalMTurk } from '../../helpers/seed-local-mturk';
import { syncFully, workbenchFor } from '../actions/workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function bench() {
  const { server, client } = await startTestServer();
  cleanups.push(() => server.close());
  await seedLocalMTurk(server, client, { hits: 1, assignmentsPerHit: 1 });
  const services = workbenchFor(server);
  cleanups.push(() => services.dispose());
  await syncFully(services);
  const journalSize = () => (services.archiveDb.read.prepare(`SELECT COUNT(*) AS n FROM operations_journal`).get() as { n: number }).n;
  return { server, client, services, journalSize };
}

describe('compensating named workers through a private HIT', () => {
  it('shows the HIT only to the named workers, approves each once, and a repeated run sends and pays nothing new', { timeout: 60_000 }, async () => {
    const { server, client, services, journalSize } = await bench();
    const named = [0, 1].map(() => server.control.createWorker({ country: 'US' }).workerId);
    const other = server.control.createWorker({ country: 'US' }).workerId;
    const input = { workerIds: [named[0]!.toLowerCase(), named[1]!, named[0]!], amount: '1.00', reason: 'The survey link was broken', message: 'Sorry about the broken link.' };

    const planned = await services.compensation.plan(input);
    if (!planned.ok) throw new Error(planned.error.message);
    // Two workers (the repeat and the lower-case spelling are one), $1.00 each plus MTurk's 20 %.
    expect(planned.value).toMatchObject({ workerIds: [named[0], named[1]], amountCents: 100, rewardsCents: 200, feesCents: 40, totalCents: 240, existing: null, typeToConfirm: null });
    expect(planned.value.balance!.afterCents).toBe(planned.value.balance!.availableCents - 240);

    const made = await services.compensation.run(input);
    if (!made.ok) throw new Error(made.error.message);
    // Qualification, two grants, the HIT and the message: five steps of one job.
    expect(await services.jobs.whenDone(made.value.job.id)).toMatchObject({ kind: 'compensation', state: 'succeeded', total: 5, done: 5, failed: 0 });
    const { hitId, qualificationTypeId, id } = services.compensation.list()[0]!;
    expect(hitId).not.toBeNull();
    const { HIT } = await client.send(new GetHITCommand({ HITId: hitId! }));
    expect(HIT).toMatchObject({ MaxAssignments: 2, Reward: '1.00', RequesterAnnotation: `tb-compensation:${id}` });
    expect(HIT!.QualificationRequirements).toEqual([expect.objectContaining({ QualificationTypeId: qualificationTypeId, Comparator: 'Exists', ActionsGuarded: 'DiscoverPreviewAndAccept' })]);
    const holders = (await client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: qualificationTypeId! }))).Qualifications ?? [];
    expect(holders.map((q) => q.WorkerId).sort()).toEqual([...named].sort());

    // The message went out once, to both, through the journal.
    expect(services.archiveDb.read.prepare(`SELECT state, request_json AS request FROM operations_journal WHERE kind = 'notify-workers'`).all()).toEqual([
      { state: 'confirmed', request: expect.stringContaining(`"workerIds":["${named[0]}","${named[1]}"]`) },
    ]);
    // Only the named workers can find or take it.
    for (const worker of named) expect(server.control.listVisibleHits(worker).map((h) => h.HITId)).toContain(hitId);
    expect(server.control.listVisibleHits(other).map((h) => h.HITId)).not.toContain(hitId);
    expect(() => server.control.accept(other, hitId!)).toThrow(/qualif/i);

    const assignments = named.map((worker) => {
      const accepted = server.control.accept(worker, hitId!);
      server.control.submit(accepted.AssignmentId, { confirm: 'yes' });
      return accepted.AssignmentId;
    });
    const settled = await services.compensation.settle();
    expect(settled.ok && settled.value).toEqual({ approved: 2, problems: [] });
    // The approvals ran as a job of their own, listed in Jobs like every other payment.
    expect(services.jobs.list().find((j) => j.label === 'Pay 2 compensation submissions')).toMatchObject({ kind: 'approve', state: 'succeeded', total: 2, done: 2 });
    for (const assignmentId of assignments) expect((await client.send(new GetAssignmentCommand({ AssignmentId: assignmentId }))).Assignment?.AssignmentStatus).toBe('Approved');
    // Each approval is recorded with what it paid ($1.00 + 20 %), as the audit shows it.
    expect(services.archiveDb.read.prepare(`SELECT cost_cents AS cost FROM operations_journal WHERE kind = 'approve' AND state = 'confirmed'`).all()).toEqual([{ cost: 120 }, { cost: 120 }]);
    const paid = services.compensation.list()[0]!;
    expect(paid.workers.map((w) => [w.workerId, w.assignmentId, w.paidAt !== null])).toEqual(named.map((w, i) => [w, assignments[i], true]).sort());

    // Again, and the same command again: nothing is sent and nobody is paid twice.
    const before = journalSize();
    const hitsBefore = (await client.send(new ListHITsCommand({}))).NumResults;
    expect((await services.compensation.settle()).ok && (await services.compensation.settle())).toMatchObject({ ok: true, value: { approved: 0 } });
    const repeated = await services.compensation.run({ ...input, workerIds: [named[1]!, named[0]!] });
    if (!repeated.ok) throw new Error(repeated.error.message);
    expect(repeated.value.compensation).toMatchObject({ id, hitId });
    expect(await services.jobs.whenDone(repeated.value.job.id)).toMatchObject({ state: 'succeeded', done: 5, failed: 0 });
    expect(journalSize()).toBe(before);
    expect((await client.send(new ListHITsCommand({}))).NumResults).toBe(hitsBefore);
    const replanned = await services.compensation.plan(input);
    expect(replanned.ok && replanned.value).toMatchObject({ totalCents: 0, existing: { id } });
  });

  it('names a bad amount, reason or worker id and creates nothing', async () => {
    const { services, journalSize } = await bench();
    const refused = async (input: { workerIds: string[]; amount: string; reason: string }) => {
      const result = await services.compensation.run(input);
      return result.ok ? null : result.error.message;
    };
    expect(await refused({ workerIds: ['A1'], amount: '1.005', reason: 'x' })).toBe('Amount: "1.005" has more than two decimals; MTurk pays whole cents.');
    expect(await refused({ workerIds: ['A1'], amount: '1.00', reason: '  ' })).toBe('Reason: say why; the workers read it.');
    expect(await refused({ workerIds: [], amount: '1.00', reason: 'x' })).toBe('Workers: name at least one worker.');
    expect(services.compensation.list()).toEqual([]);
    expect(journalSize()).toBe(0);
  });
});
