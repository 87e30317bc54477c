import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { listBatchHits } from '../../../electron/archive/repos/batches';
import { listUnfinished } from '../../../electron/archive/repos/journal';
import { readBatchTag } from '../../../electron/services/actions/batch-actions';
import { listAllHits, startTestServer } from '../../../local-mturk/test/helpers';
import { workbenchFor } from '../actions/workbench';
import { sentenceBatch } from './batch-folders';

const ROOT = join(__dirname, '..', '..', '..');
const ROWS = 300;
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('a batch launch killed mid-way (SIGKILL), twice', () => {
  it('resumes each time and ends with exactly one HIT per row', { timeout: 180_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-launch-kill-'));
    const folder = sentenceBatch(ROWS, { MaxAssignments: 1 });
    const env = { ...process.env, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey };

    /** Runs the launch in a child and kills it once `done` reaches `killAt`. */
    const launchAndKill = async (killAt: number): Promise<void> => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'launch-child.ts'), dataDir, server.url, folder], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (Number(/^done (\d+)$/.exec(line)?.[1] ?? 0) >= killAt) resolve();
        });
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    };

    await launchAndKill(40);
    await launchAndKill(150);

    const bench = workbenchFor(server, { dataDir });
    cleanups.push(() => bench.dispose());
    bench.actionJobs.markInterrupted(Date.now());
    const resumed = await bench.batches.launch(folder);
    if (!resumed.ok) throw new Error(resumed.error.message);
    expect(resumed.value.resumed).toBe(true);
    expect(await bench.jobs.whenDone(resumed.value.job.id)).toMatchObject({ state: 'succeeded', failed: 0, unknown: 0 });

    const hits = await listAllHits(client);
    const rows = hits.map((h) => readBatchTag(h.RequesterAnnotation ?? '')!.rowNumber);
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows).size).toBe(ROWS);
    expect(listBatchHits(bench.archiveDb.read, resumed.value.batchId).filter((h) => h.hitId === null)).toEqual([]);
    expect(listUnfinished(bench.archiveDb.read, bench.contexts.active().archiveId!)).toEqual([]);
  });
});
