import type { ArchiveTable } from '../../../shared/contract/archive';
import type { ArchiveDb } from '../../archive/connection';
import type { Result } from '../../../shared/result';
import type { Logger } from '../../logging/logger';
import type { MTurkGateway, Page } from '../../mturk/types';
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

/** Every item of a paged listing (counting its pages for progress). */
export async function collect<T>(pages: AsyncGenerator<Result<Page<T>>, void, undefined>, ctx: RunContext, what: string): Promise<T[]> {
  const items: T[] = [];
  for await (const result of pages) {
    items.push(...unwrap(result, what).items);
    ctx.progress.pages += 1;
  }
  return items;
}
