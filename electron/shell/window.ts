import { BrowserWindow, screen } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { secureWebPreferences } from '../security';
import { restoreWindowState, type WindowState } from './window-bounds';

export interface MainWindow {
  readonly window: BrowserWindow;
  /** Only this page may call the contract. */
  readonly pageUrl: string;
}

/** Opens where it was closed (when that place still exists), with the security baseline's preferences. */
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
    webPreferences: secureWebPreferences(join(outDir, 'preload', 'index.js')),
  });
  const page = join(outDir, 'renderer', 'index.html');
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => store.set('window', { ...window.getNormalBounds(), maximized: window.isMaximized() }));
  void window.loadFile(page);
  return { window, pageUrl: pathToFileURL(page).toString() };
}
