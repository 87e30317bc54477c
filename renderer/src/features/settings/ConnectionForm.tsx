import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import { useConnectionsStore } from '../../stores/connections-store';
import { configFrom, keysFrom, withKind, type ConnectionDraft } from './connection-form-model';

/** Add or edit a connection. Server-side validation errors are shown on the field they name. */
export function ConnectionForm(props: { draft: ConnectionDraft | null; isNew: boolean; keychain: { available: boolean; reason?: string }; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const save = useConnectionsStore((s) => s.save);
  const [draft, setDraft] = useState<ConnectionDraft | null>(props.draft);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDraft(props.draft);
    setError(null);
    const dialog = ref.current;
    if (props.draft && dialog && !dialog.open) dialog.showModal();
    if (!props.draft && dialog?.open) dialog.close();
  }, [props.draft]);

  if (!draft) return <dialog ref={ref} className="dialog" onClose={props.onClose} />;
  const update = (patch: Partial<ConnectionDraft>): void => setDraft({ ...draft, ...patch });
  const fieldError = (field: string): string | null => (error?.field?.split('.').includes(field) ? error.message : null);

  const submit = async (): Promise<void> => {
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
          <label className={`field${fieldError('label') ? ' field--invalid' : ''}`}>
            <span>Name</span>
            <input value={draft.label} onChange={(e) => update({ label: e.target.value })} name="label" required />
          </label>
        </div>
        {draft.kind === 'production' && <p className="notice notice--warn">Production spends real money. Turkbench will ask you to confirm before switching to it and before every payment.</p>}
        {draft.kind === 'custom' && (
          <div className="form-row">
            <label className={`field${fieldError('endpoint') ? ' field--invalid' : ''}`}>
              <span>Endpoint URL</span>
              <input value={draft.endpoint} onChange={(e) => update({ endpoint: e.target.value })} placeholder="http://127.0.0.1:9440" name="endpoint" />
              {fieldError('endpoint') && <span className="field__error">{fieldError('endpoint')}</span>}
            </label>
            <label className="field">
              <span>Region (for signing)</span>
              <input value={draft.region} onChange={(e) => update({ region: e.target.value })} name="region" />
            </label>
          </div>
        )}
        <label className={`field${fieldError('requestsPerSecond') ? ' field--invalid' : ''}`}>
          <span>Requests per second</span>
          <input value={draft.requestsPerSecond} onChange={(e) => update({ requestsPerSecond: e.target.value })} inputMode="decimal" placeholder={draft.kind === 'custom' ? '2 (safe for AWS)' : '2 (safe default)'} name="requestsPerSecond" />
          <span className="field__hint">MTurk publishes no limit; about 2 per second is reliable. Raise it for a standalone Local MTurk.</span>
        </label>
        <fieldset className="choice-group">
          <legend>Credentials</legend>
          <label className="choice">
            <input type="radio" name="source" checked={draft.source === 'profile'} onChange={() => update({ source: 'profile' })} />
            AWS profile <small>from ~/.aws/credentials or ~/.aws/config</small>
          </label>
          {draft.source === 'profile' && (
            <label className={`field${fieldError('profile') ? ' field--invalid' : ''}`}>
              <input value={draft.profile} onChange={(e) => update({ profile: e.target.value })} aria-label="Profile name" name="profile" />
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
            <div className="form-row">
              <label className="field">
                <span>Access key id</span>
                <input value={draft.accessKeyId} onChange={(e) => update({ accessKeyId: e.target.value })} autoComplete="off" spellCheck={false} name="accessKeyId" placeholder={props.isNew ? 'AKIA…' : 'unchanged'} />
              </label>
              <label className="field">
                <span>Secret access key</span>
                <input type="password" value={draft.secretAccessKey} onChange={(e) => update({ secretAccessKey: e.target.value })} autoComplete="off" name="secretAccessKey" placeholder={props.isNew ? '' : 'unchanged'} />
              </label>
            </div>
          )}
        </fieldset>
        {error && <p className="notice notice--error" role="alert">{error.message}</p>}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={props.onClose}>Cancel</button>
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? 'Saving…' : 'Save connection'}</button>
        </div>
      </form>
    </dialog>
  );
}
