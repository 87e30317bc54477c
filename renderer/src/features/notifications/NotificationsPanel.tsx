import { useCallback, useEffect, useState } from 'react';
import type { HitTypeNotificationsRow } from '../../../../shared/contract/notifications';
import { bridge } from '../../api/bridge';
import { useArchiveRefresh } from '../hits/useArchiveRefresh';
import { LocalEventFeed } from './LocalEventFeed';
import { NotificationForm } from './NotificationForm';
import './notifications.css';

/**
 * Settings → Notifications: where each HIT type's events go (SQS, SNS or e-mail), as last set from Turkbench — MTurk
 * has no call that reads them back — with on/off, a test event, and what the built-in Local MTurk would have sent.
 */
export function NotificationsPanel() {
  const [rows, setRows] = useState<readonly HitTypeNotificationsRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<HitTypeNotificationsRow | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const refresh = useArchiveRefresh(['notification_settings', 'hits']);

  const load = useCallback(() => {
    void bridge?.api['notifications.list']({}).then((result) => (result.ok ? setRows(result.value) : setError(result.error.message)));
  }, []);
  useEffect(load, [load, refresh]);

  const act = async (hitTypeId: string, work: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string): Promise<void> => {
    setBusy(hitTypeId);
    setError(null);
    setNotice(null);
    const result = await work();
    setBusy(null);
    if (result.ok) setNotice(done);
    else setError(result.error?.message ?? 'It did not work.');
    load();
  };
  const toggle = (row: HitTypeNotificationsRow, active: boolean): void =>
    void act(row.hitTypeId, () => bridge!.api['notifications.update']({ hitTypeId: row.hitTypeId, active }), `Notifications for “${row.title}” are ${active ? 'on' : 'off'}.`);
  const test = (row: HitTypeNotificationsRow): void =>
    void act(row.hitTypeId, () => bridge!.api['notifications.test']({ hitTypeId: row.hitTypeId, testEventType: 'Ping' }), `MTurk took a Ping test event for “${row.title}”; check ${row.settings?.destination ?? 'the destination'}.`);

  return (
    <section className="settings-section notifications" aria-labelledby="notifications-title" data-testid="notifications-panel">
      <h2 id="notifications-title">HIT type notifications</h2>
      <p className="muted">Have MTurk tell an SQS queue, an SNS topic or an e-mail address when work is submitted or a HIT is reviewable. Checked here before MTurk sees it.</p>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {notice && <p className="notice notice--ok" role="status" data-testid="notifications-notice">{notice}</p>}
      {rows === null ? (
        <p className="muted" aria-busy="true">Loading HIT types…</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="notifications-empty">No HIT types in the archive yet. Sync, or launch a batch, and they appear here.</p>
      ) : (
        <table className="notifications__table" data-testid="notifications-table">
          <thead>
            <tr><th>HIT type</th><th>HITs</th><th>Events go to</th><th aria-label="Actions" /></tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.hitTypeId} data-hit-type={row.hitTypeId}>
                <td><span className="notifications__title">{row.title}</span><span className="mono muted">{row.hitTypeId}</span></td>
                <td>{row.hits}</td>
                <td>{row.settings ? <Destination row={row} /> : <span className="muted">Not set from here</span>}</td>
                <td className="notifications__actions">
                  <button type="button" className="button" onClick={() => setEditing(row)} disabled={busy !== null}>{row.settings ? 'Edit…' : 'Set up…'}</button>
                  {row.settings && (
                    <>
                      <button type="button" className="button" onClick={() => toggle(row, !row.settings!.active)} disabled={busy !== null}>{row.settings.active ? 'Turn off' : 'Turn on'}</button>
                      <button type="button" className="button" onClick={() => test(row)} disabled={busy !== null}>Send test</button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NotificationForm row={editing} onClose={() => setEditing(null)} onSaved={(message) => { setEditing(null); setNotice(message); load(); }} />
      <LocalEventFeed />
    </section>
  );
}

function Destination({ row }: { row: HitTypeNotificationsRow }) {
  const settings = row.settings!;
  return (
    <span className="notifications__destination">
      <span className={`status-pill ${settings.active ? 'status-pill--on' : 'status-pill--off'}`}>{settings.active ? 'On' : 'Off'}</span>{' '}
      <strong>{settings.transport}</strong> <span className="mono">{settings.destination}</span>
      <span className="muted notifications__events">{settings.eventTypes.join(', ')}</span>
    </span>
  );
}
