/**
 * A list of workers as a requester pastes or uploads it: one worker id per line, or a CSV with a worker id column —
 * the Requester website's worker CSV ("Worker ID", scores in "UPDATE-<type name>" columns) or a plain "WorkerId,Score".
 */
import { parseCsv } from './csv';
import { appError, type AppError } from '../errors';
import { err, ok, type Result } from '../result';

export interface WorkerListEntry {
  readonly workerId: string;
  /** A score from the file's score column, when it has one and the row fills it. */
  readonly score: number | null;
}

const WORKER_ID = /^[A-Z0-9]{1,64}$/;
const ID_COLUMNS = ['worker id', 'workerid', 'worker_id'];
/** MTurk's IntegerValue is a 32-bit integer. */
export const MIN_SCORE = -2_147_483_648;
export const MAX_SCORE = 2_147_483_647;
const isScoreColumn = (name: string): boolean => /^(score|integervalue|value)$/i.test(name) || /^UPDATE-/i.test(name);

export function isWorkerId(text: string): boolean {
  return WORKER_ID.test(text);
}

/**
 * Parses the list; the first bad row is an error naming the line (and column) and the value. Scores are plain decimal
 * 32-bit integers; an empty cell is no score. Of several score columns only one may hold scores. Repeats keep their
 * last score.
 */
export function parseWorkerList(text: string, source = 'the list'): Result<WorkerListEntry[]> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const records = parsed.value.records.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  if (records.length === 0) return err(appError('validation', `${source} names no workers.`));
  const header = records[0]!.cells.map((cell) => cell.trim());
  const idColumn = header.findIndex((cell) => ID_COLUMNS.includes(cell.toLowerCase()));
  const hasHeader = idColumn >= 0 || !isWorkerId(header[0] ?? '');
  if (hasHeader && idColumn < 0) {
    return err(appError('validation', `${source}, line ${records[0]!.line}: no "Worker ID" column (found ${header.map((h) => `"${h}"`).join(', ').slice(0, 200)}).`, { field: 'workers' }));
  }
  const column = Math.max(0, idColumn);
  const rows = hasHeader ? records.slice(1) : records;
  const scoreColumns = hasHeader ? header.flatMap((name, at) => (isScoreColumn(name) ? [at] : [])) : [];
  // The website's download has one UPDATE- column per qualification type: which one is meant is only clear when a
  // single column holds scores; reading another would grant a score meant for a different type.
  const filled = scoreColumns.filter((at) => rows.some((record) => (record.cells[at] ?? '').trim() !== ''));
  if (filled.length > 1) {
    const names = filled.map((at) => `"${header[at]!.slice(0, 80)}"`).join(', ');
    return err(badRow(source, records[0]!.line, `scores in more than one column (${names}); keep only the column of the qualification being granted (delete the others)`));
  }
  const scoreColumn = filled[0] ?? scoreColumns[0] ?? -1;
  const entries = new Map<string, WorkerListEntry>();
  for (const record of rows) {
    const workerId = (record.cells[column] ?? '').trim();
    if (!isWorkerId(workerId)) return err(badRow(source, record.line, `"${workerId.slice(0, 80)}" is not a worker id (capital letters and digits)`));
    const scoreText = scoreColumn >= 0 ? (record.cells[scoreColumn] ?? '').trim() : '';
    const score = scoreText === '' ? null : parseScore(scoreText);
    if (score === undefined) {
      return err(badRow(source, record.line, `score "${scoreText.slice(0, 40)}" of ${workerId} is not a whole number from ${MIN_SCORE} to ${MAX_SCORE}`, header[scoreColumn]));
    }
    entries.set(workerId, { workerId, score });
  }
  if (entries.size === 0) return err(appError('validation', `${source} names no workers.`));
  return ok([...entries.values()]);
}

/** A plain decimal score in range, else undefined: `Number` alone also takes "0x1A", "1e3" or "0b11", and rounds past 2^53. */
function parseScore(text: string): number | undefined {
  if (!/^-?[0-9]+$/.test(text)) return undefined;
  // Rounding only touches values far out of range, so the range check is exact; `+ 0` makes "-0" a plain 0.
  const value = Number(text) + 0;
  return value >= MIN_SCORE && value <= MAX_SCORE ? value : undefined;
}

const badRow = (source: string, line: number, what: string, column?: string): AppError =>
  appError('validation', `${source}, line ${line}${column === undefined ? '' : `, column "${column.slice(0, 80)}"`}: ${what}.`, { field: 'workers' });
