import { AgGridReact } from 'ag-grid-react';
import { GridOverlayText } from '../../components/GridOverlayText';
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { QualificationType } from '../../../../shared/domain/archive-types';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { useStartedJob } from '../../components/use-started-job';
import { useLiveQuery } from '../../data/useLiveQuery';
import '../../grid/register';
import { formatTime } from '../../grid/format';
import { gridTheme } from '../../grid/theme';
import { useAppStore } from '../../stores/app-store';
import { KEPT_READ_ONLY, useKeptArchiveStore } from '../../stores/kept-archive-store';
import { KeptArchiveBanner } from '../archive/KeptArchiveBanner';
import { DeleteTypeDialog } from './DeleteTypeDialog';
import { ExclusionsPanel } from './ExclusionsPanel';
import { HoldersPanel } from './HoldersPanel';
import { typeTestLabel } from './quals-model';
import { RequestsPanel } from './RequestsPanel';
import { TypeEditor } from './TypeEditor';
import '../manage-hits/manage-hits.css';
import '../workers/workers.css';
import './qualifications.css';

const COLUMNS: ColDef<QualificationType>[] = [
  { field: 'name', headerName: 'Name', flex: 2, minWidth: 180 },
  { field: 'status', headerName: 'Status', width: 95 },
  { colId: 'earned', headerName: 'Earned by', width: 150, valueGetter: (p) => (p.data ? typeTestLabel(p.data) : '') },
  { colId: 'retry', headerName: 'Retry delay', width: 110, valueGetter: (p) => (p.data?.retryDelaySeconds == null ? '' : `${p.data.retryDelaySeconds}s`) },
  { colId: 'created', headerName: 'Created', width: 150, valueGetter: (p) => formatTime(p.data?.creationTime) },
  { field: 'qualificationTypeId', headerName: 'Type id', width: 200, cellClass: 'mono' },
];

type Editing = { readonly type: QualificationType | null } | null;

/**
 * The account's qualification types; beside the selected one, who holds it (grant, re-score, revoke in bulk) and the
 * requests waiting for an answer. New and Edit open the type form with its test builder and live preview.
 */
export function QualificationsView() {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const archiveId = useKeptArchiveStore((s) => s.open?.archiveId);
  const readOnly = archiveId !== undefined;
  const types = useLiveQuery(() => bridge!.api['quals.types'](archiveId === undefined ? {} : { archiveId }), { tables: ['qualification_types'], key: String(archiveId ?? '') });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tab, setTab] = useState<'holders' | 'requests' | 'exclusions'>('holders');
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<QualificationType | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useStartedJob();
  const list = useMemo(() => (types.value ? [...types.value] : []), [types.value]);
  const selected = list.find((t) => t.qualificationTypeId === selectedId) ?? null;

  const setStatus = (type: QualificationType): void => {
    void bridge?.api['quals.update']({ qualificationTypeId: type.qualificationTypeId, status: type.status === 'Active' ? 'Inactive' : 'Active' }).then((result) => setError(result.ok ? null : result.error.message));
  };
  const onStarted = (job: JobProgress): void => setStarted(job);

  if (editing) {
    return (
      <TypeEditor
        type={editing.type}
        onClose={() => setEditing(null)}
        onSaved={(type) => {
          setEditing(null);
          setSelectedId(type.qualificationTypeId);
        }}
      />
    );
  }

  return (
    <div className="quals-view">
      <KeptArchiveBanner />
      <div className="workers-bar" role="toolbar" aria-label="Qualification types">
        <button type="button" className="button button--small button--primary" disabled={readOnly} title={readOnly ? KEPT_READ_ONLY : undefined} onClick={() => setEditing({ type: null })}>New type…</button>
        <button type="button" className="button button--small" disabled={!selected || readOnly} onClick={() => selected && setEditing({ type: selected })}>Edit…</button>
        <button type="button" className="button button--small" disabled={!selected || readOnly} onClick={() => selected && setStatus(selected)}>{selected?.status === 'Inactive' ? 'Activate' : 'Deactivate'}</button>
        <button type="button" className="button button--small" disabled={!selected || readOnly} onClick={() => setDeleting(selected)}>Delete…</button>
        <span className="workers-bar__spacer" />
        {error && <span className="notice notice--error" role="alert">{error}</span>}
        <span className="muted" data-testid="types-count">{types.value ? `${list.length} type${list.length === 1 ? '' : 's'}` : ''}</span>
      </div>
      <div className="quals-view__body">
        <div className="quals-view__types">
          <AgGridReact<QualificationType>
            theme={gridTheme(theme)}
            columnDefs={COLUMNS}
            rowData={list}
            getRowId={(p) => p.data.qualificationTypeId}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onSelectionChanged={(e) => setSelectedId(e.api.getSelectedRows()[0]?.qualificationTypeId ?? null)}
            defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true }}
            noRowsOverlayComponent={GridOverlayText}
            noRowsOverlayComponentParams={{ text: types.error ? types.error.message : 'No qualification types yet: create one, or sync (Archive) to see the account’s.' }}
          />
        </div>
        <section className="quals-view__side" aria-label="The selected type">
          <div className="quals-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'holders'} className="quals-tabs__tab" onClick={() => setTab('holders')}>Holders</button>
            <button type="button" role="tab" aria-selected={tab === 'requests'} className="quals-tabs__tab" onClick={() => setTab('requests')}>Requests{selected ? '' : ' (all types)'}</button>
            <button type="button" role="tab" aria-selected={tab === 'exclusions'} className="quals-tabs__tab" onClick={() => setTab('exclusions')}>Past participants</button>
          </div>
          {tab === 'holders' && (selected ? <HoldersPanel type={selected} archiveId={archiveId} readOnly={readOnly} onStarted={onStarted} /> : <p className="muted">Select a type to see who holds it, and to grant or revoke it for a list of workers.</p>)}
          {tab === 'exclusions' && (selected ? <ExclusionsPanel type={selected} readOnly={readOnly} onStarted={onStarted} /> : <p className="muted">Select the (hidden) type to grant past participants, so new HITs that require it absent stay hidden from them.</p>)}
          {tab === 'requests' && <RequestsPanel types={list} typeId={selected?.qualificationTypeId ?? null} archiveId={archiveId} readOnly={readOnly} onStarted={onStarted} />}
        </section>
      </div>
      {deleting && (
        <DeleteTypeDialog
          type={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            setSelectedId(null);
          }}
        />
      )}
      {started && (
        <div className="manage-toast" role="status" data-testid="quals-started">
          <span>Started: {started.label} — see Jobs</span>
          <button type="button" className="button button--small button--ghost" onClick={() => setStarted(null)} aria-label="Dismiss">✕</button>
        </div>
      )}
    </div>
  );
}
