import type { BonusRuleInput, BonusRulePreview } from '../../shared/contract/bonus-rules';
import { bonusRuleInput } from '../../shared/contract/bonus-rules';
import { stringifyCsv } from '../../shared/domain/csv';
import { displayMoney } from '../../shared/domain/money';
import { allowOnly, type ParsedCommand } from '../args';
import { CliFailure, table } from '../output';
import type { Session } from '../session';
import { writeUserFile } from '../user-files';

export const BONUS_RULE_USAGE = 'bonus rule --batch ID (--per-gold 0.10 | --agreement-at-least 0.8 --amount 0.50) [--method ds|mv] --out FILE.csv';

/**
 * `turkbench bonus rule`: a ledger file written by a rule over a batch's quality report, one row per worker paid, in
 * the columns `bonus check` and `bonus send` read. Nothing is paid here.
 */
export async function bonusRuleVerb(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'bonus rule', ['batch', 'per-gold', 'agreement-at-least', 'amount', 'method', 'out']);
  const out = command.options.out;
  if (typeof out !== 'string' || out.trim() === '') throw new CliFailure(`Say where to write the ledger: ${BONUS_RULE_USAGE}`, 2);
  const parsed = bonusRuleInput.safeParse(ruleInput(command));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliFailure(`${issue.path.join('.') || 'input'}: ${issue.message}. ${BONUS_RULE_USAGE}`, 2);
  }
  const preview = await session.services.bonusRules.preview(parsed.data, session.context());
  if (!preview.ok) throw CliFailure.from(preview.error);
  const rows = preview.value.rows;
  if (rows.length === 0) throw new CliFailure(`Nobody in "${preview.value.batchName}" earns ${preview.value.description}: no ledger written.`, 1);
  writeUserFile(out, stringifyCsv([['WorkerId', 'AssignmentId', 'Amount', 'Reason'], ...rows.map((r) => [r.workerId, r.assignmentId, r.amount, r.reason])]), `--out ${out}`);
  session.out.result({ ...preview.value, file: out }, () => describePreview(preview.value, out));
}

function ruleInput(command: ParsedCommand): BonusRuleInput {
  const { batch, method } = command.options;
  const perGold = command.options['per-gold'];
  const atLeast = command.options['agreement-at-least'];
  if (typeof batch !== 'string') throw new CliFailure(`Say which batch: ${BONUS_RULE_USAGE}`, 2);
  if ((typeof perGold === 'string') === (typeof atLeast === 'string')) throw new CliFailure(`Name one rule, --per-gold or --agreement-at-least: ${BONUS_RULE_USAGE}`, 2);
  const methodOf = method === undefined ? {} : { method: method as 'ds' | 'mv' };
  if (typeof perGold === 'string') {
    if (command.options.amount !== undefined) throw new CliFailure('--per-gold is the amount per gold answer; --amount goes with --agreement-at-least.', 2);
    return { batchId: batch, rule: { kind: 'per-gold', amount: perGold }, ...methodOf };
  }
  const threshold = Number(atLeast);
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(String(atLeast).trim())) throw new CliFailure(`--agreement-at-least "${String(atLeast)}" is not a share between 0 and 1, like 0.8.`, 2);
  if (typeof command.options.amount !== 'string') throw new CliFailure(`Say what each worker at or above the threshold gets: --amount 0.50. ${BONUS_RULE_USAGE}`, 2);
  return { batchId: batch, rule: { kind: 'agreement', atLeast: threshold, amount: command.options.amount }, ...methodOf };
}

function describePreview(preview: BonusRulePreview, file: string): string {
  const lines = [`${preview.batchName}: ${preview.description}.`];
  lines.push(table(['worker', 'assignment', 'amount', 'gold right', 'agreement'], preview.rows.map((r) => [r.workerId, r.assignmentId, displayMoney(r.amountCents), `${r.goldCorrect}/${r.goldAnswers}`, `${Math.round(r.agreement * 1000) / 10}%`])));
  for (const s of preview.skipped) lines.push(`not paid  ${s.why}`);
  lines.push(`${preview.rows.length} of ${preview.workersConsidered} workers, ${displayMoney(preview.totalCents)} before MTurk's fee. Written to ${file}: check it with "turkbench bonus check ${file}".`);
  return lines.join('\n');
}
