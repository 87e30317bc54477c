import { SPEND_GROUPINGS, type SpendBucket, type SpendGrouping } from '../../shared/contract/dashboard';
import { displayMoney } from '../../shared/domain/money';
import { allowOnly, type ParsedCommand } from '../args';
import { CliFailure, table } from '../output';
import type { Session } from '../session';

const isGrouping = (value: unknown): value is SpendGrouping => SPEND_GROUPINGS.includes(value as SpendGrouping);

const row = (label: string, b: Omit<SpendBucket, 'key' | 'label'>): string[] => [
  label, displayMoney(b.rewardsCents), displayMoney(b.bonusesCents), displayMoney(b.feesCents), displayMoney(b.totalCents), String(b.assignments), String(b.bonuses),
];

/** `turkbench spend [--by day|week|batch]`: what approved work and bonuses cost, with MTurk's fee, from the archive. */
export async function spendVerb(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'spend', ['by', 'archive']);
  const by = command.options.by ?? 'day';
  if (!isGrouping(by)) throw new CliFailure(`--by "${String(by)}" is not one of: ${SPEND_GROUPINGS.join(', ')}.`, 2);
  const report = session.services.dashboard.spend(by, session.readContext(command.options.archive));
  session.out.result(report, () =>
    report.buckets.length === 0
      ? 'Nothing spent yet: no approved work or bonuses in the archive (run "turkbench sync" to bring them in).'
      : table(
          [by === 'batch' ? 'BATCH' : by === 'week' ? 'WEEK (UTC, FROM MONDAY)' : 'DAY (UTC)', 'REWARDS', 'BONUSES', 'FEES', 'TOTAL', 'APPROVED', 'BONUSES PAID'],
          [...report.buckets.map((b) => row(by === 'week' ? b.key : b.label, b)), row('TOTAL', report.total)],
        ),
  );
}
