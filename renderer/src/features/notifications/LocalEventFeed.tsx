import { useCallback, useEffect, useState } from 'react';
import type { LocalNotificationEvent } from '../../../../shared/contract/notifications';
import { bridge } from '../../api/bridge';
import { formatTime } from '../../grid/format';

/** What the built-in Local MTurk would have delivered: its event log, newest first, refreshed on demand. */
export function LocalEventFeed() {
  const [events, setEvents] = useState<readonly LocalNotificationEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void bridge?.api['localMTurk.events']({}).then((result) => (result.ok ? setEvents([...result.value].reverse()) : setError(result.error.message)));
  }, []);
  useEffect(load, [load]);

  return (
    <div className="notifications__feed" data-testid="local-event-feed">
      <div className="settings-section__head">
        <div>
          <h3>Built-in Local MTurk: events it would have sent</h3>
          <p className="muted">Nothing leaves this computer; each line is the message MTurk would deliver.</p>
        </div>
        <button type="button" className="button" onClick={load}>Refresh</button>
      </div>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {events !== null && events.length === 0 && <p className="muted">No events yet. Set up notifications on a Local MTurk HIT type, or send a test.</p>}
      {events !== null && events.length > 0 && (
        <ol className="notifications__events-list">
          {events.slice(0, 50).map((event) => (
            <li key={event.seq}>
              <span className="mono">{formatTime(event.time)}</span> <strong>{event.eventType}</strong>
              {event.test && <span className="kind-badge">test</span>} → {event.transport} <span className="mono">{event.destination}</span>
              {event.hitId && <span className="mono muted"> HIT {event.hitId}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
