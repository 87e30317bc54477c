import type { SyncProgress } from '../../shared/contract/archive';
import { allowOnly, type ParsedCommand } from '../args';
import { CliFailure } from '../output';
import type { Session } from '../session';

/** `sync [--full]`: progress on stderr, the final figures as the result. */
export async function syncVerb(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'sync', ['full']);
  const { services, out } = session;
  const context = session.context();
  const stop = services.events.subscribe((name, payload) => {
    if (name !== 'sync.progress') return;
    const p = payload as SyncProgress;
    if (p.connectionId !== context.config.id || p.state !== 'running') return;
    out.progress(`Syncing ${context.config.label}: ${Math.round(p.fraction * 100)} % · ${p.phase} · ${p.items} objects${p.etaSeconds !== null ? ` · about ${p.etaSeconds} s left` : ''}`);
  });
  let jobId: string | null = null;
  let cancelled = false;
  // Ctrl-C stops the sync cleanly, as the app's Cancel does: what it archived is kept, and the next sync resumes there.
  // Pressed before the sync has started, it stops it as soon as it has.
  const cancel = (): void => {
    out.note('Cancelling the sync… (Ctrl-C again quits at once; the next sync still resumes)');
    cancelled = true;
    if (jobId !== null) services.archive.cancel(jobId);
  };
  process.once('SIGINT', cancel);
  try {
    const started = await services.archive.startSync(command.options.full === true ? 'full' : 'incremental', context);
    if (!started.ok) throw CliFailure.from(started.error);
    jobId = started.value.jobId;
    if (cancelled) services.archive.cancel(jobId);
    const final = await services.sync.whenDone(context.config.id);
    out.endProgress();
    if (final?.state === 'cancelled') throw new CliFailure(`The sync was cancelled after ${final.items} objects; what it archived is kept, and "turkbench sync" resumes where it stopped.`, 1);
    if (!final || final.state !== 'succeeded') throw new CliFailure(`The sync ${final?.state ?? 'stopped'}: ${final?.message ?? 'see logs/turkbench.log in the data folder'}.`);
    out.result(final, () => `Synced ${context.config.label} (${final.mode}): ${final.items} objects, ${final.hitsTotal} HITs.`);
  } finally {
    process.off('SIGINT', cancel);
    stop();
  }
}
