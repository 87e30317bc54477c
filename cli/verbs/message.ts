import type { MessagePlan } from '../../shared/domain/workers';
import { allowOnly, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure } from '../output';
import type { Session } from '../session';
import { describeJob, failIfIncomplete, followJob } from './jobs-progress';
import { readUserFile, workersFrom } from './worker-files';

export async function messageVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  if (command.words[1] !== 'send') throw new CliFailure('Use: message send --workers-file FILE --subject S --body-file F [--yes]', 2);
  allowOnly(command, 'message send', ['workers-file', 'subject', 'body-file', 'confirm-name']);
  const subject = command.options.subject;
  const bodyFile = command.options['body-file'];
  if (typeof subject !== 'string') throw new CliFailure('message send needs --subject TEXT.', 2);
  if (typeof bodyFile !== 'string') throw new CliFailure('message send needs --body-file FILE.', 2);
  const input = { workerIds: workersFrom(command.words.slice(2), command.options['workers-file'], session.out).map((w) => w.workerId), subject, body: readUserFile(bodyFile, 'body-file', session.out).replace(/\r?\n$/, '') };
  const context = session.context();
  const plan = session.services.messages.plan(input, context);
  if (!plan.ok) throw CliFailure.from(plan.error);
  const question = describePlan(plan.value);
  const typedConnectionName = await confirm({ asker, yes: command.global.yes, question, typeToConfirm: plan.value.typeToConfirm, confirmName: command.options['confirm-name'] as string | undefined });
  if (command.global.yes || plan.value.typeToConfirm !== null) session.out.note(question);
  const started = await session.services.messages.send({ ...input, typedConnectionName }, context);
  if (!started.ok) throw CliFailure.from(started.error);
  const final = await followJob(session, started.value);
  session.out.result({ plan: plan.value, job: final }, () => `${describeJob(final)}\nEach worker's delivery is in "turkbench workers show WORKER_ID".`);
  failIfIncomplete(final);
}

function describePlan(plan: MessagePlan): string {
  return [
    `Message ${plan.recipients.toLocaleString('en-US')} worker(s) on ${plan.connection.production ? 'PRODUCTION ' : ''}${plan.connection.label} in ${plan.calls} NotifyWorkers call(s).`,
    `As ${plan.sample.workerId} gets it:`,
    `  Subject: ${plan.sample.subject}`,
    ...plan.sample.body.split('\n').slice(0, 12).map((line) => `  | ${line}`),
  ].join('\n');
}
