import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../electron/core/app-core';
import { feedbackProblem, MAX_FEEDBACK_CHARS } from '../../../shared/domain/requester-feedback';
import { testAppCore } from '../../helpers/app-core';

describe('RequesterFeedback rules', () => {
  it('takes up to 1,024 characters, counting a multi-byte character once', () => {
    expect(feedbackProblem('👍'.repeat(MAX_FEEDBACK_CHARS))).toBeNull();
    expect(feedbackProblem('a'.repeat(MAX_FEEDBACK_CHARS + 1))).toBe('at most 1024 characters (this is 1025)');
    expect(feedbackProblem('')).toBeNull();
  });

  it('refuses ASCII 0–8, 11, 12 and 14–31 and allows tab and line breaks', () => {
    const refused = [...Array(32).keys()].filter((code) => feedbackProblem(`ok${String.fromCharCode(code)}`) !== null);
    expect(refused).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);
    expect(feedbackProblem('👍👍\u001b')).toBe('control character 27 at character 3 is not allowed (only tab and line breaks are)');
    expect(feedbackProblem('Line one\r\n\tLine two\u007f')).toBeNull();
  });
});

describe('review.* through dispatch', () => {
  let core: AppCore | null = null;
  afterEach(async () => {
    await core?.dispose();
    core = null;
  });

  it('refuses bad feedback naming the field, before any service is asked', async () => {
    core = testAppCore();
    const result = await core.dispatch('review.plan', { decisions: [{ assignmentId: 'A1', verdict: 'reject', feedback: 'no\u0000' }] });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', field: 'decisions.0.feedback', message: expect.stringContaining('control character 0') } });
    const drafts = await core.dispatch('review.setDrafts', { assignmentIds: ['A1'], verdict: 'reject', feedback: '  ' });
    expect(drafts).toMatchObject({ ok: false, error: { kind: 'validation', field: 'feedback', message: expect.stringContaining('a rejection needs feedback') } });
  });

  it('has an empty queue and no drafts before anything is archived', async () => {
    core = testAppCore();
    expect(await core.dispatch('review.queue', { limit: 10 })).toEqual({ ok: true, value: { rows: [], nextCursor: null, archived: false } });
    expect(await core.dispatch('review.draftCounts', {})).toEqual({ ok: true, value: { approve: 0, reject: 0 } });
    const plan = await core.dispatch('review.plan', {});
    expect(plan).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('sync first') } });
  });
});
