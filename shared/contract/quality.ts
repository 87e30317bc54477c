import { z } from 'zod';
import type { QualityReport } from '../quality/report';
import { archiveScope } from './archive';
import { method } from './define';

const entityId = z.string().trim().regex(/^[A-Z0-9]{1,64}$/, 'an id is 1–64 capital letters and digits');
const batchId = z.string().trim().regex(/^[A-Za-z0-9]{1,64}$/, 'a batch id is 1–64 letters and digits');

/** Which assignments: a batch Turkbench launched, or every HIT of a HIT type (batches found on MTurk, imports). */
export const qualityInput = z
  .object({
    batchId: batchId.optional(),
    hitTypeId: entityId.optional(),
    /** mv: majority vote; ds: Dawid–Skene (per-worker confusion matrices). */
    method: z.enum(['mv', 'ds']).default('ds'),
    /** Only these answer fields (else every field that reads as categorical). */
    fields: z.array(z.string().trim().min(1).max(200)).max(100, 'at most 100 fields').optional(),
    ...archiveScope,
  })
  .strict()
  .refine((i) => (i.batchId === undefined) !== (i.hitTypeId === undefined), { message: 'name either a batch or a HIT type', path: ['batchId'] });

export interface QualityScope {
  readonly batchId: string | null;
  readonly hitTypeId: string | null;
}

export const qualityMethods = {
  'quality.report': method<QualityReport & { readonly scope: QualityScope }>()(
    qualityInput,
    "Agreement of a batch's or HIT type's assignments: each HIT's consensus label per categorical field, and per worker agreement, estimated accuracy and gold accuracy (archive only).",
  ),
} as const;
