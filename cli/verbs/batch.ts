import { dirname, join } from 'node:path';
import { crowdElementsScript, rewriteCrowdScriptTags } from '../../crowd-elements/src/serve';
import { BATCH_STATUS_LABELS } from '../../shared/batch/progress';
import { microBatchingNote } from '../../shared/batch/cost';
import type { BatchSummary } from '../../shared/contract/batches';
import { displayMoney } from '../../shared/domain/money';
import { getBatch, batchCounts } from '../../electron/archive/repos/batches';
import { checkBatchFolder, rowQuestion, scaffoldBatchFolder, type BatchCheck } from '../../electron/services/batches/batch-folder';
import { launchRefusal, type LaunchPlan } from '../../electron/services/batches/batch-launcher';
import type { BatchFinding } from '../../shared/contract/batches';
import { allowOnly, parseCount, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure, type Output } from '../output';
import type { Session } from '../session';
import type { BatchChange } from '../../electron/services/batches/batch-controls';
import type { BatchStep } from '../../electron/services/batches/batch-runner';
import { describePlan } from './hits';
import { describeJob, failIfIncomplete, followJob } from './jobs-progress';
import { writeUserFile } from '../user-files';

/** The crowd elements' file name beside a written preview. */
const LOCAL_CROWD_SCRIPT = 'crowd-html-elements.js';

const USAGE =
  'Use: batch new DIR | batch check DIR | batch preview DIR [--row N] --out FILE | batch launch DIR [--new] | batch list | batch status BATCH_ID | ' +
  'batch results BATCH_ID --out FILE.csv|FILE.json | batch pause BATCH_ID | batch resume BATCH_ID | batch add-assignments BATCH_ID --count N | ' +
  'batch run BATCH_ID [--once] [--every SECONDS] | batch simulate BATCH_ID';

/** How long `batch run` waits between steps unless told. */
const RUN_EVERY_SECONDS = 60;


/** Batch verbs that read and write a batch folder only: they need no data folder, so they work while the app runs. */
export const FOLDER_ONLY_BATCH_VERBS: ReadonlySet<string> = new Set(['new', 'check', 'preview']);

/** `turkbench batch launch | list | status | results | pause | resume | add-assignments | run | simulate`: through the connection, journal and jobs, like the app. */
export async function batchVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const [, sub, arg] = command.words;
  const { services, out } = session;
  const context = session.context();
  switch (sub) {
    case 'launch': {
      allowOnly(command, 'batch launch', ['new', 'confirm-name']);
      if (!arg) throw new CliFailure('Say which batch folder: turkbench batch launch DIR', 2);
      const options = { newBatch: command.options.new === true };
      const planned = await services.batches.plan(arg, options, context);
      if (!planned.ok) throw CliFailure.from(planned.error);
      const plan = planned.value;
      if (!plan.launchable) throw new CliFailure(`${describeCheck({ source: null, findings: plan.findings, cost: null, launchable: false })}\nThe batch cannot be launched.`, 1);
      // Refused whatever the answer (a second batch without --new, too little money): say so before asking.
      const refusal = launchRefusal(plan, { ...options, typedConnectionName: plan.typeToConfirm ?? undefined });
      if (refusal) throw CliFailure.from(refusal);
      const typedConnectionName = await confirm({ asker, yes: command.global.yes, question: describeLaunch(plan), typeToConfirm: plan.typeToConfirm, confirmName: command.options['confirm-name'] as string | undefined });
      if (command.global.yes || plan.typeToConfirm !== null) out.note(describeLaunch(plan));
      const launched = await services.batches.launch(arg, { ...options, ...(typedConnectionName ? { typedConnectionName } : {}) }, context);
      if (!launched.ok) throw CliFailure.from(launched.error);
      out.note(`Batch ${launched.value.batchId}${launched.value.resumed ? ' (resumed)' : ''}`);
      const final = await followJob(session, launched.value.job);
      const carryOn = `turkbench batch launch ${arg} (it resumes this launch)`;
      out.result({ batchId: launched.value.batchId, resumed: launched.value.resumed, job: final }, () => `Batch ${launched.value.batchId}: ${describeJob(final, carryOn)}`);
      failIfIncomplete(final, carryOn);
      return;
    }
    case 'list': {
      allowOnly(command, 'batch list', []);
      const listed = services.batchOverview.list(context);
      if (!listed.ok) throw CliFailure.from(listed.error);
      out.result(listed.value, () => (listed.value.length === 0 ? 'No batches yet: "turkbench batch new DIR" makes a folder, "turkbench batch launch DIR" launches it.' : listed.value.map(describeSummary).join('\n')));
      return;
    }
    case 'status': {
      allowOnly(command, 'batch status', []);
      if (!arg) throw new CliFailure('Say which batch: turkbench batch status BATCH_ID', 2);
      const batch = getBatch(services.archiveDb.read, arg);
      if (!batch) throw new CliFailure(`No batch ${arg} in this data folder. "turkbench batch launch" prints the id of each batch it starts.`, 1);
      const counts = batchCounts(services.archiveDb.read, arg);
      const job = batch.launchJobId ? services.jobs.list().find((j) => j.id === batch.launchJobId) ?? null : null;
      out.result({ batch: { id: batch.id, name: batch.name, folder: batch.folder, state: batch.state, hitTypeId: batch.hitTypeId, exclusionTypeId: batch.exclusionTypeId, pausedAt: batch.pausedAt, createdAt: batch.createdAt }, ...counts, job }, () =>
        [
          `Batch ${batch.id} "${batch.name}" from ${batch.folder}`,
          `  ${batch.state}: ${counts.created} of ${counts.hits} HITs created${batch.hitTypeId ? ` (HIT type ${batch.hitTypeId})` : ''}`,
          ...(job ? [`  ${describeJob(job)}`] : []),
          ...(counts.created < counts.hits && job?.state !== 'running'
            ? [batch.state === 'launched' ? `  Publish the rest as earlier sub-HITs fill with: turkbench batch run ${batch.id}` : `  Finish it with: turkbench batch launch ${batch.folder}`]
            : []),
          ...(batch.pausedAt !== null ? [`  paused: resume it with "turkbench batch resume ${batch.id}"`] : []),
        ].join('\n'),
      );
      return;
    }
    case 'results': {
      allowOnly(command, 'batch results', ['out']);
      const target = command.options.out;
      if (!arg || typeof target !== 'string') throw new CliFailure('Say which batch and where: turkbench batch results BATCH_ID --out FILE.csv (or FILE.json)', 2);
      const format = target.toLowerCase().endsWith('.json') ? 'json' : target.toLowerCase().endsWith('.csv') ? 'csv' : null;
      if (!format) throw new CliFailure(`--out must end in .csv or .json (got ${target}).`, 2);
      const file = services.batchControls.results(arg, format, context);
      if (!file.ok) throw CliFailure.from(file.error);
      writeUserFile(target, file.value.text, `--out ${target}`);
      out.result({ file: target, format, assignments: file.value.rows }, () => `Wrote ${file.value.rows} assignment${file.value.rows === 1 ? '' : 's'} of batch ${arg} to ${target}.`);
      return;
    }
    case 'pause':
    case 'resume':
    case 'add-assignments': {
      allowOnly(command, `batch ${sub}`, sub === 'add-assignments' ? ['count', 'confirm-name'] : ['confirm-name']);
      if (!arg) throw new CliFailure(`Say which batch: turkbench batch ${sub} BATCH_ID`, 2);
      await changeBatch(arg, batchChange(sub, command), command, session, asker);
      return;
    }
    case 'run': {
      allowOnly(command, 'batch run', ['once', 'every']);
      if (!arg) throw new CliFailure('Say which batch: turkbench batch run BATCH_ID', 2);
      const every = parseCount(String(command.options.every ?? RUN_EVERY_SECONDS), 'every', 1, 86_400);
      const stopped = new AbortController();
      const stop = (): void => stopped.abort();
      process.once('SIGINT', stop);
      try {
        const result = command.options.once === true
          ? await services.batchRunner.step(arg, context)
          : await services.batchRunner.run(arg, { everyMs: every * 1000, signal: stopped.signal, onStep: (step) => out.note(describeStep(step)) }, context);
        if (!result.ok) throw CliFailure.from(result.error);
        out.result(result.value, () => describeStep(result.value));
        const failed = result.value.jobs.find((job) => job.state !== 'succeeded');
        if (failed) failIfIncomplete(failed);
      } finally {
        process.off('SIGINT', stop);
      }
      return;
    }
    case 'simulate': {
      allowOnly(command, 'batch simulate', []);
      if (!arg) throw new CliFailure('Say which batch: turkbench batch simulate BATCH_ID (a batch launched on the built-in Local MTurk)', 2);
      const run = await services.batchCrowd.simulate(arg);
      if (!run.ok) throw CliFailure.from(run.error);
      out.result(run.value, () => `The simulated crowd submitted ${run.value.submitted} assignments (${Math.round(run.value.virtualMinutes)} simulated minutes); ${run.value.archivedAssignments} of batch ${arg} are archived.`);
      return;
    }
    default:
      throw new CliFailure(`Unknown "batch ${sub ?? ''}". ${USAGE}`, 2);
  }
}

/** One line per batch: id, status, progress, spend and wage. */
function describeSummary(batch: BatchSummary): string {
  const f = batch.figures;
  const wage = f.hourlyWageCents === null ? '' : ` · ${displayMoney(f.hourlyWageCents)}/h`;
  const found = batch.origin === 'found' ? ' (found on MTurk)' : '';
  return `${batch.id}  ${BATCH_STATUS_LABELS[f.status]}  ${f.assignments.submitted}/${f.assignments.total} submitted, ${f.assignments.approved} approved · spent on rewards ${displayMoney(f.spentCents)}${wage}  "${batch.name}"${found}`;
}

function batchChange(sub: 'pause' | 'resume' | 'add-assignments', command: ParsedCommand): BatchChange {
  if (sub !== 'add-assignments') return { action: sub };
  const count = parseCount(typeof command.options.count === 'string' ? command.options.count : undefined, 'count', 1, 1_000_000);
  return { action: 'add-assignments', count };
}

/** Pause, resume or add assignments: the Manage HITs plan over the batch's HITs, confirmed, then followed. */
async function changeBatch(batchId: string, change: BatchChange, command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const { services, out } = session;
  const context = session.context();
  const planned = await services.batchControls.plan(batchId, change, context);
  if (!planned.ok) throw CliFailure.from(planned.error);
  const plan = planned.value;
  if (plan.ready.length === 0) {
    if (change.action === 'add-assignments') throw new CliFailure(`${describePlan(plan)}\nNothing to do.`, 1);
    // No HIT to expire or reopen: only whether "batch run" publishes further sub-HITs changes.
    const held = await services.batchControls.start(batchId, change, {}, context);
    if (!held.ok) throw CliFailure.from(held.error);
    out.result({ batchId, plan, job: null }, () =>
      change.action === 'pause' ? `Batch ${batchId} paused; none of its HITs was open, so none needed expiring.` : `Batch ${batchId} resumed; none of its HITs needed reopening.`,
    );
    return;
  }
  const typedConnectionName = await confirm({ asker, yes: command.global.yes, question: describePlan(plan), typeToConfirm: plan.typeToConfirm, confirmName: command.options['confirm-name'] as string | undefined });
  if (command.global.yes || plan.typeToConfirm !== null) out.note(describePlan(plan));
  const started = await services.batchControls.start(batchId, change, typedConnectionName ? { typedConnectionName } : {}, context);
  if (!started.ok) throw CliFailure.from(started.error);
  if (!started.value) throw new CliFailure(`Batch ${batchId}: nothing to change.`, 1);
  const final = await followJob(session, started.value);
  out.result({ batchId, plan, job: final }, () => describeJob(final));
  failIfIncomplete(final);
}

function describeStep(step: BatchStep): string {
  const parts = [
    `synced ${step.synced.hits} HIT${step.synced.hits === 1 ? '' : 's'} (${step.synced.assignments} assignments)`,
    `excluded ${step.excluded} worker${step.excluded === 1 ? '' : 's'}`,
    `published ${step.published} sub-HIT${step.published === 1 ? '' : 's'}`,
    `${step.open} open, ${step.unpublished} to publish`,
  ];
  const state = step.done ? 'done' : step.paused ? 'paused (resume it with "turkbench batch resume")' : 'running';
  return `Batch ${step.batchId}: ${parts.join(', ')} — ${state}.`;
}

function describeLaunch(plan: LaunchPlan): string {
  const lines = [`Launch "${plan.name}" on ${plan.connection.production ? 'PRODUCTION ' : ''}${plan.connection.label}:`];
  if (plan.launchedBefore.length && !plan.resumes) lines.push(`  This folder was launched before (batch ${plan.launchedBefore.map((b) => b.batchId).join(', ')}): this makes another batch of HITs.`);
  if (plan.resumes) lines.push(`  resumes batch ${plan.resumes.batchId}: ${plan.resumes.created} of ${plan.resumes.hits} HITs exist; only the missing ${plan.resumes.hits - plan.resumes.created} are created.`);
  else if (plan.cost) lines.push(`  ${plan.cost.hits.toLocaleString('en-US')} HITs, ${plan.cost.assignments.toLocaleString('en-US')} assignments: ${displayMoney(plan.cost.rewardsCents)} rewards + ${displayMoney(plan.cost.feesCents)} MTurk fee (${plan.cost.feePercent} %).`);
  if (plan.cost && plan.cost.subHitSizes.length > 1) {
    lines.push(`  Micro-batched: each row as sub-HITs of ${plan.cost.subHitSizes.join(' + ')} assignments (saves ${displayMoney(plan.cost.savingCents)}). The first of each row is published now; "turkbench batch run" publishes the next as earlier ones fill, hidden from workers who already submitted.`);
    lines.push(`  ${microBatchingNote(plan.cost)}`);
  }
  lines.push(`  To spend: ${displayMoney(plan.toSpendCents)}.`);
  lines.push(plan.balance ? `  Balance: ${displayMoney(plan.balance.availableCents)} now, ${displayMoney(plan.balance.afterCents)} after.` : '  Balance: unknown (MTurk could not be asked).');
  for (const f of plan.findings.filter((x) => x.severity === 'warning')) lines.push(`  warning: ${f.message}`);
  return lines.join('\n');
}

/** `turkbench batch new | check | preview`: a batch folder alone, no connection, no data folder. */
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
      const row = parseCount(String(command.options.row ?? '1'), 'row', 1, 10_000_000);
      const check = checkBatchFolder(dir!);
      if (!check.source) throw new CliFailure(firstError(check), 2);
      const built = rowQuestion(check.source, row);
      if (!built.ok) throw CliFailure.from(built.error);
      // Requester-website templates load the crowd elements from the internet: the preview uses a local copy instead.
      const offline = check.source.kind === 'html' ? rewriteCrowdScriptTags(built.value.content, LOCAL_CROWD_SCRIPT) : built.value.content;
      writeUserFile(target, offline, `--out ${target}`);
      const withScript = offline !== built.value.content;
      if (withScript) writeUserFile(join(dirname(target), LOCAL_CROWD_SCRIPT), await crowdElementsScript(), join(dirname(target), LOCAL_CROWD_SCRIPT));
      out.result({ file: target, row, kind: check.source.kind }, () => `Wrote row ${row} of ${dir} to ${target}${withScript ? ` (with ${LOCAL_CROWD_SCRIPT} beside it, so it opens offline)` : ''}.`);
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

const MARK: Record<BatchFinding['severity'], string> = { error: 'error  ', warning: 'warning', info: 'note   ' };

/** A check's findings and cost as text; also the launch plan's findings when it cannot launch. */
function describeCheck(check: Pick<BatchCheck, 'source' | 'cost' | 'launchable'> & { readonly findings: readonly BatchFinding[] }): string {
  const lines: string[] = [];
  const order: BatchFinding['severity'][] = ['error', 'warning', 'info'];
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
