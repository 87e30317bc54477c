import { useEffect, useMemo, useState } from 'react';
import type { BatchChangeInput } from '../../../../shared/contract/batches';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { ManagePlan } from '../../../../shared/contract/manage-hits';
import { bridge } from '../../api/bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDebounced } from '../hits/useDebounced';
import { PlanSummary } from '../manage-hits/ManageDialog';
import { typedNameMatches } from '../manage-hits/manage-model';
import '../manage-hits/manage-hits.css';
import { BATCH_CHANGE_EXPLAINED, BATCH_CHANGE_TITLES, batchChangeConfirmable, batchChangeConfirmLabel, batchChangeFrom, type BatchChangeAction } from './batch-change-model';
import { ProductionNotice } from '../../components/ProductionNotice';

type PlanState = { readonly state: 'idle' | 'planning' } | { readonly state: 'planned'; readonly key: string; readonly plan: ManagePlan } | { readonly state: 'failed'; readonly message: string };

/**
 * Pause, resume or add assignments to a whole batch: shows which of its HITs change and what it costs (fees included),
 * asked of the main process as the inputs settle, and starts the journaled job only when confirmed — on Production
 * only once the connection's name is typed.
 */
export function BatchChangeDialog(props: { batchId: string; action: BatchChangeAction; onClose(): void; onDone(job: JobProgress | null, change: BatchChangeInput): void }) {
  const { batchId, action } = props;
  const [countText, setCountText] = useState('1');
  const [typedName, setTypedName] = useState('');
  const [plan, setPlan] = useState<PlanState>({ state: 'idle' });
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const parsed = useMemo(() => batchChangeFrom(action, countText), [action, countText]);
  const key = parsed.ok ? JSON.stringify(parsed.change) : '';
  const settledKey = useDebounced(key, 300);

  useEffect(() => {
    if (!settledKey || !bridge) return;
    let current = true;
    setPlan({ state: 'planning' });
    setStartError(null);
    void bridge.api['batches.planChange']({ batchId, change: JSON.parse(settledKey) as BatchChangeInput }).then((result) => {
      if (!current) return;
      setPlan(result.ok ? { state: 'planned', key: settledKey, plan: result.value } : { state: 'failed', message: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [settledKey, batchId]);

  // The plan on screen must be the plan of what is typed now, not of what was typed a moment ago.
  const shown = plan.state === 'planned' ? plan.plan : null;
  const upToDate = parsed.ok && plan.state === 'planned' && plan.key === key;
  const typeToConfirm = shown?.typeToConfirm ?? null;
  const canConfirm = upToDate && batchChangeConfirmable(action, shown) && typedNameMatches(typeToConfirm, typedName) && !starting;

  const confirm = (): void => {
    if (!canConfirm || !parsed.ok || !bridge) return;
    setStarting(true);
    setStartError(null);
    const change = parsed.change;
    void bridge.api['batches.change']({ batchId, change, ...(typeToConfirm !== null ? { typedConnectionName: typedName } : {}) }).then((result) => {
      setStarting(false);
      if (result.ok) props.onDone(result.value.job, change);
      else setStartError(result.error.message);
    });
  };

  const error = startError ?? (plan.state === 'failed' ? plan.message : null);
  return (
    <ConfirmDialog
      open
      title={BATCH_CHANGE_TITLES[action]}
      confirmLabel={batchChangeConfirmLabel(action, upToDate ? shown : null)}
      confirmDisabled={!canConfirm}
      danger={action === 'pause' || typeToConfirm !== null}
      testId="batch-change-dialog"
      onConfirm={confirm}
      onCancel={props.onClose}
    >
      <div className="manage">
        <p className="muted">{BATCH_CHANGE_EXPLAINED[action]}</p>
        {action === 'add-assignments' && (
          <label className="manage__choice">
            Add
            <input className="manage__number" value={countText} inputMode="numeric" aria-label="Assignments to add" onChange={(e) => setCountText(e.target.value)} />
            assignments to each HIT
          </label>
        )}
        {!parsed.ok && <p className="field__error" role="alert">{parsed.problem}</p>}
        {parsed.ok && plan.state === 'planning' && <p className="muted">Checking the batch&apos;s HITs…</p>}
        {shown && parsed.ok && <PlanSummary plan={shown} stale={!upToDate} />}
        {typeToConfirm !== null && (
          <ProductionNotice consequence="this spends real money or changes live work" connectionLabel={shown?.connection.label ?? ''} typedName={typedName} onTypedName={setTypedName} />
        )}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}
