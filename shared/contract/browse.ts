import { z } from 'zod';
import {
  ASSIGNMENT_SORT_COLUMNS,
  ASSIGNMENT_STATUSES,
  HIT_SORT_COLUMNS,
  HIT_STATUSES,
  type Assignment,
  type Bonus,
  type Hit,
  type Page,
  type QualificationType,
  type WorkerBlock,
  type WorkerSummary,
} from '../domain/archive-types';
import { archiveScope } from './archive';
import { method } from './define';

/** Grid pages are keyset-paged: pass `nextCursor` back as `after`. Never OFFSET, so deep pages stay fast at 1M rows. */
const paging = {
  after: z.string().max(2000).nullable().optional(),
  limit: z.number().int().min(1).max(500),
  direction: z.enum(['asc', 'desc']),
};
const searchText = z.string().max(200).optional();
/** A grid column's "contains" filter. */
const columnText = z.string().max(200).optional();

export const hitPageInput = z
  .object({
    filter: z
      .object({
        status: z.enum(HIT_STATUSES).optional(),
        hitTypeId: z.string().max(64).optional(),
        /** Title, annotation, ids and keywords; an exact worker id or assignment id also finds the HITs it worked on. */
        text: searchText,
        gone: z.boolean().optional(),
        columns: z
          .object({ title: columnText, requesterAnnotation: columnText, hitId: columnText, keywords: columnText })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    sort: z.object({ column: z.enum(HIT_SORT_COLUMNS), direction: paging.direction }).strict().optional(),
    after: paging.after,
    limit: paging.limit,
    ...archiveScope,
  })
  .strict();

export const assignmentPageInput = z
  .object({
    filter: z
      .object({
        status: z.enum(ASSIGNMENT_STATUSES).optional(),
        workerId: z.string().max(64).optional(),
        hitId: z.string().max(64).optional(),
        hitTypeId: z.string().max(64).optional(),
        text: searchText,
      })
      .strict()
      .optional(),
    sort: z.object({ column: z.enum(ASSIGNMENT_SORT_COLUMNS), direction: paging.direction }).strict().optional(),
    after: paging.after,
    limit: paging.limit,
    ...archiveScope,
  })
  .strict();

export const answerInput = z.object({ assignmentId: z.string().min(1).max(128), field: z.string().max(1000), ...archiveScope }).strict();

/** Longest answer text a grid page carries; the rest is fetched on request (assignments.answer). */
export const GRID_ANSWER_LIMIT = 10_000;

/**
 * An assignment as the grid receives it: each answer cut to GRID_ANSWER_LIMIT characters and the raw answer XML
 * left out, so a page with a 20 MB answer stays small. `cutAnswers` gives the full length of each cut answer.
 */
export type AssignmentRow = Omit<Assignment, 'answerXml'> & { readonly cutAnswers: Readonly<Record<string, number>> };

export const hitDetailInput = z.object({ hitId: z.string().min(1).max(64), ...archiveScope }).strict();

/** Archive screen record grids: newest first (workers by id), keyset-paged like the HITs grid. */
export const recordPageInput = z.object({ after: paging.after, limit: paging.limit, ...archiveScope }).strict();

/** Archived assignments of a HIT by status (MTurk's own counts do not say how many await review). */
/** Where a HIT's inputs come from. */
export type HitInputsOrigin =
  | { readonly kind: 'import'; readonly fileName: string; readonly at: number }
  | { readonly kind: 'batch'; readonly batchId: string; readonly name: string; readonly rowNumber: number; readonly at: number };

export interface HitInputs {
  readonly origin: HitInputsOrigin;
  readonly fields: readonly { readonly name: string; readonly value: string }[];
}

export interface AssignmentTally {
  readonly submitted: number;
  readonly approved: number;
  readonly rejected: number;
}

export type HitRow = Hit & { readonly tally: AssignmentTally };

/** What the assignments panel shows about a HIT besides its assignments: what the workers were shown. */
export interface HitDetail {
  readonly hit: Hit;
  readonly tally: AssignmentTally;
  /** The Input.* values of the results file the HIT was imported from; null when it was not imported. */
  /** What the worker was shown: the Input.* columns of an imported results file, or the input row of a launched batch. */
  readonly inputs: HitInputs | null;
}

/** A page from the archive of the active connection (or of a kept archive, by `archiveId`); `archived: false` means it has never been synced. */
export type ArchivePage<T> = Page<T> & { readonly archived: boolean };

export const browseMethods = {
  'hits.page': method<ArchivePage<HitRow>>()(hitPageInput, 'A page of archived HITs of the active connection, each with its assignment tally (works offline).'),
  'hits.detail': method<HitDetail | null>()(hitDetailInput, 'One archived HIT with its inputs and assignment tally; null when it is not archived.'),
  'workers.page': method<ArchivePage<WorkerSummary>>()(recordPageInput, 'A page of the workers in the archive of the active connection.'),
  'bonuses.page': method<ArchivePage<Bonus>>()(recordPageInput, 'A page of archived bonuses of the active connection, newest first.'),
  'qualificationTypes.page': method<ArchivePage<QualificationType>>()(recordPageInput, 'A page of archived qualification types, newest first.'),
  'workerBlocks.page': method<ArchivePage<WorkerBlock>>()(recordPageInput, 'A page of archived worker blocks, newest first.'),
  'assignments.page': method<ArchivePage<AssignmentRow>>()(assignmentPageInput, 'A page of archived assignments of the active connection, long answers cut (works offline).'),
  'assignments.answer': method<string | null>()(answerInput, 'One answer of an archived assignment in full; null when there is no such answer.'),
} as const;
