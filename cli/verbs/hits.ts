import { MAX_LIFETIME_S, type HitChange, type ManagePlan } from '../../shared/contract/manage-hits';
import { parseCsv } from '../../shared/domain/csv';
import { HIT_STATUSES } from '../../shared/domain/mturk-objects';
import { displayMoney } from '../../shared/domain/money';
import type { Hit, HitStatus } from '../../shared/domain/archive-types';
import { allowOnly, parseCount, parseDate, parseDuration, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure, table, type Output } from '../output';
import { readUserText } from '../user-files';
import type { Session } from '../session';
import { describeJob, failIfIncomplete, followJob } from './jobs-progress';

const PAGE = 500;

export async function hitsVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const sub = command.words[1];
  if (sub === 'list' || sub === undefined) return listHits(command, session);
  const change = changeFrom(sub, command);
  return manage(change, command, session, asker);
}

async function listHits(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'hits list', ['status', 'limit', 'archive']);
  const status = command.options.status as string | undefined;
  if (status !== undefined && !(HIT_STATUSES as readonly string[]).includes(status)) {
    throw new CliFailure(`--status ${status}: use one of ${HIT_STATUSES.join(', ')}.`, 2);
  }
  const limit = command.options.limit === undefined ? Infinity : parseCount(command.options.limit as string, 'limit', 1, 10_000_000);
  const context = session.readContext(command.options.archive);
  const rows: Hit[] = [];
  let after: string | undefined;
  do {
    const page = await session.services.browse.hits(
      { filter: status ? { status: status as HitStatus } : undefined, after, limit: Math.min(PAGE, limit - rows.length) },
      context,
    );
    if (!page.ok) throw CliFailure.from(page.error);
    if (!page.value.archived) throw new CliFailure(`Nothing is archived for ${context.config.label} yet: run "turkbench sync" first.`);
    rows.push(...page.value.rows);
    after = page.value.nextCursor ?? undefined;
  } while (after && rows.length < limit);
  session.out.result(rows, () =>
    rows.length === 0
      ? 'No HITs match.'
      : table(
          ['HIT ID', 'STATUS', 'REWARD', 'ASSIGNMENTS', 'EXPIRES (UTC)', 'TITLE'],
          rows.map((h) => [h.hitId, h.status ?? '?', displayMoney(h.rewardCents), String(h.maxAssignments), new Date(h.expiration).toISOString().slice(0, 16).replace('T', ' '), h.title.slice(0, 60)]),
        ),
  );
}

function changeFrom(sub: string, command: ParsedCommand): HitChange {
  const o = command.options as Record<string, string | boolean | undefined>;
  switch (sub) {
    case 'expire':
      allowOnly(command, 'hits expire', ['from-file', 'confirm-name']);
      return { action: 'expire' };
    case 'extend': {
      allowOnly(command, 'hits extend', ['by', 'to', 'from-file', 'confirm-name']);
      if ((o.by === undefined) === (o.to === undefined)) throw new CliFailure('hits extend needs --by DURATION (e.g. 3d) or --to DATE.', 2);
      if (o.to !== undefined) return { action: 'extend', to: parseDate(String(o.to), 'to') };
      const bySeconds = parseDuration(String(o.by), 'by');
      if (bySeconds < 60 || bySeconds > MAX_LIFETIME_S) throw new CliFailure(`--by ${String(o.by)}: extend by a minute (1m) to 365 days (365d).`, 2);
      return { action: 'extend', bySeconds };
    }
    case 'add-assignments':
      allowOnly(command, 'hits add-assignments', ['count', 'from-file', 'confirm-name']);
      return { action: 'add-assignments', count: parseCount(o.count as string | undefined, 'count') };
    case 'set-reviewing':
      allowOnly(command, 'hits set-reviewing', ['revert', 'from-file', 'confirm-name']);
      return { action: 'set-reviewing', revert: o.revert === true };
    case 'change-type': {
      allowOnly(command, 'hits change-type', ['hit-type-id', 'from-file', 'confirm-name']);
      if (typeof o['hit-type-id'] !== 'string') throw new CliFailure('hits change-type needs --hit-type-id ID.', 2);
      return { action: 'change-type', hitTypeId: o['hit-type-id'] };
    }
    case 'delete':
      allowOnly(command, 'hits delete', ['from-file', 'confirm-name']);
      return { action: 'delete' };
    default:
      throw new CliFailure(`Unknown "hits ${sub}". Use: hits list | expire | extend | add-assignments | set-reviewing | change-type | delete`, 2);
  }
}

const HIT_ID = /^[A-Z0-9]{1,64}$/;

/**
 * HIT ids in a file: one per line, or a CSV (a website results file, a Turkbench export) whose HITId column holds
 * them, else its first column. Read as CSV, so quoted cells holding commas or line breaks stay in their column.
 * A HIT listed on several rows (one per assignment) is one HIT. A cell that is not a HIT id names its line.
 */
export function hitIdsInFile(text: string, file: string): string[] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new CliFailure(`${file}: ${parsed.error.message}`, 2);
  const records = parsed.value.records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = records[0]?.cells.map((c) => c.trim()) ?? [];
  const named = header.indexOf('HITId');
  const column = Math.max(0, named);
  const hasHeader = named >= 0 || !HIT_ID.test(header[0] ?? '');
  const ids = new Set<string>();
  for (const record of hasHeader ? records.slice(1) : records) {
    const id = (record.cells[column] ?? '').trim();
    if (!HIT_ID.test(id)) {
      const where = named >= 0 ? `, column HITId` : '';
      throw new CliFailure(`${file}, line ${record.line}${where}: "${id.slice(0, 80)}" is not a HIT id (capital letters and digits).`, 2);
    }
    ids.add(id);
  }
  return [...ids];
}

/** HIT ids from the command line and/or --from-file (see `hitIdsInFile`). */
function hitIdsFrom(command: ParsedCommand, out: Pick<Output, 'note'>): string[] {
  const ids = command.words.slice(2);
  const file = command.options['from-file'];
  if (typeof file === 'string') {
    ids.push(...hitIdsInFile(readUserText(file, `--from-file ${file}`, out), file));
  }
  for (const id of ids) if (!HIT_ID.test(id)) throw new CliFailure(`"${id.slice(0, 80)}" is not a HIT id (capital letters and digits).`, 2);
  if (ids.length === 0) throw new CliFailure('Name the HITs: HIT_ID... or --from-file FILE.', 2);
  return ids;
}

export function describePlan(plan: ManagePlan): string {
  const lines = [`${plan.summary} on ${plan.connection.production ? 'PRODUCTION ' : ''}${plan.connection.label}: ${plan.ready.length} HIT(s) will change, ${plan.skipped.length} left alone.`];
  for (const hit of plan.ready.slice(0, 10)) lines.push(`  ${hit.hitId}  ${hit.detail}`);
  if (plan.ready.length > 10) lines.push(`  … and ${plan.ready.length - 10} more`);
  for (const hit of plan.skipped.slice(0, 20)) lines.push(`  skipped ${hit.hitId}: ${hit.reason}`);
  if (plan.skipped.length > 20) lines.push(`  … and ${plan.skipped.length - 20} more skipped`);
  if (plan.cost) lines.push(`Cost: ${displayMoney(plan.cost.rewardsCents)} in rewards + ${displayMoney(plan.cost.feesCents)} MTurk fees = ${displayMoney(plan.cost.totalCents)}.`);
  if (plan.balance) lines.push(`Balance: ${displayMoney(plan.balance.availableCents)} now, ${displayMoney(plan.balance.afterCents)} after.`);
  else if (plan.cost) lines.push('Balance: unknown (MTurk could not be asked).');
  return lines.join('\n');
}

async function manage(change: HitChange, command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const hitIds = hitIdsFrom(command, session.out);
  const context = session.context();
  const { manageHits } = session.services;
  const planned = await manageHits.plan({ hitIds, change }, context);
  if (!planned.ok) throw CliFailure.from(planned.error);
  const plan = planned.value;
  if (plan.ready.length === 0) throw new CliFailure(`${describePlan(plan)}\nNothing to do.`, 1);
  // Refused before asking, as the app disables its button: a confirmation the service would refuse anyway helps nobody.
  if (plan.balance && plan.balance.afterCents < 0) throw new CliFailure(`${describePlan(plan)}\nThe balance does not cover it: add funds or select fewer HITs.`, 1);
  const typedConnectionName = await confirm({ asker, yes: command.global.yes, question: describePlan(plan), typeToConfirm: plan.typeToConfirm, confirmName: command.options['confirm-name'] as string | undefined });
  if (command.global.yes || plan.typeToConfirm !== null) session.out.note(describePlan(plan));
  const started = await manageHits.start({ hitIds, change, typedConnectionName }, context);
  if (!started.ok) throw CliFailure.from(started.error);
  const final = await followJob(session, started.value);
  session.out.result({ plan, job: final }, () => describeJob(final));
  failIfIncomplete(final);
}
