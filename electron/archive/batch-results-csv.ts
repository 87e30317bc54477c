/**
 * Import of the Requester website's batch results CSV into the archive: all or nothing.
 * Every row is validated before anything is written; the writes share one transaction; the raw file shape
 * (header, quoting, line endings, Input.* columns, original strings) is kept for a faithful export.
 */
import { parseCsv, type CsvRecord } from '../../shared/domain/csv';
import { appError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import { checkHeader, parseBatchRow, type ParsedBatchRow } from './batch-results-rows';
import type { WriteDb } from './db-types';
import { upsertAssignments, type AssignmentRecord } from './repos/assignments';
import { insertCsvImport, type CsvDialect, type RawCsvRow } from './repos/csv-imports';
import { getConnection } from './repos/connections';
import { upsertHits, type HitRecord } from './repos/hits';

export interface BatchImportSummary {
  readonly importId: number;
  readonly rows: number;
  readonly hits: number;
  readonly assignments: number;
}

export interface BatchImportOptions {
  readonly fileName: string;
  readonly now: number;
}

function dialectOf(records: readonly CsvRecord[], parsed: { lineEnding: '\r\n' | '\n'; trailingNewline: boolean; bom: boolean }): CsvDialect {
  const quoteAll = records.every((record) => record.quoted.every(Boolean));
  return { lineEnding: parsed.lineEnding, trailingNewline: parsed.trailingNewline, bom: parsed.bom, quoteAll };
}

/** Validates the whole file; the first problem found is returned with its row and column. */
function validateRows(header: readonly string[], records: readonly CsvRecord[]): Result<ParsedBatchRow[]> {
  const rows: ParsedBatchRow[] = [];
  const assignmentRows = new Map<string, number>();
  for (const [index, record] of records.entries()) {
    const rowNumber = index + 2; // the header is row 1, as in a spreadsheet
    if (record.cells.length !== header.length) {
      return err(
        appError('validation', `Row ${rowNumber} has ${record.cells.length} cells but the header has ${header.length} columns.`, {
          field: `row ${rowNumber}`,
        }),
      );
    }
    const parsed = parseBatchRow(header, record.cells, rowNumber);
    if (!parsed.ok) return err(parsed.error);
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
    rows.push(parsed.value);
  }
  return ok(rows);
}

export function importBatchResults(db: WriteDb, connectionId: number, text: string, options: BatchImportOptions): Result<BatchImportSummary> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const [headerRecord, ...records] = parsed.value.records;
  if (!headerRecord) return err(appError('validation', 'The file is empty.', { field: 'row 1' }));
  const header = headerRecord.cells;
  const headerProblem = checkHeader(header);
  if (headerProblem) return err(headerProblem);
  const validated = validateRows(header, records);
  if (!validated.ok) return validated;
  if (!getConnection(db, connectionId)) {
    return err(appError('not-found', `Connection ${connectionId} is not in the archive.`, { field: 'connectionId' }));
  }

  const hits = new Map<string, HitRecord>();
  const assignments: AssignmentRecord[] = [];
  for (const row of validated.value) {
    hits.set(row.hit.hitId, row.hit);
    if (row.assignment) assignments.push(row.assignment);
  }
  const rawRows: RawCsvRow[] = validated.value.map((row, i) => ({
    rowNumber: row.rowNumber,
    hitId: row.hit.hitId,
    assignmentId: row.assignment?.assignmentId ?? null,
    cells: records[i]!.cells,
    quoted: records[i]!.quoted,
  }));
  const write = db.transaction(() => {
    upsertHits(db, connectionId, [...hits.values()], options.now);
    upsertAssignments(db, connectionId, assignments, options.now);
    return insertCsvImport(
      db,
      connectionId,
      {
        fileName: options.fileName,
        header,
        headerQuoted: headerRecord.quoted,
        dialect: dialectOf(parsed.value.records, parsed.value),
        importedAt: options.now,
      },
      rawRows,
    );
  });
  let importId: number;
  try {
    importId = write();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err(appError('internal', `The import failed and nothing was saved: ${reason}`));
  }
  return ok({ importId, rows: records.length, hits: hits.size, assignments: assignments.length });
}
