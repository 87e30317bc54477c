/**
 * Import of the Requester website's batch results CSV into the archive: all or nothing.
 * The bytes are decoded strictly, every row is validated (cells, MTurk's field limits, rows agreeing about their HIT,
 * nothing contradicting what MTurk reported) before anything is written; the writes share one transaction; the raw
 * file shape (header, quoting, line endings, Input.* columns, original strings) is kept for a faithful export.
 */
import { MAX_IMPORT_BYTES } from '../../shared/contract/archive';
import { parseCsv, restoreFormula, type CsvRecord } from '../../shared/domain/csv';
import { appError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import { checkHeaderCells, checkHitAgreement, checkRowCells } from './batch-results-checks';
import { batchColumns, checkHeader, parseBatchRow, type BatchColumns, type ParseCache } from './batch-results-rows';
import type { WriteDb } from './db-types';
import { checkAgainstSynced, type RowWithCells } from './import-conflicts';
import { decodeImportBytes, type ImportEncoding } from '../../shared/domain/text-decoding';
import { upsertAssignments, type AssignmentRecord } from './repos/assignments';
import { withIndexesRebuiltAfter, worthRebuilding } from './repos/assignment-indexes';
import { insertCsvImport, type CsvDialect, type RawCsvRow } from './repos/csv-imports';
import { getConnection } from './repos/connections';
import { upsertHits, type HitRecord } from './repos/hits';

export interface BatchImportSummary {
  readonly importId: number;
  readonly rows: number;
  readonly hits: number;
  readonly assignments: number;
  readonly encoding: ImportEncoding;
  /** What the user should know about how the file was read, in plain words (e.g. "Read as Windows-1252"). */
  readonly notes: readonly string[];
}

export interface BatchImportOptions {
  readonly fileName: string;
  readonly now: number;
  /** Defaults to the app's limit; the benchmark raises it to time one 100,000-row file. */
  readonly maxBytes?: number;
}

function dialectOf(records: readonly CsvRecord[], parsed: { lineEnding: '\r\n' | '\n'; trailingNewline: boolean; bom: boolean }): CsvDialect {
  const quoteAll = records.every((record) => record.quoted.every(Boolean));
  return { lineEnding: parsed.lineEnding, trailingNewline: parsed.trailingNewline, bom: parsed.bom, quoteAll };
}

/** Cells as Turkbench wrote them are read back as they were before the formula neutralisation. */
function restored(record: CsvRecord): CsvRecord {
  const cells = record.cells as string[]; // the reader's own fresh array: restored in place
  for (let i = 0; i < cells.length; i++) cells[i] = restoreFormula(cells[i]!);
  return record;
}

/** Validates the whole file; the first problem found is returned with its row and column. */
function validateRows(columns: BatchColumns, records: readonly CsvRecord[], fileHasNul: boolean): Result<RowWithCells[]> {
  const { header } = columns;
  const rows: RowWithCells[] = [];
  const assignmentRows = new Map<string, number>();
  const firstOfHit = new Map<string, RowWithCells>();
  const cache: ParseCache = new Map();
  for (const [index, record] of records.entries()) {
    const rowNumber = index + 2; // the header is row 1, as in a spreadsheet
    if (record.cells.length !== header.length) {
      return err(
        appError('validation', `Row ${rowNumber} has ${record.cells.length} cells but the header has ${header.length} columns.`, {
          field: `row ${rowNumber}`,
        }),
      );
    }
    const cellProblem = checkRowCells(columns, record.cells, rowNumber, fileHasNul);
    if (cellProblem) return err(cellProblem);
    const parsed = parseBatchRow(columns, record.cells, rowNumber, cache);
    if (!parsed.ok) return err(parsed.error);
    const entry: RowWithCells = { row: parsed.value, cells: record.cells };
    const earlierOfHit = firstOfHit.get(parsed.value.hit.hitId);
    if (earlierOfHit) {
      const contradiction = checkHitAgreement(earlierOfHit.row, parsed.value, record.cells, earlierOfHit.cells, columns);
      if (contradiction) return err(contradiction);
    } else {
      firstOfHit.set(parsed.value.hit.hitId, entry);
    }
    const assignmentId = parsed.value.assignment?.assignmentId;
    if (assignmentId !== undefined) {
      const earlier = assignmentRows.get(assignmentId);
      if (earlier !== undefined) {
        return err(
          appError('validation', `Row ${rowNumber}, column AssignmentId: "${assignmentId}" already appears in row ${earlier}.`, {
            field: `row ${rowNumber}, column AssignmentId`,
          }),
        );
      }
      assignmentRows.set(assignmentId, rowNumber);
    }
    rows.push(entry);
  }
  return ok(rows);
}

const bytesText = (bytes: number): string => `${bytes.toLocaleString('en-US')} bytes`;

/** A file read and checked whole, ready to be compared with the archive and written. */
export interface ReadBatchFile {
  readonly encoding: ImportEncoding;
  readonly note: string | null;
  readonly header: CsvRecord;
  readonly columns: BatchColumns;
  /** Data records (cells with the formula neutralisation undone), in file order. */
  readonly records: readonly CsvRecord[];
  readonly rows: readonly RowWithCells[];
  readonly dialect: CsvDialect;
}

/** Everything that needs no archive: size, encoding, CSV syntax, header, every row. The first problem is returned. */
export function readBatchFile(bytes: Uint8Array, maxBytes: number = MAX_IMPORT_BYTES): Result<ReadBatchFile> {
  if (bytes.length > maxBytes) {
    return err(
      appError('validation', `The file is ${bytesText(bytes.length)}; Turkbench imports files up to ${maxBytes / 1024 / 1024} MB (${bytesText(maxBytes)}). Split it into smaller files (keep the header row in each) and import them one by one.`, {
        field: 'file',
      }),
    );
  }
  const decoded = decodeImportBytes(bytes);
  if (!decoded.ok) return decoded;
  const { text, encoding, note } = decoded.value;
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const [headerRecord, ...rawRecords] = parsed.value.records;
  if (!headerRecord) return err(appError('validation', 'The file is empty.', { field: 'row 1' }));
  const header = headerRecord.cells;
  const headerProblem = checkHeaderCells(header) ?? checkHeader(header);
  if (headerProblem) return err(headerProblem);
  if (rawRecords.length === 0) {
    return err(appError('validation', 'The file has no rows: it has a header but no results under it. Download the results again and import that file.', { field: 'row 2' }));
  }
  const columns = batchColumns(header);
  const records = rawRecords.map(restored);
  const validated = validateRows(columns, records, text.includes('\0'));
  if (!validated.ok) return validated;
  return ok({ encoding, note, header: headerRecord, columns, records, rows: validated.value, dialect: dialectOf(parsed.value.records, parsed.value) });
}

/**
 * For a connection that only imports (the import worker's):
 * - Cache: an import is one transaction, and once its dirty pages outgrow the page cache SQLite spills them to the
 *   WAL and rewrites them at every later touch. Measured at 100,000 rows: 83 s of assignment writes with the usual
 *   64 MB cache, 10 s with 256 MB. Six times the file covers the rows, their indexes and the raw cells kept for
 *   export; pages are only allocated as they are used.
 * - No automatic checkpoint: the commit would otherwise copy the whole import from the WAL into the database file
 *   and fsync it before the user hears back (0.5–0.6 s at 100,000 rows). `checkpointAfterImport` does it once the
 *   answer is sent. Durability is unchanged: a committed import is in the WAL, which the next opener replays.
 */
export function prepareImportConnection(db: WriteDb, fileBytes: number): void {
  const kib = Math.ceil(Math.max(64 * 1024 * 1024, 6 * fileBytes) / 1024);
  db.pragma(`cache_size = -${kib}`);
  db.pragma('wal_autocheckpoint = 0');
}

/** Copies what the import wrote from the WAL into the database file, without waiting for readers. */
export function checkpointAfterImport(db: WriteDb): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

export function importBatchResults(db: WriteDb, connectionId: number, bytes: Uint8Array, options: BatchImportOptions): Result<BatchImportSummary> {
  const file = readBatchFile(bytes, options.maxBytes);
  if (!file.ok) return file;
  if (!getConnection(db, connectionId)) {
    return err(appError('not-found', `Connection ${connectionId} is not in the archive.`, { field: 'connectionId' }));
  }
  return writeBatchFile(db, connectionId, file.value, options);
}

/** Compares with what MTurk reported, then writes, in one transaction: all rows or, on a conflict, none. */
export function writeBatchFile(db: WriteDb, connectionId: number, file: ReadBatchFile, options: BatchImportOptions): Result<BatchImportSummary> {
  const { columns, records, rows, encoding, note } = file;
  const header = file.header.cells;
  const rawRows: RawCsvRow[] = rows.map(({ row, cells }, i) => ({
    rowNumber: row.rowNumber,
    hitId: row.hit.hitId,
    assignmentId: row.assignment?.assignmentId ?? null,
    cells,
    quoted: records[i]!.quoted,
  }));
  const write = db.transaction((): Result<{ importId: number; hits: number; assignments: number; synced: number }> => {
    // Inside the transaction, so no sync can land between the check and the writes.
    const synced = checkAgainstSynced(db, connectionId, columns, rows);
    if (!synced.ok) return synced;
    const hits = new Map<string, HitRecord>();
    const assignments: AssignmentRecord[] = [];
    let assignmentCount = 0;
    let keptFromMTurk = 0;
    for (const { row } of rows) {
      if (!synced.value.hitIds.has(row.hit.hitId)) hits.set(row.hit.hitId, row.hit);
      if (!row.assignment) continue;
      assignmentCount++;
      if (synced.value.assignmentIds.has(row.assignment.assignmentId)) keptFromMTurk++;
      else assignments.push(row.assignment);
    }
    upsertHits(db, connectionId, [...hits.values()], options.now);
    // Into an (almost) empty archive the assignments' indexes are built after the rows; the raw rows' one index is
    // not: their assignment ids arrive in file order, mostly ascending, and were measured cheaper to insert as they come.
    const loadAssignments = (): number => upsertAssignments(db, connectionId, assignments, options.now);
    if (worthRebuilding(db, assignments.length)) withIndexesRebuiltAfter(db, loadAssignments);
    else loadAssignments();
    const importId = insertCsvImport(
      db,
      connectionId,
      {
        fileName: options.fileName,
        header,
        headerQuoted: file.header.quoted,
        dialect: file.dialect,
        importedAt: options.now,
      },
      rawRows,
    );
    const hitCount = new Set(rows.map(({ row }) => row.hit.hitId)).size;
    return ok({ importId, hits: hitCount, assignments: assignmentCount, synced: keptFromMTurk });
  });
  let written: Result<{ importId: number; hits: number; assignments: number; synced: number }>;
  try {
    written = write();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err(appError('internal', `The import failed and nothing was saved: ${reason}`));
  }
  if (!written.ok) return written;
  const notes = [
    ...(note ? [note] : []),
    ...(written.value.synced > 0
      ? [`${written.value.synced === 1 ? '1 assignment was' : `${written.value.synced} assignments were`} already archived from MTurk and the file agrees with it; MTurk's values were kept.`]
      : []),
  ];
  return ok({ importId: written.value.importId, rows: records.length, hits: written.value.hits, assignments: written.value.assignments, encoding, notes });
}
