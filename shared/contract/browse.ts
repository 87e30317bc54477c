import { z } from 'zod';
import {
  ASSIGNMENT_SORT_COLUMNS,
  ASSIGNMENT_STATUSES,
  HIT_SORT_COLUMNS,
  HIT_STATUSES,
  type Assignment,
  type Hit,
  type Page,
} from '../domain/archive-types';
import { method } from './define';

/** Grid pages are keyset-paged: pass `nextCursor` back as `after`. Never OFFSET, so deep pages stay fast at 1M rows. */
const paging = {
  after: z.string().max(2000).nullable().optional(),
  limit: z.number().int().min(1).max(500),
  direction: z.enum(['asc', 'desc']),
};
const searchText = z.string().max(200).optional();

export const hitPageInput = z
  .object({
    filter: z
      .object({ status: z.enum(HIT_STATUSES).optional(), hitTypeId: z.string().max(64).optional(), text: searchText, gone: z.boolean().optional() })
      .strict()
      .optional(),
    sort: z.object({ column: z.enum(HIT_SORT_COLUMNS), direction: paging.direction }).strict().optional(),
    after: paging.after,
    limit: paging.limit,
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
  })
  .strict();

/** A page from the archive of the active connection; `archived: false` means it has never been synced. */
export type ArchivePage<T> = Page<T> & { readonly archived: boolean };

export const browseMethods = {
  'hits.page': method<ArchivePage<Hit>>()(hitPageInput, 'A page of archived HITs of the active connection (works offline).'),
  'assignments.page': method<ArchivePage<Assignment>>()(assignmentPageInput, 'A page of archived assignments of the active connection (works offline).'),
} as const;
