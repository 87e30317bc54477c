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
const isScoreColumn = (name: string): boolean => /^(score|integervalue|value)$/i.test(name) || /^UPDATE-/i.test(name);

export function isWorkerId(text: string): boolean {
  return WORKER_ID.test(text);
}

/** Parses the list; the first bad row is an error naming the line and the value. Repeats keep their last score. */
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
  const scoreColumn = hasHeader ? header.findIndex(isScoreColumn) : -1;
  const entries = new Map<string, WorkerListEntry>();
  for (const record of hasHeader ? records.slice(1) : records) {
    const workerId = (record.cells[column] ?? '').trim();
    if (!isWorkerId(workerId)) return err(badRow(source, record.line, `"${workerId.slice(0, 80)}" is not a worker id (capital letters and digits)`));
    const scoreText = scoreColumn >= 0 ? (record.cells[scoreColumn] ?? '').trim() : '';
    const score = scoreText === '' ? null : Number(scoreText);
    if (score !== null && !Number.isInteger(score)) return err(badRow(source, record.line, `score "${scoreText.slice(0, 40)}" of ${workerId} is not a whole number`));
    entries.set(workerId, { workerId, score });
  }
  if (entries.size === 0) return err(appError('validation', `${source} names no workers.`));
  return ok([...entries.values()]);
}

const badRow = (source: string, line: number, what: string): AppError => appError('validation', `${source}, line ${line}: ${what}.`, { field: 'workers' });
