import { useEffect, useMemo, useRef } from 'react';
import { modKey } from '../../app/shortcuts';
import { useAppStore } from '../../stores/app-store';
import { useArchiveStore } from '../../stores/archive-store';
import { useKeptArchiveStore } from '../../stores/kept-archive-store';
import { formatDateTime, isEmptyArchive, lastSyncSummary } from './archive-format';
import { ArchiveEmpty } from './ArchiveEmpty';
import { CountTiles } from './CountTiles';
import { DisposalPanel } from './DisposalPanel';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { KeptArchiveBanner } from './KeptArchiveBanner';
import { KeptArchives } from './KeptArchives';
import { SyncLog } from './SyncLog';
import { SyncOutcome, SyncProgressBar } from './SyncProgressBar';
import { useArchiveShortcuts } from './use-archive-shortcuts';
import { useNow } from './use-now';
import './archive.css';
import { UntrustedText } from '../../components/UntrustedText';

/**
 * The Archive screen: what is kept for the active connection, syncing it, and files in and out — or, opened from
 * "Archives on this computer", a kept archive whose connection was removed, read-only.
 */
export function ArchiveView() {
  const { overview, progress, finished, loadError, syncError, load, follow, startSync, cancelSync, showArchive } = useArchiveStore();
  const connection = useAppStore((s) => s.connection);
  const keptId = useKeptArchiveStore((s) => s.open?.archiveId ?? null);
  const now = useNow(30_000);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const unfollow = follow();
    showArchive(keptId);
    // Probing on open is what lets a screen opened after the endpoint went away say "offline" instead of "online".
    void load({ probe: true });
    return unfollow;
  }, [follow, load, showArchive, keptId]);

  const readOnly = overview?.readOnly ?? null;
  const offline = overview?.offline === true;
  const unusable = connection?.state === 'not-configured' && connection.id === overview?.connectionId;
  const syncing = progress !== null;
  const shortcuts = useMemo(
    () => ({
      // Offline, the sync key re-checks the connection instead: a sync could only fail. A kept archive never syncs.
      onSync: () => {
        if (readOnly) return;
        if (offline) void load({ probe: true });
        else if (!syncing && !unusable) void startSync('incremental');
      },
      onImport: () => {
        if (!readOnly) fileInput.current?.click();
      },
    }),
    [readOnly, offline, unusable, syncing, load, startSync],
  );
  useArchiveShortcuts(shortcuts);

  if (!overview) {
    if (loadError) return <p className="notice notice--error" role="alert">{loadError.message}</p>;
    return <div className="loading" aria-busy="true">Loading the archive…</div>;
  }
  // Syncing could only fail while MTurk is unreachable or the connection has no working keys.
  const blockedTitle = readOnly ?? (unusable ? 'Fix this connection in Settings → Connections first' : offline ? 'MTurk is not reachable; check the connection first' : null);
  const empty = isEmptyArchive(overview.counts);
  return (
    <div className="archive" data-testid="archive">
      <header className="archive__head">
        <div>
          <h2 data-testid="archive-connection"><UntrustedText value={overview.connectionLabel} limit={200} /></h2>
          <p className="muted" title={overview.lastSync ? formatDateTime(overview.lastSync.startedAt) : undefined} data-testid="last-sync">
            {overview.lastSync ? `Last sync: ${lastSyncSummary(overview.lastSync, now)}` : 'Never synced.'}
          </p>
        </div>
        <div className="archive__actions">
          <button type="button" className="button" disabled={syncing || blockedTitle !== null} onClick={() => void startSync('full')}
            title={blockedTitle ?? 'Re-read every HIT and its assignments and bonuses; notices what MTurk has deleted'}>
            Full sync
          </button>
          <button type="button" className="button button--primary" disabled={syncing || blockedTitle !== null} onClick={() => void startSync('incremental')}
            title={blockedTitle ?? `Fetch what changed since the last sync (${modKey()}+R)`}>
            {syncing ? 'Syncing…' : 'Sync now'}
          </button>
        </div>
      </header>

      {readOnly && <KeptArchiveBanner />}
      {offline && (
        <div className="notice notice--warn archive-offline" role="status" data-testid="offline-notice">
          <span>
            <strong>MTurk is not reachable; you are viewing the archive read-only.</strong> {connection?.detail}
          </span>
          <button type="button" className="button button--small" onClick={() => void load({ probe: true })}>Check again</button>
        </div>
      )}
      {unusable && (
        <p className="notice notice--error" role="alert">
          Turkbench cannot reach MTurk through {overview.connectionLabel}: {connection.detail} Fix it in Settings → Connections.
        </p>
      )}
      {syncError && <p className="notice notice--error" role="alert">{syncError.message}</p>}
      {progress && <SyncProgressBar progress={progress} onCancel={() => void cancelSync()} />}
      {!progress && finished && <SyncOutcome finished={finished} />}

      {empty ? (
        <ArchiveEmpty
          label={overview.connectionLabel}
          lastSync={overview.lastSync}
          canSync={blockedTitle === null}
          syncing={syncing}
          onSync={() => void startSync('incremental')}
        />
      ) : (
        <>
          <CountTiles key={keptId ?? 'active'} counts={overview.counts} />
          <DisposalPanel risks={overview.disposingSoon} now={now} />
        </>
      )}
      <div className="archive__transfers">
        <ImportPanel inputRef={fileInput} disabledReason={readOnly} />
        <ExportPanel hasData={!empty} />
      </div>
      {overview.syncLog.length > 0 && <SyncLog runs={overview.syncLog} now={now} />}
      <KeptArchives />
    </div>
  );
}
