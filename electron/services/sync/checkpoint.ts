import { z } from 'zod';
import type { SyncMode } from '../../../shared/contract/archive';

/**
 * Where an interrupted sync resumes. It is written in the same transaction as the rows it
 * describes (recordSyncPage), so after a crash it never claims more than the archive holds.
 */
export const checkpointSchema = z.object({
  version: z.literal(1),
  mode: z.enum(['full', 'incremental']),
  /** The first run of this (possibly resumed) sync: everything seen since its start counts as seen. */
  originRunId: z.number().int(),
  phase: z.enum(['hits', 'details', 'qualifications', 'blocks', 'finishing']),
  /** ListHITs NextToken of the next page, and that page's index. */
  hitsToken: z.string().nullable(),
  hitsPageIndex: z.number().int().nonnegative(),
  /** HITs whose assignments and bonuses this sync must fetch, in order. */
  queue: z.array(z.string()),
  /** Every HIT before this index in `queue` is done (HITs finish out of order; this is the low-water mark). */
  detailsDone: z.number().int().nonnegative(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export function freshCheckpoint(mode: SyncMode, originRunId: number): Checkpoint {
  return { version: 1, mode, originRunId, phase: 'hits', hitsToken: null, hitsPageIndex: 0, queue: [], detailsDone: 0 };
}

/** A stored checkpoint, or null when there is none or it is unreadable (then the sync starts over, which is safe). */
export function readCheckpoint(stored: unknown): Checkpoint | null {
  const parsed = checkpointSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

