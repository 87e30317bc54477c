import type { JobProgress } from '../../shared/contract/jobs';
import { allowOnly, type ParsedCommand } from '../args';
import { confirm, type Asker } from '../confirm';
import { CliFailure, table } from '../output';
import type { Session } from '../session';
import { describeJob, failIfIncomplete, followJob } from './jobs-progress';

export async function jobsVerb(command: ParsedCommand, session: Session, asker: Asker): Promise<void> {
  const [, sub, id] = command.words;
  const { services, out } = session;
  switch (sub) {
    case 'list':
    case undefined: {
      allowOnly(command, 'jobs list', []);
      const jobs = services.jobs.list();
      out.result(jobs, () =>
        jobs.length === 0
          ? 'No jobs yet.'
          : table(['ID', 'STATE', 'DONE', 'FAILED', 'UNKNOWN', 'STARTED (UTC)', 'LABEL'], jobs.map((j) => [j.id, j.state, `${j.done}/${j.total}`, String(j.failed), String(j.unknown), new Date(j.startedAt).toISOString().slice(0, 16).replace('T', ' '), j.label])),
      );
      return;
    }
    case 'resume': {
      allowOnly(command, 'jobs resume', []);
      const listed = services.jobs.list(1000);
      if (!id && listed.some((j) => j.kind === 'sync' && j.state === 'interrupted')) out.note('An interrupted sync continues from where it stopped with: turkbench sync');
      // Interrupted jobs by default; a cancelled one only when named (a cancel was the requester's choice).
      const candidates = listed.filter((j) => j.kind !== 'sync' && (id ? j.id === id : j.state === 'interrupted'));
      if (candidates.length === 0) {
        out.result([], () => (id ? `No job ${id}.` : 'Nothing to resume: no job was left unfinished.'));
        if (id) throw new CliFailure(`No job ${id}.`, 1);
        return;
      }
      await confirm({ asker, yes: command.global.yes, question: `Finish ${candidates.map((j) => `"${j.label}" (${j.done}/${j.total} done)`).join(', ')}? What was done is not done again.`, typeToConfirm: null });
      const finals: JobProgress[] = [];
      for (const job of candidates) {
        const resumed = await services.actionJobs.resume(job.id);
        if (!resumed.ok) throw CliFailure.from(resumed.error);
        const final = await followJob(session, resumed.value);
        finals.push(final);
        // Ctrl-C stops this command, not only the job it was on.
        if (final.state === 'cancelled') break;
      }
      out.result(finals, () => finals.map((f) => describeJob(f)).join('\n'));
      finals.forEach((f) => failIfIncomplete(f));
      return;
    }
    case 'retry': {
      allowOnly(command, 'jobs retry', []);
      if (!id) throw new CliFailure('Say which job: turkbench jobs retry JOB_ID', 2);
      const retried = await services.actionJobs.retryFailed(id);
      if (!retried.ok) throw CliFailure.from(retried.error);
      const final = await followJob(session, retried.value);
      out.result(final, () => describeJob(final));
      failIfIncomplete(final);
      return;
    }
    default:
      throw new CliFailure(`Unknown "jobs ${sub}". Use: jobs list | jobs resume [ID] | jobs retry ID`, 2);
  }
}
