import { ListHITsCommand, ListWorkersWithQualificationTypeCommand, type HIT, type ListWorkersWithQualificationTypeCommandOutput } from '@aws-sdk/client-mturk';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { batchSubmitters, getBatch, listBatchHits } from '../../../electron/archive/repos/batches';
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

describe('a batch run step killed mid-way (SIGKILL)', () => {
  it.each([
    ['granting exclusions', 'grant-qualification'],
    ['publishing sub-HITs', 'create-hit'],
  ])('killed while %s: the next step settles it, every submitter excluded once, each part published once', { timeout: 180_000 }, async (_what, killKind) => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-run-kill-'));
    const env = { ...process.env, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey };
    const rows = 40;
    const launching = workbenchFor(server, { dataDir });
    const launched = await launching.batches.launch(sentenceBatch(rows, { MaxAssignments: 18, microBatching: true }));
    if (!launched.ok) throw new Error(launched.error.message);
    await launching.jobs.whenDone(launched.value.job.id);
    await launching.dispose();
    const { batchId } = launched.value;
    await server.control.simulate({ workers: 600, seed: 8, until: 'done' });

    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'run-child.ts'), dataDir, server.url, batchId], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const [kind, done] = line.split(' ');
        if (kind === killKind && Number(done) >= 10) resolve();
      });
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const bench = workbenchFor(server, { dataDir });
    cleanups.push(() => bench.dispose());
    bench.actionJobs.markInterrupted(Date.now());
    const step = await bench.batchRunner.step(batchId);
    if (!step.ok) throw new Error(step.error.message);
    expect(step.value).toMatchObject({ unpublished: 0 });
    expect(step.value.jobs.every((job) => job.state === 'succeeded')).toBe(true);

    const hits: HIT[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListHITsCommand({ MaxResults: 100, NextToken: token }));
      hits.push(...(page.HITs ?? []));
      token = page.NextToken;
    } while (token);
    const tags = hits.map((h) => readBatchTag(h.RequesterAnnotation ?? '')!).map((t) => `${t.rowNumber}.${t.part}`);
    expect(tags).toHaveLength(rows * 2);
    expect(new Set(tags).size).toBe(rows * 2);
    const batch = getBatch(bench.archiveDb.read, batchId)!;
    const excluded: string[] = [];
    token = undefined;
    do {
      const page: ListWorkersWithQualificationTypeCommandOutput = await client.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: batch.exclusionTypeId!, MaxResults: 100, NextToken: token }));
      excluded.push(...(page.Qualifications ?? []).map((q) => q.WorkerId!));
      token = page.NextToken;
    } while (token);
    expect(new Set(excluded)).toEqual(new Set(batchSubmitters(bench.archiveDb.read, batchId)));
    expect(excluded.length).toBeGreaterThan(rows);
    expect(listBatchHits(bench.archiveDb.read, batchId).filter((h) => h.hitId === null)).toEqual([]);
    expect(listUnfinished(bench.archiveDb.read, bench.contexts.active().archiveId!)).toEqual([]);
  });
});
