/**
 * Compensation: pay named workers who could not submit (a broken survey link, a timeout) through a one-off HIT only
 * they can see — a private qualification granted to them without notification, required with `Exists` for discovery,
 * preview and accept — with an optional message telling them it is there. Their submissions are approved automatically
 * (when the compensation is made again, settled, or after each sync), and each worker is tracked until paid.
 */
import { z } from 'zod';
import { method } from './define';
import type { JobProgress } from './jobs';

export interface CompensationWorker {
  readonly workerId: string;
  /** Their assignment on the compensation HIT, once they took it. */
  readonly assignmentId: string | null;
  /** When their assignment's approval was confirmed (they are paid). */
  readonly paidAt: number | null;
}

export interface CompensationRecord {
  readonly id: string;
  readonly configId: string;
  readonly amountCents: number;
  readonly reason: string;
  readonly message: string | null;
  readonly qualificationTypeId: string | null;
  readonly hitId: string | null;
  readonly workers: readonly CompensationWorker[];
  readonly createdAt: number;
}

/** What making the compensation will do and cost; nothing has been sent. */
export interface CompensationPlan {
  readonly compensationId: string;
  readonly workerIds: readonly string[];
  readonly amountCents: number;
  /** The HIT's rewards and MTurk's fee on them; zero when the HIT exists already. */
  readonly rewardsCents: number;
  readonly feesCents: number;
  readonly totalCents: number;
  readonly balance: { readonly availableCents: number; readonly afterCents: number } | null;
  readonly connection: { readonly label: string; readonly production: boolean };
  readonly typeToConfirm: string | null;
  /** This same compensation, made before: making it again only finishes what is missing and pays nobody twice. */
  readonly existing: CompensationRecord | null;
}

export interface CompensationOutcome {
  /** As recorded when the job started. */
  readonly compensation: CompensationRecord;
  /** Making it: the qualification, the grants, the HIT, the message, then approval of anything already submitted. */
  readonly job: JobProgress;
}

const MTURK_ID = /^[A-Z0-9]{1,64}$/;
export const MAX_COMPENSATED_WORKERS = 100;

export const compensationInput = z
  .object({
    workerIds: z
      .array(z.string().trim().toUpperCase().regex(MTURK_ID, 'a worker id is capital letters and digits'))
      .min(1, 'name at least one worker')
      .max(MAX_COMPENSATED_WORKERS, `at most ${MAX_COMPENSATED_WORKERS} workers in one compensation`),
    /** Dollars as written, like "1.00". */
    amount: z.string().trim().min(1, 'say how much each worker gets, like 1.00').max(20),
    reason: z.string().trim().min(1, 'say why: the workers read it').max(1000, 'at most 1,000 characters'),
    /** Sent with NotifyWorkers so the workers know the HIT is there; none when absent. */
    message: z.string().trim().max(3000, 'at most 3,000 characters').optional(),
  })
  .strict();

export const compensationRunInput = compensationInput.extend({ typedConnectionName: z.string().max(200).optional() }).strict();

export const compensationMethods = {
  'compensation.plan': method<CompensationPlan>()(compensationInput, 'What compensating these workers costs and does; sends nothing.'),
  'compensation.run': method<CompensationOutcome>()(
    compensationRunInput,
    'Makes (or finishes) a compensation: private qualification, grants, the HIT, the optional message, and approval of what was submitted. Repeating it pays nobody twice.',
  ),
  'compensation.list': method<readonly CompensationRecord[]>()(z.object({}).strict().optional(), "The active connection's compensations, newest first, with who has been paid."),
} as const;
