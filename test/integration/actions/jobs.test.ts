import { CreateQualificationTypeCommand, DisassociateQualificationFromWorkerCommand, GetQualificationScoreCommand } from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/contract/jobs';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { clientFor } from '../../../local-mturk/test/helpers';
import { startLossyProxy } from '../../helpers/lossy-proxy';
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

describe('retrying a job whose answers were lost', () => {
  /** A grant job of three workers in which the first worker's answer is lost, and MTurk cannot be asked about it while `asking` is off. */
  async function grantWithLostAnswer() {
    const server = await startLocalMTurk({ port: 0 });
    cleanups.push(() => server.close());
    const workers = [0, 1, 2].map(() => server.control.createWorker().workerId);
    const { QualificationType } = await clientFor(server).send(new CreateQualificationTypeCommand({ Name: 'Careful', Description: 'Scored by the lab', QualificationTypeStatus: 'Active' }));
    const typeId = QualificationType!.QualificationTypeId!;
    const state = { asking: false, grantsSent: 0 };
    const proxy = await startLossyProxy(server.url, (request) => {
      if (request.operation === 'GetQualificationScore') return state.asking ? 'answer' : 'lose-answer';
      if (request.operation !== 'AssociateQualificationWithWorker') return 'answer';
      state.grantsSent += 1;
      return request.body.WorkerId === workers[0] && state.grantsSent <= 3 ? 'lose-answer' : 'answer';
    });
    cleanups.push(() => proxy.close());
    const bench = workbenchFor({ ...server, url: proxy.url } as LocalMTurk);
    cleanups.push(() => bench.dispose());
    const started = await bench.qualifications.grant({ qualificationTypeId: typeId, workers: workers.map((workerId) => ({ workerId, score: 5 })) });
    if (!started.ok) throw new Error(started.error.message);
    const final = await bench.jobs.whenDone(started.value.id);
    expect(final).toMatchObject({ state: 'failed', failed: 0, unknown: 1 });
    expect(state.grantsSent).toBe(3);
    return { server, bench, job: final!, workers, typeId, state };
  }

  it('asks MTurk first: a lost grant it finds applied makes the job succeed, and nothing is sent again', { timeout: 30_000 }, async () => {
    const { bench, job, state } = await grantWithLostAnswer();
    // Read back from the archive (as after a restart), the job still tells the lost answer from a failure.
    expect(bench.jobs.list().find((j) => j.id === job.id)).toMatchObject({ state: 'failed', failed: 0, unknown: 1 });
    state.asking = true;
    const retried = await bench.actionJobs.retryFailed(job.id);
    expect(retried).toMatchObject({ ok: true, value: { id: job.id, state: 'succeeded' } });
    expect(state.grantsSent).toBe(3);
    expect(bench.jobs.list().find((j) => j.id === job.id)).toMatchObject({ state: 'succeeded' });
  });

  it('sends again only what MTurk says it did not apply', { timeout: 30_000 }, async () => {
    const { server, bench, job, workers, typeId, state } = await grantWithLostAnswer();
    await clientFor(server).send(new DisassociateQualificationFromWorkerCommand({ QualificationTypeId: typeId, WorkerId: workers[0] }));
    state.asking = true;
    const retried = await bench.actionJobs.retryFailed(job.id);
    if (!retried.ok) throw new Error(retried.error.message);
    expect(retried.value.id).not.toBe(job.id);
    expect(await bench.jobs.whenDone(retried.value.id)).toMatchObject({ state: 'succeeded', total: 1, done: 1 });
    expect(state.grantsSent).toBe(4);
    const { Qualification } = await clientFor(server).send(new GetQualificationScoreCommand({ QualificationTypeId: typeId, WorkerId: workers[0] }));
    expect(Qualification?.IntegerValue).toBe(5);
  });

  it('sends nothing while MTurk cannot be asked, and says so', { timeout: 30_000 }, async () => {
    const { bench, job, state } = await grantWithLostAnswer();
    const retried = await bench.actionJobs.retryFailed(job.id);
    expect(retried).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringMatching(/could not say whether one item .* took effect, so nothing was sent again/) } });
    expect(state.grantsSent).toBe(3);
  });
});
