import { describe, expect, it } from 'vitest';
import { batchChangeConfirmable, batchChangeConfirmLabel, batchChangeFrom } from '../../../renderer/src/features/batches/batch-change-model';

const planned = (ready: number, totalCents: number | null) => ({
  ready: Array.from({ length: ready }, (_, i) => ({ hitId: `H${i}`, title: 'T', detail: '', costCents: 0 })),
  cost: totalCents === null ? null : { rewardsCents: 0, feesCents: 0, totalCents },
});

describe('the batch page’s pause, resume and add assignments', () => {
  it('sends pause and resume as they are, and adds only a whole count of at least one', () => {
    expect(batchChangeFrom('pause', 'ignored')).toEqual({ ok: true, change: { action: 'pause' } });
    expect(batchChangeFrom('resume', '')).toEqual({ ok: true, change: { action: 'resume' } });
    expect(batchChangeFrom('add-assignments', ' 3 ')).toEqual({ ok: true, change: { action: 'add-assignments', count: 3 } });
    expect(batchChangeFrom('add-assignments', '1.5')).toEqual({ ok: false, problem: 'Type a whole number of assignments to add to each HIT (not "1.5").' });
    expect(batchChangeFrom('add-assignments', '0')).toEqual({ ok: false, problem: 'Add at least one assignment.' });
    expect(batchChangeFrom('add-assignments', '1000001')).toEqual({ ok: false, problem: 'Add at most 1,000,000 assignments at once.' });
  });

  it('labels the confirm button with the HITs and what it spends', () => {
    expect(batchChangeConfirmLabel('add-assignments', planned(2, 24))).toBe('Add assignments · 2 HITs · $0.24');
    expect(batchChangeConfirmLabel('pause', planned(1, null))).toBe('Pause · 1 HIT');
    expect(batchChangeConfirmLabel('resume', planned(0, null))).toBe('Resume (no HIT to change)');
    expect(batchChangeConfirmLabel('pause', null)).toBe('Pause');
  });

  it('adds assignments only where a HIT takes them; a pause or resume with nothing to change still sets the hold', () => {
    expect(batchChangeConfirmable('add-assignments', planned(0, 0))).toBe(false);
    expect(batchChangeConfirmable('add-assignments', planned(1, 12))).toBe(true);
    expect(batchChangeConfirmable('pause', planned(0, null))).toBe(true);
    expect(batchChangeConfirmable('resume', null)).toBe(false);
  });
});
