import { useEffect, useMemo, useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { ManagePlan } from '../../../../shared/contract/manage-hits';
import { bridge } from '../../api/bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { UntrustedText } from '../../components/UntrustedText';
import { useDebounced } from '../hits/useDebounced';
import { changeFrom, confirmLabel, dialogTitle, EMPTY_INPUTS, moneyLines, typedNameMatches, type ManageAction, type ManageInputs } from './manage-model';
import './manage-hits.css';
import { ProductionNotice } from '../../components/ProductionNotice';

/** How many of the HITs that will change the dialog lists; the rest are counted. */
const SHOWN_ROWS = 8;

type PlanState = { readonly state: 'idle' | 'planning' } | { readonly state: 'planned'; readonly plan: ManagePlan } | { readonly state: 'failed'; readonly message: string };

/**
 * Asks for what the action needs, shows what MTurk would be asked to do (the plan, refreshed as the inputs settle),
 * and starts the job only when confirmed — on Production only once the connection's name is typed.
 */
export function ManageDialog(props: { action: ManageAction; hitIds: readonly string[]; onClose(): void; onStarted(job: JobProgress): void }) {
  const { action, hitIds } = props;
  const [inputs, setInputs] = useState<ManageInputs>(EMPTY_INPUTS);
  const [typedName, setTypedName] = useState('');
  const [plan, setPlan] = useState<PlanState>({ state: 'idle' });
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const set = (patch: Partial<ManageInputs>): void => setInputs((i) => ({ ...i, ...patch }));

  const parsed = useMemo(() => changeFrom(action, inputs, Date.now()), [action, inputs]);
  const settledKey = useDebounced(parsed.ok ? JSON.stringify(parsed.change) : '', 300);

  useEffect(() => {
    if (!settledKey || !bridge) return;
    let current = true;
    setPlan({ state: 'planning' });
    setStartError(null);
    void bridge.api['hits.planManage']({ hitIds: [...hitIds], change: JSON.parse(settledKey) as never }).then((result) => {
      if (!current) return;
      setPlan(result.ok ? { state: 'planned', plan: result.value } : { state: 'failed', message: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [settledKey, hitIds]);

  // The plan on screen must be the plan of what is typed now, not of what was typed a moment ago.
  const upToDate = parsed.ok && settledKey === JSON.stringify(parsed.change) && plan.state === 'planned';
  const shown = plan.state === 'planned' ? plan.plan : null;
  const typeToConfirm = shown?.typeToConfirm ?? null;
  const label = parsed.ok && shown ? confirmLabel(parsed.change, shown) : action.label.replace(/…$/, '');
  const canConfirm = upToDate && shown !== null && shown.ready.length > 0 && typedNameMatches(typeToConfirm, typedName) && !starting;

  const confirm = (): void => {
    if (!canConfirm || !parsed.ok || !bridge) return;
    setStarting(true);
    setStartError(null);
    void bridge.api['hits.manage']({ hitIds: [...hitIds], change: parsed.change, ...(typeToConfirm !== null ? { typedConnectionName: typedName } : {}) }).then((result) => {
      setStarting(false);
      if (result.ok) props.onStarted(result.value);
      else setStartError(result.error.message);
    });
  };

  // One error at a time: a failed start is newer than a failed plan.
  const error = startError ?? (plan.state === 'failed' ? plan.message : null);
  return (
    <ConfirmDialog
      open
      title={dialogTitle(action, hitIds.length)}
      confirmLabel={label}
      confirmDisabled={!canConfirm}
      danger={action.danger || typeToConfirm !== null}
      testId="manage-dialog"
      onConfirm={confirm}
      onCancel={props.onClose}
    >
      <div className="manage">
        <ManageInputsFields action={action} inputs={inputs} set={set} />
        {!parsed.ok && <p className="field__error" role="alert">{parsed.problem}</p>}
        {parsed.ok && plan.state === 'planning' && <p className="muted">Checking the selected HITs…</p>}
        {shown && parsed.ok && <PlanSummary plan={shown} stale={!upToDate} />}
        {typeToConfirm !== null && (
          <ProductionNotice consequence="this spends real money or changes live work" connectionLabel={shown?.connection.label ?? ''} typedName={typedName} onTypedName={setTypedName} />
        )}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}

function ManageInputsFields({ action, inputs, set }: { action: ManageAction; inputs: ManageInputs; set(patch: Partial<ManageInputs>): void }) {
  switch (action.action) {
    case 'extend':
      return (
        <fieldset className="manage__inputs">
          <legend className="muted">Keep the HITs open for longer</legend>
          <label className="manage__choice">
            <input type="radio" name="extend-mode" checked={inputs.extendMode === 'by'} onChange={() => set({ extendMode: 'by' })} />
            by
            <input className="manage__number" value={inputs.amount} inputMode="decimal" aria-label="Extend by" onFocus={() => set({ extendMode: 'by' })} onChange={(e) => set({ amount: e.target.value })} />
            <select value={inputs.unit} aria-label="Unit" onChange={(e) => set({ unit: e.target.value as 'hours' | 'days', extendMode: 'by' })}>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </select>
          </label>
          <label className="manage__choice">
            <input type="radio" name="extend-mode" checked={inputs.extendMode === 'to'} onChange={() => set({ extendMode: 'to' })} />
            until
            <input type="datetime-local" value={inputs.until} aria-label="Extend until" onFocus={() => set({ extendMode: 'to' })} onChange={(e) => set({ until: e.target.value, extendMode: 'to' })} />
          </label>
        </fieldset>
      );
    case 'add-assignments':
      return (
        <label className="manage__choice">
          Add
          <input className="manage__number" value={inputs.count} inputMode="numeric" aria-label="Assignments to add" onChange={(e) => set({ count: e.target.value })} />
          assignments to each HIT
        </label>
      );
    case 'change-type':
      return (
        <label className="field">
          <span>Move the HITs to the HIT type</span>
          <input className="mono" value={inputs.hitTypeId} placeholder="HIT type id" aria-label="HIT type id" spellCheck={false} onChange={(e) => set({ hitTypeId: e.target.value })} />
        </label>
      );
    default:
      return null;
  }
}

export function PlanSummary({ plan, stale }: { plan: ManagePlan; stale: boolean }) {
  const money = moneyLines(plan);
  const rest = plan.ready.length - SHOWN_ROWS;
  return (
    <div className={`manage__plan${stale ? ' manage__plan--stale' : ''}`} data-testid="manage-plan">
      <p className="manage__summary">
        <strong data-testid="ready-count">{plan.ready.length.toLocaleString('en-US')} HIT{plan.ready.length === 1 ? '' : 's'} will change</strong>
        {plan.skipped.length > 0 && <span className="muted"> · {plan.skipped.length.toLocaleString('en-US')} left alone</span>}
        <span className="muted"> · on <UntrustedText value={plan.connection.label} limit={80} /></span>
      </p>
      {plan.ready.length > 0 && (
        <ul className="manage__list" aria-label="HITs that will change">
          {plan.ready.slice(0, SHOWN_ROWS).map((hit) => (
            <li key={hit.hitId}>
              <span className="manage__title"><UntrustedText value={hit.title} limit={80} /></span>
              <span className="manage__detail">{hit.detail}</span>
            </li>
          ))}
          {rest > 0 && <li className="muted">…and {rest.toLocaleString('en-US')} more</li>}
        </ul>
      )}
      {plan.skipped.length > 0 && (
        <details className="manage__skipped" open={plan.ready.length === 0 || plan.skipped.length <= 3} data-testid="skipped">
          <summary>{plan.skipped.length.toLocaleString('en-US')} HIT{plan.skipped.length === 1 ? '' : 's'} will be left alone</summary>
          <ul className="manage__list">
            {plan.skipped.slice(0, SHOWN_ROWS).map((hit) => (
              <li key={hit.hitId}>
                <span className="mono manage__id">{hit.hitId}</span>
                <span className="manage__detail">{hit.reason}</span>
              </li>
            ))}
            {plan.skipped.length > SHOWN_ROWS && <li className="muted">…and {(plan.skipped.length - SHOWN_ROWS).toLocaleString('en-US')} more</li>}
          </ul>
        </details>
      )}
      {money.cost && (
        <div className="manage__money" data-testid="manage-cost">
          <p>{money.cost}</p>
          <p className={money.short ? 'manage__short' : 'muted'}>{money.balance}{money.short ? ' — not enough to cover it' : ''}</p>
        </div>
      )}
    </div>
  );
}
