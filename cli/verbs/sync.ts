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
  try {
    const started = await services.archive.startSync(command.options.full === true ? 'full' : 'incremental', context);
    if (!started.ok) throw CliFailure.from(started.error);
    const final = await services.sync.whenDone(context.config.id);
    out.endProgress();
    if (!final || final.state !== 'succeeded') throw new CliFailure(`The sync ${final?.state ?? 'stopped'}: ${final?.message ?? 'see logs/turkbench.log in the data folder'}.`);
    out.result(final, () => `Synced ${context.config.label} (${final.mode}): ${final.items} objects, ${final.hitsTotal} HITs.`);
  } finally {
    stop();
  }
}
