import type { LedgerCheck } from '../../../../shared/contract/bonuses';
import { UntrustedText } from '../../components/UntrustedText';

/** Every problem of the checked rows in full, errors first, each naming its row and field. */
export function RowProblems({ check }: { check: LedgerCheck }) {
  const findings = [...check.findings].sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error') || (a.row ?? 0) - (b.row ?? 0));
  if (findings.length === 0) return null;
  return (
    <details className="bonus-problems" open={check.errors > 0}>
      <summary>{check.errors} error{check.errors === 1 ? '' : 's'}, {findings.length - check.errors} warning{findings.length - check.errors === 1 ? '' : 's'}</summary>
      <ul aria-label="Problems in the rows" data-testid="row-problems">
        {findings.map((f, i) => (
          <li key={i} className={`bonus-problems__${f.severity}`}><UntrustedText value={f.message} limit={600} /></li>
        ))}
      </ul>
    </details>
  );
}
