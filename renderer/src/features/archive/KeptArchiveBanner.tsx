import { UntrustedText } from '../../components/UntrustedText';
import { useAppStore } from '../../stores/app-store';
import { useKeptArchiveStore } from '../../stores/kept-archive-store';
import './kept-archive.css';

/** Says, wherever a kept archive is shown, that it is one and read-only, and leads back to the active connection. */
export function KeptArchiveBanner() {
  const open = useKeptArchiveStore((s) => s.open);
  const closeArchive = useKeptArchiveStore((s) => s.closeArchive);
  const active = useAppStore((s) => s.connection);
  if (!open) return null;
  return (
    <div className="notice notice--info kept-banner" role="status" data-testid="kept-banner">
      <span>
        <strong>
          Kept archive of <UntrustedText value={open.label} limit={120} /> — read-only.
        </strong>{' '}
        Its connection was removed: browse and export it here; nothing can be sent to MTurk from it. To use it again, add a connection to{' '}
        <UntrustedText value={open.where} limit={200} /> with the same keys.
      </span>
      <button type="button" className="button button--small" onClick={closeArchive}>
        Back to {active ? <UntrustedText value={active.label} limit={80} /> : 'the active connection'}
      </button>
    </div>
  );
}
