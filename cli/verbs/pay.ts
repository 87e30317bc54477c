import type { CompensationPlan, CompensationRecord } from '../../shared/contract/compensation';
import { displayMoney } from '../../shared/domain/money';
import { allowOnly, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure, table } from '../output';
import type { Session } from '../session';
import { describeJob, failIfIncomplete, followJob } from './jobs-progress';

const USAGE = 'Use: pay compensate --workers W1,W2 --amount 1.00 --reason TEXT [--message TEXT] | pay settle | pay status';

/** `turkbench pay compensate | settle | status`: compensation HITs through the same service as the app. */
export async function payVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const [, sub] = command.words;
  const { services, out } = session;
  const context = session.context();
  switch (sub) {
    case 'compensate': {
      allowOnly(command, 'pay compensate', ['workers', 'amount', 'reason', 'message', 'confirm-name']);
      const input = {
        workerIds: String(command.options.workers ?? '').split(/[\s,]+/).filter((w) => w !== ''),
        amount: String(command.options.amount ?? ''),
        reason: String(command.options.reason ?? ''),
        ...(typeof command.options.message === 'string' ? { message: command.options.message } : {}),
      };
      const planned = await services.compensation.plan(input, context);
      if (!planned.ok) throw CliFailure.from(planned.error);
      const typedConnectionName = await confirm({ asker, yes: command.global.yes, question: describePlan(planned.value), typeToConfirm: planned.value.typeToConfirm, confirmName: command.options['confirm-name'] as string | undefined });
      if (command.global.yes || planned.value.typeToConfirm !== null) out.note(describePlan(planned.value));
      const ran = await services.compensation.run({ ...input, ...(typedConnectionName === undefined ? {} : { typedConnectionName }) }, context);
      if (!ran.ok) throw CliFailure.from(ran.error);
      const final = await followJob(session, ran.value.job);
      const compensation = services.compensation.list(context).find((c) => c.id === ran.value.compensation.id) ?? ran.value.compensation;
      out.result({ compensation, job: final }, () => `${describeCompensation(compensation)}\n${describeJob(final, 'run the same command again')}`);
      if (final.state !== 'succeeded') out.note('Run the same command again to finish it: nothing done is done twice.');
      failIfIncomplete(final);
      return;
    }
    case 'settle': {
      allowOnly(command, 'pay settle', []);
      const settled = await services.compensation.settle(context);
      if (!settled.ok) throw CliFailure.from(settled.error);
      out.result(settled.value, () => [`Approved ${settled.value.approved} compensation assignment${settled.value.approved === 1 ? '' : 's'}.`, ...settled.value.problems].join('\n'));
      if (settled.value.problems.length) throw new CliFailure('Some approvals did not complete; run "pay settle" again.', 1);
      return;
    }
    case 'status': {
      allowOnly(command, 'pay status', []);
      const list = services.compensation.list(context);
      out.result(list, () => (list.length ? table(['Compensation', 'HIT', 'Each', 'Workers paid', 'Reason'], list.map(statusRow)) : 'No compensation on this connection yet.'));
      return;
    }
    default:
      throw new CliFailure(USAGE, 2);
  }
}

function describePlan(plan: CompensationPlan): string {
  const lines = [`Compensate ${plan.workerIds.length} worker${plan.workerIds.length === 1 ? '' : 's'} (${plan.workerIds.join(', ')}) with ${displayMoney(plan.amountCents)} each on ${plan.connection.label}${plan.connection.production ? ' (PRODUCTION)' : ''}.`];
  if (plan.existing) lines.push(`Made before (${plan.existing.id}): only what is missing is done, and nobody is paid twice.`);
  if (plan.totalCents > 0) lines.push(`Cost: ${displayMoney(plan.rewardsCents)} rewards + ${displayMoney(plan.feesCents)} MTurk fee = ${displayMoney(plan.totalCents)}.`);
  if (plan.balance) lines.push(`Balance: ${displayMoney(plan.balance.availableCents)} now, ${displayMoney(plan.balance.afterCents)} after.`);
  return lines.join('\n');
}

function describeCompensation(c: CompensationRecord): string {
  const paid = c.workers.filter((w) => w.paidAt !== null).length;
  return [
    `Compensation ${c.id}: HIT ${c.hitId ?? '(not created yet)'}, visible only to ${c.workers.map((w) => w.workerId).join(', ')}.`,
    `${paid} of ${c.workers.length} paid; the rest are approved once they submit (the app does it after each sync, or run "turkbench pay settle").`,
  ].join('\n');
}

const statusRow = (c: CompensationRecord): string[] => [c.id, c.hitId ?? '-', displayMoney(c.amountCents), `${c.workers.filter((w) => w.paidAt !== null).length}/${c.workers.length}`, c.reason];
