import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { sentenceBatch } from '../batches/batch-folders';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';

let lab: TestServer;

async function turkbench(dataDir: string, ...args: string[]): Promise<Ran> {
  return runTurkbench(['--data-dir', dataDir, ...args], { AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });
}

/** A data folder whose active connection is the test server. */
async function dataFolder(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-batch-'));
  expect((await turkbench(dataDir, 'connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100')).code).toBe(0);
  expect((await turkbench(dataDir, 'connections', 'use', 'Lab')).code).toBe(0);
  return dataDir;
}

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
});
afterAll(() => lab.server.close());

describe('turkbench batch launch | status', { timeout: 90_000 }, () => {
  it('launches once, refuses a second batch before asking unless --new, and reports status', async () => {
    const dataDir = await dataFolder();
    const folder = sentenceBatch(12);
    const launched = await turkbench(dataDir, 'batch', 'launch', folder, '--yes', '--json');
    expect(launched.code).toBe(0);
    const result = JSON.parse(launched.stdout) as { batchId: string; resumed: boolean; job: { state: string; done: number } };
    expect(result).toMatchObject({ resumed: false, job: { state: 'succeeded', done: 12 } });
    expect(launched.stderr).toContain('12 HITs, 24 assignments: $2.40 rewards + $0.48 MTurk fee (20 %).');

    const again = await turkbench(dataDir, 'batch', 'launch', folder, '--yes');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/launched before on Lab \(batch b[0-9a-f]+\).*--new/);
    expect(again.stderr).not.toContain('To spend');

    const status = await turkbench(dataDir, 'batch', 'status', result.batchId, '--json');
    expect(JSON.parse(status.stdout)).toMatchObject({ batch: { id: result.batchId, state: 'launched' }, hits: 12, created: 12 });
    const listed = await turkbench(dataDir, 'batch', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id: result.batchId, origin: 'launched', figures: { status: 'running', hits: 12, assignments: { total: 24, submitted: 0 } } }]);
    expect((await turkbench(dataDir, 'batch', 'list')).stdout).toContain(`${result.batchId}  Running  0/24 submitted, 0 approved · spent on rewards $0.00  "Rate a sentence"`);
    const second = await turkbench(dataDir, 'batch', 'launch', folder, '--new', '--yes', '--json');
    expect(JSON.parse(second.stdout)).toMatchObject({ resumed: false, job: { state: 'succeeded', done: 12 } });
    expect(JSON.parse(second.stdout).batchId).not.toBe(result.batchId);
  });

  it('refuses a folder with errors and an unknown batch id, exiting non-zero', async () => {
    const dataDir = await dataFolder();
    const broken = sentenceBatch(2, { Reward: 'free' });
    const refused = await turkbench(dataDir, 'batch', 'launch', broken, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Reward must be a dollar amount with at most two decimals');
    expect(await turkbench(dataDir, 'batch', 'status', 'bnope')).toMatchObject({ code: 1, stderr: expect.stringContaining('No batch bnope') });
  });
});
