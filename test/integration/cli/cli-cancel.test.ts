import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetHITCommand } from '@aws-sdk/client-mturk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'turkbench.mjs');
const HITS = 30;

let lab: TestServer;
let dataDir: string;
const hitIds: string[] = [];
const keys = (): Record<string, string> => ({ AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });
const turkbench = (...args: string[]): Promise<Ran> => runTurkbench(['--data-dir', dataDir, ...args], keys());

/** Runs the CLI and presses Ctrl-C once its stderr shows `when`. */
function interrupted(args: readonly string[], when: RegExp): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, ...args], { env: { ...process.env, ...keys() } });
    let stdout = '';
    let stderr = '';
    let pressed = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!pressed && when.test(stderr)) {
        pressed = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
  for (let i = 0; i < HITS; i++) hitIds.push((await createHit(lab.client, { MaxAssignments: 1, Title: `Slow ${i}` })).HITId!);
  dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-cancel-'));
  // Three calls a second: a 30-HIT job takes ten seconds, time enough to press Ctrl-C in the middle.
  expect((await turkbench('connections', 'add', '--name', 'Slow', '--endpoint', lab.server.url, '--requests-per-second', '3')).code).toBe(0);
  expect((await turkbench('connections', 'use', 'Slow')).code).toBe(0);
}, 60_000);
afterAll(() => lab.server.close());

describe('Ctrl-C in the CLI', { timeout: 90_000 }, () => {
  it('cancels a sync cleanly, keeping what it archived; the next sync finishes it', async () => {
    const cut = await interrupted(['sync', '--full'], /Syncing Slow: .*objects/);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('Cancelling the sync');
    expect(cut.stderr).toMatch(/The sync was cancelled after \d+ objects; what it archived is kept, and "turkbench sync" resumes where it stopped\./);
    expect((await turkbench('sync')).code).toBe(0);
    const listed = JSON.parse((await turkbench('hits', 'list', '--json', '--limit', '1000')).stdout) as unknown[];
    expect(listed).toHaveLength(HITS);
  });

  it('cancels a job as the app does; `jobs resume` finishes it and nothing is applied twice', async () => {
    const before = await Promise.all(hitIds.map(async (id) => (await lab.client.send(new GetHITCommand({ HITId: id }))).HIT!.Expiration!.getTime()));
    const cut = await interrupted(['hits', 'extend', '--by', '1d', ...hitIds, '--yes'], /Extend by 1 day · 30 HITs: [1-9]\d*\/30/);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('Cancelling: calls already sent finish first');
    const jobId = /finish it with: turkbench jobs resume (\S+)/.exec(cut.stderr)?.[1];
    expect(jobId, cut.stderr).toBeDefined();
    const resumed = await turkbench('jobs', 'resume', jobId!, '--yes');
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = await Promise.all(hitIds.map(async (id) => (await lab.client.send(new GetHITCommand({ HITId: id }))).HIT!.Expiration!.getTime()));
    expect(after.map((t, i) => t - before[i]!)).toEqual(Array(HITS).fill(86_400_000));
  });
});
