import { describe, expect, it } from 'vitest';
import type { ManagePlan } from '../../../shared/contract/manage-hits';
import {
  actionForKey,
  changeFrom,
  confirmLabel,
  dialogTitle,
  EMPTY_INPUTS,
  extendBySeconds,
  MANAGE_ACTIONS,
  moneyLines,
  typedNameMatches,
  type ManageAction,
} from '../../../renderer/src/features/manage-hits/manage-model';

const action = (id: string): ManageAction => MANAGE_ACTIONS.find((a) => a.id === id)!;
const NOW = Date.UTC(2026, 11, 1, 12, 0);
const readyRows = (n: number): ManagePlan['ready'] => Array.from({ length: n }, (_, i) => ({ hitId: `H${i}`, title: 't', detail: 'd', costCents: 0 }));

describe('extend durations as typed', () => {
  it('turns hours and days, whole or decimal, into seconds', () => {
    expect(extendBySeconds('2', 'hours')).toEqual({ seconds: 7_200 });
    expect(extendBySeconds(' 1.5 ', 'days')).toEqual({ seconds: 129_600 });
  });

  it('says in plain words what is wrong', () => {
    expect(extendBySeconds('', 'days')).toEqual({ problem: 'Type how many days to extend by.' });
    expect(extendBySeconds('two', 'hours')).toEqual({ problem: '"two" is not a number of hours: type a number such as 2 or 1.5.' });
    expect(extendBySeconds('-1', 'days')).toHaveProperty('problem');
    expect(extendBySeconds('0', 'hours')).toEqual({ problem: 'Extend by at least a minute.' });
    expect(extendBySeconds('366', 'days')).toEqual({ problem: 'MTurk keeps a HIT open for at most 365 days.' });
    expect(extendBySeconds('365', 'days')).toEqual({ seconds: 365 * 86_400 });
  });
});

describe('the change a dialog sends', () => {
  it('needs nothing typed for expire, delete and the Reviewing pair', () => {
    expect(changeFrom(action('expire'), EMPTY_INPUTS, NOW)).toEqual({ ok: true, change: { action: 'expire' } });
    expect(changeFrom(action('delete'), EMPTY_INPUTS, NOW)).toEqual({ ok: true, change: { action: 'delete' } });
    expect(changeFrom(action('set-reviewing'), EMPTY_INPUTS, NOW)).toEqual({ ok: true, change: { action: 'set-reviewing', revert: false } });
    expect(changeFrom(action('set-reviewable'), EMPTY_INPUTS, NOW)).toEqual({ ok: true, change: { action: 'set-reviewing', revert: true } });
  });

  it('extends by a duration (one day unless changed) or to a future moment', () => {
    expect(changeFrom(action('extend'), EMPTY_INPUTS, NOW)).toEqual({ ok: true, change: { action: 'extend', bySeconds: 86_400 } });
    const until = '2026-12-05T09:30';
    expect(changeFrom(action('extend'), { ...EMPTY_INPUTS, extendMode: 'to', until }, NOW)).toEqual({ ok: true, change: { action: 'extend', to: new Date(until).getTime() } });
    expect(changeFrom(action('extend'), { ...EMPTY_INPUTS, extendMode: 'to', until: '' }, NOW)).toEqual({ ok: false, problem: 'Pick the date and time the HITs should stay open until.' });
    expect(changeFrom(action('extend'), { ...EMPTY_INPUTS, extendMode: 'to', until: '2026-11-01T09:30' }, NOW)).toEqual({ ok: false, problem: 'That moment has passed: pick one in the future.' });
  });

  it('adds a whole, positive number of assignments', () => {
    expect(changeFrom(action('add-assignments'), { ...EMPTY_INPUTS, count: '3' }, NOW)).toEqual({ ok: true, change: { action: 'add-assignments', count: 3 } });
    expect(changeFrom(action('add-assignments'), { ...EMPTY_INPUTS, count: '2.5' }, NOW)).toEqual({ ok: false, problem: '"2.5" is not a whole number of assignments.' });
    expect(changeFrom(action('add-assignments'), { ...EMPTY_INPUTS, count: '0' }, NOW)).toEqual({ ok: false, problem: 'Add at least one assignment.' });
    expect(changeFrom(action('add-assignments'), { ...EMPTY_INPUTS, count: '' }, NOW)).toEqual({ ok: false, problem: 'Type how many assignments to add to each HIT.' });
  });

  it('moves to a HIT type id of capital letters and digits', () => {
    expect(changeFrom(action('change-type'), { ...EMPTY_INPUTS, hitTypeId: ' 3ABC9 ' }, NOW)).toEqual({ ok: true, change: { action: 'change-type', hitTypeId: '3ABC9' } });
    expect(changeFrom(action('change-type'), { ...EMPTY_INPUTS, hitTypeId: 'abc-1' }, NOW)).toMatchObject({ ok: false, problem: expect.stringContaining('capital letters and digits') });
  });
});

describe('the confirm button says what it does', () => {
  it('counts the HITs that will change, not the ones selected', () => {
    expect(confirmLabel({ action: 'extend', bySeconds: 86_400 }, { ready: readyRows(482), cost: null })).toBe('Extend 482 HITs');
    expect(confirmLabel({ action: 'expire' }, { ready: readyRows(1), cost: null })).toBe('Expire 1 HIT now');
    expect(confirmLabel({ action: 'delete' }, { ready: readyRows(3), cost: null })).toBe('Delete 3 HITs');
    expect(confirmLabel({ action: 'set-reviewing', revert: true }, { ready: readyRows(2), cost: null })).toBe('Set 2 HITs back to Reviewable');
  });

  it('names the total a spending action costs', () => {
    const cost = { rewardsCents: 4_000, feesCents: 1_280, totalCents: 5_280 };
    expect(confirmLabel({ action: 'add-assignments', count: 2 }, { ready: readyRows(40), cost })).toBe('Add 2 assignments to 40 HITs — $52.80');
    // Extending expired HITs and moving HITs to a dearer type spend too, and say so on the button.
    expect(confirmLabel({ action: 'extend', bySeconds: 86_400 }, { ready: readyRows(3), cost: { rewardsCents: 30, feesCents: 6, totalCents: 36 } })).toBe('Extend 3 HITs — $0.36');
    expect(confirmLabel({ action: 'change-type', hitTypeId: 'T2' }, { ready: readyRows(1), cost })).toBe('Change the type of 1 HIT — $52.80');
  });

  it('offers nothing when every HIT is left alone', () => {
    expect(confirmLabel({ action: 'add-assignments', count: 9 }, { ready: [], cost: { rewardsCents: 0, feesCents: 0, totalCents: 0 } })).toBe('Nothing to change');
  });

  it('titles the dialog with the selection', () => {
    expect(dialogTitle(action('extend'), 1_204)).toBe('Extend — 1,204 HITs selected');
  });
});

describe('the money of a plan', () => {
  it('adds rewards and MTurk fees up to the total and shows the balance before and after', () => {
    const lines = moneyLines({ ready: readyRows(1), cost: { rewardsCents: 4_000, feesCents: 1_280, totalCents: 5_280 }, balance: { availableCents: 10_000, afterCents: 4_720 } });
    expect(lines).toEqual({ cost: '$40.00 rewards + $12.80 MTurk fees = $52.80', balance: 'Balance $100.00 → $47.20 after', short: false });
  });

  it('warns when the balance does not cover it, and says when it is unknown', () => {
    expect(moneyLines({ ready: readyRows(1), cost: { rewardsCents: 100, feesCents: 20, totalCents: 120 }, balance: { availableCents: 50, afterCents: -70 } }).short).toBe(true);
    expect(moneyLines({ ready: readyRows(1), cost: { rewardsCents: 100, feesCents: 20, totalCents: 120 }, balance: null }).balance).toBe('Balance unknown: MTurk could not be asked (offline?).');
    expect(moneyLines({ ready: readyRows(1), cost: null, balance: null })).toEqual({ cost: null, balance: null, short: false });
    expect(moneyLines({ ready: [], cost: { rewardsCents: 0, feesCents: 0, totalCents: 0 }, balance: { availableCents: 50, afterCents: 50 } }).cost).toBeNull();
  });
});

describe('keys and the Production guard', () => {
  it('opens actions by plain keys only, so Ctrl+A and friends stay the grid’s', () => {
    expect(actionForKey('E', { ctrl: false, meta: false, alt: false })?.id).toBe('extend');
    expect(actionForKey('x', { ctrl: false, meta: false, alt: false })?.id).toBe('expire');
    expect(actionForKey('Delete', { ctrl: false, meta: false, alt: false })?.id).toBe('delete');
    expect(actionForKey('a', { ctrl: true, meta: false, alt: false })).toBeNull();
    expect(actionForKey('q', { ctrl: false, meta: false, alt: false })).toBeNull();
  });

  it('holds the confirm button until the connection name is typed exactly', () => {
    expect(typedNameMatches(null, '')).toBe(true);
    expect(typedNameMatches('Main account', 'main account')).toBe(false);
    expect(typedNameMatches('Main account', ' Main account ')).toBe(true);
  });
});
