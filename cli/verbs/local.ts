import type { DemoFillResult, LocalMTurkAccess } from '../../shared/contract/local-mturk';
import { clientSnippets } from '../../shared/domain/local-mturk-snippets';
import { allowOnly, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure } from '../output';
import type { Session } from '../session';

/** `local info [--show-secret]`, `local demo`, `local crowd start|stop`: the built-in Local MTurk, over the same service as Settings. */
export async function localVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const [, sub] = command.words;
  switch (sub) {
    case 'info':
    case undefined:
      return info(command, session);
    case 'demo':
      return demo(command, session, asker);
    case 'crowd':
      return crowd(command, session);
    default:
      throw new CliFailure(`Unknown "local ${sub}". Use: turkbench local info [--show-secret] | local demo | local crowd start|stop`, 2);
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
    `Simulated crowd:   ${access.crowd ? `${access.crowd.workers} workers at ${access.crowd.speed}× real time, while Turkbench runs` : 'none (turkbench local crowd start)'}`,
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
    question: `Fill the built-in Local MTurk with a demo account (14 HITs of 3 kinds, 2 qualification types, simulated workers) and sync it into the archive?`,
    typeToConfirm: null,
  });
  const filled = await services.localMTurk.fillDemo(context.config.id);
  if (!filled.ok) throw CliFailure.from(filled.error);
  const synced = filled.value.syncJobId ? await services.sync.whenDone(context.config.id) : null;
  out.result({ ...filled.value, synced: synced?.state === 'succeeded' }, () => describeDemo(filled.value, synced?.state ?? 'not started'));
}

/** The crowd works while a Turkbench process holds the data folder; starting it here records it for the app's next start. */
async function crowd(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'local crowd', []);
  const action = command.words[2];
  if (action !== 'start' && action !== 'stop') throw new CliFailure('Say what to do: turkbench local crowd start | turkbench local crowd stop', 2);
  const result = await session.services.localMTurk.setCrowd(action === 'start');
  if (!result.ok) throw CliFailure.from(result.error);
  const now = result.value.crowd;
  session.out.result({ crowd: now }, () =>
    now ? `The simulated crowd (${now.workers} workers) works in the built-in Local MTurk whenever Turkbench runs.` : 'The simulated crowd is stopped; it stays stopped at the next start.',
  );
}

function describeDemo(result: DemoFillResult, syncState: string): string {
  if (result.alreadyThere) return `The demo account is already there (${result.hits} HITs); nothing was added. Sync: ${syncState}.`;
  return [
    `Demo account created: ${result.qualificationTypes} qualification types and ${result.hits} HITs of ${result.batches.length} kinds (made through the API, not batches launched from a folder):`,
    ...result.batches.map((b) => `  ${b.hits} × ${b.title}`),
    `${result.workers} simulated workers submitted ${result.submitted} assignments in their first minutes; ${result.approved} approved. Sync: ${syncState}.`,
    ...(result.crowd ? ['They keep working in the built-in Local MTurk while Turkbench runs (stop with: turkbench local crowd stop).'] : []),
  ].join('\n');
}
