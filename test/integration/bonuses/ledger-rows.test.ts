import { ListBonusPaymentsCommand } from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { seedLocalMTurk } from '../../helpers/seed-local-mturk';
import { syncFully, workbenchFor } from '../actions/workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('a bonus ledger given as rows (a file fixed in the app)', () => {
  it("keeps each row's file number in its findings, sends the fixed rows once and pays nothing when they are sent again", { timeout: 60_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    await seedLocalMTurk(server, client, { hits: 2, assignmentsPerHit: 2 });
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    await syncFully(bench);
    const [a, b] = bench.archiveDb.read
      .prepare(`SELECT assignment_id AS assignmentId, worker_id AS workerId FROM assignments WHERE connection_id = ? AND status = 'Submitted' ORDER BY id`)
      .all(bench.contexts.active().archiveId!) as { assignmentId: string; workerId: string }[];

    // Row 2 of the file was dropped; row 3 has an unreadable amount.
    const broken = [
      { rowNumber: 1, WorkerId: a!.workerId, AssignmentId: a!.assignmentId, Amount: '0.40', Reason: 'Careful work' },
      { rowNumber: 3, WorkerId: b!.workerId, AssignmentId: b!.assignmentId, Amount: '1,00', Reason: 'Careful work' },
    ];
    const checked = await bench.bonuses.check({ fileName: 'fixed', rows: broken });
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value.errors).toBe(1);
    expect(checked.value.findings[0]).toMatchObject({ row: 3, field: 'Amount', value: '1,00' });
    expect(checked.value.rows.map((r) => [r.rowNumber, r.state, r.amountText])).toEqual([[1, 'ready', '0.40'], [3, 'error', '1,00']]);
    const refused = await bench.bonuses.send({ fileName: 'fixed', rows: broken });
    expect(refused.ok ? null : refused.error.message).toMatch(/1 problem in fixed; nothing was sent\. The first: Row 3, Amount/);

    const fixed = broken.map((row) => (row.rowNumber === 3 ? { ...row, Amount: '1.00' } : row));
    const sent = await bench.bonuses.send({ fileName: 'fixed', name: 'Fixed pilot', rows: fixed });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(await bench.jobs.whenDone(sent.value.job!.id)).toMatchObject({ state: 'succeeded', done: 2 });
    const status = bench.bonuses.status(sent.value.ledgerId);
    expect(status.ok && status.value.rows.map((r) => [r.rowNumber, r.state, r.amountCents])).toEqual([[1, 'paid', 40], [3, 'paid', 100]]);

    const again = await bench.bonuses.send({ fileName: 'fixed', rows: fixed });
    expect(again.ok && again.value).toEqual({ ledgerId: sent.value.ledgerId, job: null, resumed: true });
    const listed = (await client.send(new ListBonusPaymentsCommand({ AssignmentId: b!.assignmentId }))).BonusPayments ?? [];
    expect(listed.map((p) => p.BonusAmount)).toEqual(['1.00']);
  });
});
