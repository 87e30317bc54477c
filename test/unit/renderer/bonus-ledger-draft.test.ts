import { describe, expect, it } from 'vitest';
import type { CheckedRow, LedgerCheck, LedgerFinding } from '../../../shared/contract/bonuses';
import { draftFromCheck, draftFromRule, draftFromWork, dropRows, dryRunBlocker, editCell, fieldsInError, fillEveryRow, moneyLines, problemsByRow, rowsInput, withOptions } from '../../../renderer/src/features/bonuses/ledger-draft';

const row = (rowNumber: number, state: CheckedRow['state'], amountText = '1.00'): CheckedRow => ({
  rowNumber, workerId: `W${rowNumber}`, assignmentId: `A${rowNumber}`, amountCents: state === 'error' ? null : 100, amountText, reason: 'Thanks', state, alreadyPaid: state === 'already-paid' ? 'already paid on 2026-11-30 10:00 UTC (MTurk lists it)' : null,
});
const finding = (r: number | null, field: LedgerFinding['field'], severity: LedgerFinding['severity'] = 'error'): LedgerFinding => ({ row: r, field, value: 'x', message: `Row ${r}, ${field}: wrong`, severity });

function checkOf(rows: CheckedRow[], findings: LedgerFinding[] = [], extra: Partial<LedgerCheck> = {}): LedgerCheck {
  return {
    fileName: 'pilot.CSV', encoding: 'UTF-8', rows, findings, errors: findings.filter((f) => f.severity === 'error').length,
    ready: rows.filter((r) => r.state === 'ready').length, alreadyPaid: rows.filter((r) => r.state === 'already-paid').length,
    totals: { bonusCents: 250, feeCents: 50, totalCents: 300 }, perWorker: [], capCents: 2000,
    connection: { id: 'lab', label: 'Lab', production: false }, balance: { availableCents: 10_000, afterCents: 9_700 },
    checkedOnMTurk: true, typeToConfirm: null, existingLedger: null, ...extra,
  };
}

describe('a ledger draft', () => {
  it('takes the rows of a file (its amount as written) and refuses a file whose own shape is wrong', () => {
    const draft = draftFromCheck(checkOf([row(1, 'ready'), row(3, 'error', '1,00')], [finding(3, 'Amount')]))!;
    expect(draft).toEqual({ name: 'pilot', version: 0, rows: [
      { rowNumber: 1, WorkerId: 'W1', AssignmentId: 'A1', Amount: '1.00', Reason: 'Thanks' },
      { rowNumber: 3, WorkerId: 'W3', AssignmentId: 'A3', Amount: '1,00', Reason: 'Thanks' },
    ] });
    expect(draftFromCheck(checkOf([], [finding(null, 'columns')]))).toBeNull();
    // A short row is a file problem too: it has no cells to fix here.
    expect(draftFromCheck(checkOf([row(1, 'ready')], [finding(2, 'file')]))).toBeNull();
    // A warning about the file does not stop it.
    expect(draftFromCheck(checkOf([row(1, 'ready')], [finding(null, 'file', 'warning')]))).not.toBeNull();
  });

  it('edits a cell and drops rows as new versions, keeping every other row and its number', () => {
    const draft = draftFromCheck(checkOf([row(1, 'ready'), row(2, 'ready'), row(3, 'error')]))!;
    const edited = editCell(draft, 3, 'Amount', '1.00');
    expect(edited.version).toBe(1);
    expect(edited.rows.map((r) => r.Amount)).toEqual(['1.00', '1.00', '1.00']);
    expect(draft.rows[2]!.Amount).toBe('1.00');
    const dropped = dropRows(edited, [2]);
    expect(dropped.version).toBe(2);
    expect(dropped.rows.map((r) => r.rowNumber)).toEqual([1, 3]);
  });

  it('names each row\'s fields in error, leaving warnings out', () => {
    const problems = problemsByRow(checkOf([], [finding(2, 'Amount'), finding(2, 'WorkerId'), finding(2, 'AssignmentId', 'warning'), finding(null, 'file', 'warning')]));
    expect([...problems.keys()]).toEqual([2]);
    expect([...fieldsInError(problems.get(2))].sort()).toEqual(['Amount', 'WorkerId']);
    expect(fieldsInError(undefined).size).toBe(0);
  });

  it('opens the dry run only for a check of the rows as they are now, with no error and something to pay', () => {
    const check = checkOf([row(1, 'ready')]);
    const draft = draftFromCheck(check)!;
    expect(dryRunBlocker(draft, { version: 0, value: check })).toBeNull();
    expect(dryRunBlocker(editCell(draft, 1, 'Reason', 'Bonus'), { version: 0, value: check })).toBe('Checking the rows…');
    expect(dryRunBlocker(draft, { version: 0, value: checkOf([row(1, 'error')], [finding(1, 'Amount')]) })).toBe('1 problem to fix or drop before anything can be sent.');
    expect(dryRunBlocker(draft, { version: 0, value: checkOf([row(1, 'already-paid')]) })).toBe('Every row is already paid: nothing to send.');
    expect(dryRunBlocker(dropRows(draft, [1]), null)).toBe('Every row was dropped: nothing to pay.');
  });

  it('spells out the money with the fee and the balance, and says when the balance is short', () => {
    expect(moneyLines(checkOf([row(1, 'ready'), row(2, 'ready')]))).toEqual({
      bonuses: '$2.50 in 2 bonuses', fee: '$0.50 MTurk fee (20 %, at least $0.01 each)', total: '$3.00', balance: 'Balance $100.00 now → $97.00 after', short: false,
    });
    const short = moneyLines(checkOf([row(1, 'ready')], [], { balance: { availableCents: 100, afterCents: -200 } }));
    expect(short.short).toBe(true);
    expect(moneyLines(checkOf([row(1, 'ready')], [], { balance: null })).balance).toBeNull();
  });
});

describe('a draft of chosen work', () => {
  it('has one row per assignment, numbered from 1, with amount and reason to write, checked at once', () => {
    const draft = draftFromWork('Review bonuses', [{ workerId: 'W1', assignmentId: 'A1' }, { workerId: 'W2', assignmentId: 'A2' }]);
    expect(draft).toEqual({ name: 'Review bonuses', version: 1, rows: [
      { rowNumber: 1, WorkerId: 'W1', AssignmentId: 'A1', Amount: '', Reason: '' },
      { rowNumber: 2, WorkerId: 'W2', AssignmentId: 'A2', Amount: '', Reason: '' },
    ] });
  });

  it('fills the same amount or reason into every row, leaving a field alone when its value is empty', () => {
    const draft = draftFromWork('x', [{ workerId: 'W1', assignmentId: 'A1' }, { workerId: 'W2', assignmentId: 'A2' }]);
    const filled = fillEveryRow(draft, { Amount: '0.50', Reason: ' ' });
    expect(filled.version).toBe(2);
    expect(filled.rows.map((r) => [r.Amount, r.Reason])).toEqual([['0.50', ''], ['0.50', '']]);
    expect(fillEveryRow(filled, { Amount: '', Reason: '' })).toBe(filled);
  });
});

describe('a draft\'s options', () => {
  it('are checked and sent with the rows; changing them is a new version', () => {
    const draft = draftFromWork(' ', [{ workerId: 'W1', assignmentId: 'A1' }]);
    expect(rowsInput(draft)).toEqual({ name: 'Ledger', rows: [{ rowNumber: 1, WorkerId: 'W1', AssignmentId: 'A1', Amount: '', Reason: '' }] });
    const raised = withOptions(draft, { capCents: 3_000, allowRejected: true });
    expect(raised.version).toBe(draft.version + 1);
    expect(rowsInput(raised)).toMatchObject({ capCents: 3_000, allowRejected: true });
  });
});

describe('a draft written by a rule', () => {
  it('keeps each row the rule wrote, numbered from 1, under the ledger name, checked at once', () => {
    const draft = draftFromRule({ ledgerName: 'Animals — $0.10 per gold', rows: [
      { workerId: 'W1', assignmentId: 'A1', amount: '0.70', reason: 'Bonus for 7 check questions' },
      { workerId: 'W2', assignmentId: 'A9', amount: '0.10', reason: 'Bonus for 1 check question' },
    ] });
    expect(draft).toEqual({ name: 'Animals — $0.10 per gold', version: 1, rows: [
      { rowNumber: 1, WorkerId: 'W1', AssignmentId: 'A1', Amount: '0.70', Reason: 'Bonus for 7 check questions' },
      { rowNumber: 2, WorkerId: 'W2', AssignmentId: 'A9', Amount: '0.10', Reason: 'Bonus for 1 check question' },
    ] });
    expect(dryRunBlocker(draft, null)).toBe('Checking the rows…');
  });
});
