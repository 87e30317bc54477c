/** What the Workers area shows: list rows, a worker's dossier, notes and history, and a message plan. */
import type { Assignment, Bonus, QualificationGrant, WorkerBlock, WorkerMessage, WorkerSummary } from './archive-types';

/** A worker in the list: the archive's counts plus what the requester decided about them. */
export interface WorkerRow extends WorkerSummary {
  /** Approved / (approved + rejected), 0–100, of this requester's decisions; null before any decision. */
  readonly approvalRatePercent: number | null;
  readonly earnedCents: number;
  readonly blocked: boolean;
  readonly qualifications: number;
}

/** An assignment in the dossier, with its HIT's title and reward. */
export interface DossierAssignment extends Assignment {
  readonly hitTitle: string | null;
  readonly rewardCents: number | null;
}

export type WorkerNoteKind = 'note' | 'block' | 'unblock' | 'soft-block' | 'soft-unblock';

export interface WorkerNote {
  readonly id: number;
  readonly workerId: string;
  readonly kind: WorkerNoteKind;
  readonly text: string;
  readonly createdAt: number;
}

export interface WorkerDossier {
  readonly workerId: string;
  /** Null for a worker the archive knows only from a block, a grant or a message. */
  readonly summary: WorkerRow | null;
  /** The newest assignments (at most DOSSIER_ASSIGNMENTS); `summary.assignments` counts them all. */
  readonly assignments: readonly DossierAssignment[];
  readonly bonuses: readonly Bonus[];
  readonly messages: readonly WorkerMessage[];
  readonly qualifications: readonly QualificationGrant[];
  /** The current hard block, if any. */
  readonly block: WorkerBlock | null;
  /** Whether the worker holds the soft-block qualification. */
  readonly softBlocked: boolean;
  /** Notes, and the history of blocks and unblocks with their reasons, oldest first. */
  readonly notes: readonly WorkerNote[];
  readonly tags: readonly string[];
}

export interface MessagePlan {
  readonly connection: { readonly id: string; readonly label: string; readonly production: boolean };
  readonly recipients: number;
  /** NotifyWorkers calls: one per 100 workers of each distinct rendered message. */
  readonly calls: number;
  /** The message as the first worker receives it. */
  readonly sample: { readonly workerId: string; readonly subject: string; readonly body: string };
  readonly typeToConfirm: string | null;
}

/**
 * One worker's quality across every HIT type of the account: their categorical labels, how many matched the HIT's
 * consensus (majority vote), and how many of their labels on gold items were right.
 */
export interface WorkerQualityFigures {
  readonly workerId: string;
  readonly labels: number;
  readonly agreed: number;
  readonly goldAnswers: number;
  readonly goldCorrect: number;
}
