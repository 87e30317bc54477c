import type { Theme } from '../../../../shared/preferences';
import { useAppStore } from '../../stores/app-store';
import { LocalMTurkPanel } from '../built-in/LocalMTurkPanel';
import { NotificationsPanel } from '../notifications/NotificationsPanel';
import { askNotificationPermission } from '../notifications/useDesktopNotifications';
import { ConnectionsPanel } from './ConnectionsPanel';
import './settings.css';

const THEMES: { id: Theme; label: string }[] = [
  { id: 'system', label: 'Match the system' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

export function SettingsView() {
  const { prefs, info, updatePrefs } = useAppStore();
  return (
    <div className="settings">
      <ConnectionsPanel />
      <LocalMTurkPanel />
      <NotificationsPanel />
      <section className="settings-section" aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <fieldset className="choice-group choice-group--inline">
          <legend>Theme</legend>
          {THEMES.map((theme) => (
            <label className="choice" key={theme.id}>
              <input type="radio" name="theme" checked={prefs.theme === theme.id} onChange={() => void updatePrefs({ theme: theme.id })} />
              {theme.label}
            </label>
          ))}
        </fieldset>
      </section>
      <section className="settings-section" aria-labelledby="desktop-notifications-title">
        <h2 id="desktop-notifications-title">Desktop notifications</h2>
        <p className="muted">New submissions in the batches you watch (Batches → a batch → Watch), and work MTurk approves by itself within 24 hours.</p>
        <label className="choice">
          <input
            type="checkbox"
            data-testid="notifications-muted"
            checked={prefs.notificationsMuted === true}
            onChange={(e) => {
              if (!e.target.checked) askNotificationPermission();
              void updatePrefs({ notificationsMuted: e.target.checked });
            }}
          />
          Mute desktop notifications
        </label>
      </section>
      <section className="settings-section" aria-labelledby="data-title">
        <h2 id="data-title">Data</h2>
        <p className="muted">The archive, preferences and the Local MTurk's state are kept here. Back it up like any other folder.</p>
        <p className="mono data-path">{info?.dataDir}</p>
      </section>
    </div>
  );
}
