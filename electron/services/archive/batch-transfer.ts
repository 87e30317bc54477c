/**
 * Website batch results files in and out of one archived connection. The archive layer does the work
 * (all-or-nothing import, byte-faithful export); this adds what a download needs: a file name, a MIME
 * type, a row count, and refusals that say what to do instead of an exception.
 */
import type { ArchiveExportFile, ExportFormat, ExportSelectionInput } from '../../../shared/contract/archive';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { exportAssignmentsJson, exportBatchResultsCsv } from '../../archive/batch-results-export';
import type { ReadDb } from '../../archive/db-types';
import { ArchiveInputError } from '../../archive/repos/archive-input-error';
import { getAssignmentsForExport, type ExportSelection } from '../../archive/repos/assignment-pages';

const MIME: Record<ExportFormat, string> = { csv: 'text/csv', json: 'application/json' };

export function toArchiveSelection(connectionId: number, selection: ExportSelectionInput | undefined): ExportSelection {
  if (!selection) return { connectionId, filter: {} };
  return 'assignmentIds' in selection ? { connectionId, assignmentIds: selection.assignmentIds } : { connectionId, filter: selection.filter };
}

/** `Lab sandbox` + a filter → `turkbench-lab-sandbox-approved-2026-11-23.csv`: sortable, safe on every OS. */
export function exportFileName(label: string, selection: ExportSelectionInput | undefined, format: ExportFormat, now: number): string {
  const parts = ['turkbench', label];
  if (selection && 'filter' in selection) {
    const { status, hitTypeId, hitId, workerId } = selection.filter;
    parts.push(...[status, hitTypeId, hitId, workerId].filter((part): part is string => part !== undefined));
  } else if (selection) {
    parts.push(`${selection.assignmentIds.length}-assignments`);
  }
  parts.push(new Date(now).toISOString().slice(0, 10));
  const slug = parts
    // Accents are dropped rather than the letters (Ü → u); anything else outside a-z0-9 becomes a dash.
    .map((part) => part.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((part) => part !== '')
    .join('-');
  return `${slug}.${format}`;
}

export function exportArchive(
  db: ReadDb,
  selection: ExportSelection,
  format: ExportFormat,
  fileName: string,
): Result<ArchiveExportFile> {
  try {
    // Counted first so an empty selection is refused instead of saving a file with a header and nothing else.
    const rows = getAssignmentsForExport(db, selection).length;
    if (rows === 0) {
      return err(appError('not-found', 'No archived assignments match this selection, so there is nothing to export. Sync or import first, or widen the filter.'));
    }
    const text = format === 'csv' ? exportBatchResultsCsv(db, selection) : exportAssignmentsJson(db, selection);
    return ok({ fileName, mimeType: MIME[format], text, rows });
  } catch (cause) {
    // An unknown assignment id is the caller's mistake, reported with the id; anything else is a bug for the dispatcher's log.
    if (cause instanceof ArchiveInputError) return err(cause.appError);
    throw cause;
  }
}
