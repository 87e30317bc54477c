import { ListBonusPaymentsCommand, type MTurkClient } from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { seedLocalMTurk } from '../../helpers/seed-local-mturk';
import { syncFully, workbenchFor } from '../actions/workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const bytes = (lines: readonly string[]): Uint8Array => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

async function paymentsOn(client: MTurkClient, assignmentIds: readonly string[]) {
  const all = [];
  for (const id of assignmentIds) all.push(...((await client.send(new ListBonusPaymentsCommand({ AssignmentId: id }))).BonusPayments ?? []));
  return all;
}

async function seededBench() {
  const { server, client } = await startTestServer();
  cleanups.push(() => server.close());
  const seeded = await seedLocalMTurk(server, client, { hits: 4, assignmentsPerHit: 3 });
  const bench = workbenchFor(server);
  cleanups.push(() => bench.dispose());
  await syncFully(bench);
  const archiveId = bench.contexts.active().archiveId!;
  const assignments = bench.archiveDb.read
    .prepare(`SELECT assignment_id AS assignmentId, worker_id AS workerId, status FROM assignments WHERE connection_id = ? ORDER BY id`)
    .all(archiveId) as { assignmentId: string; workerId: string; status: string }[];
  return { server, client, seeded, bench, assignments };
}

describe('a bonus ledger against Local MTurk', () => {
  it('checks, dry-runs, pays each row once, pays nothing on a second send or a re-import, and reconciles', { timeout: 60_000 }, async () => {
    const { client, seeded, bench, assignments } = await seededBench();
    const payable = assignments.filter((a) => a.status !== 'Rejected' && a.assignmentId !== seeded.assignmentIds[0]);
    const seededBonus = assignments.find((a) => a.assignmentId === seeded.assignmentIds[0])!;
    const lines = [
      'WorkerId,AssignmentId,Amount,Reason',
      ...payable.map((a, i) => `${a.workerId},${a.assignmentId},${(0.1 * (i + 1)).toFixed(2)},Accurate labels`),
      // The seed already paid exactly this: "already paid", not sent again.
      `${seededBonus.workerId},${seededBonus.assignmentId},0.25,Great work`,
    ];
    const file = { fileName: 'pilot.csv', bytes: bytes(lines) };

    const checked = await bench.bonuses.check(file);
    if (!checked.ok) throw new Error(checked.error.message);
    const check = checked.value;
    expect(check).toMatchObject({ errors: 0, ready: payable.length, alreadyPaid: 1, checkedOnMTurk: true, existingLedger: null, connection: { label: 'Lab', production: false }, typeToConfirm: null });
    expect(check.rows.at(-1)).toMatchObject({ state: 'already-paid', alreadyPaid: expect.stringMatching(/already paid on .* UTC/) });
    const bonusCents = payable.reduce((sum, _a, i) => sum + 10 * (i + 1), 0);
    const feeCents = payable.reduce((sum, _a, i) => sum + Math.max(1, Math.floor((10 * (i + 1) * 20 + 50) / 100)), 0);
    expect(check.totals).toEqual({ bonusCents, feeCents, totalCents: bonusCents + feeCents });
    expect(check.perWorker.reduce((sum, w) => sum + w.payments, 0)).toBe(payable.length);
    expect(check.perWorker.reduce((sum, w) => sum + w.totalCents, 0)).toBe(check.totals.totalCents);
    expect(check.balance!.afterCents).toBe(check.balance!.availableCents - check.totals.totalCents);

    const sent = await bench.bonuses.send({ ...file, name: 'Pilot' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(await bench.jobs.whenDone(sent.value.job!.id)).toMatchObject({ state: 'succeeded', done: payable.length, failed: 0 });
    const afterFirst = await paymentsOn(client, assignments.map((a) => a.assignmentId));
    expect(afterFirst).toHaveLength(payable.length + 1);
    for (const [i, a] of payable.entries()) {
      expect(afterFirst.filter((p) => p.AssignmentId === a.assignmentId).map((p) => [p.WorkerId, p.BonusAmount, p.Reason])).toEqual([[a.workerId, (0.1 * (i + 1)).toFixed(2), 'Accurate labels']]);
    }
    const status = bench.bonuses.status(sent.value.ledgerId);
    expect(status.ok && status.value).toMatchObject({ ledger: { name: 'Pilot' }, counts: { paid: payable.length, 'already-paid': 1, unsent: 0, failed: 0 }, paidCents: bonusCents, unsettled: 0 });

    // The same file again: the same ledger, nothing to send.
    const again = await bench.bonuses.send(file);
    expect(again.ok && again.value).toEqual({ ledgerId: sent.value.ledgerId, job: null, resumed: true });
    // The same payments in another file (re-exported, reordered): every row already paid, by the first ledger.
    const reimport = { fileName: 'pilot-copy.csv', bytes: bytes([lines[0]!, ...lines.slice(1).reverse()]) };
    const recheck = await bench.bonuses.check(reimport);
    expect(recheck.ok && recheck.value).toMatchObject({ errors: 0, ready: 0, alreadyPaid: payable.length + 1, existingLedger: null });
    expect(recheck.ok && recheck.value.rows[1]!.alreadyPaid).toMatch(new RegExp(`already paid by ledger "Pilot" \\(${sent.value.ledgerId}\\), row ${payable.length}`));
    const resent = await bench.bonuses.send(reimport);
    expect(resent.ok && resent.value.job).toBeNull();
    expect(await paymentsOn(client, assignments.map((a) => a.assignmentId))).toHaveLength(payable.length + 1);

    const reconciled = await bench.bonuses.reconcile(sent.value.ledgerId);
    if (!reconciled.ok) throw new Error(reconciled.error.message);
    expect(reconciled.value.counts).toEqual({ paid: payable.length, 'paid-twice': 0, failed: 0, missing: 0, 'already-paid': 1 });
    expect(reconciled.value.unexplained).toEqual([]);
  });

  it('sends nothing while any row is in error, and reconciliation finds payments no ledger explains', { timeout: 60_000 }, async () => {
    const { client, bench, assignments } = await seededBench();
    const [a, b] = assignments.filter((x) => x.status === 'Submitted');
    const before = await paymentsOn(client, assignments.map((x) => x.assignmentId));
    const fuzz = bytes([
      'WorkerId,AssignmentId,Amount,Reason',
      `${a!.workerId},${a!.assignmentId},1.00,Good`,
      `${a!.workerId},${b!.assignmentId},1.005,Foreign worker and too many decimals`,
      `${b!.workerId},${b!.assignmentId},$1.00,Currency`,
      `${b!.workerId},3XNOTANASSIGNMENT0000000000000,1.00,Unknown`,
      `${b!.workerId},${b!.assignmentId},1000000000,`,
    ]);
    const refused = await bench.bonuses.send({ fileName: 'fuzz.csv', bytes: fuzz });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.message).toMatch(/^\d+ problems in fuzz.csv; nothing was sent\. The first: Row 2, Amount: "1.005" has more than two decimals/);
    const check = await bench.bonuses.check({ fileName: 'fuzz.csv', bytes: fuzz });
    expect(check.ok && check.value.rows.map((r) => r.state)).toEqual(['ready', 'error', 'error', 'error', 'error']);
    expect(check.ok && check.value.findings.filter((f) => f.severity === 'error').map((f) => [f.row, f.field])).toEqual([
      [2, 'Amount'], [2, 'WorkerId'], [3, 'Amount'], [4, 'AssignmentId'], [5, 'Amount'], [5, 'Reason'], [5, 'AssignmentId'],
    ]);
    const utf16 = await bench.bonuses.send({ fileName: 'wide.csv', bytes: new Uint8Array([0xff, 0xfe, ...Buffer.from('WorkerId,AssignmentId,Amount,Reason\r\n', 'utf16le')]) });
    expect(utf16.ok ? '' : utf16.error.message).toMatch(/UTF-16LE text, not UTF-8/);
    expect(await paymentsOn(client, assignments.map((x) => x.assignmentId))).toEqual(before);

    // Paid with a good ledger, then once more outside Turkbench: reconciliation names the stranger.
    const good = await bench.bonuses.send({ fileName: 'good.csv', bytes: bytes(['WorkerId,AssignmentId,Amount,Reason', `${a!.workerId},${a!.assignmentId},1.00,Good`]) });
    if (!good.ok) throw new Error(good.error.message);
    await bench.jobs.whenDone(good.value.job!.id);
    const { SendBonusCommand } = await import('@aws-sdk/client-mturk');
    await client.send(new SendBonusCommand({ WorkerId: a!.workerId, AssignmentId: a!.assignmentId, BonusAmount: '0.40', Reason: 'By hand' }));
    const reconciled = await bench.bonuses.reconcile(undefined);
    if (!reconciled.ok) throw new Error(reconciled.error.message);
    expect(reconciled.value.counts.paid).toBe(1);
    expect(reconciled.value.unexplained).toEqual([expect.objectContaining({ workerId: a!.workerId, assignmentId: a!.assignmentId, amountCents: 40, reason: 'By hand' })]);
  });
});
