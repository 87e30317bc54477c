import { useState } from 'react';
import type { LedgerReconciliation, LedgerStatus, StoredLedger } from '../../../../shared/contract/bonuses';
import { displayMoney } from '../../../../shared/domain/money';
import { bridge } from '../../api/bridge';
import { UntrustedText } from '../../components/UntrustedText';
import { useLiveQuery } from '../../data/useLiveQuery';
import { ReconciliationReport } from './ReconciliationReport';

const notConnected = { ok: false as const, error: { kind: 'internal' as const, message: 'Not connected to Turkbench.' } };
const LEDGER_TABLES = ['bonus_ledgers', 'jobs', 'operations_journal'] as const;
const ROW_STATES: Record<string, string> = { unsent: 'Not sent', paid: 'Paid', failed: 'Failed', 'already-paid': 'Already paid' };
const utcTime = (at: number): string => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The connection's ledgers, newest first; the chosen one's rows with their state, and its reconciliation with MTurk. */
export function LedgersPanel({ selected, onSelect }: { selected: string | null; onSelect(ledgerId: string): void }) {
  const ledgers = useLiveQuery<readonly StoredLedger[]>(async () => (await bridge?.api['bonuses.ledgers']()) ?? notConnected, { tables: LEDGER_TABLES, events: ['connection.changed'] });
  const list = [...(ledgers.value ?? [])].reverse();
  return (
    <section className="bonus-ledgers" aria-labelledby="ledgers-title">
      <h2 id="ledgers-title" className="bonus-section-title">Ledgers</h2>
      {ledgers.error && <p className="notice notice--error" role="alert">{ledgers.error.message}</p>}
      {list.length === 0 && ledgers.status !== 'loading' && <p className="muted">No ledger has been sent on this connection yet. A ledger appears here once it is sent, with each row&apos;s state.</p>}
      <div className="bonus-ledgers__body">
        <ul className="bonus-ledgers__list" aria-label="Ledgers">
          {list.map((l) => (
            <li key={l.id}>
              <button type="button" className={l.id === selected ? 'bonus-ledger bonus-ledger--selected' : 'bonus-ledger'} aria-pressed={l.id === selected} onClick={() => onSelect(l.id)}>
                <strong><UntrustedText value={l.name} limit={80} /></strong>
                <span className="muted mono">{l.id} · {utcTime(l.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
        {selected && list.some((l) => l.id === selected) && <LedgerDetail key={selected} ledgerId={selected} />}
      </div>
    </section>
  );
}

function LedgerDetail({ ledgerId }: { ledgerId: string }) {
  const status = useLiveQuery<LedgerStatus>(async () => (await bridge?.api['bonuses.status']({ ledgerId })) ?? notConnected, { tables: LEDGER_TABLES, key: ledgerId });
  const [reconciling, setReconciling] = useState(false);
  const [report, setReport] = useState<LedgerReconciliation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const value = status.value;

  const reconcile = async (): Promise<void> => {
    setReconciling(true);
    setError(null);
    const result = (await bridge?.api['bonuses.reconcile']({ ledgerId })) ?? notConnected;
    setReconciling(false);
    if (result.ok) setReport(result.value);
    else setError(result.error.message);
  };

  if (!value) return <div className="bonus-ledger-detail muted">{status.error ? status.error.message : 'Loading…'}</div>;
  const { counts, job } = value;
  return (
    <div className="bonus-ledger-detail" data-testid="ledger-detail">
      <div className="bonus-ledger-detail__head">
        <h3><UntrustedText value={value.ledger.name} limit={120} /></h3>
        <button type="button" className="button button--small" disabled={reconciling} onClick={() => void reconcile()}>{reconciling ? 'Reconciling…' : 'Reconcile with MTurk'}</button>
      </div>
      <p data-testid="ledger-counts">
        {counts.paid} paid ({displayMoney(value.paidCents)}) · {counts.failed} failed · {counts.unsent} not sent · {counts['already-paid']} already paid
        {value.unsettled > 0 ? ` · ${value.unsettled} awaiting MTurk's answer` : ''}
        {job ? ` · job ${job.state}` : ''}
      </p>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {report && <ReconciliationReport report={report} />}
      <table className="bonus-table" aria-label="Ledger row states">
        <thead>
          <tr><th>Row</th><th>Worker</th><th>Assignment</th><th>Amount</th><th>State</th><th>Note</th></tr>
        </thead>
        <tbody>
          {value.rows.map((row) => (
            <tr key={row.rowNumber} className={`bonus-row--${row.state}`}>
              <td>{row.rowNumber}</td>
              <td className="mono">{row.workerId}</td>
              <td className="mono">{row.assignmentId}</td>
              <td>{displayMoney(row.amountCents)}</td>
              <td>{ROW_STATES[row.state] ?? row.state}</td>
              <td>{row.error ? <UntrustedText value={row.error} limit={300} /> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
