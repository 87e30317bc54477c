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
  readonly amountCents: number | null;
  readonly state: OperationState;
  /** MTurk's answer, or the error, in words. */
  readonly answer: string;
  readonly jobId: string | null;
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
