import { z } from 'zod';
import type { OperationKind, OperationState } from '../domain/archive-types';
import { method } from './define';

/** One journaled MTurk write, as the audit view lists it. */
export interface AuditEntry {
  readonly id: number;
  readonly at: number;
  readonly updatedAt: number;
  /** The app connection's name when it still exists, else the archive's label for that account. */
  readonly connection: string;
  readonly kind: OperationKind;
  readonly target: string | null;
  /** With fees. Read with `amountIs`: summing held and paid amounts would count the same money twice. */
  readonly amountCents: number | null;
  /**
   * For a confirmed action: 'held', the most it commits (MTurk holds it and pays it out as work is approved), or 'paid',
   * money paid out. Null when there is no amount or the action is not confirmed (it moved no money, or not yet).
   */
  readonly amountIs: AmountMeaning | null;
  readonly state: OperationState;
  /** MTurk's answer, or the error, in words. */
  readonly answer: string;
  readonly jobId: string | null;
}

export type AmountMeaning = 'held' | 'paid';

/** Actions whose amount MTurk holds for work to come; each approval later pays part of it (and is listed as paid). */
const HOLDING_KINDS: ReadonlySet<OperationKind> = new Set(['create-hit', 'create-additional-assignments', 'extend-hit', 'change-hit-type', 'create-compensation-hit']);

export function amountMeaning(kind: OperationKind, amountCents: number | null, state: OperationState): AmountMeaning | null {
  if (amountCents === null || state !== 'confirmed') return null;
  return HOLDING_KINDS.has(kind) ? 'held' : 'paid';
}

export interface AuditPage {
  readonly rows: readonly AuditEntry[];
  /** Pass back as `beforeId` for the next (older) page; null at the end. */
  readonly nextBeforeId: number | null;
}

const STATES = ['pending', 'sent', 'confirmed', 'failed', 'unknown'] as const;

export const auditFilterSchema = z
  .object({
    /** Only the active connection's account (default) or every account in the archive. */
    allConnections: z.boolean().default(false),
    states: z.array(z.enum(STATES)).max(STATES.length).optional(),
    kinds: z.array(z.string().max(64)).max(32).optional(),
    search: z.string().trim().max(200).optional(),
  })
  .strict();

export const auditMethods = {
  'audit.page': method<AuditPage>()(
    auditFilterSchema.extend({ beforeId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    'Journaled actions, newest first.',
  ),
  'audit.export': method<{ readonly fileName: string; readonly mimeType: string; readonly text: string; readonly rows: number }>()(
    auditFilterSchema,
    'Every journaled action matching the filter as a CSV file (formulas neutralised).',
  ),
} as const;
