import { z } from 'zod';
import type { JobProgress } from './jobs';
import { method } from './define';

const DAY_S = 86_400;
/** MTurk keeps a HIT open for at most a year. */
export const MAX_LIFETIME_S = 365 * DAY_S;

const hitTypeId = z.string().trim().regex(/^[A-Z0-9]{1,64}$/, 'a HIT type id is 1–64 capital letters and digits');

/** What to do to the selected HITs. Durations in seconds, times in epoch milliseconds. */
export const hitChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('expire') }).strict(),
  z
    .object({
      action: z.literal('extend'),
      bySeconds: z.number().int().min(60, 'extend by at least a minute').max(MAX_LIFETIME_S, 'extend by at most 365 days').optional(),
      to: z.number().int().positive().optional(),
    })
    .strict()
    .refine((c) => (c.bySeconds === undefined) !== (c.to === undefined), { message: 'say either how long to extend by or until when', path: ['bySeconds'] }),
  z.object({ action: z.literal('add-assignments'), count: z.number().int().min(1, 'add at least one assignment').max(1_000_000) }).strict(),
  z.object({ action: z.literal('set-reviewing'), revert: z.boolean().default(false) }).strict(),
  z.object({ action: z.literal('change-type'), hitTypeId }).strict(),
  z.object({ action: z.literal('delete') }).strict(),
]);
export type HitChange = z.infer<typeof hitChangeSchema>;
export type HitAction = HitChange['action'];

const hitIds = z
  .array(z.string().trim().regex(/^[A-Z0-9]{1,64}$/, 'a HIT id is 1–64 capital letters and digits'))
  .min(1, 'select at least one HIT')
  .max(100_000, 'at most 100,000 HITs at once');

export const manageInput = z.object({ hitIds, change: hitChangeSchema }).strict();

/** One HIT the action will change, and how. */
export interface PlannedHit {
  readonly hitId: string;
  readonly title: string;
  /** e.g. "expires 3 Dec 14:00 → 6 Dec 14:00", "5 → 8 assignments". */
  readonly detail: string;
  readonly costCents: number;
}

/** One HIT the action will leave alone, and why, in words a requester can act on. */
export interface SkippedHit {
  readonly hitId: string;
  readonly reason: string;
}

/** What the confirmation shows before anything is sent. */
export interface ManagePlan {
  readonly summary: string;
  readonly connection: { readonly id: string; readonly label: string; readonly production: boolean };
  readonly ready: readonly PlannedHit[];
  readonly skipped: readonly SkippedHit[];
  /** Null when nothing planned spends (adding assignments always does; a dearer HIT type does, and so does extending an expired HIT with open slots). */
  readonly cost: { readonly rewardsCents: number; readonly feesCents: number; readonly totalCents: number } | null;
  /** Null when MTurk could not be asked (offline). */
  readonly balance: { readonly availableCents: number; readonly afterCents: number } | null;
  /** On Production the requester types the connection's name to confirm. */
  readonly typeToConfirm: string | null;
}

export const manageStartInput = manageInput
  .extend({ typedConnectionName: z.string().max(200).optional() })
  .strict();

export const manageHitsMethods = {
  'hits.planManage': method<ManagePlan>()(manageInput, 'What an action on the selected HITs would do and cost; sends nothing.'),
  'hits.manage': method<JobProgress>()(manageStartInput, 'Starts the action as a journaled job (Production needs the typed connection name).'),
} as const;
