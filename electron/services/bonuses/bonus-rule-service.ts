/**
 * Ledger rows from a rule over a launched batch: its quality report (consensus, agreement, gold per worker) and its
 * assignments (a bonus goes on one of the worker's own) give one row per worker paid. Nothing is recorded or sent:
 * the rows are a preview that becomes a ledger draft, checked and sent like a file.
 */
import type { z } from 'zod';
import type { BonusRulePreview, bonusRuleInput } from '../../../shared/contract/bonus-rules';
import { readBonusAmount } from '../../../shared/domain/bonus-amount';
import { displayMoney, formatMoney } from '../../../shared/domain/money';
import { appError } from '../../../shared/errors';
import { ledgerFromRule, type BonusRule } from '../../../shared/quality/bonus-rules';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { getBatch } from '../../archive/repos/batches';
import { batchWork } from '../../archive/repos/quality-answers';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import type { QualityService } from '../quality/quality-service';

type Input = z.output<typeof bonusRuleInput>;

export interface BonusRuleDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly quality: QualityService;
}

export class BonusRuleService {
  constructor(private readonly deps: BonusRuleDeps) {}

  async preview(input: Input, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<BonusRulePreview>> {
    const amount = readBonusAmount(input.rule.amount);
    if (!amount.ok) return err(appError('validation', `Amount: ${amount.message}`, { field: 'amount' }));
    const rule: BonusRule = input.rule.kind === 'per-gold' ? { kind: 'per-gold', centsPerGold: amount.cents } : { kind: 'agreement', atLeast: input.rule.atLeast, cents: amount.cents };
    const report = await this.deps.quality.report({ batchId: input.batchId, method: input.method }, context);
    if (!report.ok) return report;
    const batch = getBatch(this.deps.archive.read, input.batchId);
    const batchName = batch?.name ?? input.batchId;
    const goldItems = new Set(report.value.labels.filter((l) => l.gold !== null).map((l) => l.HITId)).size;
    if (rule.kind === 'per-gold' && goldItems === 0) {
      return err(appError('validation', `Batch "${batchName}" has no gold: its input has no gold_<field> column with answers, so nobody answered gold correctly.`, { field: 'rule' }));
    }
    // The report exists, so the connection has an archive.
    const work = batchWork(this.deps.archive.read, context.archiveId!, input.batchId);
    const ledger = ledgerFromRule(rule, report.value.workers, work, batchName);
    const description =
      rule.kind === 'per-gold'
        ? `${displayMoney(rule.centsPerGold)} per gold answered correctly`
        : `${displayMoney(rule.cents)} to every worker whose agreement is at least ${Math.round(rule.atLeast * 1000) / 10}%`;
    return ok({
      batchId: input.batchId,
      batchName,
      description,
      ledgerName: `${batchName} — ${description}`.slice(0, 120),
      rows: ledger.rows.map((row) => ({ ...row, amount: formatMoney(row.amountCents) })),
      skipped: ledger.skipped,
      workersConsidered: ledger.workersConsidered,
      goldItems,
      totalCents: ledger.totalCents,
    });
  }
}
