import type { CompensationRecord } from '../../../../shared/contract/compensation';
import { displayMoney } from '../../../../shared/domain/money';
import { bridge } from '../../api/bridge';
import { UntrustedText } from '../../components/UntrustedText';
import { useLiveQuery } from '../../data/useLiveQuery';

const notConnected = { ok: false as const, error: { kind: 'internal' as const, message: 'Not connected to Turkbench.' } };

/** Every compensation of the connection with its HIT and, per worker, whether they have been paid yet. */
export function CompensationsPanel() {
  const list = useLiveQuery<readonly CompensationRecord[]>(async () => (await bridge?.api['compensation.list']()) ?? notConnected, {
    tables: ['assignments', 'hits', 'operations_journal', 'jobs'],
    events: ['connection.changed'],
  });
  const value = list.value ?? [];
  if (value.length === 0) return null;
  return (
    <section className="bonus-ledgers" aria-labelledby="compensations-title">
      <h2 id="compensations-title" className="bonus-section-title">Compensations</h2>
      <table className="bonus-table" aria-label="Compensations" data-testid="compensations">
        <thead>
          <tr><th>Reason</th><th>Each</th><th>HIT</th><th>Paid</th><th>Workers</th></tr>
        </thead>
        <tbody>
          {value.map((c) => (
            <tr key={c.id}>
              <td><UntrustedText value={c.reason} limit={120} /></td>
              <td>{displayMoney(c.amountCents)}</td>
              <td className="mono">{c.hitId ?? 'not created yet'}</td>
              <td>{c.workers.filter((w) => w.paidAt !== null).length} of {c.workers.length}</td>
              <td className="mono">{c.workers.map((w) => `${w.workerId}${w.paidAt !== null ? ' ✓' : w.assignmentId ? ' (submitted)' : ''}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
