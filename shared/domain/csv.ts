/**
 * RFC 4180 CSV, kept lossless: the parser records how each cell was quoted and which line ending
 * the file used, so a file can be written back byte for byte.
 */
import { appError } from '../errors';
import { err, ok, type Result } from '../result';

export type LineEnding = '\r\n' | '\n';

export interface CsvRecord {
  /** Unescaped cell values. */
  readonly cells: readonly string[];
  /** Whether each cell was wrapped in double quotes in the source. */
  readonly quoted: readonly boolean[];
  /** 1-based physical line on which the record starts (records may span lines). */
  readonly line: number;
}

export interface CsvDocument {
  readonly records: readonly CsvRecord[];
  readonly lineEnding: LineEnding;
  /** True when the last record is followed by a line ending. */
  readonly trailingNewline: boolean;
  /** True when the file began with a UTF-8 byte order mark. */
  readonly bom: boolean;
}

const BOM = '\uFEFF';
/** Where an unquoted cell stops: its separator, a line ending, or a stray quote (an error). */
const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Where a syntax error is: the records read before it (the header first) and the 0-based cell of the record at fault. */
export interface CsvFailure {
  readonly line: number;
  readonly recordsBefore: readonly CsvRecord[];
  readonly cell: number;
}

/**
 * Parses CSV text; quoted cells may hold commas, quotes ("") and line breaks. `onFailure` learns where a syntax error
 * is, so a caller can name the row and column in its own terms.
 */
export function parseCsv(input: string, onFailure?: (failure: CsvFailure) => void): Result<CsvDocument> {
  const bom = input.startsWith(BOM);
  const text = bom ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let quoted: boolean[] = [];
  let line = 1;
  let recordLine = 1;
  let lineEnding: LineEnding | null = null;
  let trailingNewline = false;
  let i = 0;
  /** Position of the first '\n' at or after the last search (Infinity when there is none). */
  let nextNewline = -1;
  const newlineFrom = (from: number): number => {
    const at = text.indexOf('\n', from);
    return at < 0 ? Infinity : at;
  };

  const fail = (message: string, at: number = line, cell: number = cells.length): Result<CsvDocument> => {
    onFailure?.({ line: at, recordsBefore: records, cell });
    return err(appError('validation', `CSV line ${at}: ${message}`, { field: `line ${at}` }));
  };

  while (i <= text.length) {
    // One cell per iteration.
    let value = '';
    let wasQuoted = false;
    if (text[i] === '"') {
      wasQuoted = true;
      const openedOn = line;
      i++;
      // Jumps from quote to quote: a cell can be megabytes long, so it is never built one character at a time.
      value = '';
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) return fail('a quoted cell starts here and is never closed (missing ").', openedOn);
        // Line breaks inside the cell, counted from the next known one: searching afresh from every cell would scan
        // to the end of its line each time, quadratic in a long line of quoted cells.
        if (nextNewline < i) nextNewline = newlineFrom(i);
        while (nextNewline < close) {
          line++;
          nextNewline = newlineFrom(nextNewline + 1);
        }
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += text.slice(i, close + 1); // the first of the two quotes, kept as one
          i = close + 2;
          continue;
        }
        value += text.slice(i, close);
        i = close + 1;
        break;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return fail(`unexpected character ${JSON.stringify(next)} after a closing quote.`);
      }
    } else {
      const start = i;
      // A plain scan, not a regular expression: cells are short, and a match object per cell costs more than the scan.
      for (; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === COMMA || code === LF || code === CR || code === QUOTE) break;
      }
      if (text.charCodeAt(i) === QUOTE) return fail('a double quote inside an unquoted cell; wrap the cell in quotes.');
      value = text.slice(start, i);
    }
    cells.push(value);
    quoted.push(wasQuoted);

    if (text[i] === ',') {
      i++;
      continue;
    }
    // End of record: a line ending or the end of the text.
    const endsHere = i >= text.length;
    if (!endsHere) {
      const ending: LineEnding = text[i] === '\r' && text[i + 1] === '\n' ? '\r\n' : '\n';
      if (text[i] === '\r' && ending === '\n') return fail('a carriage return (CR) on its own ends a line here; Turkbench reads Windows (CRLF) or Unix (LF) line endings. Save the file as CSV UTF-8 and import it again.', line, cells.length - 1);
      if (lineEnding === null) lineEnding = ending;
      i += ending.length;
      line++;
    }
    const isBlankTail = endsHere && cells.length === 1 && cells[0] === '' && !quoted[0];
    if (isBlankTail) {
      trailingNewline = records.length > 0;
    } else {
      records.push({ cells, quoted, line: recordLine });
    }
    cells = [];
    quoted = [];
    recordLine = line;
    if (endsHere) break;
  }
  return ok({ records, lineEnding: lineEnding ?? '\r\n', trailingNewline, bom });
}

export type QuotePolicy = 'all' | 'minimal';

export interface CsvWriteOptions {
  readonly lineEnding?: LineEnding;
  readonly quote?: QuotePolicy;
  readonly trailingNewline?: boolean;
  readonly bom?: boolean;
}

/** A row to write: plain values, or values with explicit per-cell quoting (to reproduce a source file). */
export type CsvRowInput = readonly string[] | { readonly cells: readonly string[]; readonly quoted: readonly boolean[] };

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a formula, quoted or
 * not, so a worker's answer could become a live link or command in the requester's spreadsheet. Such a cell is
 * written with a leading apostrophe, which spreadsheets show as text. So that reading undoes exactly this, a cell
 * that already starts with apostrophes followed by a trigger gets one more: writing adds one apostrophe to every
 * value matching `'*[=+\-@\t\r]…`, reading removes one from every value matching `'+[=+\-@\t\r]…`, and nothing
 * else is touched (a plain "'hello" stays as it is both ways).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED_FORMULA_START = /^'+[=+\-@\t\r]/;
/** First characters that can begin either pattern: most cells are cleared by one character comparison. */
const MAY_START_FORMULA = new Set(["'", '=', '+', '-', '@', '\t', '\r']);

/** The value as every Turkbench CSV writes it: formula triggers made inert. */
export function neutraliseFormula(value: string): string {
  return MAY_START_FORMULA.has(value.charAt(0)) && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `neutraliseFormula` exactly: restoreFormula(neutraliseFormula(v)) === v for every string v. */
export function restoreFormula(value: string): string {
  return value.charAt(0) === "'" && NEUTRALISED_FORMULA_START.test(value) ? value.slice(1) : value;
}

function writeCell(raw: string, forceQuote: boolean): string {
  const value = neutraliseFormula(raw);
  if (forceQuote || NEEDS_QUOTES.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/**
 * Writes rows as CSV; defaults follow RFC 4180 (CRLF, minimal quoting, trailing line ending). Every CSV Turkbench
 * writes goes through here, so every cell is formula-neutralised (`neutraliseFormula`); readers undo it with
 * `restoreFormula`.
 */
export function stringifyCsv(rows: readonly CsvRowInput[], options: CsvWriteOptions = {}): string {
  const lineEnding = options.lineEnding ?? '\r\n';
  const quoteAll = (options.quote ?? 'minimal') === 'all';
  const lines = rows.map((row) => {
    const cells = 'cells' in row ? row.cells : row;
    const quotedFlags = 'cells' in row ? row.quoted : null;
    return cells.map((cell, index) => writeCell(cell, quotedFlags ? quotedFlags[index] === true : quoteAll)).join(',');
  });
  const body = lines.join(lineEnding) + (options.trailingNewline === false || lines.length === 0 ? '' : lineEnding);
  return (options.bom ? BOM : '') + body;
}
