import { writeFileSync } from 'node:fs';
import { displayMoney } from '../../shared/domain/money';
import { checkBatchFolder, rowQuestion, scaffoldBatchFolder, type BatchCheck, type FolderFinding } from '../../electron/services/batches/batch-folder';
import { allowOnly, type ParsedCommand } from '../args';
import { CliFailure, type Output } from '../output';

const USAGE = 'Use: batch new DIR | batch check DIR | batch preview DIR [--row N] --out FILE';

/** `turkbench batch …` verbs that work on a batch folder alone: no connection, no data folder. */
export async function batchFolderVerb(command: ParsedCommand, out: Output): Promise<void> {
  const [, sub, dir] = command.words;
  if (!dir && sub) throw new CliFailure(`Say which batch folder: turkbench batch ${sub} DIR`, 2);
  switch (sub) {
    case 'new': {
      allowOnly(command, 'batch new', []);
      const made = scaffoldBatchFolder(dir!);
      if (!made.ok) throw CliFailure.from(made.error);
      out.result(made.value, () => `Created ${made.value.files.join(', ')} in ${dir}. Edit them, then run: turkbench batch check ${dir}`);
      return;
    }
    case 'check': {
      allowOnly(command, 'batch check', []);
      const check = checkBatchFolder(dir!);
      out.result(checkJson(check), () => describeCheck(check));
      const errors = check.findings.filter((f) => f.severity === 'error').length;
      if (errors) throw new CliFailure(`${errors} ${errors === 1 ? 'problem stops' : 'problems stop'} this batch from launching; fix ${errors === 1 ? 'it' : 'them'} and check again.`, 1);
      return;
    }
    case 'preview': {
      allowOnly(command, 'batch preview', ['row', 'out']);
      const target = command.options.out;
      if (typeof target !== 'string') throw new CliFailure('batch preview needs --out FILE (an .html file to open in a browser, or .xml).', 2);
      const row = Number(command.options.row ?? '1');
      if (!Number.isInteger(row) || row < 1) throw new CliFailure(`--row must be a row number from 1 (got ${String(command.options.row)}).`, 2);
      const check = checkBatchFolder(dir!);
      if (!check.source) throw new CliFailure(firstError(check), 2);
      const built = rowQuestion(check.source, row);
      if (!built.ok) throw CliFailure.from(built.error);
      writeFileSync(target, built.value.content);
      out.result({ file: target, row, kind: check.source.kind }, () => `Wrote row ${row} of ${dir} to ${target}.`);
      return;
    }
    default:
      throw new CliFailure(`Unknown "batch ${sub ?? ''}". ${USAGE}`, 2);
  }
}

const firstError = (check: BatchCheck): string => check.findings.find((f) => f.severity === 'error')?.message ?? `${check.dir} cannot be read as a batch.`;

function checkJson(check: BatchCheck): unknown {
  return {
    dir: check.dir,
    launchable: check.launchable,
    rows: check.source?.input.rows.length ?? null,
    findings: check.findings,
    cost: check.cost,
  };
}

const MARK: Record<FolderFinding['severity'], string> = { error: 'error  ', warning: 'warning', info: 'note   ' };

function describeCheck(check: BatchCheck): string {
  const lines: string[] = [];
  const order: FolderFinding['severity'][] = ['error', 'warning', 'info'];
  for (const severity of order) for (const f of check.findings.filter((x) => x.severity === severity)) lines.push(`${MARK[severity]}  ${f.message}`);
  if (check.source && check.cost) {
    const c = check.cost;
    const p = check.source.properties;
    if (lines.length) lines.push('');
    lines.push(`${check.source.input.rows.length.toLocaleString('en-US')} rows → ${c.hits.toLocaleString('en-US')} HITs, ${c.assignments.toLocaleString('en-US')} assignments at ${displayMoney(p.rewardCents)}`);
    lines.push(`  rewards    ${displayMoney(c.rewardsCents)}`);
    lines.push(`  MTurk fee  ${displayMoney(c.feesCents)} (${c.feePercent} %)`);
    lines.push(`  total      ${displayMoney(c.totalCents)}${c.savingCents ? ` — micro-batching saves ${displayMoney(c.savingCents)}` : ''}`);
  }
  lines.push(check.launchable ? 'Ready to launch.' : '');
  return lines.join('\n').trimEnd();
}
