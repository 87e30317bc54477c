import { describe, expect, it } from 'vitest';
import type { CompensationPlan } from '../../../shared/contract/compensation';
import { planLines, readForm } from '../../../renderer/src/features/bonuses/compensation-form';

const form = { workers: 'A1B2, a3b4\nA1B2', amount: ' 1.50 ', reason: ' Broken link ', message: '' };

describe('the compensation form', () => {
  it('reads pasted ids in any separator (upper-cased, once each) and leaves out an empty message', () => {
    expect(readForm(form)).toEqual({ ok: true, input: { workerIds: ['A1B2', 'A3B4'], amount: '1.50', reason: 'Broken link' } });
    expect(readForm({ ...form, message: ' Sorry ' })).toMatchObject({ ok: true, input: { message: 'Sorry' } });
  });

  it('names each problem by field', () => {
    expect(readForm({ workers: 'A1, not-an-id', amount: '1,50', reason: '', message: '' })).toEqual({
      ok: false,
      problems: { workers: 'Not a worker id: "NOT-AN-ID" (capital letters and digits).', amount: '"1,50" uses a decimal comma; write 1.50.', reason: 'Say why: the workers read it.' },
    });
    expect(readForm({ ...form, workers: '  ' })).toMatchObject({ ok: false, problems: { workers: 'Name at least one worker.' } });
    expect(readForm({ ...form, workers: Array.from({ length: 101 }, (_, i) => `W${i}`).join(',') })).toMatchObject({ ok: false, problems: { workers: 'At most 100 workers in one compensation.' } });
  });

  it('spells out the cost and the balance, and says when a compensation made before costs nothing new', () => {
    const plan: CompensationPlan = {
      compensationId: 'c1', workerIds: ['A1', 'A2'], amountCents: 150, rewardsCents: 300, feesCents: 60, totalCents: 360,
      balance: { availableCents: 300, afterCents: -60 }, connection: { label: 'Lab', production: false }, typeToConfirm: null, existing: null,
    };
    expect(planLines(plan)).toEqual({ cost: '2 × $1.50 = $3.00 + $0.60 MTurk fee = $3.60', balance: 'Balance $3.00 now → -$0.60 after', short: true });
    const again = planLines({ ...plan, totalCents: 0, balance: null, existing: { id: 'c1', configId: 'lab', amountCents: 150, reason: 'x', message: null, qualificationTypeId: 'Q', hitId: 'H', workers: [], createdAt: 0 } });
    expect(again).toEqual({ cost: 'Made before: its HIT exists, so nothing new is paid for; only missing steps and approvals are done.', balance: null, short: false });
  });
});
