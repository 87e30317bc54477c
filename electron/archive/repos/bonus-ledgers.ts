/**
 * Bonus ledgers and their rows: what was meant to be paid, and what became of each payment. A ledger is written whole
 * (every row, in one transaction) when it is first sent; afterwards only row states change.
 */
import type { LedgerRow, LedgerRowState, StoredLedger } from '../../../shared/contract/bonuses';
import type { ReadDb, WriteDb } from '../db-types';
import { num, numOrNull, prepared, str, strOrNull, writeEach, type SqlRow } from './statements';

export type NewLedger = Omit<StoredLedger, 'sendJobId' | 'createdAt' | 'updatedAt'>;
export type NewLedgerRow = Omit<LedgerRow, 'paidAt'>;

function rowToLedger(row: SqlRow): StoredLedger {
  return {
    id: str(row, 'id'),
    connectionId: num(row, 'connection_id'),
    configId: str(row, 'config_id'),
    name: str(row, 'name'),
    fileName: str(row, 'file_name'),
    contentSha256: str(row, 'content_sha256'),
    sendJobId: strOrNull(row, 'send_job_id'),
    createdAt: num(row, 'created_at'),
    updatedAt: num(row, 'updated_at'),
  };
}

function rowToLedgerRow(row: SqlRow): LedgerRow {
  return {
    rowNumber: num(row, 'row_number'),
    workerId: str(row, 'worker_id'),
    assignmentId: str(row, 'assignment_id'),
    amountCents: num(row, 'amount_cents'),
    reason: str(row, 'reason'),
    state: str(row, 'state') as LedgerRowState,
    error: strOrNull(row, 'error'),
    paidAt: numOrNull(row, 'paid_at'),
  };
}

export function insertLedger(db: WriteDb, ledger: NewLedger, rows: readonly NewLedgerRow[], now: number): StoredLedger {
  const insertRow = prepared(
    db,
    `INSERT INTO bonus_ledger_rows (ledger_id, row_number, worker_id, assignment_id, amount_cents, reason, state, error)
     VALUES (@ledgerId, @rowNumber, @workerId, @assignmentId, @amountCents, @reason, @state, @error)`,
  );
  db.transaction(() => {
    prepared(
      db,
      `INSERT INTO bonus_ledgers (id, connection_id, config_id, name, file_name, content_sha256, created_at, updated_at)
       VALUES (@id, @connectionId, @configId, @name, @fileName, @contentSha256, @now, @now)`,
    ).run({ ...ledger, now });
    writeEach(rows, (r) => `ledger row ${r.rowNumber}`, (r) => insertRow.run({ ...r, ledgerId: ledger.id }));
  })();
  return getLedger(db, ledger.id)!;
}

export function getLedger(db: ReadDb, ledgerId: string): StoredLedger | null {
  const row = prepared(db, `SELECT * FROM bonus_ledgers WHERE id = ?`).get(ledgerId) as SqlRow | undefined;
  return row ? rowToLedger(row) : null;
}

/** The ledger made from a file with these exact bytes on this connection, if one was sent before. */
export function ledgerByContent(db: ReadDb, connectionId: number, contentSha256: string): StoredLedger | null {
  const row = prepared(db, `SELECT * FROM bonus_ledgers WHERE connection_id = ? AND content_sha256 = ?`).get(connectionId, contentSha256) as SqlRow | undefined;
  return row ? rowToLedger(row) : null;
}

export function listLedgers(db: ReadDb, connectionId: number): StoredLedger[] {
  return (prepared(db, `SELECT * FROM bonus_ledgers WHERE connection_id = ? ORDER BY created_at, id`).all(connectionId) as SqlRow[]).map(rowToLedger);
}

export function ledgerRows(db: ReadDb, ledgerId: string): LedgerRow[] {
  return (prepared(db, `SELECT * FROM bonus_ledger_rows WHERE ledger_id = ? ORDER BY row_number`).all(ledgerId) as SqlRow[]).map(rowToLedgerRow);
}

export function ledgerRow(db: ReadDb, ledgerId: string, rowNumber: number): LedgerRow | null {
  const row = prepared(db, `SELECT * FROM bonus_ledger_rows WHERE ledger_id = ? AND row_number = ?`).get(ledgerId, rowNumber) as SqlRow | undefined;
  return row ? rowToLedgerRow(row) : null;
}

export function setLedgerJob(db: WriteDb, ledgerId: string, jobId: string, now: number): void {
  prepared(db, `UPDATE bonus_ledgers SET send_job_id = ?, updated_at = ? WHERE id = ?`).run(jobId, now, ledgerId);
}

export function markRowPaid(db: WriteDb, ledgerId: string, rowNumber: number, paidAt: number): void {
  prepared(db, `UPDATE bonus_ledger_rows SET state = 'paid', error = NULL, paid_at = COALESCE(paid_at, ?) WHERE ledger_id = ? AND row_number = ?`).run(paidAt, ledgerId, rowNumber);
}

/** A refusal by MTurk, in its own words; never overwrites a payment. */
export function markRowFailed(db: WriteDb, ledgerId: string, rowNumber: number, error: string): void {
  prepared(db, `UPDATE bonus_ledger_rows SET state = 'failed', error = ? WHERE ledger_id = ? AND row_number = ? AND state IN ('unsent', 'failed')`).run(error, ledgerId, rowNumber);
}

/** A paid ledger row of this connection for the same worker, assignment, amount and reason (any ledger). */
export function paidLedgerRowLike(
  db: ReadDb,
  connectionId: number,
  payment: { workerId: string; assignmentId: string; amountCents: number; reason: string },
): { ledgerId: string; ledgerName: string; rowNumber: number; paidAt: number | null } | null {
  const row = prepared(
    db,
    `SELECT r.ledger_id, l.name, r.row_number, r.paid_at FROM bonus_ledger_rows r JOIN bonus_ledgers l ON l.id = r.ledger_id
     WHERE l.connection_id = ? AND r.assignment_id = ? AND r.worker_id = ? AND r.amount_cents = ? AND r.reason = ? AND r.state = 'paid'
     ORDER BY r.paid_at LIMIT 1`,
  ).get(connectionId, payment.assignmentId, payment.workerId, payment.amountCents, payment.reason) as SqlRow | undefined;
  return row ? { ledgerId: str(row, 'ledger_id'), ledgerName: str(row, 'name'), rowNumber: num(row, 'row_number'), paidAt: numOrNull(row, 'paid_at') } : null;
}

/** Every ledger row of this connection on these assignments: what a reconciliation can explain payments with. */
export function ledgerRowsForAssignments(db: ReadDb, connectionId: number, assignmentIds: readonly string[]): (LedgerRow & { ledgerId: string })[] {
  const statement = prepared(
    db,
    `SELECT r.* FROM bonus_ledger_rows r JOIN bonus_ledgers l ON l.id = r.ledger_id WHERE l.connection_id = ? AND r.assignment_id = ?`,
  );
  return assignmentIds.flatMap((id) => (statement.all(connectionId, id) as SqlRow[]).map((row) => ({ ...rowToLedgerRow(row), ledgerId: str(row, 'ledger_id') })));
}
