/**
 * Editing the input rows in the grid: a cell, a new row, a deleted row — each a new table with rows numbered 1…n —
 * and the table written back as input.csv. The values are the requester's own data, written exactly as typed (they
 * are substituted into HITs as text, never opened in a spreadsheet by Turkbench), so no formula guard is added.
 */
import type { InputRow, InputTable } from '../../../../shared/batch/input-rows';

const renumbered = (rows: readonly InputRow[]): InputRow[] => rows.map((row, index) => ({ ...row, number: index + 1 }));

export function setCell(table: InputTable, rowNumber: number, column: string, value: string): InputTable {
  return { ...table, rows: table.rows.map((row) => (row.number === rowNumber ? { ...row, values: { ...row.values, [column]: value } } : row)) };
}

/** A row of empty cells at the end. */
export function addRow(table: InputTable): InputTable {
  const values = Object.fromEntries(table.columns.map((column) => [column, '']));
  return { ...table, rows: [...table.rows, { number: table.rows.length + 1, line: 0, values }] };
}

/** The rows after it move up one number. */
export function deleteRow(table: InputTable, rowNumber: number): InputTable {
  return { ...table, rows: renumbered(table.rows.filter((row) => row.number !== rowNumber)) };
}

/** RFC 4180: a cell is quoted when it holds a comma, a quote, a line break or edge spaces; quotes are doubled. */
function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The table as input.csv: the header, then one line per row, CRLF line endings. */
export function inputCsv(table: InputTable): string {
  const lines = [table.columns, ...table.rows.map((row) => table.columns.map((column) => row.values[column] ?? ''))];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
