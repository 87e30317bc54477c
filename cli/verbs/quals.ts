import type { QualificationType } from '../../shared/domain/archive-types';
import { MAX_SCORE, MIN_SCORE } from '../../shared/domain/worker-list';
import type { TypeSettings } from '../../electron/services/workers/qualifications-service';
import { allowOnly, parseCount, type ParsedCommand } from '../args';
import { nameToType } from '../../electron/services/connections/production-confirmation';
import { confirm, type Asker } from '../confirm';
import { CliFailure, table, type Output } from '../output';
import type { Session } from '../session';
import { describeJob, failIfIncomplete, followJob } from './jobs-progress';
import { readUserFile, workersFrom } from './worker-files';
import type { JobProgress } from '../../shared/contract/jobs';
import type { Result } from '../../shared/result';

const SETTING_OPTIONS = ['description', 'status', 'test-file', 'answer-key-file', 'test-duration', 'retry-delay', 'auto-grant'];

export async function qualsVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const sub = command.words[1];
  const quals = session.services.qualifications;
  switch (sub) {
    case 'list':
    case undefined: {
      allowOnly(command, 'quals list', ['archive']);
      const types = quals.listTypes(session.readContext(command.options.archive));
      return session.out.result(types, () => (types.length === 0 ? 'No qualification types archived (run "turkbench sync" first).' : describeTypes(types)));
    }
    case 'create': {
      allowOnly(command, 'quals create', ['name', 'keywords', ...SETTING_OPTIONS]);
      const { name, description } = command.options;
      if (typeof name !== 'string' || typeof description !== 'string') throw new CliFailure('quals create needs --name N and --description D.', 2);
      const made = await quals.createType({ name, description, ...(typeof command.options.keywords === 'string' ? { keywords: command.options.keywords } : {}), ...settingsFrom(command, session.out) }, session.context());
      if (!made.ok) throw CliFailure.from(made.error);
      return session.out.result(made.value, () => `Created ${made.value.qualificationTypeId} "${made.value.name}" (${made.value.status}).`);
    }
    case 'update': {
      allowOnly(command, 'quals update', SETTING_OPTIONS);
      const typeId = onlyId(command, 'quals update TYPE_ID [--description D] [--status Active|Inactive] …');
      const updated = await quals.updateType(typeId, settingsFrom(command, session.out), session.context());
      if (!updated.ok) throw CliFailure.from(updated.error);
      return session.out.result(updated.value, () => `Updated ${typeId}: ${updated.value.status}, "${updated.value.description.slice(0, 80)}".`);
    }
    case 'delete': {
      allowOnly(command, 'quals delete', ['confirm-name']);
      const typeId = onlyId(command, 'quals delete TYPE_ID');
      const context = session.context();
      const uses = quals.usesOf(typeId, context);
      const breaks = uses.hitTypeIds.length + uses.hitIds.length === 0
        ? 'No archived HIT type or open HIT requires it.'
        : `Required by ${uses.hitTypeIds.length} archived HIT type(s)${uses.hitTypeIds.length ? ` (${uses.hitTypeIds.slice(0, 5).join(', ')}${uses.hitTypeIds.length > 5 ? ', …' : ''})` : ''} and ${uses.hitIds.length} open HIT(s)${uses.hitIds.length ? ` (${uses.hitIds.slice(0, 5).join(', ')}${uses.hitIds.length > 5 ? ', …' : ''})` : ''}: workers can no longer meet those requirements.`;
      await confirm({ asker, yes: command.global.yes, question: `Delete qualification type ${typeId}? ${breaks}`, typeToConfirm: null });
      if (command.global.yes) session.out.note(breaks);
      const deleted = await quals.deleteType(typeId, context);
      if (!deleted.ok) throw CliFailure.from(deleted.error);
      return session.out.result({ deleted: typeId, uses }, () => `Deleted ${typeId}. ${breaks}`);
    }
    case 'grant':
    case 'revoke': {
      allowOnly(command, `quals ${sub}`, ['type', 'workers-file', 'score', 'notify', 'reason', 'confirm-name']);
      const typeId = command.options.type;
      if (typeof typeId !== 'string') throw new CliFailure(`quals ${sub} needs --type QUALIFICATION_TYPE_ID.`, 2);
      const workers = workersFrom(command.words.slice(2), command.options['workers-file'], session.out);
      // Read before the confirmation: a typo in the score must not cost the user a typed production confirmation.
      const score = sub === 'grant' && command.options.score !== undefined ? parseScore(command.options.score, 'score') : undefined;
      const context = session.context();
      const typeToConfirm = nameToType(context.config);
      const question = `${sub === 'grant' ? 'Grant' : 'Revoke'} ${typeId} ${sub === 'grant' ? 'to' : 'from'} ${workers.length.toLocaleString('en-US')} worker(s) on ${context.config.label}.`;
      const typedConnectionName = typeToConfirm === null ? undefined : await confirm({ asker, yes: command.global.yes, question, typeToConfirm, confirmName: command.options['confirm-name'] as string | undefined });
      const started =
        sub === 'grant'
          ? await quals.grant(
              { qualificationTypeId: typeId, workers, ...(score === undefined ? {} : { score }), sendNotification: command.options.notify === true, typedConnectionName },
              context,
            )
          : await quals.revoke({ qualificationTypeId: typeId, workerIds: workers.map((w) => w.workerId), ...(typeof command.options.reason === 'string' ? { reason: command.options.reason } : {}), typedConnectionName }, context);
      return runJob(session, started);
    }
    case 'requests': {
      allowOnly(command, 'quals requests', ['type', 'archive']);
      const requests = quals.requests(command.options.type as string | undefined, session.readContext(command.options.archive));
      return session.out.result(requests, () =>
        requests.length === 0
          ? 'No open qualification requests (sync first to see new ones).'
          : table(['REQUEST ID', 'TYPE', 'WORKER', 'SUBMITTED (UTC)', 'ANSWER'], requests.map((r) => [r.qualificationRequestId, r.qualificationTypeId, r.workerId, new Date(r.submitTime).toISOString().slice(0, 16).replace('T', ' '), (r.answer ?? '').replace(/\s+/g, ' ').slice(0, 60)])),
      );
    }
    case 'accept': {
      allowOnly(command, 'quals accept', ['score']);
      const ids = requestIds(command);
      return runJob(session, await quals.accept(ids, command.options.score === undefined ? undefined : parseScore(command.options.score, 'score'), session.context()));
    }
    case 'reject': {
      allowOnly(command, 'quals reject', ['reason']);
      const ids = requestIds(command);
      return runJob(session, await quals.reject(ids, command.options.reason as string | undefined, session.context()));
    }
    default:
      throw new CliFailure(`Unknown "quals ${sub}". Use: quals list | create | update | delete | grant | revoke | requests | accept | reject`, 2);
  }
}

async function runJob(session: Session, started: Result<JobProgress>): Promise<void> {
  if (!started.ok) throw CliFailure.from(started.error);
  const final = await followJob(session, started.value);
  session.out.result({ job: final }, () => describeJob(final));
  failIfIncomplete(final);
}

function describeTypes(types: readonly QualificationType[]): string {
  return table(
    ['TYPE ID', 'STATUS', 'NAME', 'TEST', 'AUTO-GRANT', 'RETRY DELAY'],
    types.map((t) => [t.qualificationTypeId, t.status, t.name.slice(0, 50), t.test ? 'yes' : '', t.autoGranted ? String(t.autoGrantedValue ?? 1) : '', t.retryDelaySeconds === null ? '' : `${t.retryDelaySeconds}s`]),
  );
}

function onlyId(command: ParsedCommand, usage: string): string {
  const id = command.words[2];
  if (!id || command.words.length > 3) throw new CliFailure(`Usage: ${usage}`, 2);
  return id;
}

function requestIds(command: ParsedCommand): string[] {
  const ids = command.words.slice(2);
  if (ids.length === 0) throw new CliFailure('Name the requests: REQUEST_ID... (see "turkbench quals requests").', 2);
  return ids;
}

/** MTurk keeps a score as a 32-bit integer: anything wider passes a plain integer check and fails only at MTurk. */
export function parseScore(text: string | boolean | undefined, option: 'score' | 'auto-grant'): number {
  return parseCount(typeof text === 'string' ? text : undefined, option, MIN_SCORE, MAX_SCORE);
}

function settingsFrom(command: ParsedCommand, out: Pick<Output, 'note'>): TypeSettings & { description?: string } {
  const o = command.options;
  const status = o.status;
  if (status !== undefined && status !== 'Active' && status !== 'Inactive') throw new CliFailure('--status is Active or Inactive.', 2);
  return {
    ...(typeof o.description === 'string' ? { description: o.description } : {}),
    ...(status ? { status } : {}),
    ...(typeof o['test-file'] === 'string' ? { test: readUserFile(o['test-file'], 'test-file', out) } : {}),
    ...(typeof o['answer-key-file'] === 'string' ? { answerKey: readUserFile(o['answer-key-file'], 'answer-key-file', out) } : {}),
    ...(o['test-duration'] !== undefined ? { testDurationSeconds: parseCount(o['test-duration'] as string, 'test-duration', 1, 31_536_000) } : {}),
    ...(o['retry-delay'] !== undefined ? { retryDelaySeconds: parseCount(o['retry-delay'] as string, 'retry-delay', 0, 31_536_000) } : {}),
    ...(o['auto-grant'] !== undefined ? { autoGranted: true, autoGrantedValue: parseScore(o['auto-grant'], 'auto-grant') } : {}),
  };
}
