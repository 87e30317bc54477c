import { describe, expect, it } from 'vitest';
import type { DemoFillResult } from '../../../shared/contract/local-mturk';
import { describeDemoResult } from '../../../renderer/src/features/built-in/demo-result';

const created: DemoFillResult = {
  alreadyThere: false,
  hits: 14,
  batches: [
    { title: 'Label the road sign in a photo (1 image)', hits: 12 },
    { title: 'Short survey about your online shopping habits (about 3 minutes)', hits: 1 },
    { title: 'Transport study: how do you get to work? (3–4 minutes)', hits: 1 },
  ],
  qualificationTypes: 2,
  workers: 30,
  submitted: 58,
  approved: 16,
  rejected: 1,
  syncJobId: 'job-1',
  crowd: { workers: 120, speed: 1 },
};

describe('describeDemoResult', () => {
  it('counts the HITs by kind, not as batches (the Batches area lists only launched or imported folders)', () => {
    const text = describeDemoResult(created);
    expect(text).toContain('14 HITs of 3 kinds and 2 qualification types');
    expect(text).not.toMatch(/batch/i);
    expect(text).toContain('the crowd submitted 58 assignments');
    expect(text).toContain('Syncing it into the archive…');
    expect(text).toContain('120 simulated workers keep working');
  });

  it('says nothing was added when the demo is there, and asks for a sync when none was started', () => {
    expect(describeDemoResult({ ...created, alreadyThere: true, syncJobId: null, crowd: null })).toBe(
      'The demo account is already there (14 HITs); nothing was added. Sync the archive to see it.',
    );
  });
});
