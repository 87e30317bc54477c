import { useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import { bridge } from '../../api/bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useProductionName } from '../../components/ProductionName';
import { workersLabel } from './workers-model';

/**
 * Block or unblock workers with a reason. A soft block (a private exclusion qualification) is the default: it keeps
 * workers off your HITs without touching their standing; a hard block (CreateWorkerBlock) counts against them on MTurk.
 */
export function BlockDialog(props: { mode: 'block' | 'unblock'; workerIds: readonly string[]; onClose(): void; onStarted(job: JobProgress): void }) {
  const [soft, setSoft] = useState(true);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  // A worker's standing is real on Production: the connection's name is typed, as for spending.
  const production = useProductionName();
  const blocking = props.mode === 'block';
  const needsReason = blocking && !soft && reason.trim() === '';
  const needsName = !production.confirmed;
  const start = (): void => {
    if (!bridge || needsReason || needsName) return;
    setStarting(true);
    void bridge.api[blocking ? 'workers.block' : 'workers.unblock']({ workerIds: [...props.workerIds], reason: reason.trim(), soft, ...production.input }).then((result) => {
      setStarting(false);
      if (result.ok) props.onStarted(result.value);
      else setError(result.error.message);
    });
  };
  const verb = blocking ? 'Block' : 'Unblock';
  return (
    <ConfirmDialog
      open
      title={`${verb} ${workersLabel(props.workerIds)}`}
      confirmLabel={`${soft ? 'Soft-' : 'Hard-'}${verb.toLowerCase()} ${props.workerIds.length} worker${props.workerIds.length === 1 ? '' : 's'}`}
      danger={(blocking && !soft) || production.typeToConfirm !== null}
      confirmDisabled={starting || needsReason || needsName}
      testId="block-dialog"
      onConfirm={start}
      onCancel={props.onClose}
    >
      <div className="workers-form">
        <fieldset className="workers-form__choices">
          <legend>{blocking ? 'How' : 'Which block to lift'}</legend>
          <label><input type="radio" name="block-kind" checked={soft} onChange={() => setSoft(true)} /> Soft {blocking ? 'block (recommended)' : 'block'}</label>
          <p className="muted workers-form__hint">
            {blocking ? 'Grants a private exclusion qualification: your HITs that exclude it are hidden from these workers. MTurk does not count it against them, and you can lift it at any time.' : 'Revokes the private exclusion qualification.'}
          </p>
          <label><input type="radio" name="block-kind" checked={!soft} onChange={() => setSoft(false)} /> Hard {blocking ? 'block' : 'block (DeleteWorkerBlock)'}</label>
          {blocking && !soft && (
            <p className="workers-form__warning" role="alert">
              A hard block (CreateWorkerBlock) stops these workers from working on any of your HITs, and MTurk counts blocks against a worker's standing: several can suspend their account. Use it for abuse, not for a mismatch.
            </p>
          )}
        </fieldset>
        <label className="workers-form__field">
          Reason {blocking && !soft ? '(required; the worker may see it)' : '(kept in the dossier)'}
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={1024} aria-label="Reason" />
        </label>
        {production.field(blocking ? (soft ? 'this hides your HITs from real workers' : 'this counts against real workers\' standing') : 'this lifts a block on real workers')}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}
