import { describe, expect, it } from 'vitest';
import { overrideOffer } from '../../../renderer/src/features/review/rejection-undo';

const DAY = 86_400_000;
const submitted = Date.UTC(2026, 10, 1, 12);
const rejected = { status: 'Rejected' as const, submitTime: submitted, overridableUntil: submitted + 30 * DAY };

describe('undoing a rejection', () => {
  it('is offered for a rejected assignment until 30 days after its submission', () => {
    expect(overrideOffer(rejected, submitted + 29 * DAY)).toEqual({ kind: 'available', until: submitted + 30 * DAY });
  });

  it('says why not once the 30 days are over, naming when they ended', () => {
    const offer = overrideOffer(rejected, submitted + 30 * DAY);
    expect(offer.kind).toBe('closed');
    expect(offer.kind === 'closed' && offer.reason).toMatch(/^MTurk lets a rejection be undone only within 30 days of submission; this work was submitted .+, so that ended .+\.$/);
  });

  it('says why not when the HIT is gone or the submission time is unknown', () => {
    expect(overrideOffer({ ...rejected, overridableUntil: null }, submitted)).toEqual({ kind: 'closed', reason: expect.stringContaining('no longer on MTurk') });
    expect(overrideOffer({ ...rejected, submitTime: null, overridableUntil: null }, submitted)).toEqual({ kind: 'closed', reason: expect.stringContaining('not archived') });
  });

  it('offers nothing for work that is not rejected', () => {
    for (const status of ['Submitted', 'Approved'] as const) expect(overrideOffer({ ...rejected, status }, submitted)).toEqual({ kind: 'none' });
  });
});
