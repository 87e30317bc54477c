import { z } from 'zod';
import type { RowProblem, WebsiteDecision } from '../domain/website-review';
import { method } from './define';

/** A results CSV in the Requester website's review format, checked: what it would do, and every row that is wrong. */
export interface WebsiteReviewCheck {
  readonly decisions: readonly WebsiteDecision[];
  readonly undecided: number;
  /** Unparseable cells, unknown assignments, assignments no longer Submitted — by row and column. */
  readonly problems: readonly RowProblem[];
}

export const reviewFileMethods = {
  'review.checkFile': method<WebsiteReviewCheck>()(
    z.object({ text: z.string().max(200_000_000, 'at most 200 MB') }).strict(),
    "Reads a results CSV in the website's review format (Approve = x, Reject = reason): its decisions and every row problem; sends nothing.",
  ),
} as const;
