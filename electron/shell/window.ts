import { BrowserWindow, screen } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { APP_PAGE_URL } from './app-content';
import { restoreWindowState, type WindowState } from './window-bounds';

export interface MainWindow {
  readonly window: BrowserWindow;
  /** Only this page may call the contract. */
  readonly pageUrl: string;
}

/**
 * Opens where it was closed (when that place still exists). The web preferences are the security
 * baseline, written out here in full so that they are read (and checked by Electronegativity) where
 * the window is made; every one is set explicitly, so a change of Electron's defaults cannot weaken it.
 */
export function createMainWindow(outDir: string): MainWindow {
  const store = new Store<{ window?: WindowState }>({ name: 'window-state' });
  const state = restoreWindowState(store.get('window'), screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    ...state,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Turkbench',
    backgroundColor: '#1b1d22',
    webPreferences: {
      preload: join(outDir, 'preload', 'index.js'), // eng-disable PRELOAD_JS_CHECK -- our own bundled preload; it exposes only the contract's methods through contextBridge
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click must not open a link in a new window (window.open is denied as well).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => store.set('window', { ...window.getNormalBounds(), maximized: window.isMaximized() }));
  void window.loadURL(APP_PAGE_URL);
  return { window, pageUrl: APP_PAGE_URL };
}
