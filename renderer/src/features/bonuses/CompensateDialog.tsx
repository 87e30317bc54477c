import { useState } from 'react';
import type { CompensationPlan } from '../../../../shared/contract/compensation';
import type { JobProgress } from '../../../../shared/contract/jobs';
import { bridge } from '../../api/bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { UntrustedText } from '../../components/UntrustedText';
import { typedNameMatches } from '../manage-hits/manage-model';
import { planLines, readForm, type CompensationForm } from './compensation-form';
import { ProductionNotice } from '../../components/ProductionNotice';

type Step = { readonly step: 'form' } | { readonly step: 'plan'; readonly plan: CompensationPlan };

/**
 * Compensating workers who could not submit: their ids, the amount, the reason (and an optional message) → the cost
 * and the balance after (on Production, the connection's name typed) → a job makes the private HIT.
 */
export function CompensateDialog({ onClose, onStarted }: { onClose(): void; onStarted(job: JobProgress): void }) {
  const [form, setForm] = useState<CompensationForm>({ workers: '', amount: '1.00', reason: '', message: '' });
  const [step, setStep] = useState<Step>({ step: 'form' });
  const [typedName, setTypedName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reading = readForm(form);
  const set = (field: keyof CompensationForm) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [field]: e.target.value }));
    setStep({ step: 'form' });
  };

  const ask = async (): Promise<void> => {
    if (!reading.ok) return;
    setBusy(true);
    setError(null);
    const planned = await bridge?.api['compensation.plan'](reading.input);
    setBusy(false);
    if (!planned) return setError('Not connected to Turkbench.');
    if (planned.ok) setStep({ step: 'plan', plan: planned.value });
    else setError(planned.error.message);
  };
  const run = async (plan: CompensationPlan): Promise<void> => {
    if (!reading.ok) return;
    setBusy(true);
    setError(null);
    const ran = await bridge?.api['compensation.run']({ ...reading.input, ...(plan.typeToConfirm !== null ? { typedConnectionName: typedName } : {}) });
    setBusy(false);
    if (!ran) return setError('Not connected to Turkbench.');
    if (ran.ok) onStarted(ran.value.job);
    else setError(ran.error.message);
  };

  const plan = step.step === 'plan' ? step.plan : null;
  const lines = plan ? planLines(plan) : null;
  const production = plan?.typeToConfirm != null;
  const problems = reading.ok ? {} : reading.problems;
  return (
    <ConfirmDialog
      open
      title="Compensate workers"
      confirmLabel={plan ? (busy ? 'Creating…' : 'Create the HIT') : busy ? 'Checking…' : 'Review cost…'}
      confirmDisabled={busy || !reading.ok || (plan !== null && (lines!.short || !typedNameMatches(plan.typeToConfirm, typedName)))}
      danger={production}
      testId="compensate-dialog"
      onConfirm={() => void (plan ? run(plan) : ask())}
      onCancel={onClose}
    >
      <div className="manage bonus-compensate">
        <p className="muted">For workers who could not submit (a broken link, a timeout): a HIT only they can see, paying the amount as its reward, approved automatically.</p>
        <label className="field">
          <span>Worker ids (one per line, or separated by commas)</span>
          <textarea value={form.workers} onChange={set('workers')} rows={3} aria-label="Worker ids" className="mono" spellCheck={false} />
          {form.workers.trim() !== '' && problems.workers && <span className="field__error">{problems.workers}</span>}
        </label>
        <label className="field">
          <span>Amount per worker, in dollars</span>
          <input value={form.amount} onChange={set('amount')} aria-label="Amount per worker" inputMode="decimal" />
          {problems.amount && <span className="field__error">{problems.amount}</span>}
        </label>
        <label className="field">
          <span>Reason (the workers read it)</span>
          <input value={form.reason} onChange={set('reason')} aria-label="Reason" maxLength={1000} />
        </label>
        <label className="field">
          <span>Message telling them the HIT is there (optional)</span>
          <textarea value={form.message} onChange={set('message')} rows={2} aria-label="Message" maxLength={3000} />
        </label>
        {plan && lines && (
          <div className="manage__money" data-testid="compensate-plan">
            <p>On <span className={production ? 'bonus-connection bonus-connection--production' : 'bonus-connection'}><UntrustedText value={plan.connection.label} limit={80} />{production ? ' (Production: real money)' : ''}</span></p>
            <p><strong>{lines.cost}</strong></p>
            {lines.balance && <p className={lines.short ? 'manage__short' : 'muted'}>{lines.balance}{lines.short ? ' — not enough to cover it' : ''}</p>}
          </div>
        )}
        {production && plan && (
          <ProductionNotice consequence="this pays real money" connectionLabel={plan.connection.label} typedName={typedName} onTypedName={setTypedName} />
        )}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}
