import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobProgress } from '../../../shared/contract/jobs';
import { EventBus } from '../../../electron/core/event-bus';
import { JobRunner } from '../../../electron/services/jobs/job-runner';
import { memoryLogger } from '../../helpers/memory-log';
import { openTestArchive, T0 } from '../archive/fixtures';

afterEach(() => {
  vi.useRealTimers();
});

/** A runner on a hand-moved clock, and a job whose items finish when the test says. */
function runnerWithJob() {
  vi.useFakeTimers();
  const { archive, connectionId } = openTestArchive();
  const events = new EventBus();
  const reported: JobProgress[] = [];
  events.subscribe((name, payload) => {
    if (name === 'job.progress') reported.push(payload as JobProgress);
  });
  const clock = { now: T0 };
  const runner = new JobRunner({ archive, events, log: memoryLogger().log, now: () => clock.now, newId: () => 'job-1' });
  let finishItem: () => void = () => undefined;
  let end: () => void = () => undefined;
  runner.start({
    kind: 'test', label: 'Ten items', configId: 'lab', archiveConnectionId: connectionId, total: 10, params: {},
    run: (context) => {
      finishItem = () => context.succeeded();
      return new Promise<void>((resolve) => (end = resolve));
    },
  });
  const advance = (ms: number): void => {
    clock.now += ms;
    vi.advanceTimersByTime(ms);
  };
  return { runner, reported, advance, finishItem: () => finishItem(), end: () => end(), stored: () => runner.stored('job-1') };
}

describe('job progress reports', () => {
  it('reports the last of a burst of updates once its interval is over, in the event and in the stored row', () => {
    const { reported, advance, finishItem, stored } = runnerWithJob();
    advance(1_000);
    finishItem();
    advance(10);
    finishItem();
    advance(10);
    finishItem();
    expect(reported.map((p) => p.done)).toEqual([0, 1]);
    // The job now waits (MTurk is slow, or the app is about to crash): the bar and the row must say 3, not 1.
    advance(250);
    expect(reported.map((p) => p.done)).toEqual([0, 1, 3]);
    // The row is written at most every 2 s (it holds the job's parameters): two seconds after the last write it says 3.
    expect(stored()?.done).toBe(0);
    advance(750);
    expect(stored()?.done).toBe(3);
    advance(5_000);
    expect(reported).toHaveLength(3);
    expect(stored()?.done).toBe(3);
  });

  it('owes nothing once the job has ended', async () => {
    const { runner, reported, advance, finishItem, end } = runnerWithJob();
    advance(1_000);
    finishItem();
    finishItem();
    end();
    await runner.whenDone('job-1');
    const final = reported.at(-1)!;
    expect(final).toMatchObject({ state: 'succeeded', done: 2 });
    advance(5_000);
    expect(reported.at(-1)).toBe(final);
  });
});
