import { useEffect, useState } from 'react';
import type { KeptArchive } from '../../../../shared/contract/archive';
import { bridge } from '../../api/bridge';
import { UntrustedText } from '../../components/UntrustedText';
import { useKeptArchiveStore } from '../../stores/kept-archive-store';
import { useArchiveRefresh } from '../hits/useArchiveRefresh';
import { count, formatDateTime, statusLabel } from './archive-format';

const KIND_LABEL = { local: 'Built-in Local MTurk', sandbox: 'MTurk Sandbox', production: 'MTurk Production', custom: 'Custom endpoint' } as const;

/** Every archive on this computer; reloads when the archive or the connections change. */
function useKeptArchives(): { archives: readonly KeptArchive[]; error: string | null } {
  const refresh = useArchiveRefresh(['sync_log', 'hits', 'assignments', 'csv_imports']);
  const [state, setState] = useState<{ archives: readonly KeptArchive[]; error: string | null }>({ archives: [], error: null });
  useEffect(() => {
    let current = true;
    void bridge?.api['archive.list']().then((result) => {
      if (current) setState(result.ok ? { archives: result.value, error: null } : { archives: [], error: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [refresh]);
  return state;
}

/**
 * "Archives on this computer": each archive account with its counts and last sync, and whether a connection still
 * uses it. One whose connection was removed opens here, read-only, in this screen and the HITs grid.
 */
export function KeptArchives() {
  const { archives, error } = useKeptArchives();
  const open = useKeptArchiveStore((s) => s.open);
  const openArchive = useKeptArchiveStore((s) => s.openArchive);
  if (archives.length === 0 && !error) return null;
  return (
    <section className="archive-card" aria-labelledby="kept-title" data-testid="kept-archives">
      <h3 id="kept-title">Archives on this computer</h3>
      <p className="muted">Removing a connection keeps its archive. Open one without a connection to browse and export it, read-only.</p>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      <div className="archive-table-wrap">
        <table className="archive-table">
          <thead>
            <tr>
              <th scope="col">Archive</th>
              <th scope="col">Last sync</th>
              <th scope="col" className="num">HITs</th>
              <th scope="col" className="num">Assignments</th>
              <th scope="col">Connection</th>
              <th scope="col"><span className="visually-hidden">Open</span></th>
            </tr>
          </thead>
          <tbody>
            {archives.map((archive) => (
              <tr key={archive.archiveId} data-archive-id={archive.archiveId}>
                <td>
                  <strong><UntrustedText value={archive.label} limit={120} /></strong>
                  <div className="muted kept-archives__where">
                    {KIND_LABEL[archive.kind]}
                    {archive.kind === 'custom' && <> · <span className="mono"><UntrustedText value={archive.endpoint} limit={200} /></span></>}
                  </div>
                </td>
                <td>{archive.lastSync ? `${formatDateTime(archive.lastSync.startedAt)} · ${statusLabel(archive.lastSync.status)}` : 'Never synced'}</td>
                <td className="num">{count(archive.counts.hits)}</td>
                <td className="num">{count(archive.counts.assignments)}</td>
                <td>
                  {archive.usedBy.length > 0 ? (
                    archive.usedBy.map((c, i) => (
                      <span key={c.id}>
                        {i > 0 && ', '}
                        <UntrustedText value={c.label} limit={80} />
                      </span>
                    ))
                  ) : (
                    <span className="muted">None — removed</span>
                  )}
                </td>
                <td>
                  {archive.usedBy.length === 0 &&
                    (open?.archiveId === archive.archiveId ? (
                      <span className="pill pill--info">Open</span>
                    ) : (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => openArchive({ archiveId: archive.archiveId, label: archive.label, where: archive.kind === 'local' ? 'the built-in Local MTurk' : archive.endpoint })}
                        aria-label={`Open the archive of ${archive.label}, read-only`}
                      >
                        Open read-only
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
