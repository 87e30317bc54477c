import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/contract/jobs';
import {
  applyProgress,
  canResume,
  canRetryFailed,
  failureText,
  formatEta,
  indicatorText,
  problemsHeading,
  reconcileList,
  retryLabel,
  stateLabel,
  summarize,
} from '../../../renderer/src/features/jobs/jobs-model';

function job(id: string, patch: Partial<JobProgress> = {}): JobProgress {
  return {
    id, kind: 'extend-hit', label: `Extend ${id}`, connectionId: 'lab', state: 'running', total: 100, done: 0, failed: 0, unknown: 0,
    ratePerSecond: 0, etaSeconds: null, failures: [], startedAt: 1_000, finishedAt: null, ...patch,
  };
}
const failure = { target: 'HIT1', message: 'This HIT is not yours.', mturkCode: 'AWS.MechanicalTurk.HITDoesNotExist', unknown: false };

describe('the jobs list', () => {
  it('adds a new job and replaces a known one, running jobs first then newest', () => {
    let list = applyProgress([], job('old', { state: 'succeeded', startedAt: 1 }));
    list = applyProgress(list, job('new', { state: 'failed', startedAt: 5 }));
    list = applyProgress(list, job('run', { startedAt: 2 }));
    expect(list.map((j) => j.id)).toEqual(['run', 'new', 'old']);
    list = applyProgress(list, job('run', { done: 40, startedAt: 2 }));
    expect(list).toHaveLength(3);
    expect(list[0]!.done).toBe(40);
  });

  it('keeps the failures this window saw when the stored job comes back without them', () => {
    const seen = applyProgress([], job('a', { state: 'failed', failed: 1, failures: [failure] }));
    const refetched = reconcileList(seen, [job('a', { state: 'failed', failed: 1, failures: [] }), job('b', { state: 'succeeded' })]);
    expect(refetched.find((j) => j.id === 'a')!.failures).toEqual([failure]);
    expect(applyProgress(seen, job('a', { state: 'failed', failed: 1 })).find((j) => j.id === 'a')!.failures).toEqual([failure]);
  });
});

describe('the status bar indicator', () => {
  it('says how many jobs run and how far along they are together', () => {
    const summary = summarize([job('a', { total: 100, done: 50 }), job('b', { total: 100, done: 36 }), job('c', { state: 'succeeded', done: 100 })], new Set());
    expect(indicatorText(summary)).toBe('2 jobs · 43 %');
  });

  it('shows nothing when idle, and a warning for failures not yet seen and interrupted jobs', () => {
    expect(indicatorText(summarize([job('ok', { state: 'succeeded', done: 100 })], new Set()))).toBeNull();
    const failed = job('f', { state: 'failed', failed: 2, done: 100 });
    const interrupted = job('i', { state: 'interrupted', done: 10 });
    expect(indicatorText(summarize([failed, interrupted], new Set()))).toBe('2 jobs need attention');
    // Seeing the panel clears a failed job's warning, never an interrupted one's (it is still unfinished).
    expect(indicatorText(summarize([failed, interrupted], new Set(['f', 'i'])))).toBe('1 job needs attention');
  });
});

describe('what a job offers', () => {
  it('resumes interrupted and cancelled jobs, retries failed items of ended ones', () => {
    expect(canResume(job('a', { state: 'interrupted' }))).toBe(true);
    expect(canResume(job('a', { state: 'cancelled' }))).toBe(true);
    expect(canResume(job('a', { state: 'failed' }))).toBe(false);
    expect(canRetryFailed(job('a', { state: 'failed', failed: 3 }))).toBe(true);
    expect(canRetryFailed(job('a', { state: 'running', failed: 3 }))).toBe(false);
    expect(canRetryFailed(job('a', { state: 'failed', failed: 0, unknown: 2 }))).toBe(true);
    expect(canRetryFailed(job('a', { state: 'running', failed: 0, unknown: 2 }))).toBe(false);
    expect(canRetryFailed(job('a', { state: 'succeeded', failed: 0, unknown: 0 }))).toBe(false);
    expect(retryLabel(job('a', { state: 'failed', failed: 1, unknown: 2 }))).toBe('Retry failed');
    expect(retryLabel(job('a', { state: 'failed', failed: 0, unknown: 2 }))).toBe('Check with MTurk');
  });

  it('says a job with only lost answers is not known yet, not failed', () => {
    expect(stateLabel(job('a', { state: 'failed', failed: 0, unknown: 2 }))).toBe('Ended, not all known yet');
    expect(stateLabel(job('a', { state: 'failed', failed: 1, unknown: 2 }))).toBe('Finished with failures');
    expect(stateLabel(job('a', { state: 'succeeded' }))).toBe('Done');
    const lost = { ...failure, unknown: true };
    expect(problemsHeading([lost, lost], 2)).toBe('Not known yet (2)');
    expect(problemsHeading([failure, lost], 2)).toBe('What failed (2)');
    expect(problemsHeading([failure], 70)).toBe('What failed (latest 1 of 70; the Audit area has them all)');
  });

  it("names MTurk's answer, or that the outcome is still being checked", () => {
    expect(failureText(failure)).toBe('This HIT is not yours. (AWS.MechanicalTurk.HITDoesNotExist)');
    expect(failureText({ ...failure, unknown: true })).toBe('waiting to be checked with MTurk');
  });

  it('reads time left in the largest sensible unit', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(12)).toBe('12 s left');
    expect(formatEta(600)).toBe('10 min left');
    expect(formatEta(3_900)).toBe('1 h 5 min left');
  });
});
