import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { countsFor } from '../../../electron/archive/repos/counts';
import { listSyncRuns } from '../../../electron/archive/repos/sync';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { seedLocalMTurk } from '../../helpers/seed-local-mturk';
import { syncHarness } from '../../helpers/sync-harness';

const ROOT = join(__dirname, '..', '..', '..');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('a sync killed mid-way (SIGKILL: no cleanup at all)', () => {
  it('resumes from its checkpoint in the next process and ends with exactly what MTurk has', async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    await seedLocalMTurk(server, client, { hits: 150, assignmentsPerHit: 1, workers: 3 });
    const file = join(mkdtempSync(join(tmpdir(), 'tb-kill-')), 'archive.sqlite');

    // node itself with tsx as a loader: the tsx binary is a wrapper whose death would leave the real process syncing.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'sync-child.ts'), file, server.url, server.credentials.accessKeyId, server.credentials.secretAccessKey], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    // Read progress until well into the details phase; keep the pipe open so the child never sees EPIPE.
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (Number(/^hits-done (\d+)$/.exec(line)?.[1] ?? 0) >= 60) resolve();
      });
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const harness = syncHarness(file);
    cleanups.push(() => harness.close());
    const target = harness.target(server);
    const before = countsFor(harness.archive.read, target.archiveConnectionId).assignments;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(150);
    // The killed run never finished: the next start (a new sync service on the archive) says so instead of "Running".
    expect(listSyncRuns(harness.archive.read, target.archiveConnectionId)[0]?.status).toBe('interrupted');

    const final = await harness.run(target, 'full');
    expect(final).toMatchObject({ state: 'succeeded', resumed: true, hitsTotal: 150 });
    // It re-fetched only the HITs above the last checkpoint: fewer calls than the 2 per HIT a fresh sync needs.
    expect(target.gateway.stats().calls).toBeLessThan(2 * 150);
    expect(countsFor(harness.archive.read, target.archiveConnectionId)).toMatchObject({ hits: 150, assignments: 150, bonuses: 1 });
    expect(listSyncRuns(harness.archive.read, target.archiveConnectionId).map((run) => run.status)).toEqual(['succeeded', 'interrupted']);
  }, 60_000);
});
