/**
 * A bonus ledger written by a rule over a launched batch's answers and quality control: "an amount per gold answered
 * correctly" or "an amount to everyone whose agreement with the consensus is at least a threshold". The answer is a
 * preview of who gets what; it becomes a ledger draft that is checked, dry-run and sent like any other.
 */
import { z } from 'zod';
import type { RuleRow, RuleSkip } from '../quality/bonus-rules';
import { method } from './define';

/** Dollars as written ("0.10"); read strictly into cents by the service, which names what is wrong with it. */
const amount = z.string().trim().min(1, 'write the amount in dollars, like 0.10').max(20);

export const bonusRuleInput = z
  .object({
    batchId: z.string().trim().regex(/^[A-Za-z0-9]{1,64}$/, 'a batch id is 1–64 letters and digits'),
    rule: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('per-gold'), amount }).strict(),
      z.object({ kind: z.literal('agreement'), atLeast: z.number().min(0, 'the threshold is between 0 and 1').max(1, 'the threshold is between 0 and 1'), amount }).strict(),
    ]),
    /** How the consensus is found: majority vote or Dawid–Skene. */
    method: z.enum(['mv', 'ds']).default('ds'),
  })
  .strict();

export type BonusRuleInput = z.input<typeof bonusRuleInput>;

export interface BonusRulePreview {
  readonly batchId: string;
  readonly batchName: string;
  /** The rule in words, and a name for the ledger it becomes. */
  readonly description: string;
  readonly ledgerName: string;
  /** One per worker paid, amounts in cents; `amount` is the same as the ledger file writes it ("0.70"). */
  readonly rows: readonly (RuleRow & { readonly amount: string })[];
  readonly skipped: readonly RuleSkip[];
  readonly workersConsidered: number;
  /** Gold items in the batch: a per-gold rule over a batch without any pays nobody. */
  readonly goldItems: number;
  readonly totalCents: number;
}

export const bonusRuleMethods = {
  'bonuses.fromRule': method<BonusRulePreview>()(
    bonusRuleInput,
    "Ledger rows from a rule over a batch's quality report (per gold answered correctly, or at an agreement threshold): who gets what, nothing sent.",
  ),
} as const;
