import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { QualificationGrant, QualificationType } from '../../../../shared/domain/archive-types';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { useLiveQuery } from '../../data/useLiveQuery';
import '../../grid/register';
import { formatTime } from '../../grid/format';
import { gridTheme } from '../../grid/theme';
import { useAppStore } from '../../stores/app-store';
import { parseWorkerIds } from '../workers/workers-model';

const COLUMNS: ColDef<QualificationGrant>[] = [
  { field: 'workerId', headerName: 'Worker', width: 180, cellClass: 'mono' },
  { field: 'integerValue', headerName: 'Score', width: 90, type: 'numericColumn' },
  { field: 'status', headerName: 'Status', width: 100 },
  { colId: 'granted', headerName: 'Granted', width: 150, valueGetter: (p) => formatTime(p.data?.grantTime) },
];

/**
 * Who holds a type, with their scores; grant, re-score or revoke for a pasted list of worker ids. MTurk e-mails a
 * worker for each grant only if "Notify" is ticked.
 */
export function HoldersPanel(props: { type: QualificationType; archiveId: number | undefined; readOnly: boolean; onStarted(job: JobProgress): void }) {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const { qualificationTypeId } = props.type;
  const grants = useLiveQuery(() => bridge!.api['quals.grants']({ qualificationTypeId, ...(props.archiveId === undefined ? {} : { archiveId: props.archiveId }) }), {
    tables: ['qualification_grants'],
    key: `${qualificationTypeId}:${props.archiveId ?? ''}`,
  });
  const [ids, setIds] = useState('');
  const [score, setScore] = useState('1');
  const [notify, setNotify] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const parsed = parseWorkerIds(ids);
  const scoreValue = Number(score);
  const scoreOk = score.trim() !== '' && Number.isInteger(scoreValue);
  const ready = parsed.ids.length > 0 && parsed.invalid.length === 0 && !props.readOnly;

  const started = (result: Awaited<ReturnType<NonNullable<typeof bridge>['api']['quals.grant']>>): void => {
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setIds('');
    props.onStarted(result.value);
  };
  const grant = (): void =>
    void bridge?.api['quals.grant']({ qualificationTypeId, workers: parsed.ids.map((workerId) => ({ workerId, score: null })), score: scoreValue, sendNotification: notify }).then(started);
  const revoke = (): void => void bridge?.api['quals.revoke']({ qualificationTypeId, workerIds: [...parsed.ids], ...(reason.trim() ? { reason: reason.trim() } : {}) }).then(started);

  const held = grants.value?.filter((g) => g.status === 'Granted').length ?? 0;
  return (
    <div className="holders">
      <p className="muted" data-testid="holders-count">{grants.value ? `${held} worker${held === 1 ? '' : 's'} hold this type` : grants.error ? grants.error.message : 'Loading…'}</p>
      <div className="holders__grid">
        <AgGridReact<QualificationGrant>
          theme={gridTheme(theme)}
          columnDefs={COLUMNS}
          rowData={grants.value ? [...grants.value] : []}
          getRowId={(p) => p.data.workerId}
          defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true }}
          overlayNoRowsTemplate="No worker holds this type yet."
        />
      </div>
      <section className="holders__bulk" aria-label="Grant or revoke for a list of workers">
        <textarea value={ids} onChange={(e) => setIds(e.target.value)} rows={3} placeholder="Worker ids: one per line, or separated by commas or spaces" aria-label="Worker ids to grant or revoke" disabled={props.readOnly} />
        {parsed.invalid.length > 0 && (
          <p className="notice notice--error" role="alert">
            {parsed.invalid.length} not a worker id: {parsed.invalid.slice(0, 3).map((b) => `line ${b.line} "${b.text}"`).join(', ')}{parsed.invalid.length > 3 ? '…' : ''}.
          </p>
        )}
        <div className="holders__row">
          <label>Score <input className="holders__score" value={score} inputMode="numeric" onChange={(e) => setScore(e.target.value)} aria-label="Score to grant" /></label>
          <label title="MTurk e-mails each worker about the grant"><input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} /> Notify workers</label>
          <button type="button" className="button button--small button--primary" disabled={!ready || !scoreOk} onClick={grant}>
            {parsed.ids.length === 0 ? 'Grant / set score' : `Grant / set score for ${parsed.ids.length} worker${parsed.ids.length === 1 ? '' : 's'}`}
          </button>
        </div>
        <div className="holders__row">
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1024} placeholder="Reason for revoking (optional; the worker sees it)" aria-label="Reason for revoking" />
          <button type="button" className="button button--small" disabled={!ready} onClick={revoke}>Revoke</button>
        </div>
        {!scoreOk && <p className="notice notice--error" role="alert">The score must be a whole number; got "{score.slice(0, 20)}".</p>}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </section>
    </div>
  );
}
