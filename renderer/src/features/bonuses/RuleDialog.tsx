import { useEffect, useState } from 'react';
import type { BonusRulePreview } from '../../../../shared/contract/bonus-rules';
import type { BatchSummary } from '../../../../shared/contract/batches';
import { displayMoney } from '../../../../shared/domain/money';
import { bridge } from '../../api/bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { UntrustedText } from '../../components/UntrustedText';
import { draftFromRule, type LedgerDraft } from './ledger-draft';

type RuleKind = 'per-gold' | 'agreement';

interface RuleForm {
  readonly batchId: string;
  readonly kind: RuleKind;
  readonly amount: string;
  /** A percentage as typed ("80"). */
  readonly threshold: string;
}

const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** The threshold typed as a percentage, as a share; null when it is not a number from 0 to 100. */
function thresholdShare(text: string): number | null {
  if (!/^\d{1,3}(\.\d+)?$/.test(text.trim())) return null;
  const n = Number(text);
  return n <= 100 ? n / 100 : null;
}

/**
 * A ledger from a rule over a launched batch: the batch, the rule (per gold answered correctly, or a flat amount at an
 * agreement threshold) → a preview of who gets what → a ledger draft, checked, dry-run and sent like an imported file.
 */
export function RuleDialog({ onClose, onOpen }: { onClose(): void; onOpen(draft: LedgerDraft): void }) {
  const [batches, setBatches] = useState<readonly BatchSummary[] | null>(null);
  const [form, setForm] = useState<RuleForm>({ batchId: '', kind: 'per-gold', amount: '0.10', threshold: '80' });
  const [preview, setPreview] = useState<BonusRulePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void bridge?.api['batches.list']().then((listed) => {
      if (!listed.ok) return setError(listed.error.message);
      const launched = listed.value.filter((b) => b.origin === 'launched');
      setBatches(launched);
      setForm((f) => (f.batchId === '' && launched[0] ? { ...f, batchId: launched[0].id } : f));
    });
  }, []);

  const set = (patch: Partial<RuleForm>): void => {
    setForm((f) => ({ ...f, ...patch }));
    setPreview(null);
    setError(null);
  };
  const share = thresholdShare(form.threshold);
  const ready = form.batchId !== '' && form.amount.trim() !== '' && (form.kind === 'per-gold' || share !== null);

  const ask = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const rule = form.kind === 'per-gold' ? { kind: 'per-gold' as const, amount: form.amount } : { kind: 'agreement' as const, atLeast: share!, amount: form.amount };
    const answer = await bridge?.api['bonuses.fromRule']({ batchId: form.batchId, rule });
    setBusy(false);
    if (!answer) return setError('Not connected to Turkbench.');
    if (answer.ok) setPreview(answer.value);
    else setError(answer.error.message);
  };

  const empty = preview !== null && preview.rows.length === 0;
  return (
    <ConfirmDialog
      open
      title="Bonuses from a rule"
      confirmLabel={preview ? 'Open as ledger draft' : busy ? 'Working it out…' : 'Preview…'}
      confirmDisabled={busy || !ready || empty}
      testId="rule-dialog"
      onConfirm={() => (preview ? onOpen(draftFromRule(preview)) : void ask())}
      onCancel={onClose}
    >
      <div className="manage bonus-rule">
        <label className="field">
          <span>Batch</span>
          <select value={form.batchId} onChange={(e) => set({ batchId: e.target.value })} aria-label="Batch" disabled={!batches?.length}>
            {batches?.length === 0 && <option value="">No launched batch on this connection</option>}
            {batches?.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </label>
        <fieldset className="bonus-rule__kinds">
          <legend>Rule</legend>
          <label><input type="radio" name="rule" checked={form.kind === 'per-gold'} onChange={() => set({ kind: 'per-gold' })} /> An amount per gold question answered correctly</label>
          <label><input type="radio" name="rule" checked={form.kind === 'agreement'} onChange={() => set({ kind: 'agreement' })} /> A flat amount to every worker whose agreement with the consensus reaches a threshold</label>
        </fieldset>
        <div className="bonus-rule__numbers">
          <label className="field">
            <span>{form.kind === 'per-gold' ? 'Per gold answer, in dollars' : 'Per worker, in dollars'}</span>
            <input value={form.amount} onChange={(e) => set({ amount: e.target.value })} aria-label="Amount" inputMode="decimal" />
          </label>
          {form.kind === 'agreement' && (
            <label className="field">
              <span>Agreement at least, in %</span>
              <input value={form.threshold} onChange={(e) => set({ threshold: e.target.value })} aria-label="Agreement threshold" inputMode="decimal" />
              {share === null && <span className="field__error">A percentage from 0 to 100, like 80.</span>}
            </label>
          )}
        </div>
        {preview && (
          <div data-testid="rule-preview">
            <p>
              <strong>{preview.rows.length} of {preview.workersConsidered} workers, {displayMoney(preview.totalCents)}</strong> before MTurk&apos;s fee — {preview.description}
              {preview.goldItems > 0 ? ` (${preview.goldItems} gold items)` : ''}.
            </p>
            {empty ? (
              <p className="muted">Nobody earns this bonus: change the rule or the amount.</p>
            ) : (
              <div className="bonus-rule__table">
                <table className="bonus-table">
                  <thead><tr><th>Worker</th><th>Assignment</th><th className="num">Amount</th><th className="num">Gold right</th><th className="num">Agreement</th></tr></thead>
                  <tbody>
                    {preview.rows.map((r) => (
                      <tr key={r.workerId}>
                        <td className="mono"><UntrustedText value={r.workerId} limit={64} /></td>
                        <td className="mono"><UntrustedText value={r.assignmentId} limit={64} /></td>
                        <td className="num">{displayMoney(r.amountCents)}</td>
                        <td className="num">{r.goldCorrect}/{r.goldAnswers}</td>
                        <td className="num">{percent(r.agreement)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {preview.skipped.map((s) => <p key={s.workerId} className="bonus-rule__skip"><UntrustedText value={s.why} limit={300} /></p>)}
            {!empty && <p className="muted">Reason each worker reads: “<UntrustedText value={preview.rows[0]!.reason} limit={400} />”</p>}
          </div>
        )}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}
