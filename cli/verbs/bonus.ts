import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { LedgerCheck, LedgerReconciliation, LedgerStatus } from '../../shared/contract/bonuses';
import { readBonusAmount } from '../../shared/domain/bonus-amount';
import { displayMoney } from '../../shared/domain/money';
import { sendRefusal, type LedgerFileInput } from '../../electron/services/bonuses/bonus-ledger-service';
import { allowOnly, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure, table } from '../output';
import type { Session } from '../session';
import { BONUS_RULE_USAGE, bonusRuleVerb } from './bonus-rule';
import { describeJob, failIfIncomplete, followJob } from './jobs-progress';

const USAGE = `Use: bonus check FILE.csv [--cap 20.00] [--allow-rejected] | bonus send FILE.csv [--name N] | bonus status LEDGER | bonus reconcile [LEDGER] | ${BONUS_RULE_USAGE}`;

/** `turkbench bonus check | send | status | reconcile`: a bonus ledger through the same service as the app. */
export async function bonusVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const [, sub, arg] = command.words;
  const { services, out } = session;
  const context = session.context();
  switch (sub) {
    case 'check': {
      allowOnly(command, 'bonus check', ['cap', 'allow-rejected']);
      const checked = await services.bonuses.check(ledgerFile(command, arg, 'check'), context);
      if (!checked.ok) throw CliFailure.from(checked.error);
      out.result(checked.value, () => describeCheck(checked.value));
      if (checked.value.errors) throw new CliFailure(`${checked.value.errors} ${checked.value.errors === 1 ? 'problem stops' : 'problems stop'} this ledger from being sent; fix ${checked.value.errors === 1 ? 'it' : 'them'} and check again.`, 1);
      return;
    }
    case 'send': {
      allowOnly(command, 'bonus send', ['cap', 'allow-rejected', 'name', 'confirm-name']);
      const file = ledgerFile(command, arg, 'send');
      const checked = await services.bonuses.check(file, context);
      if (!checked.ok) throw CliFailure.from(checked.error);
      const check = checked.value;
      // Refused whatever the answer (rows in error, too little money): say so before asking.
      const refusal = sendRefusal(check, { typedConnectionName: check.typeToConfirm ?? undefined });
      if (refusal) {
        out.note(describeCheck(check));
        throw CliFailure.from(refusal);
      }
      if (check.ready === 0) {
        out.note(describeCheck(check));
      } else {
        const typedConnectionName = await confirm({ asker, yes: command.global.yes, question: describeCheck(check), typeToConfirm: check.typeToConfirm, confirmName: command.options['confirm-name'] as string | undefined });
        if (command.global.yes || check.typeToConfirm !== null) out.note(describeCheck(check));
        file.typedConnectionName = typedConnectionName;
      }
      const sent = await services.bonuses.send({ ...file, name: command.options.name as string | undefined }, context);
      if (!sent.ok) throw CliFailure.from(sent.error);
      out.note(`Ledger ${sent.value.ledgerId}${sent.value.resumed ? ' (sent before: only what is not paid yet is sent)' : ''}`);
      const final = sent.value.job ? await followJob(session, sent.value.job) : null;
      const carryOn = 'send the same ledger again (only what is not paid yet is sent)';
      out.result({ ledgerId: sent.value.ledgerId, resumed: sent.value.resumed, job: final }, () =>
        final ? `Ledger ${sent.value.ledgerId}: ${describeJob(final, carryOn)}` : `Ledger ${sent.value.ledgerId}: nothing to send — every row is already paid.`,
      );
      if (final) failIfIncomplete(final, carryOn);
      return;
    }
    case 'status': {
      allowOnly(command, 'bonus status', []);
      if (!arg) throw new CliFailure('Say which ledger: turkbench bonus status LEDGER', 2);
      const status = services.bonuses.status(arg);
      if (!status.ok) throw CliFailure.from(status.error);
      out.result(status.value, () => describeStatus(status.value));
      return;
    }
    case 'reconcile': {
      allowOnly(command, 'bonus reconcile', []);
      const reconciled = await services.bonuses.reconcile(arg, context);
      if (!reconciled.ok) throw CliFailure.from(reconciled.error);
      out.result(reconciled.value, () => describeReconciliation(reconciled.value));
      const { counts } = reconciled.value;
      if (counts['paid-twice'] || counts.missing || counts.failed) throw new CliFailure('Some rows are not paid exactly once (see above).', 1);
      return;
    }
    case 'rule':
      return bonusRuleVerb(command, session);
    default:
      throw new CliFailure(`Unknown "bonus ${sub ?? ''}". ${USAGE}`, 2);
  }
}

function ledgerFile(command: ParsedCommand, path: string | undefined, verb: string): LedgerFileInput & { typedConnectionName?: string } {
  if (!path) throw new CliFailure(`Say which ledger file: turkbench bonus ${verb} FILE.csv`, 2);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new CliFailure(`Cannot read ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, 2);
  }
  const cap = command.options.cap;
  let capCents: number | undefined;
  if (typeof cap === 'string') {
    const read = readBonusAmount(cap);
    if (!read.ok) throw new CliFailure(`--cap: ${read.message}`, 2);
    capCents = read.cents;
  }
  return { fileName: basename(path), bytes, ...(capCents ? { capCents } : {}), allowRejected: command.options['allow-rejected'] === true };
}

function describeCheck(check: LedgerCheck): string {
  const lines: string[] = [];
  for (const f of check.findings) lines.push(`${f.severity === 'error' ? 'error  ' : 'warning'}  ${f.message}`);
  for (const row of check.rows.filter((r) => r.state === 'already-paid')) lines.push(`skip     Row ${row.rowNumber}: ${row.alreadyPaid}`);
  if (lines.length) lines.push('');
  lines.push(`${check.fileName}: ${check.rows.length} rows — ${check.ready} to pay, ${check.alreadyPaid} already paid, ${check.errors} error${check.errors === 1 ? '' : 's'}.`);
  if (check.ready > 0) {
    lines.push(table(['worker', 'payments', 'bonus', 'fee', 'total'], check.perWorker.map((w) => [w.workerId, String(w.payments), displayMoney(w.bonusCents), displayMoney(w.feeCents), displayMoney(w.totalCents)])));
    lines.push(`Total: ${displayMoney(check.totals.bonusCents)} bonuses + ${displayMoney(check.totals.feeCents)} MTurk fee (20 %, at least $0.01 each) = ${displayMoney(check.totals.totalCents)}.`);
  }
  lines.push(`Connection: ${check.connection.production ? 'PRODUCTION ' : ''}${check.connection.label}.${check.checkedOnMTurk ? '' : ' Earlier payments were checked in the archive only.'}`);
  if (check.balance) lines.push(`Balance: ${displayMoney(check.balance.availableCents)} now, ${displayMoney(check.balance.afterCents)} after.`);
  if (check.existingLedger) lines.push(`This file was sent before as ledger ${check.existingLedger.id} ("${check.existingLedger.name}"): sending it again pays only what is not paid yet.`);
  return lines.join('\n');
}

function describeStatus(status: LedgerStatus): string {
  const { ledger, counts } = status;
  return [
    `Ledger ${ledger.id} "${ledger.name}" from ${ledger.fileName}`,
    `  ${counts.paid} paid (${displayMoney(status.paidCents)}), ${counts.failed} failed, ${counts.unsent} unsent, ${counts['already-paid']} already paid before`,
    ...(status.unsettled ? [`  ${status.unsettled} sent but their answer was lost: "turkbench bonus reconcile ${ledger.id}" asks MTurk (nothing is re-sent blindly)`] : []),
    ...(status.job ? [`  ${describeJob(status.job)}`] : []),
    ...status.rows.filter((r) => r.state === 'failed' || r.state === 'unsent').map((r) => `  row ${r.rowNumber} ${r.workerId} ${r.assignmentId} ${displayMoney(r.amountCents)}: ${r.state}${r.error ? ` — ${r.error}` : ''}`),
  ].join('\n');
}

function describeReconciliation(report: LedgerReconciliation): string {
  const { counts } = report;
  const lines = [`${report.ledgerIds.length} ledger${report.ledgerIds.length === 1 ? '' : 's'}: ${counts.paid} paid, ${counts['already-paid']} already paid before, ${counts.failed} failed, ${counts.missing} missing, ${counts['paid-twice']} paid twice.`];
  for (const row of report.rows.filter((r) => r.verdict !== 'paid' && r.verdict !== 'already-paid')) {
    lines.push(`  ${row.ledgerId} row ${row.rowNumber} ${row.workerId} ${row.assignmentId} ${displayMoney(row.amountCents)}: ${row.verdict}${row.message ? ` — ${row.message}` : ''}`);
  }
  if (report.unexplained.length) {
    lines.push(`${report.unexplained.length} payment${report.unexplained.length === 1 ? '' : 's'} on MTurk that no ledger explains:`);
    for (const p of report.unexplained) lines.push(`  ${p.workerId} ${p.assignmentId} ${displayMoney(p.amountCents)} "${p.reason}" on ${new Date(p.grantTime).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  }
  return lines.join('\n');
}
