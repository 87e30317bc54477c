import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/contract/archive';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../../../../shared/domain/archive-types';
import { useArchiveStore } from '../../stores/archive-store';
import { exportSelection, plural } from './archive-format';
import { saveTextFile } from './download';

const FORMATS: { id: ExportFormat; label: string; hint: string }[] = [
  { id: 'csv', label: 'Website CSV', hint: 'the batch results layout: opens in a spreadsheet, imports back unchanged' },
  { id: 'json', label: 'JSON', hint: 'for scripts: money in cents, times in UTC milliseconds' },
];

/** Archived assignments of this connection as a file: all of them, or those of one status or HIT type. */
export function ExportPanel({ hasData }: { hasData: boolean }) {
  const { exporting, exportFile } = useArchiveStore();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [status, setStatus] = useState<AssignmentStatus | ''>('');
  const [hitTypeId, setHitTypeId] = useState('');
  const working = exporting.state === 'working';

  const run = async (): Promise<void> => {
    const result = await exportFile(format, exportSelection(status, hitTypeId));
    if (result.ok) saveTextFile(result.value);
  };

  return (
    <section className="archive-card archive-transfer" aria-labelledby="export-title" data-testid="export">
      <h3 id="export-title">Export</h3>
      <p className="muted">Archived assignments of this connection with their HITs, answers and any imported inputs. Works offline.</p>
      <fieldset className="choice-group">
        <legend>Format</legend>
        {FORMATS.map((f) => (
          <label className="choice" key={f.id}>
            <input type="radio" name="export-format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} />
            <span className="archive-choice__name">{f.label}</span> <small>{f.hint}</small>
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <label className="field">
          <span>Assignments</span>
          <select name="export-status" value={status} onChange={(e) => setStatus(e.target.value as AssignmentStatus | '')}>
            <option value="">All statuses</option>
            {ASSIGNMENT_STATUSES.map((s) => (
              <option key={s} value={s}>{s} only</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>HIT type id (optional)</span>
          <input name="export-hit-type" value={hitTypeId} onChange={(e) => setHitTypeId(e.target.value)} placeholder="Every HIT type" spellCheck={false} />
        </label>
      </div>
      <div className="archive-transfer__actions">
        <button type="button" className="button button--primary" disabled={!hasData || working} onClick={() => void run()}>
          {working ? 'Preparing…' : `Export ${format === 'csv' ? 'CSV' : 'JSON'}`}
        </button>
        {!hasData && <span className="muted">Nothing archived yet.</span>}
      </div>
      {exporting.state === 'done' && (
        <p className="notice notice--ok" role="status">
          Exported <strong>{exporting.value.fileName}</strong> ({plural(exporting.value.rows, 'assignment')}).
        </p>
      )}
      {exporting.state === 'failed' && <p className="notice notice--error" role="alert">{exporting.error.message}</p>}
    </section>
  );
}
