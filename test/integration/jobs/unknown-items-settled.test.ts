/**
 * A job item whose answer was lost and could not be checked ends its job as unknown (the job fails). When a later
 * reconciliation finds out what happened, the job's counts and state follow: the Jobs panel must not keep saying
 * "failed" about work MTurk did.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/contract/jobs';
import { appError, type AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../../electron/archive/connection';
import { upsertHits, type HitRecord } from '../../../electron/archive/repos/hits';
import { EventBus } from '../../../electron/core/event-bus';
import { JournaledExecutor } from '../../../electron/services/actions/journaled-executor';
import { actionRegistry } from '../../../electron/services/actions/registry';
import { JobRunner } from '../../../electron/services/jobs/job-runner';
import type { Hit, MTurkGateway } from '../../../electron/mturk/types';
import { memoryLogger } from '../../helpers/memory-log';
import { openTestArchive, T0 } from '../archive/fixtures';

const LATER = T0 + 3 * 86_400_000;
const archives: ArchiveDb[] = [];
afterEach(() => archives.splice(0).forEach((archive) => archive.close()));

/** One HIT on a fake MTurk: the extension lands and its answer is lost; whether MTurk can be asked is up to the test. */
function mturk() {
  const hit = { hitId: 'HIT1', expiration: T0 + 3_600_000, maxAssignments: 3, hitTypeId: 'T1', status: 'Assignable' } as Hit;
  const state = { reachable: false, applies: true };
  const gateway = {
    updateExpirationForHit: async (_id: string, expireAt: number): Promise<Result<void>> => {
      if (state.applies) (hit as { expiration: number }).expiration = expireAt;
      return err({ ...appError('network', 'socket hang up'), delivery: 'maybe-executed' } as AppError);
    },
    getHit: async (): Promise<Result<Hit>> =>
      state.reachable ? ok({ ...hit }) : err({ ...appError('network', 'still down'), delivery: 'not-sent' } as AppError),
  } as unknown as MTurkGateway;
  return { gateway, state };
}

function workbench() {
  const { archive, connectionId } = openTestArchive();
  archives.push(archive);
  upsertHits(archive.write, connectionId, [{ hitId: 'HIT1', hitTypeId: 'T1', title: 'T', description: 'D', rewardCents: 10, maxAssignments: 3, assignmentDurationSeconds: 60, autoApprovalDelaySeconds: 60, creationTime: T0 - 1000, expiration: T0 + 3_600_000, status: 'Assignable', qualificationRequirements: [] } as unknown as HitRecord], T0);
  const events = new EventBus();
  const reported: JobProgress[] = [];
  events.subscribe((name, payload) => name === 'job.progress' && reported.push(payload as JobProgress));
  const log = memoryLogger().log;
  const jobs = new JobRunner({ archive, events, log, now: () => T0, newId: () => 'job-1' });
  // Wired as electron/core/services.ts wires them.
  const told: string[] = [];
  const executor = new JournaledExecutor({
    archive, events, log, now: () => T0, definitions: actionRegistry(),
    onJobItemSettled: (jobId, outcome) => {
      told.push(`${jobId}:${outcome}`);
      jobs.settleUnknownItem(jobId, outcome);
    },
  });
  const { gateway, state } = mturk();
  const reconcile = () => executor.reconcile({ configId: 'lab', archiveConnectionId: connectionId, gateway });
  /** A one-item job that extends the HIT; it ends when `finish` is called (right away by default). */
  const startJob = (finish: Promise<void> = Promise.resolve()) =>
    jobs.start({
      kind: 'manage-hits', label: 'Extend 1 HIT', configId: 'lab', archiveConnectionId: connectionId, total: 1, params: {},
      run: async (context) => {
        const outcome = await executor.execute({ configId: 'lab', archiveConnectionId: connectionId, gateway, kind: 'extend-hit', request: { hitId: 'HIT1', expireAt: LATER }, token: 't1', costCents: null, jobId: context.jobId, lane: 'bulk' });
        if (outcome.state === 'confirmed') context.succeeded();
        else context.failed('HIT1', outcome.error, outcome.state === 'unknown');
        await finish;
      },
    });
  return { jobs, state, reconcile, startJob, reported, told };
}

describe('a job item settled after its job ended unknown', () => {
  it('found applied: the stored job no longer counts it, and succeeds', async () => {
    const { jobs, state, reconcile, startJob, reported } = workbench();
    startJob();
    expect(await jobs.whenDone('job-1')).toMatchObject({ state: 'failed', unknown: 1 });
    expect(jobs.stored('job-1')).toMatchObject({ state: 'failed', failed: 1 });

    state.reachable = true;
    expect((await reconcile()).map((o) => o.state)).toEqual(['confirmed']);
    expect(jobs.stored('job-1')).toMatchObject({ state: 'succeeded', failed: 0, done: 1 });
    expect(reported.at(-1)).toMatchObject({ id: 'job-1', state: 'succeeded', failed: 0 });
    expect(await jobs.whenDone('job-1')).toMatchObject({ state: 'succeeded', failed: 0 });
  });

  it('found not applied: the job stays failed with the item counted once', async () => {
    const { jobs, state, reconcile, startJob, reported } = workbench();
    state.applies = false;
    startJob();
    await jobs.whenDone('job-1');
    state.reachable = true;
    expect((await reconcile()).map((o) => o.state)).toEqual(['failed']);
    expect(jobs.stored('job-1')).toMatchObject({ state: 'failed', failed: 1 });
    // Read back, it is now a failure rather than a lost answer, and the panel heard so.
    expect(await jobs.whenDone('job-1')).toMatchObject({ state: 'failed', failed: 1, unknown: 0 });
    expect(reported.at(-1)).toMatchObject({ id: 'job-1', failed: 1, unknown: 0 });
  });

  it('read back before it is settled, still says unknown rather than failed', async () => {
    const { jobs, startJob } = workbench();
    startJob();
    await jobs.whenDone('job-1');
    expect(jobs.list().find((job) => job.id === 'job-1')).toMatchObject({ state: 'failed', failed: 0, unknown: 1 });
  });

  it('asked about twice at once (two reconciliations): MTurk is asked once and the job hears once', async () => {
    const { jobs, state, reconcile, startJob, told } = workbench();
    startJob();
    await jobs.whenDone('job-1');
    state.reachable = true;
    const [first, second] = await Promise.all([reconcile(), reconcile()]);
    expect([...first, ...second].map((o) => o.state)).toEqual(['confirmed', 'confirmed']);
    expect(told).toEqual(['job-1:confirmed']);
    expect(jobs.stored('job-1')).toMatchObject({ state: 'succeeded', failed: 0 });
  });

  it('settled while its job still runs: the live counts follow, and the job ends as a success', async () => {
    const { jobs, state, reconcile, startJob, reported } = workbench();
    let end: () => void = () => undefined;
    startJob(new Promise<void>((resolve) => (end = resolve)));
    await expect.poll(() => reported.at(-1)?.unknown).toBe(1);

    state.reachable = true;
    await reconcile();
    expect(reported.at(-1)).toMatchObject({ state: 'running', unknown: 0, failed: 0 });
    end();
    expect(await jobs.whenDone('job-1')).toMatchObject({ state: 'succeeded', unknown: 0 });
  });

  it('is left alone when still unknown', async () => {
    const { jobs, reconcile, startJob } = workbench();
    startJob();
    await jobs.whenDone('job-1');
    expect((await reconcile()).map((o) => o.state)).toEqual(['unknown']);
    expect(jobs.stored('job-1')).toMatchObject({ state: 'failed', failed: 1 });
  });
});
