/**
 * SendBonus, ListBonusPayments, GetAccountBalance. A bonus needs a submitted assignment of the caller's HIT done by
 * that worker, funds for bonus + 20 % fee, and honours UniqueRequestToken for 24 h.
 */
import { formatMoney } from '../../../shared/domain/money';
import { mturkFeeCents } from '../../../shared/domain/fees';
import { findRecentToken, rememberToken } from '../domain/idempotency';
import { accountView, debit, requireAvailable } from '../domain/ledger';
import { loadHit, loadSubmittedAssignment } from '../domain/rows';
import { compact, epochSeconds } from '../domain/wire';
import { sql } from '../store/statements';
import { amountCents } from './hit-types';
import { optString, reqString, seqKey } from './input';
import { paginate } from './paginate';
import { MTurkRequestError, type OperationHandler } from './types';

const TOKEN_FAMILY = 'SendBonus';

export const sendBonus: OperationHandler = (input, ctx) => {
  const token = optString(input, 'UniqueRequestToken');
  const prior = token === undefined ? undefined : findRecentToken(ctx, TOKEN_FAMILY, token);
  if (prior) {
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.DuplicateRequest',
      `The bonus with UniqueRequestToken "${token}" was already paid by request ${prior.requestId}.`,
    );
  }
  const workerId = reqString(input, 'WorkerId');
  const { assignment, hit } = loadSubmittedAssignment(ctx, reqString(input, 'AssignmentId'));
  // A deleted (disposed) HIT's assignments are gone for the requester: nothing can be paid on them any more.
  if (hit.disposed) {
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.AssignmentDoesNotExist',
      `Assignment ${assignment.assignment_id} does not exist: its HIT ${hit.hit_id} has been deleted.`,
    );
  }
  if (assignment.worker_id !== workerId) {
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.InvalidParameterValue',
      `Assignment ${assignment.assignment_id} was not done by worker ${workerId}.`,
    );
  }
  const amount = amountCents(reqString(input, 'BonusAmount'), 'BonusAmount');
  if (amount <= 0) {
    throw new MTurkRequestError('AWS.MechanicalTurk.InvalidParameterValue', 'BonusAmount must be greater than 0.00.');
  }
  const fee = mturkFeeCents(amount, 'bonus', hit.max_assignments);
  requireAvailable(ctx, amount + fee);
  debit(ctx, 'bonus', amount, assignment.assignment_id);
  debit(ctx, 'bonus-fee', fee, assignment.assignment_id);
  sql(
    ctx.db,
    `INSERT INTO bonus_payments (requester, worker_id, assignment_id, hit_id, amount_cents, reason, grant_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(ctx.accessKeyId, workerId, assignment.assignment_id, hit.hit_id, amount, reqString(input, 'Reason'), ctx.now());
  if (token !== undefined) rememberToken(ctx, TOKEN_FAMILY, token, assignment.assignment_id);
  return {};
};

interface BonusRow {
  seq: number;
  worker_id: string;
  assignment_id: string;
  amount_cents: number;
  reason: string;
  grant_ms: number;
}

/** Bonuses of one assignment, or of every assignment of one HIT (one of the two is required by the model). */
export const listBonusPayments: OperationHandler = (input, ctx) => {
  const assignmentId = optString(input, 'AssignmentId');
  const hitId = optString(input, 'HITId');
  if (hitId !== undefined) loadHit(ctx, hitId);
  if (assignmentId !== undefined) loadSubmittedAssignment(ctx, assignmentId);
  const rows = sql(
    ctx.db,
    `SELECT * FROM bonus_payments WHERE requester = ? AND (? IS NULL OR hit_id = ?) AND (? IS NULL OR assignment_id = ?)
     ORDER BY seq`,
  ).all(ctx.accessKeyId, hitId ?? null, hitId ?? null, assignmentId ?? null, assignmentId ?? null) as BonusRow[];
  const { page, NextToken, NumResults } = paginate('ListBonusPayments', input, rows, (row) => seqKey(row.seq));
  return {
    NumResults,
    ...(NextToken ? { NextToken } : {}),
    BonusPayments: page.map((row) =>
      compact({
        WorkerId: row.worker_id,
        BonusAmount: formatMoney(row.amount_cents),
        AssignmentId: row.assignment_id,
        Reason: row.reason,
        GrantTime: epochSeconds(row.grant_ms),
      }),
    ),
  };
};

export const getAccountBalance: OperationHandler = (_input, ctx) => {
  const view = accountView(ctx);
  return { AvailableBalance: formatMoney(view.availableCents), OnHoldBalance: formatMoney(view.onHoldCents) };
};
