import type { ChangeEvent, RefObject } from 'react';
import { appError } from '../../../../shared/errors';
import { modKey } from '../../app/shortcuts';
import { useArchiveStore } from '../../stores/archive-store';
import { importSizeProblem, plural } from './archive-format';
import { UntrustedText } from '../../components/UntrustedText';

/**
 * Batch results CSVs from the requester website into the archive. The file is read here and checked whole in the
 * main process: one bad cell refuses the file, and the message names its row and column.
 */
export function ImportPanel({ inputRef, disabledReason }: { inputRef: RefObject<HTMLInputElement | null>; disabledReason: string | null }) {
  const { importing, importFile, failImport } = useArchiveStore();
  const working = importing.state === 'working';

  const onChoose = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    e.target.value = ''; // so choosing the same file again (after fixing it) fires again
    if (!file) return;
    const problem = importSizeProblem(file.size);
    if (problem) return failImport(file.name, appError('validation', problem));
    void importFile(file.name, () => readAsBase64(file));
  };

  return (
    <section className="archive-card archive-transfer" aria-labelledby="import-title" data-testid="import">
      <h3 id="import-title">Import website results</h3>
      <p className="muted">
        Batch results CSVs downloaded from the requester website (Manage → Results → Download CSV) become part of this connection's archive, searchable
        like synced work. A file with any bad cell is refused whole, so nothing is ever half-imported.
      </p>
      <input ref={inputRef} type="file" accept=".csv,text/csv" className="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={onChoose} data-testid="import-file" />
      <div className="archive-transfer__actions">
        <button type="button" className="button" disabled={working || disabledReason !== null} onClick={() => inputRef.current?.click()}
          title={disabledReason ?? `Choose a batch results CSV (${modKey()}+O)`}>
          Choose CSV file…
        </button>
      </div>
      {disabledReason !== null && <p className="muted" data-testid="import-disabled">Files import only into a connection's archive: this one is read-only.</p>}
      <ImportOutcome />
    </section>
  );
}

/** The file's bytes, undecoded: reading it as text here would turn a non-UTF-8 file into replacement characters. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

function ImportOutcome() {
  const importing = useArchiveStore((s) => s.importing);
  switch (importing.state) {
    case 'idle':
      return null;
    case 'working':
      return (
        <div className="archive-working" role="status">
          <progress className="archive-progress__bar" aria-label={importing.label} />
          <span className="muted">{importing.label}</span>
        </div>
      );
    case 'done': {
      const { fileName, rows, hits, assignments, notes } = importing.value;
      return (
        <>
          <p className="notice notice--ok" role="status">
            Imported <strong><UntrustedText value={fileName} limit={255} /></strong>: all {plural(rows, 'row')} — {plural(hits, 'HIT')}, {plural(assignments, 'assignment')}. Nothing was skipped.
          </p>
          {notes.map((note) => (
            <p key={note} className="muted" data-testid="import-note">
              {note}
            </p>
          ))}
        </>
      );
    }
    case 'failed':
      return (
        <div className="notice notice--error archive-import-error" role="alert" data-testid="import-error">
          <strong>Nothing was imported from <UntrustedText value={importing.label} limit={255} />.</strong>
          {importing.error.field && !importing.error.message.toLowerCase().includes(importing.error.field.toLowerCase()) && (
            <span className="archive-import-error__where">Problem at {importing.error.field}</span>
          )}
          <span>{importing.error.message}</span>
          {importing.error.kind === 'validation' && <span>Fix that cell in the file (or download it again from the website) and import it again.</span>}
        </div>
      );
  }
}
