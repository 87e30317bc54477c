/**
 * Bonus ledgers written by a rule over a batch's quality report: "an amount per gold answered correctly" or "an amount
 * to every worker whose agreement with the consensus is at least a threshold". One row per worker, on one of their
 * assignments in the batch (a bonus is paid on an assignment), with the reason written out so the worker sees why.
 * Pure and in integer cents: the preview and the ledger are the same rows.
 */
import { displayMoney, type Cents } from '../domain/money';
import type { WorkerQuality } from './report';

export type BonusRule =
  | { readonly kind: 'per-gold'; readonly centsPerGold: Cents }
  | { readonly kind: 'agreement'; readonly atLeast: number; readonly cents: Cents };

/** One of the batch's assignments a bonus can be paid on. */
export interface RuleWork {
  readonly workerId: string;
  readonly assignmentId: string;
  readonly status: 'Submitted' | 'Approved' | 'Rejected';
  readonly submitTime: number | null;
}

export interface RuleRow {
  readonly workerId: string;
  readonly assignmentId: string;
  readonly amountCents: Cents;
  readonly reason: string;
  /** What the rule counted: gold answered right (of how many), or the agreement. */
  readonly goldCorrect: number;
  readonly goldAnswers: number;
  readonly agreement: number;
}

/** A worker the rule would pay but who has no assignment a bonus can go on (every one of theirs was rejected). */
export interface RuleSkip {
  readonly workerId: string;
  readonly why: string;
}

export interface RuleLedger {
  readonly rows: readonly RuleRow[];
  readonly skipped: readonly RuleSkip[];
  /** Workers in the report the rule looked at (paid or not). */
  readonly workersConsidered: number;
  readonly totalCents: Cents;
}

/** Agreement is a ratio of counts: 4 of 5 must pass "≥ 0.8" even when the division lands a hair below. */
const RATIO_TOLERANCE = 1e-9;

const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** What the rule pays one worker, in cents (0: nothing), and why in words. */
function payOf(rule: BonusRule, worker: WorkerQuality, batchName: string): { cents: Cents; reason: string } {
  if (rule.kind === 'per-gold') {
    const n = worker.goldCorrect;
    return {
      cents: n * rule.centsPerGold,
      reason: `Bonus for ${n} check question${n === 1 ? '' : 's'} answered correctly (${displayMoney(rule.centsPerGold)} each) in "${batchName}". Thank you!`,
    };
  }
  const passes = worker.agreement + RATIO_TOLERANCE >= rule.atLeast;
  return {
    cents: passes ? rule.cents : 0,
    reason: `Bonus for high-quality work in "${batchName}": ${percent(worker.agreement)} of your answers matched the consensus (${percent(rule.atLeast)} or more earns it). Thank you!`,
  };
}

/**
 * The assignment a worker's bonus goes on: approved work before submitted, the latest first, then by id so the choice
 * is the same every time; never a rejected one (the ledger check would refuse it).
 */
function assignmentFor(work: readonly RuleWork[]): RuleWork | null {
  const payable = work.filter((w) => w.status !== 'Rejected');
  const rank = (w: RuleWork): number => (w.status === 'Approved' ? 0 : 1);
  payable.sort((a, b) => rank(a) - rank(b) || (b.submitTime ?? 0) - (a.submitTime ?? 0) || (a.assignmentId < b.assignmentId ? -1 : a.assignmentId > b.assignmentId ? 1 : 0));
  return payable[0] ?? null;
}

export function ledgerFromRule(rule: BonusRule, workers: readonly WorkerQuality[], work: readonly RuleWork[], batchName: string): RuleLedger {
  const unit = rule.kind === 'per-gold' ? rule.centsPerGold : rule.cents;
  if (!Number.isSafeInteger(unit) || unit <= 0) throw new RangeError(`A rule pays a positive whole number of cents, not ${unit}.`);
  const workOf = new Map<string, RuleWork[]>();
  for (const w of work) workOf.set(w.workerId, [...(workOf.get(w.workerId) ?? []), w]);
  const rows: RuleRow[] = [];
  const skipped: RuleSkip[] = [];
  for (const worker of [...workers].sort((a, b) => (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0))) {
    const { cents, reason } = payOf(rule, worker, batchName);
    if (cents === 0) continue;
    const on = assignmentFor(workOf.get(worker.workerId) ?? []);
    if (!on) {
      skipped.push({ workerId: worker.workerId, why: `Every assignment of ${worker.workerId} in this batch was rejected; a bonus needs submitted or approved work.` });
      continue;
    }
    rows.push({ workerId: worker.workerId, assignmentId: on.assignmentId, amountCents: cents, reason, goldCorrect: worker.goldCorrect, goldAnswers: worker.goldAnswers, agreement: worker.agreement });
  }
  return { rows, skipped, workersConsidered: workers.length, totalCents: rows.reduce((sum, r) => sum + r.amountCents, 0) };
}
