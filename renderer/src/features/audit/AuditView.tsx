import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AuditEntry, AuditPage } from '../../../../shared/contract/audit';
import type { OperationKind, OperationState } from '../../../../shared/domain/archive-types';
import type { Result } from '../../../../shared/result';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { useLiveQuery } from '../../data/useLiveQuery';
import { useAppStore } from '../../stores/app-store';
import { saveTextFile } from '../archive/download';
import { ArchiveGrid } from '../hits/ArchiveGrid';
import { useDebounced } from '../hits/useDebounced';
import { ACTION_KINDS, ACTION_LABELS, AUDIT_COLUMNS, auditFilter, beforeIdFromCursor, STATE_LABELS, STATES } from './audit-columns';
import './audit.css';

const notConnected = { ok: false as const, error: { kind: 'internal' as const, message: 'Not connected to Turkbench.' } };

type ExportState = { readonly state: 'idle' } | { readonly state: 'working' } | { readonly state: 'done'; readonly fileName: string; readonly rows: number } | { readonly state: 'failed'; readonly message: string };

/** Every journaled MTurk write, newest first: what was sent, to what, for how much, and what MTurk answered. */
export function AuditView() {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const [allConnections, setAllConnections] = useState(false);
  const [state, setState] = useState<OperationState | ''>('');
  const [kind, setKind] = useState<OperationKind | ''>('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<ExportState>({ state: 'idle' });
  const search = useDebounced(text, 250);
  const filter = useMemo(() => auditFilter({ allConnections, state, kind, search }), [allConnections, state, kind, search]);

  // The newest entry, live: it says whether there is anything at all, and each answer brings the grid up to date.
  const newest = useLiveQuery<AuditPage>(
    async () => (await bridge?.api['audit.page']({ allConnections, limit: 1 })) ?? notConnected,
    { tables: ['operations_journal'], anyConnection: allConnections, events: ['connection.changed'], key: String(allConnections) },
  );
  const refreshKey = useAnswerCount(newest.value);

  const fetchPage = useCallback(
    async (_sort: unknown, _filters: unknown, after: string | null, limit: number) => {
      const beforeId = beforeIdFromCursor(after);
      const result: Result<AuditPage> = (await bridge?.api['audit.page']({ ...filter, limit: Math.min(limit, 500), ...(beforeId ? { beforeId } : {}) })) ?? notConnected;
      if (!result.ok) throw new Error(result.error.message);
      setError(null);
      return { rows: result.value.rows, nextCursor: result.value.nextBeforeId === null ? null : String(result.value.nextBeforeId) };
    },
    [filter],
  );

  const exportCsv = async (): Promise<void> => {
    setExported({ state: 'working' });
    const result = (await bridge?.api['audit.export'](filter)) ?? notConnected;
    if (!result.ok) return setExported({ state: 'failed', message: result.error.message });
    saveTextFile(result.value);
    setExported({ state: 'done', fileName: result.value.fileName, rows: result.value.rows });
  };

  const nothingYet = newest.status === 'ready' && newest.value.rows.length === 0;
  return (
    <div className="audit-view">
      <div className="toolbar" role="search">
        <input className="toolbar__search" type="search" placeholder="Search target or token…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search target or token" />
        <select value={state} onChange={(e) => setState(e.target.value as OperationState | '')} aria-label="State">
          <option value="">All states</option>
          {STATES.map((s) => (
            <option key={s} value={s}>{STATE_LABELS[s]}</option>
          ))}
        </select>
        <select value={kind} onChange={(e) => setKind(e.target.value as OperationKind | '')} aria-label="Action">
          <option value="">All actions</option>
          {ACTION_KINDS.map((k) => (
            <option key={k} value={k}>{ACTION_LABELS[k]}</option>
          ))}
        </select>
        <label className="toolbar__check">
          <input type="checkbox" checked={allConnections} onChange={(e) => setAllConnections(e.target.checked)} />
          All connections
        </label>
        <span className="toolbar__spacer" />
        <button type="button" className="button" onClick={() => void exportCsv()} disabled={nothingYet || exported.state === 'working'}>
          {exported.state === 'working' ? 'Preparing…' : 'Export CSV'}
        </button>
      </div>
      {(error ?? newest.error) && <p className="notice notice--error">{error ?? newest.error?.message}</p>}
      {exported.state === 'done' && <p className="notice notice--ok" role="status">Saved {exported.rows.toLocaleString()} {exported.rows === 1 ? 'action' : 'actions'} to {exported.fileName}.</p>}
      {exported.state === 'failed' && <p className="notice notice--error">{exported.message}</p>}
      {nothingYet ? (
        <section className="empty" aria-labelledby="audit-empty">
          <h2 id="audit-empty" className="empty__title">No actions sent to MTurk yet</h2>
          <p className="empty__summary">
            Every change Turkbench makes on MTurk — extending or expiring HITs, approvals, bonuses, qualifications, blocks — is written here before it
            is sent, then marked with MTurk&apos;s answer. {allConnections ? '' : 'This list shows the active connection; tick "All connections" to see every account.'}
          </p>
        </section>
      ) : (
        <ArchiveGrid<AuditEntry>
          label="Audit"
          columns={AUDIT_COLUMNS}
          fetchPage={fetchPage}
          queryKey={JSON.stringify(filter)}
          refreshKey={refreshKey}
          theme={theme}
          rowId={(row) => String(row.id)}
          onError={setError}
          noRowsText="No action matches these filters."
        />
      )}
    </div>
  );
}

/**
 * Counts the live query's answers after the first (which the grid's own first load already covers): each one means an
 * entry was added or changed, and reloads the visible rows where they are.
 */
function useAnswerCount(value: unknown): number {
  const [count, setCount] = useState(0);
  const seenFirst = useRef(false);
  useEffect(() => {
    if (value === null) return;
    if (seenFirst.current) setCount((c) => c + 1);
    seenFirst.current = true;
  }, [value]);
  return count;
}
