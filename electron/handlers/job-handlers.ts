import { appError } from '../../shared/errors';
import { err, ok } from '../../shared/result';
import type { Handler } from '../core/handlers';
import type { ActionJobs } from '../services/actions/action-jobs';
import type { JobRunner } from '../services/jobs/job-runner';
import type { Reconciler } from '../services/actions/reconciler';

export function createJobHandlers(runner: JobRunner, actionJobs: ActionJobs, reconcile: () => ReturnType<Reconciler['run']>) {
  const list: Handler<'jobs.list'> = async () => ok(runner.list());
  const cancel: Handler<'jobs.cancel'> = async ({ id }) => {
    const progress = runner.cancel(id);
    return progress ? ok(progress) : err(appError('not-found', 'That job is not running.'));
  };
  const resume: Handler<'jobs.resume'> = ({ id }) => actionJobs.resume(id);
  const retryFailed: Handler<'jobs.retryFailed'> = ({ id }) => actionJobs.retryFailed(id);
  const reconcileNow: Handler<'jobs.reconcile'> = () => reconcile();
  return { 'jobs.list': list, 'jobs.cancel': cancel, 'jobs.resume': resume, 'jobs.retryFailed': retryFailed, 'jobs.reconcile': reconcileNow } as const;
}
