import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';
import { parseCsv } from '../../../shared/domain/csv';
import { startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { sentenceBatch } from '../batches/batch-folders';

let lab: TestServer;

const labKeys = (): Record<string, string> => ({ AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });
const turkbench = (dataDir: string, ...args: string[]): Promise<Ran> => runTurkbench(['--data-dir', dataDir, ...args], labKeys());

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
});
afterAll(() => lab.server.close());

describe('turkbench batch run | results | pause | resume', { timeout: 120_000 }, () => {
  it('runs a micro-batched batch to the end, exports its results, and pauses and resumes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-run-'));
    expect((await turkbench(dataDir, 'connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100')).code).toBe(0);
    expect((await turkbench(dataDir, 'connections', 'use', 'Lab')).code).toBe(0);
    const folder = sentenceBatch(1, { MaxAssignments: 12, microBatching: true });

    const launched = await turkbench(dataDir, 'batch', 'launch', folder, '--yes', '--json');
    expect(launched.code).toBe(0);
    const { batchId } = JSON.parse(launched.stdout) as { batchId: string };
    expect(launched.stderr).toContain('2 HITs, 12 assignments');
    expect(launched.stderr).toContain('Micro-batched: each row as sub-HITs of 6 + 6 assignments');
    const status = await turkbench(dataDir, 'batch', 'status', batchId);
    expect(status.stdout).toContain(`1 of 2 HITs created`);
    expect(status.stdout).toContain(`turkbench batch run ${batchId}`);

    const nothingYet = await turkbench(dataDir, 'batch', 'results', batchId, '--out', join(dataDir, 'r.csv'));
    expect(nothingYet).toMatchObject({ code: 1, stderr: expect.stringContaining('sync first') });

    let done = false;
    for (let round = 0; round < 5 && !done; round++) {
      await lab.server.control.simulate({ workers: 60, seed: 2, until: 'done' });
      const step = await turkbench(dataDir, 'batch', 'run', batchId, '--once', '--json');
      expect(step.stderr).toBe("");
      expect(step.code).toBe(0);
      done = (JSON.parse(step.stdout) as { done: boolean }).done;
    }
    expect(done).toBe(true);

    const out = join(dataDir, 'results.csv');
    const results = await turkbench(dataDir, 'batch', 'results', batchId, '--out', out);
    expect(results).toMatchObject({ code: 0, stdout: expect.stringContaining(`Wrote 12 assignments of batch ${batchId}`) });
    const parsed = parseCsv(readFileSync(out, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [header, ...rows] = parsed.value.records.map((r) => r.cells);
    expect(header).toEqual(expect.arrayContaining(['Input.sentence', 'Answer.rating']));
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r[header!.indexOf('WorkerId')])).size).toBe(12);
    expect(rows.every((r) => r[header!.indexOf('Input.sentence')] === 'Sentence number 1 <b>')).toBe(true);

    const paused = await turkbench(dataDir, 'batch', 'pause', batchId, '--yes');
    expect(paused).toMatchObject({ code: 0, stdout: expect.stringMatching(/Expire now · \d HITs?: succeeded/) });
    const resumed = await turkbench(dataDir, 'batch', 'resume', batchId, '--yes');
    // Every sub-HIT is full: nothing to reopen, the batch is simply no longer paused.
    expect(resumed).toMatchObject({ code: 0, stdout: expect.stringContaining('none of its HITs needed reopening') });
    expect(await turkbench(dataDir, 'batch', 'run', 'bnope', '--once')).toMatchObject({ code: 1, stderr: expect.stringContaining('No batch bnope') });
  });
});
