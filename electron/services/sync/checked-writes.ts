/**
 * Writes what MTurk sent, record by record accountable: a record that fails its checks, or that the archive still
 * refuses, is skipped with its reason in the sync's problem list (the sync log shows it) and the rest is archived.
 */
import { ArchiveInputError } from '../../archive/repos/archive-input-error';
import { recordSyncProblem } from '../../archive/repos/sync';
import type { RunContext } from './sync-context';

export interface RecordKind<T> {
  /** As the sync log names it: 'HIT', 'assignment', … */
  readonly name: string;
  readonly idOf: (record: T) => string;
  readonly problems: (record: T) => string[];
}

/** Records a problem with one object of this run; `skipped` when the object was not archived at all. */
export function noteProblem(ctx: RunContext, objectKind: string, objectId: string, problem: string, skipped: boolean): void {
  recordSyncProblem(ctx.db.write, ctx.runId, { objectKind, objectId, problem, skipped }, ctx.now());
  if (skipped) ctx.progress.skipped += 1;
  ctx.log.warn(`${objectKind} ${objectId} ${skipped ? 'skipped' : 'kept raw'}: ${problem}`);
}

/**
 * Upserts the records that pass their checks and returns them. Call inside the page's transaction: each attempt is
 * a savepoint, so a record SQLite refuses (its index is in the ArchiveInputError) is dropped and the rest retried.
 */
export function writeChecked<T>(ctx: RunContext, kind: RecordKind<T>, records: readonly T[], upsert: (records: readonly T[]) => void): T[] {
  const good: T[] = [];
  for (const record of records) {
    const problems = kind.problems(record);
    if (problems.length === 0) good.push(record);
    else noteProblem(ctx, kind.name, idText(kind.idOf(record)), `${problems.join('; ')}.`, true);
  }
  for (;;) {
    try {
      if (good.length > 0) ctx.db.write.transaction(() => upsert(good))();
      return good;
    } catch (error) {
      const index = refusedIndex(error);
      if (index === null || index >= good.length) throw error;
      noteProblem(ctx, kind.name, idText(kind.idOf(good[index]!)), `the archive refused it: ${(error as Error).message}`, true);
      good.splice(index, 1);
    }
  }
}

const idText = (id: unknown): string => (typeof id === 'string' && id.trim() !== '' ? id : '(no id)');

function refusedIndex(error: unknown): number | null {
  if (!(error instanceof ArchiveInputError)) return null;
  const match = /^records\[(\d+)\]$/.exec(error.appError.field ?? '');
  return match ? Number(match[1]) : null;
}
