import { useEffect, useMemo, useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { MessagePlan } from '../../../../shared/domain/workers';
import { bridge } from '../../api/bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ProductionNotice } from '../../components/ProductionNotice';
import { UntrustedText } from '../../components/UntrustedText';
import { useDebounced } from '../hits/useDebounced';
import { checkMessage, MAX_BODY_CHARS, MAX_SUBJECT_CHARS, WORKER_ID_PLACEHOLDER, workersLabel } from './workers-model';

type PlanState = { readonly state: 'idle' } | { readonly state: 'planned'; readonly key: string; readonly plan: MessagePlan } | { readonly state: 'failed'; readonly key: string; readonly message: string };

/**
 * Writes a message to workers: limits checked as it is typed, then the main process's plan (recipients, NotifyWorkers
 * calls, the first worker's message exactly as sent) confirms it, and only then does the job start.
 */
export function MessageDialog(props: { workerIds: readonly string[]; onClose(): void; onStarted(job: JobProgress): void }) {
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [typedName, setTypedName] = useState('');
  const [plan, setPlan] = useState<PlanState>({ state: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const check = useMemo(() => checkMessage(subject, body, props.workerIds), [subject, body, props.workerIds]);
  const key = check.problems.length === 0 ? JSON.stringify([subject, body]) : '';
  const settled = useDebounced(key, 300);

  useEffect(() => {
    if (!settled || !bridge) return;
    let current = true;
    const [s, b] = JSON.parse(settled) as [string, string];
    void bridge.api['messages.plan']({ workerIds: [...props.workerIds], subject: s, body: b }).then((result) => {
      if (!current) return;
      setPlan(result.ok ? { state: 'planned', key: settled, plan: result.value } : { state: 'failed', key: settled, message: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [settled, props.workerIds]);

  const shown = plan.state === 'planned' && plan.key === key ? plan.plan : null;
  const typeToConfirm = shown?.typeToConfirm ?? null;
  const canSend = shown !== null && !starting && (typeToConfirm === null || typedName === typeToConfirm);
  const send = (): void => {
    if (!bridge || !canSend) return;
    setStarting(true);
    void bridge.api['messages.send']({ workerIds: [...props.workerIds], subject, body, ...(typeToConfirm !== null ? { typedConnectionName: typedName } : {}) }).then((result) => {
      setStarting(false);
      if (result.ok) props.onStarted(result.value);
      else setError(result.error.message);
    });
  };
  return (
    <ConfirmDialog
      open
      title={`Message ${workersLabel(props.workerIds)}`}
      confirmLabel={shown ? `Send to ${shown.recipients} worker${shown.recipients === 1 ? '' : 's'}` : 'Send'}
      danger={typeToConfirm !== null}
      confirmDisabled={!canSend}
      testId="message-dialog"
      onConfirm={send}
      onCancel={props.onClose}
    >
      <div className="workers-form workers-form--wide">
        <label className="workers-form__field">
          <span>Subject <span className="muted" data-testid="subject-count">{check.subjectLength} / {MAX_SUBJECT_CHARS}</span></span>
          <input value={subject} onChange={(e) => setSubject(e.target.value)} aria-label="Subject" />
        </label>
        <label className="workers-form__field">
          <span>Message <span className="muted" data-testid="body-count">{check.bodyLength} / {MAX_BODY_CHARS}</span></span>
          <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={6} aria-label="Message" />
        </label>
        <p className="muted workers-form__hint">{WORKER_ID_PLACEHOLDER} is replaced by each worker's id. MTurk sends the message by e-mail in calls of up to 100 workers.</p>
        {check.problems.length > 0 && (subject !== '' || body !== '') && (
          <ul className="notice notice--error workers-form__problems" role="alert">{check.problems.map((p) => <li key={p}>{p}</li>)}</ul>
        )}
        {plan.state === 'failed' && plan.key === key && <p className="notice notice--error" role="alert">{plan.message}</p>}
        {shown && (
          <section className="workers-form__preview" aria-label="What the first worker receives" data-testid="message-plan">
            <p className="workers-form__summary">
              {shown.recipients} worker{shown.recipients === 1 ? '' : 's'} on <UntrustedText value={shown.connection.label} limit={100} />{shown.connection.production ? ' (Production)' : ''} — {shown.calls} NotifyWorkers call{shown.calls === 1 ? '' : 's'}.
            </p>
            <p className="muted">As {shown.sample.workerId} receives it:</p>
            <div className="workers-form__sample">
              <strong><UntrustedText value={shown.sample.subject} limit={MAX_SUBJECT_CHARS} /></strong>
              <UntrustedText value={shown.sample.body} block />
            </div>
          </section>
        )}
        {typeToConfirm !== null && shown && (
          <ProductionNotice consequence="this e-mails real workers" connectionLabel={shown.connection.label} typedName={typedName} onTypedName={setTypedName} />
        )}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}
