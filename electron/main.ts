/**
 * Composition root of the desktop app. Everything here is wiring: the logic lives in plain modules
 * (core/, handlers/, services) that serve mode and the tests build the same way.
 */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createAppCore } from './core/app-core';
import { fileSink, teeSink } from './logging/file-sink';
import { consoleSink, createLogger } from './logging/logger';
import { installSecurityBaseline } from './security';
import { isSameDocument } from './security/trusted-page';
import { homedir } from 'node:os';
import { createElectronPrefs } from './shell/electron-prefs';
import { registerAppScheme, serveAppProtocol } from './shell/app-protocol';
import { osKeychain } from './shell/safe-storage';
import { forwardEvents, registerIpc } from './shell/ipc';
import { installMenu } from './shell/menu';
import { createMainWindow } from './shell/window';
import { pickBatchFolder } from './shell/folder-picker';

// app.getPath works before ready; the log file sits in the data folder beside the archive.
const log = createLogger('main', teeSink(consoleSink, fileSink(join(app.getPath('userData'), 'logs', 'turkbench.log'))));
process.on('uncaughtException', (e) => log.error('uncaught exception', e));
process.on('unhandledRejection', (e) => log.error('unhandled rejection', e));

installSecurityBaseline();
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  installMenu(process.platform, app.isPackaged);
  const core = createAppCore({
    info: {
      name: 'Turkbench',
      version: app.getVersion(),
      mode: 'electron',
      dataDir: app.getPath('userData'),
      platform: process.platform,
      versions: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
    },
    prefs: createElectronPrefs(),
    log,
    keychain: osKeychain(),
    env: process.env,
    homeDir: homedir(),
    pickFolder: pickBatchFolder,
  });
  const outDir = join(__dirname, '..');
  serveAppProtocol(join(outDir, 'renderer'), () => core.services.batchEditor.previewOrigin());
  const trusted = new Set<number>();
  let pageUrl = '';
  registerIpc({ dispatch: core.dispatch, events: core.events, isTrustedPage: (url) => isSameDocument(url, pageUrl), trustedContents: trusted, log });

  const open = (): void => {
    const main = createMainWindow(outDir);
    pageUrl = main.pageUrl;
    const id = main.window.webContents.id;
    trusted.add(id);
    main.window.webContents.once('destroyed', () => trusted.delete(id));
    forwardEvents(core.events, main.window.webContents);
  };
  // The page's policy names the preview host as the one origin it may frame, so it starts before the first page load.
  core.services.batchEditor.startPreviewHost().then(open, (e: unknown) => {
    log.error('the batch preview host did not start; previews will not show', e);
    open();
  });
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && open());
  app.on('before-quit', () => void core.dispose());
}, (e: unknown) => log.error('startup failed', e));

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
