/** Website results files as imported: header, dialect and every row's raw cells, for faithful re-export. */
import type { ReadDb, WriteDb } from '../db-types';
import { multiRowSql, num, prepared, str, strOrNull, writeInStatements, type SqlRow } from './statements';

export interface CsvDialect {
  readonly lineEnding: '\r\n' | '\n';
  readonly trailingNewline: boolean;
  readonly bom: boolean;
  /** True when the source quoted every cell: new cells are written the same way. */
  readonly quoteAll: boolean;
}

export interface CsvImportRecord {
  readonly fileName: string;
  readonly header: readonly string[];
  readonly headerQuoted: readonly boolean[];
  readonly dialect: CsvDialect;
  readonly importedAt: number;
}

export interface RawCsvRow {
  readonly rowNumber: number;
  readonly hitId: string;
  readonly assignmentId: string | null;
  readonly cells: readonly string[];
  readonly quoted: readonly boolean[];
}

export interface StoredCsvImport extends CsvImportRecord {
  readonly id: number;
  readonly connectionId: number;
  readonly rowCount: number;
}

const flags = (quoted: readonly boolean[]): string => quoted.map((q) => (q ? '1' : '0')).join('');
const unflags = (text: string): boolean[] => [...text].map((c) => c === '1');

function rowToImport(row: SqlRow): StoredCsvImport {
  return {
    id: num(row, 'id'),
    connectionId: num(row, 'connection_id'),
    fileName: str(row, 'file_name'),
    header: JSON.parse(str(row, 'header_json')) as string[],
    headerQuoted: unflags(str(row, 'header_quoted')),
    dialect: JSON.parse(str(row, 'dialect_json')) as CsvDialect,
    rowCount: num(row, 'row_count'),
    importedAt: num(row, 'imported_at'),
  };
}

function rowToRaw(row: SqlRow): RawCsvRow {
  return {
    rowNumber: num(row, 'row_number'),
    hitId: str(row, 'hit_id'),
    assignmentId: strOrNull(row, 'assignment_id'),
    cells: JSON.parse(str(row, 'cells_json')) as string[],
    quoted: unflags(str(row, 'quoted')),
  };
}

const insertRowsSql = multiRowSql(`INSERT INTO csv_import_rows (import_id, row_number, hit_id, assignment_id, cells_json, quoted)`, 6);

/** Call inside the import's transaction. Returns the import id. */
export function insertCsvImport(db: WriteDb, connectionId: number, record: CsvImportRecord, rows: readonly RawCsvRow[]): number {
  const { id } = prepared(
    db,
    `INSERT INTO csv_imports (connection_id, file_name, header_json, header_quoted, dialect_json, row_count, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  ).get(
    connectionId,
    record.fileName,
    JSON.stringify(record.header),
    flags(record.headerQuoted),
    JSON.stringify(record.dialect),
    rows.length,
    record.importedAt,
  ) as { id: number };
  const values = (row: RawCsvRow): unknown[] => [id, row.rowNumber, row.hitId, row.assignmentId, JSON.stringify(row.cells), flags(row.quoted)];
  writeInStatements(db, rows, insertRowsSql, values, (row) => `imported row ${row.rowNumber}`);
  return id;
}

export function getCsvImport(db: ReadDb, importId: number): StoredCsvImport | null {
  const row = prepared(db, `SELECT * FROM csv_imports WHERE id = ?`).get(importId) as SqlRow | undefined;
  return row ? rowToImport(row) : null;
}

/** The most recent imported row for an assignment on this connection, with the import it came from. */
export function latestRawRowForAssignment(
  db: ReadDb,
  connectionId: number,
  assignmentId: string,
): { importId: number; row: RawCsvRow } | null {
  const row = prepared(
    db,
    `SELECT r.* FROM csv_import_rows r JOIN csv_imports i ON i.id = r.import_id
     WHERE r.assignment_id = ? AND i.connection_id = ? ORDER BY r.import_id DESC LIMIT 1`,
  ).get(assignmentId, connectionId) as SqlRow | undefined;
  return row ? { importId: num(row, 'import_id'), row: rowToRaw(row) } : null;
}
