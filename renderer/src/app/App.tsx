import './zod-without-eval';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AREA_IDS, type AreaId } from '../../../shared/preferences';
import { JobsCenter } from '../features/jobs/JobsCenter';
import { useDesktopNotifications } from '../features/notifications/useDesktopNotifications';
import { useAppStore } from '../stores/app-store';
import { AREAS, areaById } from './areas';
import { ConnectionBadge } from './ConnectionBadge';
import { AreaView } from './AreaView';
import { Icon } from './icons';
import { Sidebar } from './Sidebar';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useSidebarCollapsed } from './useSidebarCollapsed';
import { useShortcuts } from './shortcuts';
import { nextTheme, useAppliedTheme } from './theme';

/** The area lives in the URL hash (#/review) so reload and back/forward keep the place. */
function areaFromHash(): AreaId | null {
  const id = window.location.hash.replace(/^#\/?/, '');
  return (AREA_IDS as readonly string[]).includes(id) ? (id as AreaId) : null;
}

export function App() {
  const { status, info, connection, prefs, error, load, dispose, updatePrefs, goTo } = useAppStore();
  const [hashArea, setHashArea] = useState<AreaId | null>(areaFromHash);
  const [helpOpen, setHelpOpen] = useState(false);
  const [jobsOpen, setJobsOpen] = useState(false);
  const applied = useAppliedTheme(prefs.theme);
  const saveSidebarCollapsed = useCallback((collapsed: boolean) => void updatePrefs({ sidebarCollapsed: collapsed }), [updatePrefs]);
  const sidebar = useSidebarCollapsed(prefs.sidebarCollapsed, saveSidebarCollapsed);

  useEffect(() => {
    void load();
    return dispose;
  }, [load, dispose]);
  useEffect(() => {
    const onHash = (): void => setHashArea(areaFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const current = hashArea ?? prefs.lastArea;
  const select = useCallback(
    (area: AreaId) => {
      window.location.hash = `/${area}`;
      goTo(area);
    },
    [goTo],
  );
  const shortcuts = useMemo(
    () => ({
      onArea: (i: number) => AREAS[i] && select(AREAS[i].id),
      onToggleSidebar: sidebar.toggle,
      onCycleTheme: () => void updatePrefs({ theme: nextTheme(prefs.theme) }),
      onHelp: () => setHelpOpen(true),
      onJobs: () => setJobsOpen(true),
    }),
    [select, updatePrefs, sidebar.toggle, prefs.theme],
  );
  useShortcuts(shortcuts);
  useDesktopNotifications();

  if (status === 'no-session') {
    return (
      <main className="blocking">
        <h1>Open Turkbench from its own link</h1>
        <p>This page needs the session link that <code>npm start</code> or <code>npm run serve</code> printed (it ends in <code>?token=…</code>).</p>
      </main>
    );
  }
  if (status === 'failed') {
    return (
      <main className="blocking">
        <h1>Turkbench could not start</h1>
        <p>{error?.message}</p>
      </main>
    );
  }

  const area = areaById(current);
  const production = connection?.kind === 'production';
  return (
    <div className={`shell${production ? ' shell--production' : ''}`} data-theme-applied={applied}>
      {production && <div className="production-banner" role="alert">PRODUCTION — actions here spend real money</div>}
      <Sidebar current={current} collapsed={sidebar.collapsed} onSelect={select} onToggle={shortcuts.onToggleSidebar} />
      <div className="main">
        <header className="topbar">
          <div className="topbar__title">
            <h1>{area.title}</h1>
            <p>{area.summary}</p>
          </div>
          <div className="topbar__actions">
            <ConnectionBadge status={connection} />
            <button type="button" className="icon-button" onClick={shortcuts.onCycleTheme} title={`Theme: ${prefs.theme} (Ctrl+Shift+L)`} data-testid="theme-toggle">
              <Icon name={prefs.theme === 'system' ? 'monitor' : prefs.theme === 'dark' ? 'moon' : 'sun'} />
            </button>
            <button type="button" className="icon-button" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (?)">
              <Icon name="keyboard" />
            </button>
          </div>
        </header>
        <main className="content" data-area={area.id}>
          {status === 'loading' ? <div className="loading" aria-busy="true">Loading…</div> : <AreaView area={area} />}
        </main>
        <footer className="statusbar">
          <span>{info ? `Turkbench ${info.version}` : 'Turkbench'}</span>
          <span>{info?.mode === 'serve' ? 'Browser mode' : 'Desktop'}</span>
          {status === 'ready' && <JobsCenter open={jobsOpen} onOpen={() => setJobsOpen(true)} onClose={() => setJobsOpen(false)} />}
          <span className="statusbar__path" title="Data folder">{info?.dataDir}</span>
        </footer>
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
