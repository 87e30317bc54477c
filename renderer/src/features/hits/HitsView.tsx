import { useCallback, useEffect, useMemo, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { AssignmentRow, HitRow } from '../../../../shared/contract/browse';
import { HIT_STATUSES, type HitStatus } from '../../../../shared/domain/archive-types';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { UntrustedText } from '../../components/UntrustedText';
import { useAppStore } from '../../stores/app-store';
import { KEPT_READ_ONLY, useKeptArchiveStore } from '../../stores/kept-archive-store';
import { KeptArchiveBanner } from '../archive/KeptArchiveBanner';
import { ManageDialog } from '../manage-hits/ManageDialog';
import { ManageBar, ManageContextMenu } from '../manage-hits/ManageMenu';
import { actionForKey, type ManageAction } from '../manage-hits/manage-model';
import { ArchiveGrid, type MenuPoint, type RowCount } from './ArchiveGrid';
import { ASSIGNMENT_COLUMNS, assignmentSortFrom, HIT_COLUMNS, hitColumnFiltersFrom, hitSortFrom, type GridFilters, type GridSort } from './columns';
import { AnswerPanel } from './AnswerPanel';
import { HitPanel } from './HitPanel';
import { rowCountLabel } from './row-count';
import { unwrapPage } from './unwrap-page';
import { useArchiveRefresh } from './useArchiveRefresh';
import { useDebounced } from './useDebounced';
import { DemoOffer } from '../built-in/DemoOffer';
import './hits.css';
import { useStartedJob } from '../../components/use-started-job';

/**
 * Every archived HIT of the active connection — or of the kept archive opened on the Archive screen, read-only —
 * with the selected one's inputs and assignments below. Works offline.
 */
export function HitsView() {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const archiveId = useKeptArchiveStore((s) => s.open?.archiveId);
  const readOnly = archiveId === undefined ? null : KEPT_READ_ONLY;
  const goTo = useAppStore((s) => s.goTo);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<HitStatus | ''>('');
  const [selected, setSelected] = useState<HitRow | null>(null);
  const [assignment, setAssignment] = useState<AssignmentRow | null>(null);
  const [archived, setArchived] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [count, setCount] = useState<RowCount | null>(null);
  const [checked, setChecked] = useState<readonly HitRow[]>([]);
  const [menuAt, setMenuAt] = useState<MenuPoint | null>(null);
  // The HIT ids are fixed when the dialog opens: a refresh behind it must not change what is confirmed.
  const [managing, setManaging] = useState<{ action: ManageAction; hitIds: readonly string[] } | null>(null);
  const [started, setStarted] = useStartedJob();
  const [deselectKey, setDeselectKey] = useState(0);
  const search = useDebounced(text.trim(), 250);
  const hitRefresh = useArchiveRefresh(['hits']);
  const assignmentRefresh = useArchiveRefresh(['assignments']);

  // An archive that did not exist a moment ago may exist now (the first sync creates it): look again on every change.
  useEffect(() => setArchived(true), [hitRefresh, archiveId]);
  // Another archive's HIT must not stay on screen.
  useEffect(() => setSelected(null), [archiveId]);
  const scope = useMemo(() => (archiveId === undefined ? {} : { archiveId }), [archiveId]);

  const filter = useMemo(() => ({ ...(search ? { text: search } : {}), ...(status ? { status } : {}) }), [search, status]);
  // Whether the grid's own column filters narrow the rows too (they reach the query through fetchHits).
  const [columnFiltered, setColumnFiltered] = useState(false);
  const fetchHits = useCallback(
    (sort: GridSort, filters: GridFilters, after: string | null, limit: number) => {
      const hitSort = hitSortFrom(sort);
      const columns = hitColumnFiltersFrom(filters);
      setColumnFiltered(columns !== undefined);
      return unwrapPage(
        bridge?.api['hits.page']({ filter: { ...filter, ...(columns ? { columns } : {}) }, after, limit, ...(hitSort ? { sort: hitSort } : {}), ...scope }),
        setArchived,
      );
    },
    [filter, scope],
  );
  const narrowed = filter.text !== undefined || filter.status !== undefined || columnFiltered;
  const hitId = selected?.hitId;
  // Another HIT's assignment must not stay on screen.
  useEffect(() => setAssignment(null), [hitId]);
  const fetchAssignments = useCallback(
    (sort: GridSort, _filters: GridFilters, after: string | null, limit: number) => {
      const assignmentSort = assignmentSortFrom(sort);
      return unwrapPage(bridge?.api['assignments.page']({ filter: { hitId: hitId ?? '' }, after, limit, ...(assignmentSort ? { sort: assignmentSort } : {}), ...scope }), () => undefined);
    },
    [hitId, scope],
  );

  const openAction = useCallback(
    (action: ManageAction): void => {
      setMenuAt(null);
      if (checked.length > 0 && readOnly === null) setManaging({ action, hitIds: checked.map((h) => h.hitId) });
    },
    [checked, readOnly],
  );
  const onGridKey = useCallback(
    (e: ReactKeyboardEvent): boolean => {
      const action = actionForKey(e.key, { ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey });
      if (!action || checked.length === 0 || readOnly !== null) return false;
      openAction(action);
      return true;
    },
    [checked, readOnly, openAction],
  );
  const closeMenu = useCallback(() => setMenuAt(null), []);
  const onStarted = (job: JobProgress): void => {
    setManaging(null);
    setStarted(job);
  };

  if (!archived) {
    return (
      <section className="empty" aria-labelledby="hits-empty">
        <h2 id="hits-empty" className="empty__title">No HITs archived for this connection yet</h2>
        <p className="empty__summary">Turkbench shows every HIT of the account once it has synced it into the archive — including HITs created elsewhere.</p>
        <button type="button" className="button button--primary" onClick={() => { window.location.hash = '/archive'; goTo('archive'); }}>
          Go to Archive to sync
        </button>
        <DemoOffer placement="hits" />
      </section>
    );
  }

  // Nothing to act on or select yet: the page offers the demo instead of actions that are all disabled.
  const emptyAccount = readOnly === null && count?.exact === true && count.rows === 0 && !narrowed;
  return (
    <div className={`hits-view${readOnly ? ' hits-view--kept' : ''}${emptyAccount ? ' hits-view--empty' : ''}`}>
      <KeptArchiveBanner />
      <div className="hits-view__top">
        <div className="toolbar" role="search">
          <input className="toolbar__search" type="search" placeholder="Search title, annotation, HIT, worker or assignment id…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search HITs" />
          <select value={status} onChange={(e) => setStatus(e.target.value as HitStatus | '')} aria-label="Status">
            <option value="">All statuses</option>
            {HIT_STATUSES.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
          <span className="toolbar__count muted" data-testid="hit-count" aria-live="polite">{count ? rowCountLabel(count, 'HIT') : ''}</span>
          {error && <span className="notice notice--error">{error}</span>}
        </div>
        {emptyAccount && (
          <section className="hits-view__first-run" aria-label="An empty account">
            <p className="muted">This account has no HITs yet.</p>
            <DemoOffer placement="hits" />
          </section>
        )}
      </div>
      {!emptyAccount && <ManageBar selected={checked.length} onPick={openAction} onClear={() => setDeselectKey((k) => k + 1)} disabledReason={readOnly} />}
      <ArchiveGrid<HitRow>
        label="HITs"
        columns={HIT_COLUMNS}
        fetchPage={fetchHits}
        queryKey={JSON.stringify({ filter, archiveId })}
        refreshKey={hitRefresh}
        theme={theme}
        rowId={(hit) => hit.hitId}
        onRowSelected={setSelected}
        onRowCount={setCount}
        onError={setError}
        multiSelect
        onSelectionChange={setChecked}
        onContextMenu={setMenuAt}
        onGridKey={onGridKey}
        deselectKey={deselectKey}
        // Unfiltered, the page says so above (with the demo offer on the built-in Local MTurk).
        noRowsText={narrowed ? 'No HIT matches the search, the status and the column filters.' : readOnly === null ? '' : 'No HIT in this archive.'}
      />
      {menuAt && checked.length > 0 && readOnly === null && <ManageContextMenu at={menuAt} onPick={openAction} onClose={closeMenu} />}
      {managing && <ManageDialog action={managing.action} hitIds={managing.hitIds} onClose={() => setManaging(null)} onStarted={onStarted} />}
      {started && (
        <div className="manage-toast" role="status" data-testid="manage-started">
          <span>Started: {started.label} — see Jobs</span>
          <button type="button" className="button button--small button--ghost" onClick={() => setStarted(null)} aria-label="Dismiss">✕</button>
        </div>
      )}
      {!emptyAccount && (
        <section className="detail" aria-label="The selected HIT and its assignments" data-testid="hit-detail">
          <header className="detail__head">
            {selected ? (
              <>
                <h2 className="detail__title" data-testid="detail-title"><UntrustedText value={selected.title} limit={300} /></h2>
                <span className="muted mono">{selected.hitId}</span>
              </>
            ) : (
              <h2 className="muted">Select a HIT to see its inputs and assignments</h2>
            )}
          </header>
          {selected && (
            <div className="detail__body">
              <HitPanel hit={selected} refreshKey={hitRefresh + assignmentRefresh} />
              <div className={`detail__assignments${assignment ? ' detail__assignments--answer' : ''}`}>
                <ArchiveGrid<AssignmentRow>
                  label="Assignments"
                  columns={ASSIGNMENT_COLUMNS}
                  fetchPage={fetchAssignments}
                  queryKey={`${archiveId ?? ''}/${selected.hitId}`}
                  refreshKey={assignmentRefresh}
                  theme={theme}
                  rowId={(a) => a.assignmentId}
                  onRowSelected={setAssignment}
                  onError={setError}
                  noRowsText="No assignment of this HIT is archived: none was submitted yet, or it came after the last sync."
                />
                {assignment && <AnswerPanel assignment={assignment} />}
              </div>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
