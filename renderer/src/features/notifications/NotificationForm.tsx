import { useEffect, useRef, useState } from 'react';
import type { HitTypeNotificationsRow } from '../../../../shared/contract/notifications';
import {
  checkNotificationSpec,
  NOTIFICATION_EVENT_TYPES,
  NOTIFICATION_TRANSPORTS,
  NOTIFICATION_VERSION,
  type NotificationTransport,
  type SpecProblem,
} from '../../../../shared/notifications/notification-spec';
import { bridge } from '../../api/bridge';

interface Draft {
  transport: NotificationTransport;
  destination: string;
  eventTypes: string[];
  active: boolean;
}

const PLACEHOLDER: Record<NotificationTransport, string> = {
  SQS: 'https://sqs.us-east-1.amazonaws.com/123456789012/my-queue',
  SNS: 'arn:aws:sns:us-east-1:123456789012:my-topic',
  Email: 'lab@example.org',
};

const draftOf = (row: HitTypeNotificationsRow): Draft =>
  row.settings
    ? { transport: row.settings.transport, destination: row.settings.destination, eventTypes: [...row.settings.eventTypes], active: row.settings.active }
    : { transport: 'SQS', destination: '', eventTypes: ['AssignmentSubmitted'], active: true };

/** Set up or edit one HIT type's notifications; each field says what is wrong as it is typed, before MTurk sees it. */
export function NotificationForm(props: { row: HitTypeNotificationsRow | null; onClose(): void; onSaved(message: string): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setDraft(props.row ? draftOf(props.row) : null);
    setError(null);
    const dialog = ref.current;
    if (props.row && dialog && !dialog.open) dialog.showModal();
    if (!props.row && dialog?.open) dialog.close();
  }, [props.row]);

  const row = props.row;
  const problems: SpecProblem[] = draft ? checkNotificationSpec({ ...draft, version: NOTIFICATION_VERSION }) : [];
  const problemOf = (field: SpecProblem['field']): string | null => problems.filter((p) => p.field === field).map((p) => p.message).join(' ') || null;
  const edited = (draft?.destination ?? '') !== '';

  const save = async (): Promise<void> => {
    if (!row || !draft || problems.length > 0 || !bridge) return;
    setSaving(true);
    const result = await bridge.api['notifications.update']({
      hitTypeId: row.hitTypeId,
      notification: { transport: draft.transport, destination: draft.destination, version: NOTIFICATION_VERSION, eventTypes: draft.eventTypes },
      active: draft.active,
    });
    setSaving(false);
    if (result.ok) props.onSaved(`Notifications for “${row.title}” ${result.value.active ? 'go' : 'will go (once turned on)'} to ${result.value.destination}.`);
    else setError(result.error.message);
  };

  return (
    <dialog ref={ref} className="dialog dialog--wide" onClose={props.onClose} aria-labelledby="notification-form-title" data-testid="notification-form">
      {row && draft && (
        <form method="dialog" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <h2 id="notification-form-title">Notifications for “{row.title}”</h2>
          <label className="field">
            <span>Send to</span>
            <select name="transport" value={draft.transport} onChange={(e) => setDraft({ ...draft, transport: e.target.value as NotificationTransport })}>
              {NOTIFICATION_TRANSPORTS.map((t) => <option key={t} value={t}>{t === 'SQS' ? 'SQS queue' : t === 'SNS' ? 'SNS topic' : 'E-mail'}</option>)}
            </select>
          </label>
          <label className={`field${edited && problemOf('destination') ? ' field--invalid' : ''}`}>
            <span>{draft.transport === 'SQS' ? 'Queue URL' : draft.transport === 'SNS' ? 'Topic ARN' : 'Address'}</span>
            <input name="destination" value={draft.destination} placeholder={PLACEHOLDER[draft.transport]} onChange={(e) => setDraft({ ...draft, destination: e.target.value })} aria-invalid={edited && problemOf('destination') !== null} />
            {edited && problemOf('destination') ? <span className="field__error" role="alert">{problemOf('destination')}</span> : <span className="field__hint">The queue or topic must allow mturk-requester.amazonaws.com to send to it.</span>}
          </label>
          <fieldset className="choice-group notifications__event-types">
            <legend>Events</legend>
            {NOTIFICATION_EVENT_TYPES.map((type) => (
              <label className="choice" key={type}>
                <input type="checkbox" checked={draft.eventTypes.includes(type)} onChange={(e) => setDraft({ ...draft, eventTypes: e.target.checked ? [...draft.eventTypes, type] : draft.eventTypes.filter((t) => t !== type) })} />
                {type}
              </label>
            ))}
          </fieldset>
          {problemOf('eventTypes') && <p className="field__error" role="alert">{problemOf('eventTypes')}</p>}
          <label className="choice">
            <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} /> On (MTurk sends as soon as this is saved)
          </label>
          {error && <p className="notice notice--error" role="alert">{error}</p>}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={props.onClose}>Cancel</button>
            <button type="submit" className="button button--primary" disabled={saving || problems.length > 0}>{saving ? 'Saving…' : 'Save on MTurk'}</button>
          </div>
        </form>
      )}
    </dialog>
  );
}
