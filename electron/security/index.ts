import { app, session, shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { parseSafeExternalUrl } from './external-url';

/**
 * The security baseline, in one place (Electron security checklist). Every window gets these
 * preferences; every web contents — including any created later — gets navigation, window-open and
 * webview guards; every session denies permissions and carries the CSP header.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // Set explicitly even where they are Electron's defaults, so a default change cannot weaken us.
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
  };
}

/** Opens a link in the user's browser only if it is a parsed https URL. Returns whether it did. */
export async function openExternalSafely(raw: string): Promise<boolean> {
  const url = parseSafeExternalUrl(raw);
  if (!url) return false;
  await shell.openExternal(url.toString());
  return true;
}

export function hardenWebContents(contents: WebContents): void {
  // The app is a single page: it never navigates, so any navigation is an attack or a stray link.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url);
    return { action: 'deny' };
  });
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

/** Call once, before the first window: applies the baseline app-wide. */
export function installSecurityBaseline(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.whenReady().then(() => hardenSession(session.defaultSession), () => undefined);
}
