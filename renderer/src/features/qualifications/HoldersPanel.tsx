import { AgGridReact } from 'ag-grid-react';
import { GridOverlayText } from '../../components/GridOverlayText';
import type { ColDef } from 'ag-grid-community';
import { useState, type ChangeEvent } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { QualificationGrant, QualificationType } from '../../../../shared/domain/archive-types';
import { bridge } from '../../api/bridge';
import { useProductionName } from '../../components/ProductionName';
import { useResolvedTheme } from '../../app/theme';
import { useLiveQuery } from '../../data/useLiveQuery';
import '../../grid/register';
import { formatTime } from '../../grid/format';
import { gridTheme } from '../../grid/theme';
import { useAppStore } from '../../stores/app-store';
import { grantList, workerListFileText } from './quals-model';

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
  const [fileNote, setFileNote] = useState<string | null>(null);
  const parsed = grantList(ids);
  const count = parsed.entries.length;
  const scoreValue = Number(score);
  const scoreOk = score.trim() !== '' && Number.isInteger(scoreValue);
  const production = useProductionName();
  const ready = count > 0 && parsed.problem === null && !props.readOnly && production.confirmed;

  const started = (result: Awaited<ReturnType<NonNullable<typeof bridge>['api']['quals.grant']>>): void => {
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setIds('');
    setFileNote(null);
    props.onStarted(result.value);
  };
  const grant = (): void =>
    void bridge?.api['quals.grant']({ qualificationTypeId, workers: parsed.entries.map((e) => ({ workerId: e.workerId, score: e.score })), score: scoreValue, sendNotification: notify, ...production.input }).then(started);
  const revoke = (): void => void bridge?.api['quals.revoke']({ qualificationTypeId, workerIds: parsed.entries.map((e) => e.workerId), ...(reason.trim() ? { reason: reason.trim() } : {}), ...production.input }).then(started);
  const load = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    void file.arrayBuffer().then((buffer) => {
      const read = workerListFileText(file.name, new Uint8Array(buffer));
      setFileNote(read.ok ? read.note : null);
      // A refused file leaves no earlier list behind to be granted by mistake.
      setIds(read.ok ? read.text : '');
      setError(read.ok ? null : read.problem);
    });
  };
  const edit = (text: string): void => {
    setIds(text);
    setFileNote(null);
    setError(null);
  };

  const held = grants.value?.filter((g) => g.status === 'Granted').length ?? 0;
  return (
    <div className="holders">
      <p className="muted" data-testid="holders-count">{grants.value ? `${held} ${held === 1 ? 'worker holds' : 'workers hold'} this type` : grants.error ? grants.error.message : 'Loading…'}</p>
      <div className="holders__grid">
        <AgGridReact<QualificationGrant>
          theme={gridTheme(theme)}
          columnDefs={COLUMNS}
          rowData={grants.value ? [...grants.value] : []}
          getRowId={(p) => p.data.workerId}
          defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true }}
          noRowsOverlayComponent={GridOverlayText}
          noRowsOverlayComponentParams={{ text: 'No worker holds this type yet.' }}
        />
      </div>
      <section className="holders__bulk" aria-label="Grant or revoke for a list of workers">
        <textarea value={ids} onChange={(e) => edit(e.target.value)} rows={3} placeholder="Worker ids (one per line, or separated by commas or spaces), or the website's worker CSV with a score column" aria-label="Worker ids to grant or revoke" disabled={props.readOnly} />
        {fileNote && <p className="notice" role="status" data-testid="holders-file-note">{fileNote}</p>}
        {parsed.problem && <p className="notice notice--error" role="alert">{parsed.problem}</p>}
        <div className="holders__row">
          <label className="button button--small">Load CSV…<input type="file" accept=".csv,text/csv,text/plain" className="holders__file" onChange={load} disabled={props.readOnly} /></label>
          <label title="For rows without a score of their own">Score <input className="holders__score" value={score} inputMode="numeric" onChange={(e) => setScore(e.target.value)} aria-label="Score to grant" /></label>
          <label title="MTurk e-mails each worker about the grant"><input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} /> Notify workers</label>
          <button type="button" className="button button--small button--primary" disabled={!ready || !scoreOk} onClick={grant}>
            {count === 0 ? 'Grant / set score' : `Grant / set score for ${count} worker${count === 1 ? '' : 's'}`}
          </button>
        </div>
        <div className="holders__row">
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1024} placeholder="Reason for revoking (optional; the worker sees it)" aria-label="Reason for revoking" />
          <button type="button" className="button button--small" disabled={!ready} onClick={revoke}>Revoke</button>
        </div>
        {production.field('grants and revocations reach real workers')}
        {!scoreOk && <p className="notice notice--error" role="alert">The score must be a whole number; got "{score.slice(0, 20)}".</p>}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </section>
    </div>
  );
}
