/**
 * Every row of a ledger checked before a cent moves, each problem named by row, field and value: the assignment is one
 * of this connection's, done by that worker, submitted or approved, young enough for MTurk to pay on; the amount is
 * plain dollars with at most two decimals, above zero and within the cap; the reason is there; no row repeats another
 * or a payment already made. An exact repeat of an earlier payment is "already paid" — skipped, not sent again.
 */
import type { CheckedRow, LedgerFinding } from '../../../shared/contract/bonuses';
import { readBonusAmount } from '../../../shared/domain/bonus-amount';
import { displayMoney } from '../../../shared/domain/money';
import type { LedgerFile } from './ledger-file';

/** MTurk disposes of an assignment 120 days after it was submitted; nothing can be paid on it afterwards. */
export const BONUS_AGE_LIMIT_DAYS = 120;
const DAY_MS = 86_400_000;

const MTURK_ID = /^[A-Z0-9]{1,64}$/;

export interface ArchivedAssignment {
  readonly workerId: string;
  readonly status: 'Submitted' | 'Approved' | 'Rejected';
  readonly submitTime: number | null;
}

export interface PaymentKey {
  readonly workerId: string;
  readonly assignmentId: string;
  readonly amountCents: number;
  readonly reason: string;
}

/** What validation reads: the archive (and, when online, MTurk's payments) behind a small port. */
export interface LedgerLookups {
  assignment(assignmentId: string): ArchivedAssignment | null;
  /** Where exactly this payment was made before ("on 3 Dec 2026", "by ledger Pilot, row 4"), or null. */
  earlierPayment(payment: PaymentKey): string | null;
  /** How many other bonuses this worker already has on this assignment (any amount or reason). */
  otherBonuses(workerId: string, assignmentId: string): number;
}

export interface ValidationOptions {
  readonly capCents: number;
  /** Pay on rejected assignments too (a requester compensating rejected work says so explicitly). */
  readonly allowRejected: boolean;
  readonly now: number;
  readonly connectionLabel: string;
}

export interface ValidatedLedger {
  readonly rows: readonly CheckedRow[];
  readonly findings: readonly LedgerFinding[];
}

export function validateLedger(file: LedgerFile, lookups: LedgerLookups, options: ValidationOptions): ValidatedLedger {
  const findings: LedgerFinding[] = [...file.findings];
  const rows: CheckedRow[] = [];
  const seen = new Map<string, number>();
  for (const raw of file.rows) {
    const at = raw.rowNumber;
    const problems: LedgerFinding[] = [];
    const problem = (field: LedgerFinding['field'], value: string, message: string, severity: LedgerFinding['severity'] = 'error'): void => {
      problems.push({ row: at, field, value, message: `Row ${at}, ${field}: ${message}`, severity });
    };
    const workerId = raw.values.WorkerId.trim();
    const assignmentId = raw.values.AssignmentId.trim();
    const reason = raw.values.Reason.trim();

    if (workerId === '') problem('WorkerId', workerId, 'empty; say which worker to pay.');
    else if (!MTURK_ID.test(workerId)) problem('WorkerId', workerId, `"${workerId}" is not a worker id (capital letters and digits).`);
    if (assignmentId === '') problem('AssignmentId', assignmentId, 'empty; MTurk pays a bonus on an assignment the worker did.');
    else if (!MTURK_ID.test(assignmentId)) problem('AssignmentId', assignmentId, `"${assignmentId}" is not an assignment id (capital letters and digits).`);

    const amount = readBonusAmount(raw.values.Amount);
    if (!amount.ok) problem('Amount', raw.values.Amount, amount.message);
    else if (amount.cents > options.capCents) {
      problem('Amount', raw.values.Amount, `${displayMoney(amount.cents)} is over the ${displayMoney(options.capCents)} cap per payment; raise the cap if it is meant.`);
    }
    if (reason === '') problem('Reason', raw.values.Reason, 'empty; MTurk requires a reason, and the worker reads it.');

    const idsReadable = MTURK_ID.test(workerId) && MTURK_ID.test(assignmentId);
    if (idsReadable) {
      const assignment = lookups.assignment(assignmentId);
      if (!assignment) {
        problem('AssignmentId', assignmentId, `not an assignment of ${options.connectionLabel} in the archive; sync first, or check the id (is it from another account or the sandbox?).`);
      } else {
        if (assignment.workerId !== workerId) problem('WorkerId', workerId, `assignment ${assignmentId} was done by ${assignment.workerId}, not ${workerId}.`);
        if (assignment.status === 'Rejected' && !options.allowRejected) {
          problem('AssignmentId', assignmentId, 'the assignment was rejected; pay a bonus on it only if you mean to (allow rejected assignments).');
        }
        const submitted = assignment.submitTime;
        if (submitted !== null && options.now - submitted > BONUS_AGE_LIMIT_DAYS * DAY_MS) {
          problem('AssignmentId', assignmentId, `submitted ${Math.floor((options.now - submitted) / DAY_MS)} days ago; MTurk pays bonuses only within ${BONUS_AGE_LIMIT_DAYS} days.`);
        }
      }
      const key = `${workerId}/${assignmentId}`;
      const first = seen.get(key);
      if (first !== undefined) problem('AssignmentId', assignmentId, `repeats row ${first} (same worker and assignment); keep one row, with the sum if both are meant.`);
      else seen.set(key, at);
    }

    let alreadyPaid: string | null = null;
    const errors = problems.filter((p) => p.severity === 'error').length;
    if (errors === 0 && amount.ok) {
      alreadyPaid = lookups.earlierPayment({ workerId, assignmentId, amountCents: amount.cents, reason });
      if (alreadyPaid === null && lookups.otherBonuses(workerId, assignmentId) > 0) {
        problem('AssignmentId', assignmentId, `${workerId} already has another bonus on this assignment; this one is paid in addition.`, 'warning');
      }
    }
    findings.push(...problems);
    rows.push({
      rowNumber: at,
      workerId,
      assignmentId,
      amountCents: amount.ok ? amount.cents : null,
      amountText: raw.values.Amount.trim(),
      reason,
      state: errors > 0 ? 'error' : alreadyPaid !== null ? 'already-paid' : 'ready',
      alreadyPaid,
    });
  }
  return { rows, findings };
}
