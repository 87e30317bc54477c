/** Exclusion of past participants and the participant registry (worker ids per study, kept across accounts). */
import { z } from 'zod';
import { method } from './define';
import type { JobProgress } from './jobs';

const id = z.string().trim().min(1).max(128, 'at most 128 characters');
const source = z.object({ kind: z.enum(['batch', 'hit-type', 'study']), id }).strict();
const intoTypeId = z.string().min(1, 'give the exclusion qualification type id').max(64, 'at most 64 characters');

export interface ExclusionPlanView {
  readonly source: { readonly kind: 'batch' | 'hit-type' | 'study'; readonly id: string };
  readonly intoTypeId: string;
  readonly study: string;
  readonly participants: number;
  readonly alreadyExcluded: number;
  readonly workerIds: readonly string[];
}

export interface ExclusionRuleView {
  readonly sourceKind: 'batch' | 'hit-type';
  readonly sourceId: string;
  readonly intoTypeId: string;
  readonly createdAt: number;
}

export const exclusionMethods = {
  'exclusions.plan': method<ExclusionPlanView>()(z.object({ source, intoTypeId }).strict(), 'Who excluding the submitters of a batch, HIT type or study would reach; sends nothing.'),
  'exclusions.run': method<{ plan: ExclusionPlanView; job: JobProgress | null }>()(
    z.object({ source, intoTypeId }).strict(),
    'Grants the exclusion type to every submitter who lacks it (journaled, no notification) and registers them under the study.',
  ),
  'exclusions.rules': method<ExclusionRuleView[]>()(z.object({}).strict(), 'Batches and HIT types marked to exclude their workers after every sync.'),
  'exclusions.setRule': method<ExclusionRuleView[]>()(
    z.object({ source: source.extend({ kind: z.enum(['batch', 'hit-type']) }).strict(), intoTypeId, on: z.boolean() }).strict(),
    'Marks (or unmarks) a batch or HIT type to exclude its workers after every sync.',
  ),
  'registry.studies': method<{ study: string; participants: number }[]>()(z.object({}).strict(), 'The studies in the participant registry, with their sizes.'),
  'registry.export': method<string>()(z.object({ study: id.optional() }).strict(), 'The registry as CSV (study, worker_id).'),
  'registry.import': method<{ studies: number; added: number; rows: number; note: string | null }>()(
    z
      .object({
        // The file's bytes, undecoded, so the main process can tell its encoding (a spreadsheet's Windows-1252 study names).
        base64: z.string().max(26_666_668, 'at most 20 MB').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content must be base64-encoded bytes.'),
        fileName: z.string().max(260),
      })
      .strict(),
    'Adds a registry CSV; a bad row refuses the whole file, naming it. `note` says how a file that was not UTF-8 was read.',
  ),
} as const;
