import type { Theme } from '../../../../shared/preferences';
import { useAppStore } from '../../stores/app-store';
import { LocalMTurkPanel } from '../built-in/LocalMTurkPanel';
import { NotificationsPanel } from '../notifications/NotificationsPanel';
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
      <section className="settings-section" aria-labelledby="data-title">
        <h2 id="data-title">Data</h2>
        <p className="muted">The archive, preferences and the Local MTurk's state are kept here. Back it up like any other folder.</p>
        <p className="mono data-path">{info?.dataDir}</p>
      </section>
    </div>
  );
}
