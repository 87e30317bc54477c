/**
 * A batch's input rows from `input.csv`, `input.json` (an array of objects) or `input.jsonl` (one object per line).
 * Every row becomes column → text; a file that cannot be read whole is refused with the row (and column) at fault,
 * never half-read.
 */
import { parseCsv, type CsvFailure, type CsvRecord } from '../domain/csv';
import { appError } from '../errors';
import { err, ok, type Result } from '../result';

export interface InputRow {
  /** 1-based data row number (the header is not a row), as lint and the batch page name it. */
  readonly number: number;
  /** Where it is in the file: the CSV line it starts on, or the JSONL line; for JSON, its array index + 1. */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface InputTable {
  readonly columns: readonly string[];
  readonly rows: readonly InputRow[];
}

export type InputFormat = 'csv' | 'json' | 'jsonl';

export function inputFormatOf(fileName: string): InputFormat | null {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'json' || ext === 'jsonl' ? ext : null;
}

const refuse = (message: string, field?: string): Result<InputTable> => err(appError('validation', message, field ? { field } : {}));

/**
 * `values[column] = value`, as an own property even for a column called `__proto__`: assigning that name would set the
 * object's prototype instead and lose the value. Rows stay plain objects, so they share one shape (and read fast).
 */
function setCell(values: Record<string, string>, column: string, value: string): void {
  if (column === '__proto__') Object.defineProperty(values, column, { value, enumerable: true, writable: true, configurable: true });
  else values[column] = value;
}

/**
 * JSON rows naming more distinct keys than this are refused: rows that each bring keys of their own (records that are
 * not rows of one table) would make a column apiece, and give every row a cell in each.
 */
export const MAX_INPUT_COLUMNS = 1_000;
/** Empty cells JSON rows may leave (keys some rows lack, as a spreadsheet's blanks); more means they share too few keys. */
export const MAX_MISSING_CELLS = 5_000_000;

export function readInputRows(text: string, format: InputFormat): Result<InputTable> {
  if (format === 'csv') return fromCsv(text);
  if (format === 'json') return fromJson(text);
  return fromJsonLines(text);
}

/** A CSV syntax error in the batch's terms: the data row and column it is in (or the header), then what is wrong. */
function syntaxRefusal(failure: CsvFailure, message: string): Result<InputTable> {
  const what = message.replace(/^CSV line \d+: /, '');
  const [header, ...before] = failure.recordsBefore;
  if (!header) return refuse(`Input header (line ${failure.line}), column ${failure.cell + 1}: ${what}`, `line ${failure.line}`);
  const row = before.filter((record) => !isBlank(record)).length + 1;
  const name = header.cells[failure.cell]?.trim();
  const column = name ? `column "${name}"` : `cell ${failure.cell + 1}, past the header's ${header.cells.length} columns`;
  return refuse(`Input row ${row} (line ${failure.line}), ${column}: ${what}`, `row ${row}`);
}

/** A blank line (at the end or between rows) is not a row. */
const isBlank = (record: CsvRecord): boolean => record.cells.length === 1 && record.cells[0] === '';

function fromCsv(text: string): Result<InputTable> {
  let failure: CsvFailure | null = null;
  const parsed = parseCsv(text, (at) => (failure = at));
  if (!parsed.ok) return failure ? syntaxRefusal(failure, parsed.error.message) : parsed;
  const [header, ...records] = parsed.value.records;
  if (!header || (header.cells.length === 1 && header.cells[0] === '')) return refuse('The input file is empty: its first line must name the columns, such as "image_url,label".');
  const columns = header.cells.map((c) => c.trim());
  const problem = headerProblem(columns);
  if (problem) return refuse(`Input header (line 1): ${problem}`, 'line 1');
  const rows: InputRow[] = [];
  for (const record of records) {
    if (isBlank(record)) continue;
    const number = rows.length + 1;
    if (record.cells.length !== columns.length) return refuse(raggedRow(number, record, columns), `row ${number}`);
    rows.push({ number, line: record.line, values: rowValues(columns, record.cells) });
  }
  return rows.length ? ok({ columns, rows }) : refuse('The input file has a header but no rows: add one row per HIT.');
}

/** Column → cell, keys added in the header's order so every row shares one object shape (100,000 rows read in well under a second). */
function rowValues(columns: readonly string[], cells: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) setCell(values, columns[i]!, cells[i]!);
  return values;
}

/** A row with more or fewer cells than the header has columns: which columns it lacks, or where its extra cells start. */
function raggedRow(number: number, record: CsvRecord, columns: readonly string[]): string {
  const counts = `has ${record.cells.length} cells but the header names ${columns.length} columns`;
  if (record.cells.length < columns.length) {
    const missing = columns.slice(record.cells.length);
    const named = missing.slice(0, 3).map((c) => `"${c}"`).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
    return `Input row ${number} (line ${record.line}) ${counts}: column${missing.length === 1 ? '' : 's'} ${named} ${missing.length === 1 ? 'is' : 'are'} missing. A cell with a comma in it must be wrapped in double quotes.`;
  }
  return `Input row ${number} (line ${record.line}) ${counts}: cell ${columns.length + 1} is past the last column, "${columns.at(-1)}". A cell with a comma in it must be wrapped in double quotes.`;
}

function headerProblem(columns: readonly string[]): string | null {
  const blank = columns.findIndex((c) => c === '');
  if (blank !== -1) return `column ${blank + 1} has no name.`;
  const seen = new Map<string, number>();
  for (const [index, column] of columns.entries()) {
    const earlier = seen.get(column);
    if (earlier !== undefined) return `the column "${column}" appears twice (columns ${earlier + 1} and ${index + 1}); each column needs its own name.`;
    seen.set(column, index);
  }
  return null;
}

function fromObjects(objects: readonly unknown[], lineOf: (index: number) => number, what: (index: number) => string): Result<InputTable> {
  // First every row is checked and the columns collected (a set: linear in the keys), then the rows are made.
  const columns: string[] = [];
  const known = new Set<string>();
  let cells = 0;
  for (const [index, object] of objects.entries()) {
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return refuse(`${what(index)} must be an object of column → value, such as {"image_url": "…"}.`, `row ${index + 1}`);
    for (const [column, value] of Object.entries(object)) {
      if (typeof value === 'object' && value !== null) return refuse(`${what(index)}, column "${column}": a value must be text, a number or true/false, not a list or object.`, `row ${index + 1}`);
      cells += 1;
      if (known.has(column)) continue;
      if (columns.length === MAX_INPUT_COLUMNS) {
        return refuse(
          `${what(index)}, column "${column}": the rows name more than ${count(MAX_INPUT_COLUMNS)} different columns. Every row of a batch should have the same keys, such as {"image_url": "…", "label": "…"}.`,
          `row ${index + 1}`,
        );
      }
      known.add(column);
      columns.push(column);
    }
    // Every row gets a cell in every column: the empty ones are counted before any is made, so rows that share few
    // keys are refused rather than filling memory.
    const missing = (index + 1) * columns.length - cells;
    if (missing > MAX_MISSING_CELLS) {
      return refuse(
        `${what(index)}: by this row, ${count(missing)} cells are empty because rows lack keys other rows have (${count(columns.length)} columns in all), more than the ${count(MAX_MISSING_CELLS)} a batch may leave empty. Every row of a batch should have the same keys, such as {"image_url": "…", "label": "…"}.`,
        `row ${index + 1}`,
      );
    }
  }
  // A column missing from some rows is an empty cell there, as in a spreadsheet.
  const rows = objects.map((object, index): InputRow => {
    const row = object as Readonly<Record<string, unknown>>;
    const values: Record<string, string> = {};
    for (const column of columns) setCell(values, column, Object.hasOwn(row, column) ? textOf(row[column]) : '');
    return { number: index + 1, line: lineOf(index), values };
  });
  return rows.length ? ok({ columns, rows }) : refuse('The input file holds no rows: add one object per HIT.');
}

/** A checked JSON value (text, number, true/false or null) as cell text. */
const textOf = (value: unknown): string => (value === null ? '' : String(value));

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Numbers are kept as written: a JSON number is a double, so `12345678901234567890` (an id) would become
 * "12345678901234567000" and a price of `1.10` "1.1" in the HIT. The reviver's third argument gives the source text.
 */
function numbersAsWritten(_key: string, value: unknown, context?: { readonly source?: string }): unknown {
  return typeof value === 'number' && typeof context?.source === 'string' ? context.source : value;
}

const parseJson = (text: string): unknown => JSON.parse(text, numbersAsWritten as (key: string, value: unknown) => unknown);

function fromJson(text: string): Result<InputTable> {
  let parsed: unknown;
  try {
    parsed = parseJson(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return refuse(`The input file is not valid JSON: ${(error as Error).message}.`);
  }
  if (!Array.isArray(parsed)) return refuse('input.json must hold a JSON array of rows, such as [{"image_url": "…"}, …].');
  return fromObjects(parsed, (i) => i + 1, (i) => `Input row ${i + 1}`);
}

function fromJsonLines(text: string): Result<InputTable> {
  const objects: unknown[] = [];
  const lines: number[] = [];
  const physical = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, line] of physical.entries()) {
    if (line.trim() === '') continue;
    try {
      objects.push(parseJson(line));
    } catch (error) {
      return refuse(`Input line ${i + 1} is not valid JSON: ${(error as Error).message}.`, `line ${i + 1}`);
    }
    lines.push(i + 1);
  }
  return fromObjects(objects, (index) => lines[index]!, (index) => `Input row ${index + 1} (line ${lines[index]})`);
}
