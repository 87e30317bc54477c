import { z } from 'zod';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../domain/archive-types';
import { feedbackProblem } from '../domain/requester-feedback';
import type { ArchivePage } from './browse';
import { archiveScope } from './archive';
import { method } from './define';
import type { JobProgress } from './jobs';

/** MTurk allows overriding a rejection this long after the work was submitted. */
export const OVERRIDE_WINDOW_MS = 30 * 86_400_000;

const assignmentId = z.string().trim().regex(/^[A-Z0-9]{1,64}$/, 'an assignment id is 1–64 capital letters and digits');
const entityId = z.string().trim().regex(/^[A-Z0-9]{1,64}$/, 'an id is 1–64 capital letters and digits');

/** RequesterFeedback as MTurk takes it; the message names the problem and where it is. */
export const feedbackSchema = z.string().superRefine((text, ctx) => {
  const problem = feedbackProblem(text);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

export const REVIEW_SORT_COLUMNS = ['autoApprovalTime', 'submitTime'] as const;
export type ReviewSortColumn = (typeof REVIEW_SORT_COLUMNS)[number];

export const reviewFilterSchema = z
  .object({
    status: z.enum(ASSIGNMENT_STATUSES).optional(),
    hitTypeId: entityId.optional(),
    hitId: entityId.optional(),
    workerId: z.string().trim().min(1).max(64).optional(),
    submittedFrom: z.number().int().nonnegative().optional(),
    submittedTo: z.number().int().nonnegative().optional(),
    /** Only work of this batch's HITs (recorded here, or tagged by Turkbench on another computer). */
    batchId: z.string().trim().regex(/^[A-Za-z0-9]{1,64}$/, 'a batch id is 1–64 letters and digits').optional(),
    /** Only work MTurk approves on its own before this time (epoch ms). */
    autoApprovalBefore: z.number().int().nonnegative().optional(),
    /** Only assignments whose labels agree with fewer than this share of the other workers on their HIT (0–1). */
    agreementBelow: z.number().min(0).max(1).optional(),
    /** Only assignments whose labels on gold rows are right less often than this (0–1). */
    goldBelow: z.number().min(0).max(1).optional(),
  })
  .strict();
export type ReviewFilter = z.infer<typeof reviewFilterSchema>;

/** The queue grouped: each HIT's (or each worker's) assignments together, soonest deadline first inside a group. */
export const REVIEW_GROUPINGS = ['hit', 'worker'] as const;
export type ReviewGrouping = (typeof REVIEW_GROUPINGS)[number];

export const reviewQueueInput = z
  .object({
    filter: reviewFilterSchema.optional(),
    /** With a grouping the sort is by group, then auto-approval deadline; `sort` is not allowed with it. */
    group: z.enum(REVIEW_GROUPINGS).optional(),
    sort: z.object({ column: z.enum(REVIEW_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }).strict().optional(),
    after: z.string().max(2000).nullable().optional(),
    limit: z.number().int().min(1, 'at least 1 row').max(500, 'at most 500 rows a page'),
    ...archiveScope,
  })
  .strict()
  .refine((q) => q.group === undefined || q.sort === undefined, { message: 'a grouped queue is sorted by group, then deadline; leave out sort', path: ['sort'] });

export type ReviewVerdict = 'approve' | 'reject';

/** One assignment of the review queue, with the draft verdict the requester marked on it (not sent yet). */
export interface ReviewQueueRow {
  readonly assignmentId: string;
  readonly hitId: string;
  readonly hitTypeId: string | null;
  readonly workerId: string;
  readonly status: AssignmentStatus;
  readonly title: string;
  readonly rewardCents: number;
  readonly submitTime: number | null;
  /** When MTurk approves it on its own if nobody decides first. */
  readonly autoApprovalTime: number | null;
  readonly approvalTime: number | null;
  readonly rejectionTime: number | null;
  readonly requesterFeedback: string | null;
  /** For a rejected assignment: until when the rejection can be overridden (null once that is impossible). */
  readonly overridableUntil: number | null;
  readonly draft: { readonly verdict: ReviewVerdict; readonly feedback: string | null } | null;
  /** The worker's record with this account, as archived: every assignment, and how many were approved / rejected. */
  readonly workerHistory: { readonly assignments: number; readonly approved: number; readonly rejected: number };
  /** Quality figures of its categorical answers, when its HIT has any to compare (see QueueQuality). */
  readonly quality?: QueueQuality;
}

/**
 * `agreement`: the share of the other workers on the same HIT who gave the same label (averaged over categorical
 * fields; null when nobody else answered). `gold`: the share of its labels that are right on gold fields of its input
 * row (null when the row has no gold).
 */
export interface QueueQuality {
  readonly agreement: number | null;
  readonly gold: number | null;
}

const assignmentIds = z.array(assignmentId).min(1, 'select at least one assignment').max(100_000, 'at most 100,000 assignments at once');

export const setDraftsInput = z
  .object({ assignmentIds, verdict: z.enum(['approve', 'reject']), feedback: feedbackSchema.optional() })
  .strict()
  .refine((d) => d.verdict === 'approve' || (d.feedback ?? '').trim() !== '', {
    message: 'a rejection needs feedback: the worker reads why',
    path: ['feedback'],
  });

/** Clears the drafts of these assignments (an undo), or every draft when none are named. */
export const clearDraftsInput = z.object({ assignmentIds: assignmentIds.optional() }).strict();

export interface DraftCounts {
  readonly approve: number;
  readonly reject: number;
}

/** A verdict to send: `override` approves a rejected assignment (within 30 days of its submission). */
export const decisionSchema = z
  .object({ assignmentId, verdict: z.enum(['approve', 'reject', 'override']), feedback: feedbackSchema.optional() })
  .strict();
export type ReviewDecision = z.infer<typeof decisionSchema>;

/** The decisions to send; without them, every draft verdict of the connection. */
export const reviewPlanInput = z.object({ decisions: z.array(decisionSchema).min(1).max(100_000, 'at most 100,000 decisions at once').optional() }).strict();
export const reviewSendInput = reviewPlanInput.extend({ typedConnectionName: z.string().max(200).optional() }).strict();

/** A worker who would be rejected, and how many rejections from this account they would have today with this send. */
export interface WorkerRejections {
  readonly workerId: string;
  readonly inThisSend: number;
  /** Rejections of today (UTC) the archive already holds, plus this send's. */
  readonly todayAfter: number;
}

/** What the confirmation shows before anything is sent. */
export interface ReviewPlan {
  readonly connection: { readonly id: string; readonly label: string; readonly production: boolean };
  readonly approve: number;
  readonly reject: number;
  readonly override: number;
  readonly workers: number;
  readonly ready: readonly { readonly assignmentId: string; readonly workerId: string; readonly verdict: ReviewDecision['verdict']; readonly detail: string }[];
  readonly skipped: readonly { readonly assignmentId: string; readonly reason: string }[];
  /** What the approvals pay: reward + MTurk fee per assignment (MTurk already holds it from when the HIT was created). */
  readonly approvalCost: { readonly rewardsCents: number; readonly feesCents: number; readonly totalCents: number };
  /** What overriding rejections pays: the rejection released its hold, so this is new spending from the available balance. */
  readonly overrideCost: { readonly rewardsCents: number; readonly feesCents: number; readonly totalCents: number };
  /** The available balance before and after the overrides; null when nothing is overridden or MTurk could not be asked. */
  readonly balance: { readonly availableCents: number; readonly afterCents: number } | null;
  readonly rejectedWorkers: readonly WorkerRejections[];
  /** On Production the requester types the connection's name to confirm. */
  readonly typeToConfirm: string | null;
}

export const replayInput = z.object({ assignmentId, ...archiveScope }).strict();

/**
 * One assignment replayed read-only in its own HIT's question. `html` and `question-form` are shown in a sandboxed
 * frame from `frameUrl` (its own origin and policy); `external` pages are never loaded — the fields are the replay;
 * `unavailable` says why in `problem`.
 */
export interface AssignmentReplay {
  readonly assignmentId: string;
  readonly hitId: string;
  readonly workerId: string;
  readonly kind: 'html' | 'question-form' | 'external' | 'unavailable';
  readonly frameUrl: string | null;
  /** The HIT's FrameHeight (0 or null: as tall as it needs). */
  readonly frameHeight: number | null;
  readonly externalUrl: string | null;
  readonly fields: readonly { readonly name: string; readonly values: readonly string[] }[];
  readonly problem: string | null;
}

export const reviewMethods = {
  'review.queue': method<ArchivePage<ReviewQueueRow>>()(reviewQueueInput, 'A page of the review queue across every HIT, by auto-approval deadline (works offline).'),
  'review.setDrafts': method<DraftCounts>()(setDraftsInput, 'Marks a draft verdict on assignments; nothing is sent.'),
  'review.clearDrafts': method<DraftCounts>()(clearDraftsInput, 'Removes draft verdicts (undo); nothing is sent.'),
  'review.draftCounts': method<DraftCounts>()(z.object({}).strict(), 'How many draft approvals and rejections wait to be sent.'),
  'review.plan': method<ReviewPlan>()(reviewPlanInput, 'What sending these verdicts would do: assignments, workers, cost, rejections per worker; sends nothing.'),
  'review.send': method<JobProgress>()(reviewSendInput, 'Sends the verdicts as a journaled job (Production needs the typed connection name).'),
  'review.replay': method<AssignmentReplay>()(replayInput, 'Shows an archived assignment read-only inside its own HIT question: a sandboxed frame address, or the fields of an external page.'),
} as const;
