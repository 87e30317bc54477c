import type { ArchiveTable } from '../../../shared/contract/archive';
import type { ArchiveDb } from '../../archive/connection';
import type { Result } from '../../../shared/result';
import type { Logger } from '../../logging/logger';
import type { MTurkGateway, Page, UnreadableRecord } from '../../mturk/types';
import { noteProblem } from './checked-writes';
import type { ProgressTracker } from './progress-tracker';

/** What every phase of one sync run works with. */
export interface RunContext {
  readonly db: ArchiveDb;
  readonly gateway: MTurkGateway;
  readonly connectionId: number;
  readonly runId: number;
  readonly signal: AbortSignal;
  readonly now: () => number;
  readonly log: Logger;
  readonly progress: ProgressTracker;
  /** Tells views which tables changed (batched by the caller). */
  readonly changed: (tables: readonly ArchiveTable[]) => void;
  /** HITs fetched in parallel; the gateway's scheduler still bounds the call rate. */
  readonly detailConcurrency: number;
}

/** Thrown inside a run to stop it; the run's checkpoint stays, so the next sync resumes. */
export class SyncAbort extends Error {}

export function unwrap<T>(result: Result<T>, what: string): T {
  if (result.ok) return result.value;
  throw new SyncAbort(`${what}: ${result.error.message}`);
}

/** What a listing returned: the records read, and the ids of records listed but unreadable (skipped, not gone). */
export interface Listed<T> {
  readonly items: T[];
  readonly unreadableIds: string[];
}

/**
 * Every item of a paged listing (counting its pages for progress). A record MTurk sent in a shape that cannot be read
 * is skipped with its reason in the sync's problem list, under `kind` ('assignment', 'HIT', …).
 */
export async function collect<T>(pages: AsyncGenerator<Result<Page<T>>, void, undefined>, ctx: RunContext, what: string, kind: string): Promise<Listed<T>> {
  const items: T[] = [];
  const unreadableIds: string[] = [];
  for await (const result of pages) {
    const page = unwrap(result, what);
    items.push(...page.items);
    noteUnreadable(ctx, kind, page.unreadable, unreadableIds);
    ctx.progress.pages += 1;
  }
  return { items, unreadableIds };
}

/** Records each unreadable record as a skipped problem and adds its id (when it had one) to `ids`. */
export function noteUnreadable(ctx: RunContext, kind: string, unreadable: readonly UnreadableRecord[], ids: string[] = []): void {
  for (const record of unreadable) {
    noteProblem(ctx, kind, record.id ?? '(no id)', record.reason, true);
    if (record.id !== null) ids.push(record.id);
  }
}
