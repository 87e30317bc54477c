import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { secureWebPreferences } from '../security';

export interface MainWindow {
  readonly window: BrowserWindow;
  /** Only this page may call the contract. */
  readonly pageUrl: string;
}

export function createMainWindow(outDir: string): MainWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Turkbench',
    backgroundColor: '#1b1d22',
    webPreferences: secureWebPreferences(join(outDir, 'preload', 'index.js')),
  });
  const page = join(outDir, 'renderer', 'index.html');
  window.once('ready-to-show', () => window.show());
  void window.loadFile(page);
  return { window, pageUrl: pathToFileURL(page).toString() };
}
