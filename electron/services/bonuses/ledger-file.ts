/**
 * A ledger file's bytes → its rows, strictly: UTF-8 only (a UTF-16 or Windows-1252 file is named and refused, since a
 * misread worker id or reason is a payment to the wrong person or with garbled words), the four columns people already
 * use, and one finding per problem naming the row, the column and the value.
 */
import type { LedgerFinding } from '../../../shared/contract/bonuses';
import { parseCsv } from '../../../shared/domain/csv';
import { decodeImportBytes } from '../../../shared/domain/text-decoding';

export const LEDGER_COLUMNS = ['WorkerId', 'AssignmentId', 'Amount', 'Reason'] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

export interface RawLedgerRow {
  /** The data row, from 1 (the header is row 0). */
  readonly rowNumber: number;
  readonly values: Readonly<Record<LedgerColumn, string>>;
}

export interface LedgerFile {
  readonly encoding: string | null;
  readonly rows: readonly RawLedgerRow[];
  /** File-level problems (encoding, CSV syntax, columns) and rows whose shape is wrong. */
  readonly findings: readonly LedgerFinding[];
}

const SAVE_AS_UTF8 = 'Save it as "CSV UTF-8" (in Excel: File → Save As → CSV UTF-8) and check it again.';

const fileError = (field: LedgerFinding['field'], message: string, value: string | null = null): LedgerFinding => ({ row: null, field, value, message, severity: 'error' });

export function readLedgerFile(bytes: Uint8Array): LedgerFile {
  const decoded = decodeImportBytes(bytes);
  if (!decoded.ok) return { encoding: null, rows: [], findings: [fileError('encoding', decoded.error.message)] };
  if (decoded.value.encoding !== 'UTF-8') {
    const { encoding } = decoded.value;
    return { encoding, rows: [], findings: [fileError('encoding', `The file is ${encoding} text, not UTF-8; a bonus ledger is read only as UTF-8 so no worker id or reason is misread. ${SAVE_AS_UTF8}`, encoding)] };
  }
  const parsed = parseCsv(decoded.value.text);
  if (!parsed.ok) return { encoding: 'UTF-8', rows: [], findings: [fileError('file', parsed.error.message)] };
  const [header, ...records] = parsed.value.records;
  if (!header || header.cells.every((c) => c.trim() === '')) {
    return { encoding: 'UTF-8', rows: [], findings: [fileError('file', `The file is empty; its first line should name the columns ${LEDGER_COLUMNS.join(', ')}.`)] };
  }
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const index = {} as Record<LedgerColumn, number>;
  const findings: LedgerFinding[] = [];
  for (const column of LEDGER_COLUMNS) {
    const at = names.indexOf(column.toLowerCase());
    if (at < 0) findings.push(fileError('columns', `The column "${column}" is missing; the first line should name ${LEDGER_COLUMNS.join(', ')} (it names ${header.cells.map((c) => `"${c}"`).join(', ')}).`, column));
    else if (names.indexOf(column.toLowerCase(), at + 1) >= 0) findings.push(fileError('columns', `The column "${column}" appears twice; keep one.`, column));
    index[column] = at;
  }
  if (findings.length) return { encoding: 'UTF-8', rows: [], findings };
  if (records.length === 0) return { encoding: 'UTF-8', rows: [], findings: [fileError('file', 'The file has a header but no rows: nothing to pay.')] };

  const rows: RawLedgerRow[] = [];
  records.forEach((record, i) => {
    const rowNumber = i + 1;
    // A spreadsheet's trailing empty line (or ",,,") is no row; any other short or long row is named.
    if (record.cells.every((c) => c.trim() === '')) return;
    if (record.cells.length !== header.cells.length) {
      // A long row is nearly always an unquoted comma: 1,50 read as amount 1 and reason "50" would pay the wrong amount.
      const why = record.cells.length > header.cells.length ? ' A comma inside a value (a decimal comma, or a reason with a comma) splits it in two: wrap that value in double quotes, like "Great work, thank you".' : '';
      findings.push({ row: rowNumber, field: 'file', value: null, message: `Row ${rowNumber} (line ${record.line}) has ${record.cells.length} cells but the header names ${header.cells.length}.${why}`, severity: 'error' });
      return;
    }
    const values = Object.fromEntries(LEDGER_COLUMNS.map((column) => [column, record.cells[index[column]] ?? ''])) as Record<LedgerColumn, string>;
    rows.push({ rowNumber, values });
  });
  return { encoding: 'UTF-8', rows, findings };
}

/** A ledger's rows given as data (a file fixed row by row in the app): each row keeps the number it had in its file. */
export function ledgerFromRows(rows: readonly ({ readonly rowNumber: number } & Readonly<Record<LedgerColumn, string>>)[]): LedgerFile {
  return {
    encoding: null,
    rows: rows.map((row) => ({ rowNumber: row.rowNumber, values: { WorkerId: row.WorkerId, AssignmentId: row.AssignmentId, Amount: row.Amount, Reason: row.Reason } })),
    findings: [],
  };
}
