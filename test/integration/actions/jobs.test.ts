import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/contract/jobs';
import { startLocalMTurk } from '../../../local-mturk/src/index';
import { clientFor } from '../../../local-mturk/test/helpers';
import { seedLocalMTurk } from '../../helpers/seed-local-mturk';
import { workbenchFor } from './workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function seededBench(requestsPerSecond?: number) {
  const server = await startLocalMTurk({ port: 0 });
  cleanups.push(() => server.close());
  await seedLocalMTurk(server, clientFor(server), { hits: 12, assignmentsPerHit: 1, workers: 2 });
  const bench = workbenchFor(server, { requestsPerSecond });
  cleanups.push(() => bench.dispose());
  const progress: JobProgress[] = [];
  bench.events.subscribe((name, payload) => name === 'job.progress' && progress.push(payload as JobProgress));
  return { bench, progress };
}

describe('syncs run as jobs', () => {
  it('appear in the jobs list with their progress and end succeeded', async () => {
    const { bench, progress } = await seededBench();
    const started = await bench.archive.startSync('full');
    if (!started.ok) throw new Error(started.error.message);
    const final = await bench.jobs.whenDone(started.value.jobId);
    expect(final).toMatchObject({ kind: 'sync', state: 'succeeded', label: 'Full sync of Lab', done: 12, total: 12 });
    expect(progress.some((p) => p.id === started.value.jobId && p.state === 'running')).toBe(true);
    expect(bench.jobs.list()[0]).toMatchObject({ id: started.value.jobId, state: 'succeeded' });
  });

  it('are cancelled from the jobs panel like any job, and the sync itself stops', async () => {
    const { bench } = await seededBench(4);
    const started = await bench.archive.startSync('full');
    if (!started.ok) throw new Error(started.error.message);
    expect(bench.jobs.cancel(started.value.jobId)).toMatchObject({ state: 'running' });
    expect(await bench.sync.whenDone('lab')).toMatchObject({ state: 'cancelled' });
    expect(await bench.jobs.whenDone(started.value.jobId)).toMatchObject({ state: 'cancelled' });
  });
});
