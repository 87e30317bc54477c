import { z } from 'zod';
import type { AuditEntry } from './audit';
import { archiveScope } from './archive';
import type { BatchSummary } from './batches';
import { method } from './define';

export const SPEND_GROUPINGS = ['day', 'week', 'batch'] as const;
export type SpendGrouping = (typeof SPEND_GROUPINGS)[number];

/** One day, week (key = its UTC Monday) or batch (key = batch id; '' = outside batches) of spend, in cents. */
export interface SpendBucket {
  readonly key: string;
  readonly label: string;
  readonly rewardsCents: number;
  readonly bonusesCents: number;
  /** MTurk's fee on those rewards and bonuses. */
  readonly feesCents: number;
  readonly totalCents: number;
  readonly assignments: number;
  readonly bonuses: number;
}

/** What approving everything pending would still cost, fees included. */
export interface DashboardLiabilities {
  readonly submittedAssignments: number;
  readonly submittedCents: number;
  readonly openHits: number;
  readonly openAssignments: number;
  readonly openCents: number;
  readonly totalCents: number;
}

/** Submitted work that MTurk approves by itself within a band of time, and what that costs. */
export interface RadarBand {
  readonly label: string;
  readonly assignments: number;
  readonly costCents: number;
  readonly soonestAt: number | null;
}

/** Submitted work MTurk approves by itself before `before`, in total and per batch (work outside batches counts only in the total). */
export interface DeadlineWindow {
  readonly label: string;
  readonly before: number;
  readonly assignments: number;
  readonly costCents: number;
  readonly batches: readonly { readonly batchId: string; readonly name: string; readonly assignments: number }[];
}

export interface SpendReport {
  readonly by: SpendGrouping;
  readonly buckets: readonly SpendBucket[];
  readonly total: Omit<SpendBucket, 'key' | 'label'>;
}

export interface DashboardSummary {
  readonly connection: string;
  /** The available balance from MTurk; null offline, without keys, or for a kept archive. */
  readonly balanceCents: number | null;
  /** Why there is no balance, in words. */
  readonly balanceNote: string | null;
  readonly liabilities: DashboardLiabilities;
  readonly perDay: SpendReport;
  readonly perWeek: SpendReport;
  readonly perBatch: SpendReport;
  readonly radar: readonly RadarBand[];
  readonly batchesInProgress: readonly BatchSummary[];
  readonly recentActions: readonly AuditEntry[];
  /** When these figures were read. */
  readonly at: number;
}

export const dashboardMethods = {
  'dashboard.summary': method<DashboardSummary>()(
    z.object({ balance: z.boolean().optional(), ...archiveScope }).strict().optional(),
    'Spend per day, week and batch, liabilities, the auto-approval radar, batches in progress and recent actions (archive only); balance: ask MTurk for the balance too.',
  ),
  'dashboard.spend': method<SpendReport>()(
    z.object({ by: z.enum(SPEND_GROUPINGS, { message: 'day, week or batch' }), ...archiveScope }).strict(),
    'Spend (approved rewards, bonuses, MTurk fees) per day, week or batch, from the archive.',
  ),
  'dashboard.deadlines': method<readonly DeadlineWindow[]>()(
    z.object({ ...archiveScope }).strict().optional(),
    'Submitted work MTurk approves by itself within 24 hours and within 3 days, in total and per batch (archive only).',
  ),
} as const;
