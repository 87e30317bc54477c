import { GetAssignmentCommand, ListHITsCommand } from '@aws-sdk/client-mturk';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';

let lab: TestServer;

async function turkbench(dataDir: string, ...args: string[]): Promise<Ran> {
  return runTurkbench(['--data-dir', dataDir, ...args], { AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });
}

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
  await createHit(lab.client, { MaxAssignments: 1 });
});
afterAll(() => lab.server.close());

describe('turkbench pay compensate | settle | status', { timeout: 90_000 }, () => {
  it('makes a HIT only the named workers can take, approves their work once, and pays nothing new when repeated', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-pay-'));
    expect((await turkbench(dataDir, 'connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100')).code).toBe(0);
    expect((await turkbench(dataDir, 'connections', 'use', 'Lab')).code).toBe(0);
    const [w1, w2, stranger] = [0, 1, 2].map(() => lab.server.control.createWorker({ country: 'US' }).workerId);

    const bad = await turkbench(dataDir, 'pay', 'compensate', '--workers', `${w1}`, '--amount', '$1', '--reason', 'Broken link', '--yes');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Amount: "$1" has a currency sign');

    const args = ['pay', 'compensate', '--workers', `${w1},${w2}`, '--amount', '1.00', '--reason', 'The survey link was broken', '--yes'];
    const made = await turkbench(dataDir, ...args);
    expect(made.code).toBe(0);
    expect(made.stderr).toContain('Cost: $2.00 rewards + $0.40 MTurk fee = $2.40.');
    expect(made.stdout).toContain(`visible only to ${[w1, w2].sort().join(', ')}`);
    const hitId = /HIT (\S+), visible/.exec(made.stdout)![1]!;
    expect(() => lab.server.control.accept(stranger!, hitId)).toThrow(/qualif/i);
    const assignments = [w1!, w2!].map((w) => {
      const accepted = lab.server.control.accept(w, hitId);
      lab.server.control.submit(accepted.AssignmentId, { confirm: 'yes' });
      return accepted.AssignmentId;
    });

    const settled = await turkbench(dataDir, 'pay', 'settle');
    expect(settled.stdout).toContain('Approved 2 compensation assignments.');
    for (const id of assignments) expect((await lab.client.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment?.AssignmentStatus).toBe('Approved');

    const hits = (await lab.client.send(new ListHITsCommand({}))).NumResults;
    const again = await turkbench(dataDir, ...args);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Made before');
    expect(again.stdout).toContain('2 of 2 paid;');
    expect((await lab.client.send(new ListHITsCommand({}))).NumResults).toBe(hits);
    expect((await turkbench(dataDir, 'pay', 'settle')).stdout).toContain('Approved 0 compensation assignments.');
    const status = await turkbench(dataDir, 'pay', 'status', '--json');
    expect(JSON.parse(status.stdout)).toEqual([expect.objectContaining({ hitId, amountCents: 100, workers: expect.arrayContaining([expect.objectContaining({ workerId: w1, paidAt: expect.any(Number) })]) })]);
  });
});
