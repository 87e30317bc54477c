import { ListBonusPaymentsCommand } from '@aws-sdk/client-mturk';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';

let lab: TestServer;
let work: { workerId: string; assignmentId: string }[];

async function turkbench(dataDir: string, ...args: string[]): Promise<Ran> {
  return runTurkbench(['--data-dir', dataDir, ...args], { AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });
}

/** A data folder whose active connection is the test server, synced. */
async function dataFolder(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-bonus-'));
  expect((await turkbench(dataDir, 'connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100')).code).toBe(0);
  expect((await turkbench(dataDir, 'connections', 'use', 'Lab')).code).toBe(0);
  expect((await turkbench(dataDir, 'sync', '--full')).code).toBe(0);
  return dataDir;
}

function ledgerFile(lines: readonly string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tb-cli-ledger-')), 'ledger.csv');
  writeFileSync(file, `${['WorkerId,AssignmentId,Amount,Reason', ...lines].join('\n')}\n`);
  return file;
}

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
  const hit = await createHit(lab.client, { MaxAssignments: 3 });
  work = Array.from({ length: 3 }, () => {
    const workerId = lab.server.control.createWorker({ country: 'US' }).workerId;
    const accepted = lab.server.control.accept(workerId, hit.HITId!);
    lab.server.control.submit(accepted.AssignmentId, { label: 'done' });
    return { workerId, assignmentId: accepted.AssignmentId };
  });
});
afterAll(() => lab.server.close());

describe('turkbench bonus check | send | status | reconcile', { timeout: 90_000 }, () => {
  it('checks (exit 1 naming each bad row), sends once, pays nothing the second time, reports status and reconciles', async () => {
    const dataDir = await dataFolder();
    const [a, b, c] = work;
    const bad = ledgerFile([`${a!.workerId},${a!.assignmentId},1.005,Thanks`, `${a!.workerId},${b!.assignmentId},$2,Thanks`]);
    const refused = await turkbench(dataDir, 'bonus', 'check', bad);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Row 1, Amount: "1.005" has more than two decimals');
    expect(refused.stdout).toContain('Row 2, Amount: "$2" has a currency sign');
    expect(refused.stdout).toMatch(new RegExp(`Row 2, WorkerId: assignment ${b!.assignmentId} was done by ${b!.workerId}, not ${a!.workerId}`));
    expect(refused.stderr).toContain('3 problems stop this ledger from being sent');
    const notSent = await turkbench(dataDir, 'bonus', 'send', bad, '--yes');
    expect(notSent.code).not.toBe(0);
    expect(notSent.stderr).toContain('nothing was sent');

    const good = ledgerFile([`${a!.workerId},${a!.assignmentId},1.00,Thanks`, `${b!.workerId},${b!.assignmentId},0.50,Thanks`, `${c!.workerId},${c!.assignmentId},0.02,Thanks`]);
    const checked = await turkbench(dataDir, 'bonus', 'check', good, '--json');
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ errors: 0, ready: 3, totals: { bonusCents: 152, feeCents: 20 + 10 + 1, totalCents: 183 } });
    const human = await turkbench(dataDir, 'bonus', 'check', good);
    expect(human.stdout).toContain('Total: $1.52 bonuses + $0.31 MTurk fee (20 %, at least $0.01 each) = $1.83.');
    expect(human.stdout).toMatch(/Balance: \$[\d,]+\.\d\d now, \$[\d,]+\.\d\d after\./);

    const sent = await turkbench(dataDir, 'bonus', 'send', good, '--name', 'Pilot', '--yes', '--json');
    expect(sent.code).toBe(0);
    const result = JSON.parse(sent.stdout) as { ledgerId: string; job: { state: string; done: number } };
    expect(result.job).toMatchObject({ state: 'succeeded', done: 3 });
    const again = await turkbench(dataDir, 'bonus', 'send', good, '--yes');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to send — every row is already paid');
    const payments = (await lab.client.send(new ListBonusPaymentsCommand({ AssignmentId: a!.assignmentId }))).BonusPayments ?? [];
    expect(payments.map((p) => p.BonusAmount)).toEqual(['1.00']);

    const status = await turkbench(dataDir, 'bonus', 'status', result.ledgerId, '--json');
    expect(JSON.parse(status.stdout)).toMatchObject({ ledger: { id: result.ledgerId, name: 'Pilot' }, counts: { paid: 3, failed: 0, unsent: 0 }, paidCents: 152 });
    const reconciled = await turkbench(dataDir, 'bonus', 'reconcile', result.ledgerId);
    expect(reconciled.code).toBe(0);
    expect(reconciled.stdout).toContain('1 ledger: 3 paid, 0 already paid before, 0 failed, 0 missing, 0 paid twice.');
    expect(await turkbench(dataDir, 'bonus', 'status', 'l000000000000')).toMatchObject({ code: 1, stderr: expect.stringContaining('No bonus ledger l000000000000') });
  });
});
