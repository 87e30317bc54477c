import type { LedgerReconciliation, ReconciledVerdict } from '../../../../shared/contract/bonuses';
import { displayMoney } from '../../../../shared/domain/money';
import { UntrustedText } from '../../components/UntrustedText';

const VERDICTS: Record<ReconciledVerdict, string> = { paid: 'Paid', 'paid-twice': 'Paid twice', failed: 'Failed', missing: 'Missing', 'already-paid': 'Already paid' };

/** A ledger against MTurk's own ListBonusPayments: each row paid, failed (MTurk's words) or missing, and payments no ledger explains. */
export function ReconciliationReport({ report }: { report: LedgerReconciliation }) {
  const { counts, rows, unexplained } = report;
  const notPaid = rows.filter((r) => r.verdict !== 'paid' && r.verdict !== 'already-paid');
  const clean = notPaid.length === 0 && unexplained.length === 0;
  return (
    <section className={`notice ${clean ? 'notice--ok' : 'notice--warn'} bonus-reconciled`} aria-label="Reconciliation" data-testid="reconciliation">
      <p>
        <strong>MTurk lists:</strong> {counts.paid} paid · {counts['already-paid']} already paid earlier · {counts.failed} failed · {counts.missing} missing
        {counts['paid-twice'] > 0 ? ` · ${counts['paid-twice']} PAID TWICE` : ''} · {unexplained.length} payment{unexplained.length === 1 ? '' : 's'} no ledger explains
      </p>
      {notPaid.length > 0 && (
        <ul>
          {notPaid.map((r) => (
            <li key={`${r.ledgerId}:${r.rowNumber}`}>
              Row {r.rowNumber} ({r.workerId}, {displayMoney(r.amountCents)}): {VERDICTS[r.verdict]}{r.message ? ' — ' : ''}{r.message && <UntrustedText value={r.message} limit={300} />}
            </li>
          ))}
        </ul>
      )}
      {unexplained.length > 0 && (
        <ul aria-label="Payments no ledger explains">
          {unexplained.map((p, i) => (
            <li key={i}>
              {p.workerId} on {p.assignmentId}: {displayMoney(p.amountCents)} — <UntrustedText value={p.reason} limit={200} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
