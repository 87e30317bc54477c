/**
 * The requester account: a balance in cents, a ledger of every debit, and the amount on hold for outstanding work
 *. Available = balance − on hold.
 * The on-hold total is kept on the account row, adjusted whenever a HIT's own hold changes, so reading the
 * balance costs the same with ten HITs or ten thousand.
 */
import { MTurkRequestError, type OpContext } from '../ops/types';
import { readMeta, writeMeta } from '../store/open';
import { sql } from '../store/statements';

export const DEFAULT_STARTING_BALANCE_CENTS = 1_000_000; // 10000.00, the sandbox's fixed figure

const INSUFFICIENT_FUNDS =
  'This Requester has insufficient funds in their account to complete this transaction. Please visit https://requester.mturk.com/prepayments/new to purchase Prepaid HITs.';

export interface AccountView {
  balanceCents: number;
  onHoldCents: number;
  availableCents: number;
}

const STARTING_BALANCE_KEY = 'starting_balance_cents';

/** Set once per server from its options (kept in the store's meta table); accounts are created lazily with it. */
export function setStartingBalance(db: OpContext['db'], cents: number): void {
  writeMeta(db, STARTING_BALANCE_KEY, String(cents));
}

interface AccountRow {
  balance_cents: number;
  on_hold_cents: number;
}

function ensureAccount(db: OpContext['db'], requester: string): AccountRow {
  const row = sql(db, 'SELECT balance_cents, on_hold_cents FROM accounts WHERE requester = ?').get(requester) as
    | AccountRow
    | undefined;
  if (row) return row;
  const startingBalanceCents = Number(readMeta(db, STARTING_BALANCE_KEY) ?? DEFAULT_STARTING_BALANCE_CENTS);
  sql(db, 'INSERT INTO accounts (requester, balance_cents, on_hold_cents) VALUES (?, ?, 0)').run(requester, startingBalanceCents);
  return { balance_cents: startingBalanceCents, on_hold_cents: 0 };
}

export function accountView(ctx: OpContext): AccountView {
  const account = ensureAccount(ctx.db, ctx.accessKeyId);
  return {
    balanceCents: account.balance_cents,
    onHoldCents: account.on_hold_cents,
    availableCents: Math.max(0, account.balance_cents - account.on_hold_cents),
  };
}

/** Called by the HIT state refresh with the change of one HIT's hold. */
export function adjustHold(db: OpContext['db'], requester: string, deltaCents: number): void {
  ensureAccount(db, requester);
  sql(db, 'UPDATE accounts SET on_hold_cents = on_hold_cents + ? WHERE requester = ?').run(deltaCents, requester);
}

/** Refuses new liability (HIT creation, extra assignments, bonuses, overriding a rejection) the available balance cannot cover. */
export function requireAvailable(ctx: OpContext, cents: number): void {
  if (accountView(ctx).availableCents < cents) {
    throw new MTurkRequestError('AWS.MechanicalTurk.InsufficientFunds', INSUFFICIENT_FUNDS);
  }
}

/** Pays out: the amount may already be on hold, so only the total balance must cover it. */
export function debit(ctx: OpContext, kind: string, cents: number, ref: string): void {
  const balance = ensureAccount(ctx.db, ctx.accessKeyId).balance_cents;
  if (balance < cents) throw new MTurkRequestError('AWS.MechanicalTurk.InsufficientFunds', INSUFFICIENT_FUNDS);
  sql(ctx.db, 'UPDATE accounts SET balance_cents = balance_cents - ? WHERE requester = ?').run(cents, ctx.accessKeyId);
  sql(ctx.db, 'INSERT INTO ledger (requester, time_ms, kind, amount_cents, ref) VALUES (?, ?, ?, ?, ?)').run(
    ctx.accessKeyId,
    ctx.now(),
    kind,
    -cents,
    ref,
  );
}

/** After a change that raised the money on hold: refuse it (the caller's transaction rolls back) if unfunded. */
export function requireSolvent(ctx: OpContext): void {
  const view = accountView(ctx);
  if (view.balanceCents < view.onHoldCents) {
    throw new MTurkRequestError('AWS.MechanicalTurk.InsufficientFunds', INSUFFICIENT_FUNDS);
  }
}
