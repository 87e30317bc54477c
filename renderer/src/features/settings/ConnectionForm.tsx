import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import { useConnectionsStore } from '../../stores/connections-store';
import { configFrom, draftProblems, fieldOfError, keysFrom, withKind, type ConnectionDraft, type DraftField } from './connection-form-model';

/**
 * Add or edit a connection. Each field says what to enter as soon as it has been edited (all of them on Save);
 * an error from the main process is shown once: on the field it names, or below the form if it names none.
 */
export function ConnectionForm(props: { draft: ConnectionDraft | null; isNew: boolean; keychain: { available: boolean; reason?: string }; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const save = useConnectionsStore((s) => s.save);
  const [draft, setDraft] = useState<ConnectionDraft | null>(props.draft);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<DraftField> | 'all'>(new Set());

  useEffect(() => {
    setDraft(props.draft);
    setError(null);
    setTouched(new Set());
    const dialog = ref.current;
    if (props.draft && dialog && !dialog.open) dialog.showModal();
    if (!props.draft && dialog?.open) dialog.close();
  }, [props.draft]);

  if (!draft) return <dialog ref={ref} className="dialog" onClose={props.onClose} />;
  const problems = draftProblems(draft, props.isNew);
  const visible: DraftField[] = [
    'label',
    'requestsPerSecond',
    ...(draft.kind === 'custom' ? (['endpoint', 'region'] as const) : []),
    ...(draft.source === 'profile' ? (['profile'] as const) : []),
    ...(draft.source === 'stored' ? (['keys'] as const) : []),
  ];
  // An error about a field the form shows goes on that field; any other below the form.
  const named = fieldOfError(error?.field);
  const errorField = named !== null && visible.includes(named) ? named : null;
  const touch = (field: DraftField): void => setTouched((t) => (t === 'all' ? t : new Set([...t, field])));
  const update = (patch: Partial<ConnectionDraft>, field?: DraftField): void => {
    setDraft({ ...draft, ...patch });
    if (field) touch(field);
    // The main process's complaint was about the old value.
    if (field && field === errorField) setError(null);
  };
  const fieldError = (field: DraftField): string | null =>
    ((touched === 'all' || touched.has(field)) && problems[field]) || (errorField === field ? (error?.message ?? null) : null);
  const fieldState = (field: DraftField): string => (fieldError(field) ? ' field--invalid' : '');
  const errorLine = (field: DraftField, id: string) => {
    const message = fieldError(field);
    return message ? <span className="field__error" id={id} role="alert">{message}</span> : null;
  };

  const submit = async (): Promise<void> => {
    setTouched('all');
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    const result = await save(configFrom(draft), keysFrom(draft));
    setBusy(false);
    if (result.ok) props.onClose();
    else setError(result.error);
  };

  return (
    <dialog ref={ref} className="dialog dialog--wide" onClose={props.onClose} aria-labelledby="conn-form-title">
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2 id="conn-form-title">{props.isNew ? 'Add a connection' : `Edit ${draft.label}`}</h2>
        <div className="form-row">
          <label className="field">
            <span>Where</span>
            <select value={draft.kind} onChange={(e) => setDraft(withKind(draft, e.target.value as ConnectionDraft['kind']))} name="kind">
              <option value="sandbox">MTurk Sandbox (test, no real money)</option>
              <option value="production">MTurk Production (real money)</option>
              <option value="custom">Custom endpoint (e.g. a standalone Local MTurk)</option>
            </select>
          </label>
          <label className={`field${fieldState('label')}`}>
            <span>Name</span>
            <input value={draft.label} onChange={(e) => update({ label: e.target.value }, 'label')} name="label" aria-invalid={fieldError('label') !== null} aria-describedby="label-error" />
            {errorLine('label', 'label-error')}
          </label>
        </div>
        {draft.kind === 'production' && <p className="notice notice--warn">Production spends real money. Turkbench will ask you to confirm before switching to it and before every payment.</p>}
        {draft.kind === 'custom' && (
          <div className="form-row">
            <label className={`field${fieldState('endpoint')}`}>
              <span>Endpoint URL</span>
              <input value={draft.endpoint} onChange={(e) => update({ endpoint: e.target.value }, 'endpoint')} placeholder="http://127.0.0.1:9440" name="endpoint" aria-invalid={fieldError('endpoint') !== null} aria-describedby="endpoint-error" />
              {errorLine('endpoint', 'endpoint-error')}
            </label>
            <label className={`field${fieldState('region')}`}>
              <span>Region (for signing)</span>
              <input value={draft.region} onChange={(e) => update({ region: e.target.value }, 'region')} name="region" aria-invalid={fieldError('region') !== null} aria-describedby="region-error" />
              {errorLine('region', 'region-error')}
            </label>
          </div>
        )}
        <label className={`field${fieldState('requestsPerSecond')}`}>
          <span>Requests per second</span>
          <input value={draft.requestsPerSecond} onChange={(e) => update({ requestsPerSecond: e.target.value }, 'requestsPerSecond')} inputMode="decimal" placeholder={draft.kind === 'custom' ? '2 (safe for AWS)' : '2 (safe default)'} name="requestsPerSecond" aria-invalid={fieldError('requestsPerSecond') !== null} aria-describedby="rate-error" />
          {errorLine('requestsPerSecond', 'rate-error') ?? <span className="field__hint">MTurk publishes no limit; about 2 per second is reliable. Raise it for a standalone Local MTurk.</span>}
        </label>
        <fieldset className="choice-group">
          <legend>Credentials</legend>
          <label className="choice">
            <input type="radio" name="source" checked={draft.source === 'profile'} onChange={() => update({ source: 'profile' })} />
            AWS profile <small>from ~/.aws/credentials or ~/.aws/config</small>
          </label>
          {draft.source === 'profile' && (
            <label className={`field${fieldState('profile')}`}>
              <input value={draft.profile} onChange={(e) => update({ profile: e.target.value }, 'profile')} aria-label="Profile name" name="profile" aria-invalid={fieldError('profile') !== null} aria-describedby="profile-error" />
              {errorLine('profile', 'profile-error')}
            </label>
          )}
          <label className="choice">
            <input type="radio" name="source" checked={draft.source === 'env'} onChange={() => update({ source: 'env' })} />
            Environment variables <small>AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY</small>
          </label>
          <label className="choice">
            <input type="radio" name="source" checked={draft.source === 'stored'} disabled={!props.keychain.available} onChange={() => update({ source: 'stored' })} />
            Keys stored in Turkbench <small>{props.keychain.available ? 'encrypted with the OS keychain' : `not available: ${props.keychain.reason ?? ''}`}</small>
          </label>
          {draft.source === 'stored' && (
            <div className={`form-row${fieldState('keys')}`}>
              <label className="field">
                <span>Access key id</span>
                <input value={draft.accessKeyId} onChange={(e) => update({ accessKeyId: e.target.value }, 'keys')} autoComplete="off" spellCheck={false} name="accessKeyId" placeholder={props.isNew ? 'AKIA…' : 'unchanged'} />
              </label>
              <label className="field">
                <span>Secret access key</span>
                <input type="password" value={draft.secretAccessKey} onChange={(e) => update({ secretAccessKey: e.target.value }, 'keys')} autoComplete="off" name="secretAccessKey" placeholder={props.isNew ? '' : 'unchanged'} />
              </label>
            </div>
          )}
          {draft.source === 'stored' && errorLine('keys', 'keys-error')}
        </fieldset>
        {error && errorField === null && <p className="notice notice--error" role="alert">{error.message}</p>}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={props.onClose}>Cancel</button>
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? 'Saving…' : 'Save connection'}</button>
        </div>
      </form>
    </dialog>
  );
}
