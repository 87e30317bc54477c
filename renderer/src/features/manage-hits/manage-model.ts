/**
 * What the Manage HITs screens decide without React (pure, unit-tested): the actions and their keys,
 * turning what was typed into a change or a plain-words problem, the confirm button's words, the money lines.
 */
import type { HitAction, HitChange, ManagePlan } from '../../../../shared/contract/manage-hits';
import { MAX_LIFETIME_S } from '../../../../shared/contract/manage-hits';
import { displayMoney } from '../../../../shared/domain/money';

/** One entry of the toolbar and the context menu; `revert` tells the two Reviewing entries apart. */
export interface ManageAction {
  readonly id: string;
  readonly action: HitAction;
  readonly label: string;
  /** The key that opens it while the grid has the focus. */
  readonly key: string | null;
  /** Asks for something before the plan (a duration, a count, a type id). */
  readonly needsInput: boolean;
  readonly danger: boolean;
  readonly revert?: boolean;
}

export const MANAGE_ACTIONS: readonly ManageAction[] = [
  { id: 'expire', action: 'expire', label: 'Expire now', key: 'x', needsInput: false, danger: true },
  { id: 'extend', action: 'extend', label: 'Extend…', key: 'e', needsInput: true, danger: false },
  { id: 'add-assignments', action: 'add-assignments', label: 'Add assignments…', key: 'a', needsInput: true, danger: false },
  { id: 'set-reviewing', action: 'set-reviewing', label: 'Set to Reviewing', key: null, needsInput: false, danger: false, revert: false },
  { id: 'set-reviewable', action: 'set-reviewing', label: 'Back to Reviewable', key: null, needsInput: false, danger: false, revert: true },
  { id: 'change-type', action: 'change-type', label: 'Change HIT type…', key: null, needsInput: true, danger: false },
  { id: 'delete', action: 'delete', label: 'Delete…', key: 'Delete', needsInput: false, danger: true },
];

/** The action a key press in the grid opens, if any (no modifier keys: Ctrl+A etc. stay the grid's). */
export function actionForKey(key: string, modifiers: { ctrl: boolean; meta: boolean; alt: boolean }): ManageAction | null {
  if (modifiers.ctrl || modifiers.meta || modifiers.alt) return null;
  const wanted = key.length === 1 ? key.toLowerCase() : key;
  return MANAGE_ACTIONS.find((a) => a.key === wanted) ?? null;
}

/** What the inputs of a dialog hold, as typed. */
export interface ManageInputs {
  readonly extendMode: 'by' | 'to';
  readonly amount: string;
  readonly unit: 'hours' | 'days';
  /** A datetime-local value ("2026-12-03T14:00"), read in the computer's time zone. */
  readonly until: string;
  readonly count: string;
  readonly hitTypeId: string;
}

export const EMPTY_INPUTS: ManageInputs = { extendMode: 'by', amount: '1', unit: 'days', until: '', count: '1', hitTypeId: '' };

export type ChangeOrProblem = { readonly ok: true; readonly change: HitChange } | { readonly ok: false; readonly problem: string };

const problem = (text: string): ChangeOrProblem => ({ ok: false, problem: text });
const change = (c: HitChange): ChangeOrProblem => ({ ok: true, change: c });

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** "1.5" days → 129600 seconds; at least a minute, at most MTurk's year. */
export function extendBySeconds(amount: string, unit: 'hours' | 'days'): { seconds: number } | { problem: string } {
  const text = amount.trim();
  if (text === '') return { problem: `Type how many ${unit} to extend by.` };
  if (!DECIMAL.test(text)) return { problem: `"${text.slice(0, 20)}" is not a number of ${unit}: type a number such as 2 or 1.5.` };
  const seconds = Math.round(Number(text) * (unit === 'days' ? 86_400 : 3_600));
  if (seconds < 60) return { problem: 'Extend by at least a minute.' };
  if (seconds > MAX_LIFETIME_S) return { problem: 'MTurk keeps a HIT open for at most 365 days.' };
  return { seconds };
}

export function changeFrom(action: ManageAction, inputs: ManageInputs, now: number): ChangeOrProblem {
  switch (action.action) {
    case 'expire':
      return change({ action: 'expire' });
    case 'delete':
      return change({ action: 'delete' });
    case 'set-reviewing':
      return change({ action: 'set-reviewing', revert: action.revert ?? false });
    case 'extend': {
      if (inputs.extendMode === 'by') {
        const by = extendBySeconds(inputs.amount, inputs.unit);
        return 'problem' in by ? problem(by.problem) : change({ action: 'extend', bySeconds: by.seconds });
      }
      if (inputs.until === '') return problem('Pick the date and time the HITs should stay open until.');
      const to = new Date(inputs.until).getTime();
      if (!Number.isFinite(to)) return problem(`"${inputs.until.slice(0, 30)}" is not a date and time.`);
      if (to <= now) return problem('That moment has passed: pick one in the future.');
      if (to - now > MAX_LIFETIME_S * 1000) return problem('MTurk keeps a HIT open for at most a year.');
      return change({ action: 'extend', to });
    }
    case 'add-assignments': {
      const text = inputs.count.trim();
      if (text === '') return problem('Type how many assignments to add to each HIT.');
      if (!WHOLE.test(text)) return problem(`"${text.slice(0, 20)}" is not a whole number of assignments.`);
      const count = Number(text);
      if (count < 1) return problem('Add at least one assignment.');
      if (count > 1_000_000) return problem('Add at most 1,000,000 assignments at once.');
      return change({ action: 'add-assignments', count });
    }
    case 'change-type': {
      const id = inputs.hitTypeId.trim();
      if (id === '') return problem('Paste the id of the HIT type to move the HITs to.');
      if (!/^[A-Z0-9]{1,64}$/.test(id)) return problem('A HIT type id is 1–64 capital letters and digits, e.g. 3X7Z9HIT0TYPE1EXAMPLE.');
      return change({ action: 'change-type', hitTypeId: id });
    }
  }
}

const hits = (n: number): string => `${n.toLocaleString('en-US')} HIT${n === 1 ? '' : 's'}`;

/**
 * What the confirm button says it will do, with what it spends when it spends: "Extend 482 HITs", "Add 2 assignments
 * to 40 HITs — $52.80", "Change the type of 3 HITs — $12.60".
 */
export function confirmLabel(c: HitChange, plan: Pick<ManagePlan, 'ready' | 'cost'>): string {
  const n = plan.ready.length;
  if (n === 0) return 'Nothing to change';
  const what = actionWords(c, n);
  return plan.cost ? `${what} — ${displayMoney(plan.cost.totalCents)}` : what;
}

function actionWords(c: HitChange, n: number): string {
  switch (c.action) {
    case 'expire':
      return `Expire ${hits(n)} now`;
    case 'extend':
      return `Extend ${hits(n)}`;
    case 'add-assignments':
      return `Add ${c.count.toLocaleString('en-US')} assignment${c.count === 1 ? '' : 's'} to ${hits(n)}`;
    case 'set-reviewing':
      return c.revert ? `Set ${hits(n)} back to Reviewable` : `Set ${hits(n)} to Reviewing`;
    case 'change-type':
      return `Change the type of ${hits(n)}`;
    case 'delete':
      return `Delete ${hits(n)}`;
  }
}

/** The dialog's title, from the entry that opened it and how many HITs are selected. */
export function dialogTitle(action: ManageAction, selected: number): string {
  return `${action.label.replace(/…$/, '')} — ${hits(selected)} selected`;
}

export interface MoneyLines {
  /** "$40.00 rewards + $12.80 MTurk fees = $52.80" */
  readonly cost: string | null;
  /** "Balance $100.00 → $47.20 after", or why it is unknown. */
  readonly balance: string | null;
  /** The balance would not cover it. */
  readonly short: boolean;
}

/** Nothing to say about money when the action spends nothing or every HIT is left alone. */
export function moneyLines(plan: Pick<ManagePlan, 'ready' | 'cost' | 'balance'>): MoneyLines {
  if (!plan.cost || plan.ready.length === 0) return { cost: null, balance: null, short: false };
  const cost = `${displayMoney(plan.cost.rewardsCents)} rewards + ${displayMoney(plan.cost.feesCents)} MTurk fees = ${displayMoney(plan.cost.totalCents)}`;
  if (!plan.balance) return { cost, balance: 'Balance unknown: MTurk could not be asked (offline?).', short: false };
  return {
    cost,
    balance: `Balance ${displayMoney(plan.balance.availableCents)} → ${displayMoney(plan.balance.afterCents)} after`,
    short: plan.balance.afterCents < 0,
  };
}

/** The Production guard: the confirm button waits until the connection's name is typed exactly. */
export function typedNameMatches(typeToConfirm: string | null, typed: string): boolean {
  return typeToConfirm === null || typed.trim() === typeToConfirm;
}
