import { describe, expect, it } from 'vitest';
import { describeJob } from '../../../cli/verbs/jobs-progress';
import type { JobProgress } from '../../../shared/contract/jobs';

const job = (patch: Partial<JobProgress>): JobProgress => ({
  id: 'job-1', kind: 'extend-hit', label: 'Extend 3 HITs', connectionId: 'lab', state: 'failed', total: 3, done: 3, failed: 0, unknown: 0,
  ratePerSecond: 0, etaSeconds: null, failures: [], startedAt: 0, finishedAt: 1, ...patch,
});

describe('a finished job as the CLI prints it', () => {
  it('names the command that retries the failed items', () => {
    const text = describeJob(job({ failed: 1, failures: [{ target: '3HIT', message: 'This HIT is not yours.', mturkCode: 'AWS.MechanicalTurk.HITDoesNotExist', unknown: false }] }));
    expect(text.split('\n')).toEqual([
      'Extend 3 HITs: failed — 2 done, 1 failed, 0 unknown, of 3.',
      '  3HIT: This HIT is not yours. (AWS.MechanicalTurk.HITDoesNotExist)',
      'Retry the failed ones with: turkbench jobs retry job-1',
    ]);
  });

  it('with only lost answers left, says the same command asks MTurk and sends nothing it did again', () => {
    const text = describeJob(job({ unknown: 1, failures: [{ target: '3HIT', message: 'lost', mturkCode: null, unknown: true }] }));
    expect(text.split('\n')).toEqual([
      'Extend 3 HITs: failed — 2 done, 0 failed, 1 unknown, of 3.',
      '  3HIT: not known yet whether MTurk applied it (`jobs retry` asks MTurk)',
      'Ask MTurk about the unknown ones (nothing it did is sent again) with: turkbench jobs retry job-1',
    ]);
  });
});
