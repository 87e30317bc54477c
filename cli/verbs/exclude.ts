import { basename } from 'node:path';
import type { ExclusionPlan, ExclusionSource } from '../../electron/services/workers/exclusion-service';
import { allowOnly, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure, table } from '../output';
import type { Session } from '../session';
import { describeJob, failIfIncomplete, followJob } from './jobs-progress';
import { readUserText } from '../user-files';
import { writeUserFile } from '../user-files';

const USAGE = 'Use: exclude --from-batch ID | --from-hit-type ID | --from-study NAME --into-type TYPE_ID [--always | --never] [--yes] | exclude rules | exclude registry [export | import FILE]';

export async function excludeVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const sub = command.words[1];
  if (sub === 'rules') return listRules(command, session);
  if (sub === 'registry') return registry(command, session);
  if (sub !== undefined) throw new CliFailure(USAGE, 2);
  allowOnly(command, 'exclude', ['from-batch', 'from-hit-type', 'from-study', 'into-type', 'always', 'never']);
  const source = sourceOf(command);
  const intoTypeId = command.options['into-type'];
  if (typeof intoTypeId !== 'string') throw new CliFailure('exclude needs --into-type QUALIFICATION_TYPE_ID (the hidden exclusion type your new HITs require absent).', 2);
  if (command.options.always && command.options.never) throw new CliFailure('Give --always or --never, not both.', 2);
  const exclusions = session.services.exclusions;
  const context = session.context();
  if (command.options.never) {
    const rules = exclusions.setRule(source, intoTypeId, false, context);
    if (!rules.ok) throw CliFailure.from(rules.error);
    return session.out.result({ rules: rules.value }, () => `${source.kind} ${source.id} no longer excludes its workers after each sync.`);
  }
  const plan = exclusions.plan(source, intoTypeId, context);
  if (!plan.ok) throw CliFailure.from(plan.error);
  const question = describePlan(plan.value);
  const asking = plan.value.workerIds.length > 0;
  if (asking) await confirm({ asker, yes: command.global.yes, question, typeToConfirm: null });
  if (!asking || command.global.yes) session.out.note(question);
  if (command.options.always) {
    const marked = exclusions.setRule(source, intoTypeId, true, context);
    if (!marked.ok) throw CliFailure.from(marked.error);
    session.out.note(`From now on, every sync excludes new submitters of ${source.kind} ${source.id} too.`);
  }
  const done = await exclusions.exclude(source, intoTypeId, context);
  if (!done.ok) throw CliFailure.from(done.error);
  if (done.value.job === null) return session.out.result({ plan: done.value.plan, job: null }, () => 'Nobody new to exclude.');
  const final = await followJob(session, done.value.job);
  session.out.result({ plan: done.value.plan, job: final }, () => describeJob(final));
  failIfIncomplete(final);
}

function sourceOf(command: ParsedCommand): ExclusionSource {
  const given = (['batch', 'hit-type', 'study'] as const).flatMap((kind) => {
    const id = command.options[`from-${kind}`];
    return typeof id === 'string' ? [{ kind, id }] : [];
  });
  if (given.length !== 1) throw new CliFailure(`exclude needs exactly one of --from-batch ID, --from-hit-type ID or --from-study NAME. ${USAGE}`, 2);
  return given[0]!;
}

function describePlan(plan: ExclusionPlan): string {
  const whose = plan.source.kind === 'study' ? `study "${plan.source.id}"` : `${plan.source.kind} ${plan.source.id}`;
  return `${plan.participants.toLocaleString('en-US')} worker(s) took part in ${whose}; ${plan.alreadyExcluded.toLocaleString('en-US')} already hold ${plan.intoTypeId}; ${plan.workerIds.length.toLocaleString('en-US')} will be granted it (no notification) and registered under study "${plan.study}".`;
}

function listRules(command: ParsedCommand, session: Session): void {
  allowOnly(command, 'exclude rules', []);
  const rules = session.services.exclusions.rules(session.context());
  session.out.result(rules, () =>
    rules.length === 0
      ? 'No batch or HIT type excludes its workers after each sync (exclude … --always marks one).'
      : table(['SOURCE', 'ID', 'INTO TYPE', 'SINCE (UTC)'], rules.map((r) => [r.sourceKind, r.sourceId, r.intoTypeId, new Date(r.createdAt).toISOString().slice(0, 16).replace('T', ' ')])),
  );
}

function registry(command: ParsedCommand, session: Session): void {
  const exclusions = session.services.exclusions;
  const action = command.words[2];
  if (action === undefined) {
    allowOnly(command, 'exclude registry', []);
    const studies = exclusions.studies();
    return session.out.result(studies, () => (studies.length === 0 ? 'The participant registry is empty.' : table(['STUDY', 'PARTICIPANTS'], studies.map((s) => [s.study, s.participants.toLocaleString('en-US')]))));
  }
  if (action === 'export') {
    allowOnly(command, 'exclude registry export', ['study', 'out']);
    const csv = exclusions.exportRegistry(typeof command.options.study === 'string' ? command.options.study : undefined);
    const out = command.options.out;
    if (typeof out !== 'string') return void process.stdout.write(csv);
    writeUserFile(out, csv, `--out ${out}`);
    return session.out.result({ out }, () => `Wrote ${out}.`);
  }
  if (action === 'import') {
    allowOnly(command, 'exclude registry import', []);
    const file = command.words[3];
    if (!file || command.words.length > 4) throw new CliFailure('Use: exclude registry import FILE.csv (columns study, worker_id)', 2);
    const imported = exclusions.importRegistry(readUserText(file, file, session.out), basename(file));
    if (!imported.ok) throw CliFailure.from(imported.error);
    return session.out.result(imported.value, () => `Read ${imported.value.rows} row(s) of ${imported.value.studies} stud${imported.value.studies === 1 ? 'y' : 'ies'}: ${imported.value.added} new participant(s).`);
  }
  throw new CliFailure(USAGE, 2);
}
