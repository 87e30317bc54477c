import { z } from 'zod';
import type { BatchCost } from '../batch/cost';
import type { BatchFigures } from '../batch/progress';
import type { JobProgress } from './jobs';
import type { ManagePlan } from './manage-hits';
import { method } from './define';

/** A batch Turkbench launched (it has a row in the archive), or HITs found on MTurk carrying a batch tag no row explains. */
export type BatchOrigin = 'launched' | 'found';

export interface BatchSummary {
  readonly id: string;
  readonly name: string;
  readonly origin: BatchOrigin;
  /** The folder it was launched from; null for a batch found on MTurk. */
  readonly folder: string | null;
  readonly title: string;
  readonly rewardCents: number;
  readonly figures: BatchFigures;
}

/** One HIT of a batch: its input row, and what became of it. */
export interface BatchHitRow {
  readonly rowNumber: number;
  readonly part: number;
  /** Null while the launch has not created it. */
  readonly hitId: string | null;
  readonly status: string | null;
  readonly maxAssignments: number;
  readonly submitted: number;
  readonly approved: number;
  readonly rejected: number;
  readonly input: Readonly<Record<string, string>>;
}

export interface BatchDetail {
  readonly batch: BatchSummary;
  /** The connection the batch is on; `localMTurk` when that is the built-in Local MTurk (its crowd can be simulated). */
  readonly connection: { readonly id: string; readonly label: string; readonly localMTurk: boolean };
  /** The input columns, in the file's order (empty for a batch found on MTurk: its inputs are not known). */
  readonly columns: readonly string[];
  readonly hits: readonly BatchHitRow[];
}

/** One problem found in a batch folder, naming its file and key, line or rows. */
export interface BatchFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly rule: string;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  readonly rows?: readonly number[];
  readonly column?: string;
  readonly key?: string;
}

export interface BatchCheckResult {
  readonly folder: string;
  readonly name: string | null;
  readonly rows: number;
  readonly findings: readonly BatchFinding[];
  readonly cost: BatchCost | null;
  readonly launchable: boolean;
}

export interface BatchLaunchPlan {
  readonly folder: string;
  readonly name: string;
  readonly connection: { readonly id: string; readonly label: string; readonly production: boolean };
  readonly findings: readonly BatchFinding[];
  readonly launchable: boolean;
  readonly cost: BatchCost | null;
  /** An unfinished batch of this folder: launching resumes it and creates only what is missing. */
  readonly resumes: { readonly batchId: string; readonly hits: number; readonly created: number } | null;
  /** Batches already launched from this folder on this connection. */
  readonly launchedBefore: readonly { readonly batchId: string; readonly createdAt: number }[];
  readonly toSpendCents: number;
  /** Null when MTurk could not be asked. */
  readonly balance: { readonly availableCents: number; readonly afterCents: number } | null;
  readonly typeToConfirm: string | null;
  /** Earlier batches and studies whose workers the launch keeps out (batch.json's excludeParticipantsOf), and why it cannot. */
  readonly excludesParticipantsOf?: { readonly batches: readonly string[]; readonly studies: readonly string[]; readonly problem: string | null };
}

/** A batch's results as a file to save: the website's CSV (Input.*, Answer.*) or JSON with nested answers. */
export interface BatchResultsDownload {
  readonly fileName: string;
  readonly mimeType: string;
  readonly text: string;
  /** Assignments in the file. */
  readonly rows: number;
}

/** What the built-in Local MTurk's simulated crowd did, and the batch's work brought into the archive after it. */
export interface BatchCrowdRun {
  readonly submitted: number;
  readonly returned: number;
  readonly abandoned: number;
  readonly virtualMinutes: number;
  /** The batch's assignments now archived. */
  readonly archivedAssignments: number;
}

const folder = z.string().trim().min(1, 'type the path of a batch folder').max(4096, 'at most 4,096 characters');
const batchId = z.string().trim().regex(/^[A-Za-z0-9]{1,64}$/, 'a batch id is 1–64 letters and digits');
/** The connection to launch on (e.g. the built-in Local MTurk to try a batch out); the active one when absent. */
const connectionId = z.string().trim().min(1, 'name a connection').max(200, 'at most 200 characters').optional();

/** What a requester does to a launched batch as a whole (the same change as `turkbench batch pause | resume | add-assignments`). */
export const batchChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('resume') }).strict(),
  z.object({ action: z.literal('add-assignments'), count: z.number().int().min(1, 'add at least one assignment').max(1_000_000, 'at most 1,000,000 at once') }).strict(),
]);
export type BatchChangeInput = z.infer<typeof batchChangeSchema>;

export const batchMethods = {
  'batches.list': method<readonly BatchSummary[]>()(
    z.object({ connectionId }).strict().optional(),
    'Every batch of the active connection (or the one named) with its progress, spend, ETA and wage — and batches found on MTurk by their tag; reads the archive only.',
  ),
  'batches.detail': method<BatchDetail>()(z.object({ batchId }).strict(), 'One batch, on the connection it was launched on, with every HIT it wants: row, part, HIT id, status, assignments and inputs.'),
  'batches.check': method<BatchCheckResult>()(z.object({ folder }).strict(), 'Reads a batch folder: every problem at once and the cost; sends nothing.'),
  'batches.plan': method<BatchLaunchPlan>()(
    z.object({ folder, newBatch: z.boolean().default(false), connectionId }).strict(),
    'What launching a folder would do and cost on a connection (the active one unless named), with the balance after; sends nothing.',
  ),
  'batches.launch': method<{ readonly batchId: string; readonly job: JobProgress; readonly resumed: boolean }>()(
    z.object({ folder, newBatch: z.boolean().default(false), typedConnectionName: z.string().max(200).optional(), connectionId }).strict(),
    'Launches a checked folder as a journaled job on a connection, the active one unless named (resumes its unfinished batch; a second batch needs newBatch).',
  ),
  'batches.results': method<BatchResultsDownload>()(
    z.object({ batchId, format: z.enum(['csv', 'json']) }).strict(),
    "A batch's archived results as the website's CSV (Input.*, Answer.*; formulas made inert) or JSON; on the connection it was launched on.",
  ),
  'batches.planChange': method<ManagePlan>()(
    z.object({ batchId, change: batchChangeSchema }).strict(),
    "What pausing (expire what is open), resuming (reopen for the batch's lifetime) or adding assignments would do to the batch's HITs and cost; sends nothing.",
  ),
  'batches.change': method<{ readonly job: JobProgress | null }>()(
    z.object({ batchId, change: batchChangeSchema, typedConnectionName: z.string().max(200).optional() }).strict(),
    'Pauses, resumes or adds assignments to a batch as a journaled job on its connection (Production needs the typed name); job is null when no HIT needed changing.',
  ),
  'batches.simulateCrowd': method<BatchCrowdRun>()(
    z.object({ batchId }).strict(),
    "Built-in Local MTurk only: its simulated crowd works every HIT on offer until done, then the batch's work is brought into the archive.",
  ),
  'batches.pickFolder': method<{ readonly folder: string | null }>()(
    z.object({}).strict().optional(),
    "Desktop app only: the system's folder picker; folder is null when cancelled. Browser mode refuses (type the path).",
  ),
} as const;
