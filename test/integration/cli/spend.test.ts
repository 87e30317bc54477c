import { ApproveAssignmentCommand, SendBonusCommand } from '@aws-sdk/client-mturk';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';

let lab: TestServer;
let dataDir: string;

async function turkbench(...args: string[]): Promise<Ran> {
  return runTurkbench(['--data-dir', dataDir, ...args], { AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });
}

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
  // $0.50 × 12 assignments: 10 or more pay 40 % fee ($0.20). Two approved, a $0.30 bonus ($0.06 fee).
  const hit = await createHit(lab.client, { MaxAssignments: 12, Reward: '0.50' });
  const work = [0, 1].map(() => {
    const workerId = lab.server.control.createWorker({ country: 'US' }).workerId;
    const accepted = lab.server.control.accept(workerId, hit.HITId!);
    lab.server.control.submit(accepted.AssignmentId, { label: 'done' });
    return { workerId, assignmentId: accepted.AssignmentId };
  });
  for (const w of work) await lab.client.send(new ApproveAssignmentCommand({ AssignmentId: w.assignmentId }));
  await lab.client.send(new SendBonusCommand({ WorkerId: work[1]!.workerId, AssignmentId: work[1]!.assignmentId, BonusAmount: '0.30', Reason: 'Thanks', UniqueRequestToken: 'cli-spend' }));
  dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-spend-'));
  expect((await turkbench('connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100')).code).toBe(0);
  expect((await turkbench('connections', 'use', 'Lab')).code).toBe(0);
});
afterAll(() => lab.server.close());

describe('turkbench spend', { timeout: 60_000 }, () => {
  it('says nothing was spent before a sync, then totals rewards, bonuses and fees per day, week and batch', async () => {
    const before = await turkbench('spend');
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('Nothing spent yet');
    expect((await turkbench('sync', '--full')).code).toBe(0);

    const total = { rewardsCents: 100, bonusesCents: 30, feesCents: 40 + 6, totalCents: 176, assignments: 2, bonuses: 1 };
    for (const by of ['day', 'week', 'batch']) {
      const ran = await turkbench('spend', '--by', by, '--json');
      expect(ran.code).toBe(0);
      const report = JSON.parse(ran.stdout) as { by: string; total: unknown; buckets: unknown[] };
      expect(report.by).toBe(by);
      expect(report.total).toEqual(total);
    }
    const byBatch = await turkbench('spend', '--by', 'batch');
    expect(byBatch.stdout).toMatch(/Outside batches\s+\$1\.00\s+\$0\.30\s+\$0\.46\s+\$1\.76\s+2\s+1/);
    expect(byBatch.stdout).toMatch(/TOTAL\s+\$1\.00\s+\$0\.30\s+\$0\.46\s+\$1\.76/);
  });

  it('refuses an unknown grouping with exit code 2', async () => {
    const ran = await turkbench('spend', '--by', 'month');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('--by "month" is not one of: day, week, batch.');
  });
});
