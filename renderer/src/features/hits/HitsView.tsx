import { useCallback, useEffect, useMemo, useState } from 'react';
import { HIT_STATUSES, type Assignment, type Hit, type HitStatus } from '../../../../shared/domain/archive-types';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { useAppStore } from '../../stores/app-store';
import { ArchiveGrid } from './ArchiveGrid';
import { ASSIGNMENT_COLUMNS, assignmentSortFrom, HIT_COLUMNS, hitSortFrom, type GridSort } from './columns';
import { useArchiveRefresh } from './useArchiveRefresh';
import { useDebounced } from './useDebounced';
import './hits.css';

async function unwrapPage<T>(call: Promise<{ ok: true; value: { rows: readonly T[]; nextCursor: string | null; archived: boolean } } | { ok: false; error: { message: string } }> | undefined, onArchived: (known: boolean) => void) {
  const result = await call;
  if (!result) throw new Error('Not connected to Turkbench.');
  if (!result.ok) throw new Error(result.error.message);
  onArchived(result.value.archived);
  return result.value;
}

/** Every archived HIT of the active connection, with the assignments of the selected one below. Works offline. */
export function HitsView() {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const goTo = useAppStore((s) => s.goTo);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<HitStatus | ''>('');
  const [selected, setSelected] = useState<Hit | null>(null);
  const [archived, setArchived] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const search = useDebounced(text.trim(), 250);
  const hitRefresh = useArchiveRefresh(['hits']);
  const assignmentRefresh = useArchiveRefresh(['assignments']);

  // An archive that did not exist a moment ago may exist now (the first sync creates it): look again on every change.
  useEffect(() => setArchived(true), [hitRefresh]);

  const filter = useMemo(() => ({ ...(search ? { text: search } : {}), ...(status ? { status } : {}) }), [search, status]);
  const fetchHits = useCallback(
    (sort: GridSort, after: string | null, limit: number) => {
      const hitSort = hitSortFrom(sort);
      return unwrapPage(bridge?.api['hits.page']({ filter, after, limit, ...(hitSort ? { sort: hitSort } : {}) }), setArchived);
    },
    [filter],
  );
  const hitId = selected?.hitId;
  const fetchAssignments = useCallback(
    (sort: GridSort, after: string | null, limit: number) => {
      const assignmentSort = assignmentSortFrom(sort);
      return unwrapPage(bridge?.api['assignments.page']({ filter: { hitId: hitId ?? '' }, after, limit, ...(assignmentSort ? { sort: assignmentSort } : {}) }), () => undefined);
    },
    [hitId],
  );

  if (!archived) {
    return (
      <section className="empty" aria-labelledby="hits-empty">
        <h2 id="hits-empty" className="empty__title">No HITs archived for this connection yet</h2>
        <p className="empty__summary">Turkbench shows every HIT of the account once it has synced it into the archive — including HITs created elsewhere.</p>
        <button type="button" className="button button--primary" onClick={() => { window.location.hash = '/archive'; goTo('archive'); }}>
          Go to Archive to sync
        </button>
      </section>
    );
  }

  return (
    <div className="hits-view">
      <div className="toolbar" role="search">
        <input className="toolbar__search" type="search" placeholder="Search title, annotation, ids…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search HITs" />
        <select value={status} onChange={(e) => setStatus(e.target.value as HitStatus | '')} aria-label="Status">
          <option value="">All statuses</option>
          {HIT_STATUSES.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
        {error && <span className="notice notice--error">{error}</span>}
      </div>
      <ArchiveGrid<Hit>
        label="HITs"
        columns={HIT_COLUMNS}
        fetchPage={fetchHits}
        queryKey={JSON.stringify(filter)}
        refreshKey={hitRefresh}
        theme={theme}
        rowId={(hit) => hit.hitId}
        onRowClicked={setSelected}
        onError={setError}
      />
      <section className="detail" aria-label="Assignments of the selected HIT">
        <header className="detail__head">
          {selected ? (
            <>
              <h2>{selected.title}</h2>
              <span className="muted mono">{selected.hitId}</span>
            </>
          ) : (
            <h2 className="muted">Select a HIT to see its assignments</h2>
          )}
        </header>
        {selected && (
          <ArchiveGrid<Assignment>
            label="Assignments"
            columns={ASSIGNMENT_COLUMNS}
            fetchPage={fetchAssignments}
            queryKey={selected.hitId}
            refreshKey={assignmentRefresh}
            theme={theme}
            rowId={(a) => a.assignmentId}
            onError={setError}
          />
        )}
      </section>
    </div>
  );
}
