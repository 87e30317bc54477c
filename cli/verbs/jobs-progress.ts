import type { JobProgress } from '../../shared/contract/jobs';
import { CliFailure } from '../output';
import type { Session } from '../session';

/**
 * Shows a job's progress on stderr until it ends; fails (non-zero exit) when items failed or stayed unknown.
 * Ctrl-C cancels the job as the app's Cancel does: what was sent stays journaled, and `jobs resume` finishes it.
 */
export async function followJob(session: Session, started: JobProgress): Promise<JobProgress> {
  const { services, out } = session;
  const stop = services.events.subscribe((name, payload) => {
    if (name !== 'job.progress') return;
    const p = payload as JobProgress;
    if (p.id !== started.id || p.state !== 'running') return;
    out.progress(`${p.label}: ${p.done}/${p.total}${p.failed ? ` · ${p.failed} failed` : ''}${p.ratePerSecond ? ` · ${p.ratePerSecond}/s` : ''}${p.etaSeconds !== null ? ` · about ${p.etaSeconds} s left` : ''}`);
  });
  const cancel = (): void => {
    out.note('Cancelling: calls already sent finish first… (Ctrl-C again quits at once; the journal still settles them)');
    services.jobs.cancel(started.id);
  };
  process.once('SIGINT', cancel);
  try {
    const final = (await services.jobs.whenDone(started.id)) ?? started;
    out.endProgress();
    return final;
  } finally {
    process.off('SIGINT', cancel);
    stop();
  }
}

/**
 * `carryOn`: how this kind of job is finished after a cancel when `jobs resume` is not the way (the command that made
 * it, run again, picks up where it stopped: a batch launch, a bonus ledger, a compensation).
 */
export function describeJob(p: JobProgress, carryOn?: string): string {
  const lines = [`${p.label}: ${p.state} — ${p.done - p.failed - p.unknown} done, ${p.failed} failed, ${p.unknown} unknown, of ${p.total}.`];
  for (const f of p.failures) lines.push(`  ${f.target}: ${f.unknown ? 'not known yet whether MTurk applied it (`jobs retry` asks MTurk)' : f.message}${f.mturkCode ? ` (${f.mturkCode})` : ''}`);
  // A cancelled job's unsent items are sent by resuming it; what MTurk refused is retried on its own.
  if (p.state === 'cancelled') lines.push(`Cancelled; finish it with: ${carryOn ?? `turkbench jobs resume ${p.id}`}`);
  else if (p.failed > 0) lines.push(`Retry the failed ones with: turkbench jobs retry ${p.id}`);
  else if (p.unknown > 0) lines.push(`Ask MTurk about the unknown ones (nothing it did is sent again) with: turkbench jobs retry ${p.id}`);
  return lines.join('\n');
}

export function failIfIncomplete(p: JobProgress, carryOn?: string): void {
  if (p.state !== 'succeeded') throw new CliFailure(describeJob(p, carryOn), 1);
}
