import { useState } from 'react';
import type { LedgerCheck, LedgerSent } from '../../../../shared/contract/bonuses';
import { displayMoney } from '../../../../shared/domain/money';
import { bridge } from '../../api/bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { UntrustedText } from '../../components/UntrustedText';
import { typedNameMatches } from '../manage-hits/manage-model';
import '../manage-hits/manage-hits.css';
import type { LedgerDraft } from './ledger-draft';
import { moneyLines, rowsInput } from './ledger-draft';
import { ProductionNotice } from '../../components/ProductionNotice';

/** Workers listed by name in the dry run; the rest are summed up in one line. */
const WORKERS_SHOWN = 12;

/**
 * The dry run of a checked draft: what it pays with MTurk's fee per worker and overall, the balance before and after,
 * and the connection (Production in red, confirmed by typing its name). Sending starts one journaled job.
 */
export function DryRunDialog({ draft, check, onClose, onSent }: { draft: LedgerDraft; check: LedgerCheck; onClose(): void; onSent(sent: LedgerSent): void }) {
  const [typedName, setTypedName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const money = moneyLines(check);
  const production = check.typeToConfirm !== null;
  const canSend = !busy && !money.short && typedNameMatches(check.typeToConfirm, typedName);

  const send = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await bridge?.api['bonuses.sendRows']({ ...rowsInput(draft), ...(production ? { typedConnectionName: typedName } : {}) });
    setBusy(false);
    if (!result) return setError('Not connected to Turkbench.');
    if (result.ok) onSent(result.value);
    else setError(result.error.message);
  };

  const shown = check.perWorker.slice(0, WORKERS_SHOWN);
  const rest = check.perWorker.slice(WORKERS_SHOWN);
  return (
    <ConfirmDialog
      open
      title="Dry run: nothing has been sent"
      confirmLabel={busy ? 'Sending…' : `Send ${check.ready.toLocaleString('en-US')} bonus${check.ready === 1 ? '' : 'es'} · ${money.total}`}
      confirmDisabled={!canSend}
      danger={production}
      testId="bonus-dry-run"
      onConfirm={() => void send()}
      onCancel={onClose}
    >
      <div className="manage">
        <p>
          Ledger <strong><UntrustedText value={draft.name} limit={120} /></strong> on{' '}
          <span className={production ? 'bonus-connection bonus-connection--production' : 'bonus-connection'} data-testid="dry-run-connection">
            <UntrustedText value={check.connection.label} limit={80} />{production ? ' (Production: real money)' : ''}
          </span>
        </p>
        <div className="manage__money" data-testid="dry-run-money">
          <p>{money.bonuses}</p>
          <p>+ {money.fee}</p>
          <p><strong>= {money.total}</strong></p>
          <p className={money.short ? 'manage__short' : 'muted'}>{money.balance ?? 'Balance unknown: MTurk could not be asked.'}{money.short ? ' — not enough to cover it' : ''}</p>
          {check.alreadyPaid > 0 && <p className="muted">{check.alreadyPaid.toLocaleString('en-US')} row{check.alreadyPaid === 1 ? ' is' : 's are'} already paid and will not be sent again.</p>}
        </div>
        <table className="bonus-table" aria-label="Per worker">
          <thead>
            <tr><th>Worker</th><th>Bonuses</th><th>Amount</th><th>Fee</th><th>Total</th></tr>
          </thead>
          <tbody>
            {shown.map((w) => (
              <tr key={w.workerId}>
                <td className="mono">{w.workerId}</td>
                <td>{w.payments}</td>
                <td>{displayMoney(w.bonusCents)}</td>
                <td>{displayMoney(w.feeCents)}</td>
                <td>{displayMoney(w.totalCents)}</td>
              </tr>
            ))}
            {rest.length > 0 && (
              <tr className="muted">
                <td>and {rest.length.toLocaleString('en-US')} more workers</td>
                <td>{rest.reduce((s, w) => s + w.payments, 0)}</td>
                <td>{displayMoney(rest.reduce((s, w) => s + w.bonusCents, 0))}</td>
                <td>{displayMoney(rest.reduce((s, w) => s + w.feeCents, 0))}</td>
                <td>{displayMoney(rest.reduce((s, w) => s + w.totalCents, 0))}</td>
              </tr>
            )}
          </tbody>
        </table>
        {!check.checkedOnMTurk && <p className="notice notice--warn">Earlier payments were looked up in the archive only (MTurk could not be asked); sync before sending.</p>}
        {production && (
          <ProductionNotice consequence="this pays real money" connectionLabel={check.connection.label} typedName={typedName} onTypedName={setTypedName} />
        )}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}
