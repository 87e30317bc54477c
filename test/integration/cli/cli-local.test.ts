/**
 * `turkbench local info | demo` as a user runs them (the built command, a new process each time): the built-in Local
 * MTurk's access details, the secret only on request, and the demo account over the same service as the app's button.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';


const turkbench = (dataDir: string, ...args: string[]): Promise<Ran> => runTurkbench(['--data-dir', dataDir, ...args]);

beforeAll(() => {
  requireBuiltCli();
});

describe('turkbench local', { timeout: 90_000 }, () => {
  it('prints the endpoint, region and key id, keeps the port across runs, and the secret only with --show-secret', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-local-'));
    const first = await turkbench(dataDir, 'local', 'info', '--json');
    expect(first.code).toBe(0);
    const access = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(access).toMatchObject({ endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), region: 'us-east-1', accessKeyId: expect.stringMatching(/^AKIA/) });
    expect(access).not.toHaveProperty('secretAccessKey');
    const human = await turkbench(dataDir, 'local', 'info');
    expect(human.stdout).toContain(`aws mturk get-account-balance --endpoint-url ${String(access.endpoint)} --region us-east-1`);
    expect(human.stdout).toContain('(hidden: add --show-secret)');
    const revealed = JSON.parse((await turkbench(dataDir, 'local', 'info', '--json', '--show-secret')).stdout) as Record<string, unknown>;
    expect(revealed.endpoint).toBe(access.endpoint);
    expect(revealed.secretAccessKey).toEqual(expect.stringMatching(/^.{20,}$/));
  });

  it('fills the demo with --yes, syncs it, and adds nothing the second time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-local-'));
    expect(await turkbench(dataDir, 'local', 'demo')).toMatchObject({ code: 2, stderr: expect.stringContaining('Add --yes to confirm') });
    const filled = await turkbench(dataDir, 'local', 'demo', '--yes', '--json');
    expect(filled.code).toBe(0);
    expect(JSON.parse(filled.stdout)).toMatchObject({ alreadyThere: false, hits: 14, synced: true });
    const hits = JSON.parse((await turkbench(dataDir, 'hits', 'list', '--json', '--limit', '100')).stdout) as unknown[];
    expect(hits).toHaveLength(14);
    const again = await turkbench(dataDir, 'local', 'demo', '--yes');
    expect(again.stdout).toContain('already there (14 HITs); nothing was added');
    expect((await turkbench(dataDir, 'local', 'info')).stdout).toMatch(/Simulated crowd: {3}120 workers/);
    expect(JSON.parse((await turkbench(dataDir, 'local', 'crowd', 'stop', '--json')).stdout)).toEqual({ crowd: null });
    expect((await turkbench(dataDir, 'local', 'info')).stdout).toContain('Simulated crowd:   none');
  });

  it('refuses the demo on any other connection, in the app\'s words', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-local-'));
    const sandbox = { id: 'sb', label: 'Lab sandbox', kind: 'sandbox', region: 'us-east-1', credentials: { type: 'env' } };
    const local = { id: 'local', label: 'Local MTurk', kind: 'local', region: 'us-east-1', credentials: { type: 'local' } };
    writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'sb', connections: [local, sandbox] }));
    const refused = await turkbench(dataDir, 'local', 'demo', '--yes');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('The demo account only goes into the built-in Local MTurk. "Lab sandbox" is an MTurk Sandbox connection');
  });
});
