import { displayMoney } from '../../shared/domain/money';
import type { WorkerDossier, WorkerRow } from '../../shared/domain/workers';
import { allowOnly, parseCount, type ParsedCommand } from '../args';
import { nameToType } from '../../electron/services/connections/production-confirmation';
import { confirm, type Asker } from '../confirm';
import { CliFailure, table } from '../output';
import type { Session } from '../session';
import { describeJob, failIfIncomplete, followJob } from './jobs-progress';
import { workersFrom } from './worker-files';

const PAGE = 1000;

export async function workersVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const sub = command.words[1];
  switch (sub) {
    case 'list':
    case undefined:
      return listWorkers(command, session);
    case 'show':
      return showWorker(command, session);
    case 'quality':
      return workersQuality(command, session);
    case 'block':
    case 'unblock':
      return block(sub, command, session, asker);
    case 'note':
      return note(command, session);
    case 'tag':
      return tag(command, session);
    default:
      throw new CliFailure(`Unknown "workers ${sub}". Use: workers list | show | quality | block | unblock | note | tag`, 2);
  }
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function listWorkers(command: ParsedCommand, session: Session): void {
  allowOnly(command, 'workers list', ['search', 'workers-file', 'limit', 'archive']);
  const limit = command.options.limit === undefined ? Infinity : parseCount(command.options.limit as string, 'limit', 1, 10_000_000);
  const workerIds = command.options['workers-file'] === undefined ? undefined : workersFrom([], command.options['workers-file'], session.out).map((w) => w.workerId);
  const context = session.readContext(command.options.archive);
  const rows: WorkerRow[] = [];
  let after: string | null = null;
  do {
    const page = session.services.workers.list({ search: command.options.search as string | undefined, workerIds, after, limit: Math.min(PAGE, limit - rows.length) }, context);
    if (!page.ok) throw CliFailure.from(page.error);
    if (!page.value.archived) throw new CliFailure(`Nothing is archived for ${context.config.label} yet: run "turkbench sync" first.`);
    rows.push(...page.value.rows);
    after = page.value.nextCursor;
  } while (after !== null && rows.length < limit);
  session.out.result(rows, () =>
    rows.length === 0
      ? 'No workers match.'
      : table(
          ['WORKER ID', 'ASSIGNMENTS', 'APPROVED', 'REJECTED', 'APPROVAL', 'EARNED', 'BONUSES', 'LAST SEEN', 'BLOCKED'],
          rows.map((w) => [
            w.workerId,
            String(w.assignments),
            String(w.approved),
            String(w.rejected),
            w.approvalRatePercent === null ? '—' : `${w.approvalRatePercent}%`,
            displayMoney(w.earnedCents),
            displayMoney(w.bonusCents),
            day(w.lastSeenAt),
            w.blocked ? 'yes' : '',
          ]),
        ),
  );
}

const share = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}% (${part}/${whole})`);

/** Every worker's agreement with the consensus and accuracy on gold, across the archive (the Workers grid's columns). */
function workersQuality(command: ParsedCommand, session: Session): void {
  allowOnly(command, 'workers quality', ['archive']);
  if (command.words.length > 2) throw new CliFailure('Usage: workers quality [--archive A]', 2);
  const figures = session.services.workers.quality(session.readContext(command.options.archive));
  if (!figures.ok) throw CliFailure.from(figures.error);
  session.out.result(figures.value, () =>
    figures.value.length === 0
      ? 'No worker has categorical answers to compare yet.'
      : table(['WORKER ID', 'LABELS', 'AGREES WITH CONSENSUS', 'RIGHT ON GOLD'], figures.value.map((q) => [q.workerId, String(q.labels), share(q.agreed, q.labels), share(q.goldCorrect, q.goldAnswers)])),
  );
}

function showWorker(command: ParsedCommand, session: Session): void {
  allowOnly(command, 'workers show', ['archive']);
  const workerId = command.words[2];
  if (!workerId || command.words.length > 3) throw new CliFailure('Usage: workers show WORKER_ID', 2);
  const dossier = session.services.workers.dossier(workerId, session.readContext(command.options.archive));
  if (!dossier.ok) throw CliFailure.from(dossier.error);
  session.out.result(dossier.value, () => describeDossier(dossier.value));
}

function describeDossier(d: WorkerDossier): string {
  const s = d.summary;
  const lines = [`Worker ${d.workerId}${d.tags.length ? `  [${d.tags.join(', ')}]` : ''}`];
  if (s) {
    lines.push(`  ${s.assignments} assignments · ${s.approved} approved · ${s.rejected} rejected · approval ${s.approvalRatePercent === null ? '—' : `${s.approvalRatePercent}%`} for you`);
    lines.push(`  earned ${displayMoney(s.earnedCents)} + bonuses ${displayMoney(s.bonusCents)} (${s.bonuses}) · first seen ${day(s.firstSeenAt)} · last seen ${day(s.lastSeenAt)}`);
  }
  lines.push(`  Blocked: ${d.block ? `yes — ${d.block.reason}` : 'no'}${d.softBlocked ? ' · soft-blocked' : ''}`);
  if (d.assignments.length) {
    lines.push('Assignments:');
    for (const a of d.assignments.slice(0, 50)) {
      const answers = Object.entries(a.answers).map(([k, v]) => `${k}=${v.slice(0, 40)}`).join('; ');
      lines.push(`  ${a.assignmentId}  ${a.status.padEnd(9)} ${a.hitTitle?.slice(0, 40) ?? a.hitId}  ${answers.slice(0, 80)}`);
    }
    if (d.assignments.length > 50) lines.push(`  … and ${d.assignments.length - 50} more (use --json for all)`);
  }
  if (d.bonuses.length) {
    lines.push('Bonuses:');
    for (const b of d.bonuses) lines.push(`  ${displayMoney(b.amountCents)}  ${day(b.grantTime)}  ${b.reason.slice(0, 80)}`);
  }
  if (d.qualifications.length) {
    lines.push('Qualifications:');
    for (const q of d.qualifications) lines.push(`  ${q.qualificationTypeId}  ${q.status}  score ${q.integerValue ?? '—'}`);
  }
  if (d.messages.length) {
    lines.push('Messages:');
    for (const m of d.messages) {
      const mine = m.recipients.find((r) => r.workerId === d.workerId);
      lines.push(`  ${day(m.sentAt)}  "${m.subject.slice(0, 60)}"  ${mine?.delivery ?? '?'}${mine?.failureMessage ? ` — ${mine.failureMessage}` : ''}`);
    }
  }
  if (d.notes.length) {
    lines.push('Notes and history:');
    for (const n of d.notes) lines.push(`  ${day(n.createdAt)}  ${n.kind.padEnd(12)} ${n.text}`);
  }
  return lines.join('\n');
}

async function block(sub: 'block' | 'unblock', command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  allowOnly(command, `workers ${sub}`, ['reason', 'soft', 'workers-file', 'confirm-name']);
  const reason = command.options.reason;
  if (typeof reason !== 'string') throw new CliFailure(`workers ${sub} needs --reason TEXT (kept in each worker's dossier).`, 2);
  const workerIds = workersFrom(command.words.slice(2), command.options['workers-file'], session.out).map((w) => w.workerId);
  const soft = command.options.soft === true;
  if (sub === 'block' && !soft) session.out.note('A hard block (CreateWorkerBlock) counts against the worker on MTurk; --soft excludes them privately instead.');
  const context = session.context();
  const typeToConfirm = nameToType(context.config);
  const question = `${sub === 'block' ? (soft ? 'Soft-block' : 'Hard-block') : 'Unblock'} ${workerIds.length.toLocaleString('en-US')} worker(s) on ${context.config.label}.`;
  const typedConnectionName = typeToConfirm === null ? undefined : await confirm({ asker, yes: command.global.yes, question, typeToConfirm, confirmName: command.options['confirm-name'] as string | undefined });
  const input = { workerIds, reason, soft, typedConnectionName };
  const started = sub === 'block' ? await session.services.workers.block(input, context) : await session.services.workers.unblock(input, context);
  if (!started.ok) throw CliFailure.from(started.error);
  const final = await followJob(session, started.value);
  session.out.result({ job: final }, () => describeJob(final));
  failIfIncomplete(final);
}

async function note(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'workers note', []);
  const [workerId, ...words] = command.words.slice(2);
  if (!workerId || words.length === 0) throw new CliFailure('Usage: workers note WORKER_ID TEXT', 2);
  const notes = await session.services.workers.note(workerId, words.join(' '), session.context());
  if (!notes.ok) throw CliFailure.from(notes.error);
  session.out.result(notes.value, () => `Noted for ${workerId} (${notes.value.length} note${notes.value.length === 1 ? '' : 's'} and history entries).`);
}

async function tag(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'workers tag', []);
  const [workerId, ...tags] = command.words.slice(2);
  if (!workerId) throw new CliFailure('Usage: workers tag WORKER_ID [TAG...]   (no tags clears them)', 2);
  const set = await session.services.workers.setTags(workerId, tags, session.context());
  if (!set.ok) throw CliFailure.from(set.error);
  session.out.result(set.value, () => (set.value.length ? `${workerId}: ${set.value.join(', ')}` : `${workerId}: no tags.`));
}
