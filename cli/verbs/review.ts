import { REVIEW_GROUPINGS, type ReviewDecision, type ReviewFilter, type ReviewGrouping, type ReviewPlan, type ReviewQueueRow } from '../../shared/contract/review';
import { feedbackProblem } from '../../shared/domain/requester-feedback';
import { parseCsv } from '../../shared/domain/csv';
import { ASSIGNMENT_STATUSES } from '../../shared/domain/mturk-objects';
import { displayMoney } from '../../shared/domain/money';
import type { AssignmentStatus } from '../../shared/domain/archive-types';
import { allowOnly, parseCount, parseDuration, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure, table, type Output } from '../output';
import { readUserText } from '../user-files';
import type { Session } from '../session';
import { describeJob, failIfIncomplete, followJob } from './jobs-progress';
import { agreementVerb } from './review-agreement';
import { applyVerb } from './review-apply';

const PAGE = 500;
const ID = /^[A-Z0-9]{1,64}$/;
const BATCH_ID = /^[A-Za-z0-9]{1,64}$/;

export async function reviewVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const sub = command.words[1];
  switch (sub) {
    case 'list':
    case undefined:
      return listQueue(command, session);
    case 'approve':
    case 'reject':
    case 'override':
      allowOnly(command, `review ${sub}`, ['feedback', 'from-file', 'confirm-name']);
      return send(decisionsFrom(command, sub, session.out), command, session, asker);
    case 'draft':
      return draftVerb(command, session);
    case 'send-drafts':
      allowOnly(command, 'review send-drafts', ['confirm-name']);
      return send(undefined, command, session, asker);
    case 'agreement':
      return agreementVerb(command, session);
    case 'apply':
      return applyVerb(command, session, asker);
    default:
      throw new CliFailure(`Unknown "review ${sub}". Use: review list | approve | reject | override | draft | send-drafts | agreement | apply`, 2);
  }
}

/**
 * Draft verdicts, as the app's review queue keeps them: marked, listed (`review list` shows them), undone, and sent
 * together by `review send-drafts`. Nothing reaches MTurk here.
 */
async function draftVerb(command: ParsedCommand, session: Session): Promise<void> {
  const action = command.words[2];
  const context = session.context();
  const { review } = session.services;
  let counts;
  if (action === 'approve' || action === 'reject') {
    allowOnly(command, `review draft ${action}`, ['feedback', 'from-file']);
    // One call per distinct feedback: a file's rows may each carry their own.
    const byFeedback = new Map<string | undefined, string[]>();
    for (const d of decisionsFrom(command, action, session.out, 3)) byFeedback.set(d.feedback, [...(byFeedback.get(d.feedback) ?? []), d.assignmentId]);
    for (const [feedback, assignmentIds] of byFeedback) {
      counts = await review.setDrafts({ assignmentIds, verdict: action, ...(feedback === undefined ? {} : { feedback }) }, context);
      if (!counts.ok) throw CliFailure.from(counts.error);
    }
  } else if (action === 'clear') {
    allowOnly(command, 'review draft clear', []);
    const named = command.words.slice(3);
    for (const id of named) if (!ID.test(id)) throw new CliFailure(`"${id.slice(0, 80)}": not an assignment id (capital letters and digits).`, 2);
    counts = await review.clearDrafts(named.length > 0 ? { assignmentIds: named } : {}, context);
    if (!counts.ok) throw CliFailure.from(counts.error);
  } else {
    throw new CliFailure(`Unknown "review draft ${action ?? ''}". Use: review draft approve | reject ASSIGNMENT_ID... [--feedback TEXT] [--from-file FILE], or review draft clear [ASSIGNMENT_ID...]`, 2);
  }
  const value = counts!.value;
  session.out.result(value, () => `Drafts on ${context.config.label}: ${value.approve} to approve, ${value.reject} to reject. Nothing is sent until "turkbench review send-drafts".`);
}

async function listQueue(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'review list', ['status', 'hit-type-id', 'hit-id', 'worker-id', 'batch', 'due-within', 'group', 'limit', 'archive', 'agreement-below', 'gold-below']);
  const o = command.options as Record<string, string | undefined>;
  const status = o.status ?? 'Submitted';
  if (!(ASSIGNMENT_STATUSES as readonly string[]).includes(status)) throw new CliFailure(`--status ${status}: use one of ${ASSIGNMENT_STATUSES.join(', ')}.`, 2);
  for (const option of ['hit-type-id', 'hit-id'] as const) {
    const value = o[option];
    if (value !== undefined && !ID.test(value)) throw new CliFailure(`--${option} ${value.slice(0, 80)}: an id is 1–64 capital letters and digits.`, 2);
  }
  if (o.batch !== undefined && !BATCH_ID.test(o.batch)) throw new CliFailure(`--batch ${o.batch.slice(0, 80)}: a batch id is 1–64 letters and digits.`, 2);
  const filter: ReviewFilter = {
    status: status as AssignmentStatus, hitTypeId: o['hit-type-id'], hitId: o['hit-id'], workerId: o['worker-id'], batchId: o.batch, ...qualityFilter(o),
    // The review queue's deadline strip: work MTurk approves by itself within this much time from now.
    ...(o['due-within'] === undefined ? {} : { autoApprovalBefore: Date.now() + parseDuration(o['due-within'], 'due-within') * 1000 }),
  };
  if (o.group !== undefined && !(REVIEW_GROUPINGS as readonly string[]).includes(o.group)) throw new CliFailure(`--group ${o.group.slice(0, 80)}: use hit or worker.`, 2);
  const group = o.group as ReviewGrouping | undefined;
  const limit = o.limit === undefined ? Infinity : parseCount(o.limit, 'limit', 1, 10_000_000);
  const context = session.readContext(command.options.archive);
  const rows: ReviewQueueRow[] = [];
  let after: string | undefined;
  do {
    const page = await session.services.review.queue({ filter, ...(group ? { group } : {}), after, limit: Math.min(PAGE, limit - rows.length) }, context);
    if (!page.ok) throw CliFailure.from(page.error);
    if (!page.value.archived) throw new CliFailure(`Nothing is archived for ${context.config.label} yet: run "turkbench sync" first.`);
    rows.push(...page.value.rows);
    after = page.value.nextCursor ?? undefined;
  } while (after && rows.length < limit);
  const time = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));
  session.out.result(rows, () =>
    rows.length === 0
      ? `No ${status} assignments match.`
      : table(
          ['ASSIGNMENT ID', 'WORKER', 'HIT ID', 'STATUS', 'SUBMITTED (UTC)', 'AUTO-APPROVES (UTC)', 'REWARD', 'DRAFT', ...(group === 'worker' ? ['WORKER APPROVED / REJECTED'] : [])],
          rows.map((r) => [
            r.assignmentId, r.workerId, r.hitId, r.status, time(r.submitTime), time(r.autoApprovalTime), displayMoney(r.rewardCents), r.draft?.verdict ?? '',
            ...(group === 'worker' ? [`${r.workerHistory.approved} / ${r.workerHistory.rejected}`] : []),
          ]),
        ),
  );
}

/** --agreement-below / --gold-below as shares: "0.5" or "50%". */
export function qualityFilter(o: Record<string, string | undefined>): Pick<ReviewFilter, 'agreementBelow' | 'goldBelow'> {
  const share = (option: string): number | undefined => {
    const text = o[option];
    if (text === undefined) return undefined;
    // Plain decimals only: Number() reads "%" or " %" (nothing left after the sign) as 0 and takes "0x1" or "1e-1".
    const match = /^(\d+(?:\.\d*)?|\.\d+)\s*(%?)$/.exec(text.trim());
    const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
    if (!(value >= 0 && value <= 1)) throw new CliFailure(`--${option} ${text.slice(0, 40)}: give a share from 0 to 1, or a percentage like 60%.`, 2);
    return value;
  };
  const agreementBelow = share('agreement-below');
  const goldBelow = share('gold-below');
  return { ...(agreementBelow === undefined ? {} : { agreementBelow }), ...(goldBelow === undefined ? {} : { goldBelow }) };
}

/**
 * The verdicts to send: assignment ids on the command line and/or --from-file (one id per line, or a CSV with an
 * AssignmentId column and, optionally, a Feedback column — for rejections the website's Reject column also works).
 * --feedback applies to every assignment that has none of its own.
 */
function decisionsFrom(command: ParsedCommand, verb: 'approve' | 'reject' | 'override', out: Pick<Output, 'note'>, firstId = 2): ReviewDecision[] {
  const shared = command.options.feedback;
  if (shared !== undefined && typeof shared !== 'string') throw new CliFailure('--feedback needs a text.', 2);
  const rows: { id: string; feedback?: string; where: string }[] = command.words.slice(firstId).map((id) => ({ id, where: `"${id.slice(0, 80)}"` }));
  const file = command.options['from-file'];
  if (typeof file === 'string') rows.push(...rowsFromFile(file, verb, out));
  if (rows.length === 0) throw new CliFailure(`Name the assignments: ASSIGNMENT_ID... or --from-file FILE.`, 2);
  return rows.map((row) => {
    if (!ID.test(row.id)) throw new CliFailure(`${row.where}: not an assignment id (capital letters and digits).`, 2);
    const feedback = row.feedback?.trim() ? row.feedback : shared;
    if (feedback !== undefined) {
      const problem = feedbackProblem(feedback);
      if (problem !== null) throw new CliFailure(`${row.feedback?.trim() ? row.where : '--feedback'}: feedback has ${problem}.`, 2);
    }
    if (verb === 'reject' && !feedback?.trim()) throw new CliFailure(`${row.where}: a rejection needs feedback the worker reads — add --feedback TEXT (or a Feedback column).`, 2);
    return { assignmentId: row.id, verdict: verb, ...(feedback === undefined ? {} : { feedback }) };
  });
}

function rowsFromFile(file: string, verb: string, out: Pick<Output, 'note'>): { id: string; feedback?: string; where: string }[] {
  const parsed = parseCsv(readUserText(file, `--from-file ${file}`, out));
  if (!parsed.ok) throw new CliFailure(`${file}: ${parsed.error.message}`, 2);
  const records = parsed.value.records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = records[0]?.cells.map((c) => c.trim()) ?? [];
  const idColumn = header.indexOf('AssignmentId');
  if (idColumn < 0) return records.map((r) => ({ id: (r.cells[0] ?? '').trim(), where: `${file}, line ${r.line}` }));
  const feedbackColumn = header.indexOf('Feedback') >= 0 ? header.indexOf('Feedback') : verb === 'reject' ? header.indexOf('Reject') : -1;
  return records.slice(1).map((r) => ({
    id: (r.cells[idColumn] ?? '').trim(),
    ...(feedbackColumn >= 0 && r.cells[feedbackColumn] ? { feedback: r.cells[feedbackColumn] } : {}),
    where: `${file}, line ${r.line}`,
  }));
}

export function describeReviewPlan(plan: ReviewPlan): string {
  const verbs = [plan.approve && `approve ${plan.approve}`, plan.reject && `reject ${plan.reject}`, plan.override && `override ${plan.override} rejection(s)`].filter(Boolean);
  const lines = [
    `${verbs.length ? verbs.join(', ') : 'Nothing to send'} on ${plan.connection.production ? 'PRODUCTION ' : ''}${plan.connection.label}: ${plan.ready.length} assignment(s) of ${plan.workers} worker(s); ${plan.skipped.length} left alone.`,
  ];
  lines[0] = lines[0]!.charAt(0).toUpperCase() + lines[0]!.slice(1);
  for (const a of plan.ready.slice(0, 10)) lines.push(`  ${a.assignmentId}  ${a.workerId}  ${a.detail}`);
  if (plan.ready.length > 10) lines.push(`  … and ${plan.ready.length - 10} more`);
  for (const a of plan.skipped.slice(0, 20)) lines.push(`  skipped ${a.assignmentId}: ${a.reason}`);
  if (plan.skipped.length > 20) lines.push(`  … and ${plan.skipped.length - 20} more skipped`);
  const cost = plan.approvalCost;
  if (cost.totalCents > 0) {
    lines.push(`Approving pays ${displayMoney(cost.rewardsCents)} in rewards + ${displayMoney(cost.feesCents)} MTurk fees = ${displayMoney(cost.totalCents)} (MTurk already holds it since the HITs were created).`);
  }
  const over = plan.overrideCost;
  if (over.totalCents > 0) {
    const balance = plan.balance ? `: ${displayMoney(plan.balance.availableCents)} → ${displayMoney(plan.balance.afterCents)} after` : ' (unknown: MTurk could not be asked)';
    lines.push(`Overriding pays ${displayMoney(over.rewardsCents)} in rewards + ${displayMoney(over.feesCents)} MTurk fees = ${displayMoney(over.totalCents)} from the available balance, since a rejection releases what MTurk held${balance}.`);
    if (plan.balance && plan.balance.afterCents < 0) lines.push('The balance does not cover it: add funds or override fewer.');
  }
  if (plan.rejectedWorkers.length > 0) {
    lines.push('Rejections each worker would have from you today (UTC), with this send:');
    for (const w of plan.rejectedWorkers.slice(0, 20)) lines.push(`  ${w.workerId}: ${w.todayAfter} (${w.inThisSend} in this send)`);
    if (plan.rejectedWorkers.length > 20) lines.push(`  … and ${plan.rejectedWorkers.length - 20} more workers`);
  }
  return lines.join('\n');
}

/** `decisions` undefined: the connection's draft verdicts. */
export async function send(decisions: ReviewDecision[] | undefined, command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const context = session.context();
  const { review } = session.services;
  const chosen = decisions === undefined ? {} : { decisions };
  const planned = await review.plan(chosen, context);
  if (!planned.ok) throw CliFailure.from(planned.error);
  const plan = planned.value;
  if (plan.ready.length === 0) throw new CliFailure(`${describeReviewPlan(plan)}\nNothing to do.`, 1);
  // Refused before asking, as the app disables Send: a confirmation the service would refuse anyway helps nobody.
  if (plan.balance && plan.balance.afterCents < 0) throw new CliFailure(describeReviewPlan(plan), 1);
  const question = describeReviewPlan(plan);
  // Without a terminal and without --yes nothing is sent, but the plan is still shown: a preview.
  if (!asker.interactive && !command.global.yes) session.out.note(question);
  const typedConnectionName = await confirm({ asker, yes: command.global.yes, question, typeToConfirm: plan.typeToConfirm, confirmName: command.options['confirm-name'] as string | undefined });
  if (command.global.yes || plan.typeToConfirm !== null) session.out.note(question);
  const started = await review.send({ ...chosen, typedConnectionName }, context);
  if (!started.ok) throw CliFailure.from(started.error);
  const final = await followJob(session, started.value);
  session.out.result({ plan, job: final }, () => describeJob(final));
  failIfIncomplete(final);
}
