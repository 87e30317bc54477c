import type { JobFailure, JobProgress, JobState } from '../../../../shared/contract/jobs';

/**
 * What the jobs indicator and panel show, as pure functions of the job list (unit-tested): how jobs merge as
 * progress arrives, what the status bar says, and how rates and times read.
 */

/** Running jobs first, then the newest. */
export function sortJobs(jobs: readonly JobProgress[]): JobProgress[] {
  return [...jobs].sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running') || b.startedAt - a.startedAt);
}

/**
 * A stored job comes back without its failures (the journal has them); the failures this window already saw for
 * the same job are kept rather than lost on a refetch.
 */
function withKnownFailures(next: JobProgress, known: JobProgress | undefined): JobProgress {
  return next.failures.length === 0 && known && known.failures.length > 0 ? { ...next, failures: known.failures } : next;
}

/** Folds one `job.progress` into the list (a new job is added, a known one replaced). */
export function applyProgress(jobs: readonly JobProgress[], progress: JobProgress): JobProgress[] {
  const known = jobs.find((job) => job.id === progress.id);
  return sortJobs([withKnownFailures(progress, known), ...jobs.filter((job) => job.id !== progress.id)]);
}

/** A fresh `jobs.list` answer, keeping the failures already known for its jobs. */
export function reconcileList(previous: readonly JobProgress[] | null, fetched: readonly JobProgress[]): JobProgress[] {
  const byId = new Map((previous ?? []).map((job) => [job.id, job]));
  return sortJobs(fetched.map((job) => withKnownFailures(job, byId.get(job.id))));
}

/** A job that ended with something for the requester to look at. */
export function needsAttention(job: JobProgress): boolean {
  return job.state === 'interrupted' || (job.state !== 'running' && job.failed + job.unknown > 0);
}

export interface JobsSummary {
  readonly running: number;
  /** Share of the running jobs' items finished, 0–100, rounded down (100 only when all are). */
  readonly percent: number;
  /** Ended jobs with failures, or interrupted ones, not yet seen in the panel. */
  readonly attention: number;
}

export function summarize(jobs: readonly JobProgress[], seen: ReadonlySet<string>): JobsSummary {
  const running = jobs.filter((job) => job.state === 'running');
  const total = running.reduce((sum, job) => sum + job.total, 0);
  const done = running.reduce((sum, job) => sum + Math.min(job.done, job.total), 0);
  return {
    running: running.length,
    percent: total === 0 ? 0 : Math.floor((done / total) * 100),
    attention: jobs.filter((job) => needsAttention(job) && (job.state === 'interrupted' || !seen.has(job.id))).length,
  };
}

/** The status bar's words; null when there is nothing to say (no job running, nothing to look at). */
export function indicatorText(summary: JobsSummary): string | null {
  if (summary.running > 0) return `${summary.running} ${summary.running === 1 ? 'job' : 'jobs'} · ${summary.percent} %`;
  if (summary.attention > 0) return `${summary.attention} ${summary.attention === 1 ? 'job needs' : 'jobs need'} attention`;
  return null;
}

export const STATE_LABELS: Readonly<Record<JobState, string>> = {
  running: 'Running',
  succeeded: 'Done',
  failed: 'Finished with failures',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** A job that ended with nothing refused, only answers lost, has not failed: it is not known yet. */
export function stateLabel(job: JobProgress): string {
  return job.state === 'failed' && job.failed === 0 && job.unknown > 0 ? 'Ended, not all known yet' : STATE_LABELS[job.state];
}

/** The heading of a job's problem list: what failed, or what is not known yet when nothing was refused. */
export function problemsHeading(failures: readonly JobFailure[], total: number): string {
  const what = failures.length > 0 && failures.every((failure) => failure.unknown) ? 'Not known yet' : 'What failed';
  return total === failures.length ? `${what} (${total})` : `${what} (latest ${failures.length} of ${total}; the Audit area has them all)`;
}

export function canResume(job: JobProgress): boolean {
  return job.state === 'interrupted' || job.state === 'cancelled';
}

/** An ended job with items that failed, or whose answers were lost (retrying asks MTurk about those first). */
export function canRetryFailed(job: JobProgress): boolean {
  return job.state !== 'running' && job.failed + job.unknown > 0;
}

/** Only lost answers left: the button asks MTurk, and sends again only what MTurk says it did not do. */
export function retryLabel(job: JobProgress): string {
  return job.failed > 0 ? 'Retry failed' : 'Check with MTurk';
}

export function formatRate(perSecond: number): string {
  if (perSecond <= 0) return '';
  return perSecond >= 10 ? `${Math.round(perSecond)}/s` : `${perSecond.toFixed(1)}/s`;
}

export function formatEta(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** One failure in a line: MTurk's words, its code, or that the answer is still being checked. */
export function failureText(failure: JobFailure): string {
  if (failure.unknown) return 'waiting to be checked with MTurk';
  return failure.mturkCode ? `${failure.message} (${failure.mturkCode})` : failure.message;
}
