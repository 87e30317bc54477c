import { useCallback, useEffect, useMemo, useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { WorkerQualityFigures, WorkerRow } from '../../../../shared/domain/workers';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { useAppStore } from '../../stores/app-store';
import { KEPT_READ_ONLY, useKeptArchiveStore } from '../../stores/kept-archive-store';
import { KeptArchiveBanner } from '../archive/KeptArchiveBanner';
import { ArchiveGrid, type RowCount } from '../hits/ArchiveGrid';
import type { GridFilters, GridSort } from '../hits/columns';
import { rowCountLabel } from '../hits/row-count';
import { unwrapPage } from '../hits/unwrap-page';
import { useArchiveRefresh } from '../hits/useArchiveRefresh';
import { useDebounced } from '../hits/useDebounced';
import { BlockDialog } from './BlockDialog';
import { MessageDialog } from './MessageDialog';
import { workerColumns } from './worker-columns';
import { workerToOpen } from '../../stores/open-worker-store';
import { archiveScope } from '../../stores/kept-archive-store';
import { WorkerDossierPanel } from './WorkerDossierPanel';
import { UndoRejectionDialog } from '../review/UndoRejectionDialog';
import { parseWorkerIds, type PastedIds } from './workers-model';
import '../manage-hits/manage-hits.css';
import './workers.css';
import { useStartedJob } from '../../components/use-started-job';

type Acting = { readonly kind: 'block' | 'unblock' | 'message'; readonly workerIds: readonly string[] };

const DOSSIER_TABLES = ['workers', 'assignments', 'bonuses', 'messages', 'worker_notes', 'worker_blocks', 'qualification_grants'] as const;

/**
 * Everyone who worked for the account, by id, with the selected worker's dossier beside the grid. Rows checked in
 * the grid — or a pasted list of ids — are what Block, Unblock and Message act on.
 */
export function WorkersView() {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const goTo = useAppStore((s) => s.goTo);
  const archiveId = useKeptArchiveStore((s) => s.open?.archiveId);
  const readOnly = archiveId === undefined ? null : KEPT_READ_ONLY;
  const [text, setText] = useState('');
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState('');
  const [pasted, setPasted] = useState<PastedIds | null>(null);
  // A worker sent from the review queue opens at once, whether or not the grid's first page shows them.
  const [selectedId, setSelectedId] = useState<string | null>(() => workerToOpen.take());
  const onRowSelected = useCallback((row: WorkerRow | null) => setSelectedId(row?.workerId ?? null), []);
  const [checked, setChecked] = useState<readonly WorkerRow[]>([]);
  const [archived, setArchived] = useState(true);
  const [count, setCount] = useState<RowCount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const quality = useWorkersQuality(archiveId, setError);
  const columns = useMemo(() => workerColumns(quality), [quality]);
  const [acting, setActing] = useState<Acting | null>(null);
  const [started, setStarted] = useStartedJob();
  /** A rejected assignment in the dossier whose undo is being confirmed. */
  const [undoing, setUndoing] = useState<string | null>(null);
  const closeUndo = useCallback(() => setUndoing(null), []);
  const search = useDebounced(text.trim().toUpperCase(), 250);
  const listRefresh = useArchiveRefresh(['workers', 'assignments', 'worker_blocks', 'qualification_grants', 'bonuses']);
  const dossierRefresh = useArchiveRefresh(DOSSIER_TABLES);

  useEffect(() => setArchived(true), [listRefresh, archiveId]);
  const [seenArchiveId, setSeenArchiveId] = useState(archiveId);
  if (seenArchiveId !== archiveId) {
    setSeenArchiveId(archiveId);
    setSelectedId(null);
  }
  const scope = useMemo(() => (archiveId === undefined ? {} : { archiveId }), [archiveId]);
  const pastedIds = pasted?.ids;

  const fetchWorkers = useCallback(
    (_sort: GridSort, _filters: GridFilters, after: string | null, limit: number) =>
      unwrapPage(bridge?.api['workers.list']({ after, limit, ...(search ? { search } : {}), ...(pastedIds?.length ? { workerIds: [...pastedIds] } : {}), ...scope }), setArchived),
    [search, pastedIds, scope],
  );

  // A pasted list is the selection; otherwise the rows checked in the grid are.
  const targets = pastedIds && pastedIds.length > 0 ? pastedIds : checked.map((w) => w.workerId);
  const act = (kind: Acting['kind']): void => {
    if (targets.length > 0 && readOnly === null) setActing({ kind, workerIds: targets });
  };
  const onStarted = (job: JobProgress): void => {
    setActing(null);
    setStarted(job);
  };

  const applyPaste = (): void => {
    const parsed = parseWorkerIds(pasteText);
    setPasted(parsed);
    // The list replaces what the grid shows: a dossier from before must not stay beside it.
    setSelectedId(null);
    if (parsed.invalid.length === 0 && parsed.ids.length > 0) setPasteOpen(false);
  };
  const clearPaste = (): void => {
    setPasted(null);
    setPasteText('');
  };

  if (!archived) {
    return (
      <section className="empty" aria-labelledby="workers-empty">
        <h2 id="workers-empty" className="empty__title">No workers archived for this connection yet</h2>
        <p className="empty__summary">Every worker who submits work for this account appears here once Turkbench has synced it into the archive, with their history, blocks and messages.</p>
        <button type="button" className="button button--primary" onClick={() => { window.location.hash = '/archive'; goTo('archive'); }}>Go to Archive to sync</button>
      </section>
    );
  }

  return (
    <div className="workers-view">
      <KeptArchiveBanner />
      <div className="toolbar" role="search">
        <input className="toolbar__search" type="search" placeholder="Worker id starts with…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search workers by id" disabled={pastedIds !== undefined && pastedIds.length > 0} />
        <button type="button" className="button button--small" onClick={() => setPasteOpen((o) => !o)} aria-expanded={pasteOpen}>Paste a list of ids…</button>
        <span className="toolbar__count muted" data-testid="worker-count" aria-live="polite">{count ? rowCountLabel(count, 'worker') : ''}</span>
        {error && <span className="notice notice--error">{error}</span>}
      </div>
      {pasteOpen && (
        <section className="workers-paste" aria-label="Paste worker ids">
          <textarea value={pasteText} onChange={(e) => setPasteText(e.target.value)} rows={4} placeholder="One worker id per line, or separated by commas or spaces" aria-label="Worker ids" />
          <div className="workers-paste__actions">
            <button type="button" className="button button--small button--primary" onClick={applyPaste} disabled={pasteText.trim() === ''}>Select these workers</button>
            {pasted && pasted.invalid.length > 0 && (
              <p className="notice notice--error" role="alert">
                {pasted.invalid.length} not a worker id: {pasted.invalid.slice(0, 3).map((b) => `line ${b.line} "${b.text}"`).join(', ')}{pasted.invalid.length > 3 ? '…' : ''}. Worker ids are capital letters and digits.
              </p>
            )}
          </div>
        </section>
      )}
      <div className="workers-bar" role="toolbar" aria-label="Actions on the selected workers">
        <span data-testid="worker-selection">
          {pastedIds && pastedIds.length > 0 ? `${pastedIds.length} pasted id${pastedIds.length === 1 ? '' : 's'} selected` : checked.length > 0 ? `${checked.length} selected` : 'Check workers (or paste their ids) to act on them'}
        </span>
        {pastedIds && pastedIds.length > 0 && <button type="button" className="button button--small button--ghost" onClick={clearPaste}>Clear pasted list</button>}
        <span className="workers-bar__spacer" />
        <button type="button" className="button button--small" disabled={targets.length === 0 || readOnly !== null} title={readOnly ?? undefined} onClick={() => act('message')}>Message…</button>
        <button type="button" className="button button--small" disabled={targets.length === 0 || readOnly !== null} title={readOnly ?? undefined} onClick={() => act('block')}>Block…</button>
        <button type="button" className="button button--small" disabled={targets.length === 0 || readOnly !== null} title={readOnly ?? undefined} onClick={() => act('unblock')}>Unblock…</button>
      </div>
      {count?.exact === true && count.rows === 0 && (
        <p className="workers-view__none muted" data-testid="workers-none">
          {pastedIds && pastedIds.length > 0
            ? 'None of the pasted workers has worked for this account. You can still message or block them.'
            : search
              ? `No worker id starts with ${search}.`
              : 'No one has worked for this account yet. Workers appear here once they submit work and Turkbench syncs it (Archive).'}
        </p>
      )}
      <div className="workers-view__body">
        <ArchiveGrid<WorkerRow>
          label="Workers"
          columns={columns}
          fetchPage={fetchWorkers}
          queryKey={JSON.stringify({ search, pastedIds, archiveId })}
          refreshKey={listRefresh}
          theme={theme}
          rowId={(w) => w.workerId}
          onRowSelected={onRowSelected}
          onRowCount={setCount}
          onError={setError}
          multiSelect
          onSelectionChange={setChecked}
          noRowsText=""
        />
        <section className="workers-view__dossier" aria-label="The selected worker's dossier">
          {selectedId ? (
            <>
              <h2 className="mono" data-testid="dossier-title">{selectedId}</h2>
              <WorkerDossierPanel workerId={selectedId} quality={quality === null ? undefined : (quality.get(selectedId) ?? null)} refreshKey={dossierRefresh} readOnly={readOnly !== null} onUndoRejection={setUndoing} />
            </>
          ) : (
            <p className="muted">Select a worker to see everything that passed between you: work and verdicts, bonuses, messages, qualifications, blocks and your notes.</p>
          )}
        </section>
      </div>
      {acting?.kind === 'message' && <MessageDialog workerIds={acting.workerIds} onClose={() => setActing(null)} onStarted={onStarted} />}
      {(acting?.kind === 'block' || acting?.kind === 'unblock') && <BlockDialog mode={acting.kind} workerIds={acting.workerIds} onClose={() => setActing(null)} onStarted={onStarted} />}
      {undoing && <UndoRejectionDialog assignmentId={undoing} onClose={closeUndo} onStarted={onStarted} onError={setError} />}
      {started && (
        <div className="manage-toast" role="status" data-testid="workers-started">
          <span>Started: {started.label} — see Jobs</span>
          <button type="button" className="button button--small button--ghost" onClick={() => setStarted(null)} aria-label="Dismiss">✕</button>
        </div>
      )}
    </div>
  );
}

/** Every worker's gold accuracy and agreement, loaded once per view (and per archive shown), not per grid page. */
function useWorkersQuality(archiveId: number | undefined, onError: (message: string) => void): ReadonlyMap<string, WorkerQualityFigures> | null {
  const [quality, setQuality] = useState<{ archiveId: number | undefined; byWorker: ReadonlyMap<string, WorkerQualityFigures> } | null>(null);
  useEffect(() => {
    let current = true;
    void bridge?.api['workers.quality']({ ...archiveScope() }).then((result) => {
      if (!current) return;
      if (!result.ok) onError(`Gold and agreement could not be computed: ${result.error.message}`);
      setQuality({ archiveId, byWorker: new Map((result.ok ? result.value : []).map((q) => [q.workerId, q])) });
    });
    return () => {
      current = false;
    };
  }, [archiveId, onError]);
  return quality !== null && quality.archiveId === archiveId ? quality.byWorker : null;
}
