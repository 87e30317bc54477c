import { z } from 'zod';
import { event, method } from './define';

export type JobState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** One object a job could not act on, with MTurk's own words. */
export interface JobFailure {
  readonly target: string;
  readonly message: string;
  readonly mturkCode: string | null;
  /** The answer was lost and MTurk could not be asked yet: not a failure, not a success. */
  readonly unknown: boolean;
}

/** Everything a progress bar and the jobs panel need; emitted as a job moves, and once when it ends. */
export interface JobProgress {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  /** The app connection the job acts on. */
  readonly connectionId: string;
  readonly state: JobState;
  readonly total: number;
  /** Items finished, successfully or not. */
  readonly done: number;
  readonly failed: number;
  readonly unknown: number;
  /** Items per second over the last few seconds. */
  readonly ratePerSecond: number;
  readonly etaSeconds: number | null;
  /** The most recent failures (at most 50); the audit view has them all. */
  readonly failures: readonly JobFailure[];
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

/** What a reconciliation settled. */
export interface ReconcileSummary {
  readonly checked: number;
  readonly confirmed: number;
  readonly failed: number;
  /** MTurk still could not say: checked again next time. */
  readonly unknown: number;
}

const jobId = z.object({ id: z.string().trim().min(1).max(128) }).strict();

export const jobMethods = {
  'jobs.list': method<readonly JobProgress[]>()(z.undefined().optional(), 'Running jobs, then recent and unfinished ones, newest first.'),
  'jobs.cancel': method<JobProgress>()(jobId, 'Stops a running job after the calls already sent; it can be resumed.'),
  'jobs.resume': method<JobProgress>()(jobId, 'Finishes a job that a crash, quit or cancel left unfinished; nothing done is done again.'),
  'jobs.retryFailed': method<JobProgress>()(jobId, "Asks MTurk about a finished job's lost answers, then runs its failed items again as a new job; returns the job itself, now done, when MTurk had applied everything."),
  'jobs.reconcile': method<ReconcileSummary>()(
    z.undefined().optional(),
    "Asks MTurk what became of the active connection's calls whose answers were lost; sends nothing new.",
  ),
} as const;

export const jobEvents = {
  'job.progress': event<JobProgress>('A job moved, started or ended.'),
} as const;
