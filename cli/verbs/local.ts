import type { DemoFillResult, LocalMTurkAccess } from '../../shared/contract/local-mturk';
import { clientSnippets } from '../../shared/domain/local-mturk-snippets';
import { allowOnly, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure } from '../output';
import type { Session } from '../session';

/** `local info [--show-secret]` and `local demo`: the built-in Local MTurk, over the same service as Settings. */
export async function localVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const [, sub] = command.words;
  switch (sub) {
    case 'info':
    case undefined:
      return info(command, session);
    case 'demo':
      return demo(command, session, asker);
    default:
      throw new CliFailure(`Unknown "local ${sub}". Use: turkbench local info [--show-secret] | turkbench local demo`, 2);
  }
}

async function info(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'local info', ['show-secret']);
  const { services, out } = session;
  const access = await services.localMTurk.access();
  if (!access.ok) throw CliFailure.from(access.error);
  let secretAccessKey: string | undefined;
  if (command.options['show-secret'] === true) {
    const secret = await services.localMTurk.revealSecret();
    if (!secret.ok) throw CliFailure.from(secret.error);
    secretAccessKey = secret.value.secretAccessKey;
  }
  const result: LocalMTurkAccess & { secretAccessKey?: string } = { ...access.value, ...(secretAccessKey ? { secretAccessKey } : {}) };
  out.result(result, () => describeAccess(access.value, secretAccessKey));
}

function describeAccess(access: LocalMTurkAccess, secretAccessKey: string | undefined): string {
  const snippets = clientSnippets({ ...access, ...(secretAccessKey ? { secretAccessKey } : {}) });
  return [
    `Endpoint:          ${access.endpoint}   (kept across starts; reachable while Turkbench runs)`,
    `Region:            ${access.region}`,
    `Access key id:     ${access.accessKeyId}`,
    `Secret access key: ${secretAccessKey ?? '(hidden: add --show-secret)'}`,
    `Data:              ${access.folder}`,
    '',
    'AWS CLI:',
    snippets.awsCli,
    '',
    'boto3:',
    snippets.boto3,
  ].join('\n');
}

async function demo(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  allowOnly(command, 'local demo', []);
  const { services, out } = session;
  const context = session.context();
  await confirm({
    asker,
    yes: command.global.yes,
    question: `Fill the built-in Local MTurk with a demo account (3 batches, 2 qualification types, simulated workers) and sync it into the archive?`,
    typeToConfirm: null,
  });
  const filled = await services.localMTurk.fillDemo(context.config.id);
  if (!filled.ok) throw CliFailure.from(filled.error);
  const synced = filled.value.syncJobId ? await services.sync.whenDone(context.config.id) : null;
  out.result({ ...filled.value, synced: synced?.state === 'succeeded' }, () => describeDemo(filled.value, synced?.state ?? 'not started'));
}

function describeDemo(result: DemoFillResult, syncState: string): string {
  if (result.alreadyThere) return `The demo account is already there (${result.hits} HITs); nothing was added. Sync: ${syncState}.`;
  return [
    `Demo account created: ${result.qualificationTypes} qualification types and ${result.hits} HITs in ${result.batches.length} batches:`,
    ...result.batches.map((b) => `  ${b.hits} × ${b.title}`),
    `${result.workers} simulated workers submitted ${result.submitted} assignments; ${result.approved} approved. Sync: ${syncState}.`,
  ].join('\n');
}
