import { appError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import type { Handler } from '../core/handlers';
import type { ActionJobs } from '../services/actions/action-jobs';
import type { JobRunner } from '../services/jobs/job-runner';
import type { Reconciler } from '../services/actions/reconciler';

export interface JobHandlerDeps {
  readonly runner: JobRunner;
  readonly actionJobs: ActionJobs;
  readonly reconcile: () => ReturnType<Reconciler['run']>;
  /** A sync resumes by syncing again: it continues from its own checkpoint. Returns the new sync's job id. */
  readonly resumeSync: (configId: string) => Promise<Result<string>>;
}

export function createJobHandlers({ runner, actionJobs, reconcile, resumeSync }: JobHandlerDeps) {
  const list: Handler<'jobs.list'> = async () => ok(runner.list());
  const cancel: Handler<'jobs.cancel'> = async ({ id }) => {
    const progress = runner.cancel(id);
    return progress ? ok(progress) : err(appError('not-found', 'That job is not running.'));
  };
  const resume: Handler<'jobs.resume'> = async ({ id }) => {
    const stored = runner.stored(id);
    if (stored?.kind !== 'sync') return actionJobs.resume(id);
    const started = await resumeSync(stored.configId);
    if (!started.ok) return started;
    const progress = runner.list().find((job) => job.id === started.value);
    return progress ? ok(progress) : err(appError('internal', 'The sync started but its job is not listed.'));
  };
  const retryFailed: Handler<'jobs.retryFailed'> = ({ id }) => actionJobs.retryFailed(id);
  const reconcileNow: Handler<'jobs.reconcile'> = () => reconcile();
  return { 'jobs.list': list, 'jobs.cancel': cancel, 'jobs.resume': resume, 'jobs.retryFailed': retryFailed, 'jobs.reconcile': reconcileNow } as const;
}
