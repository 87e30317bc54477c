import type { SyncProgress } from '../../../../shared/contract/archive';
import { percent, progressDetails } from './archive-format';

/** The running sync: a real bar (fraction from the main process), what it is doing, how fast, and Cancel. */
export function SyncProgressBar({ progress, onCancel }: { progress: SyncProgress; onCancel(): void }) {
  const title = `${progress.mode === 'full' ? 'Full sync' : 'Syncing'}${progress.resumed ? ', resumed where the last run stopped' : ''}`;
  return (
    <section className="archive-card archive-progress" aria-label="Sync progress" data-testid="sync-progress">
      <div className="archive-progress__top">
        <strong>{title}</strong>
        <span className="archive-progress__percent">{percent(progress.fraction)}</span>
        <button type="button" className="button button--small" onClick={onCancel} title="Stop now; the next sync resumes where this one stopped">
          Cancel
        </button>
      </div>
      <progress className="archive-progress__bar" max={1} value={progress.fraction} aria-label={`${title}: ${percent(progress.fraction)}`} />
      <p className="muted archive-progress__details">{progressDetails(progress).join(' · ')}</p>
    </section>
  );
}

/** How the last sync started here ended: a line that stays until the next sync, with what to do if it failed. */
export function SyncOutcome({ finished }: { finished: SyncProgress }) {
  switch (finished.state) {
    case 'succeeded':
      return <p className="notice notice--ok" role="status">Sync finished. {finished.message}</p>;
    case 'cancelled':
      return <p className="notice notice--warn" role="status">{finished.message ?? 'Sync cancelled.'}</p>;
    case 'failed':
      return (
        <p className="notice notice--error" role="alert">
          The sync stopped: {finished.message} Everything fetched before that is archived; the next sync resumes where this one stopped.
        </p>
      );
    default:
      return null;
  }
}
