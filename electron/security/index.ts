import { app, session, shell, type Session, type WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from '../shell/app-content';
import { CONTENT_SECURITY_POLICY } from './csp';
import { parseSafeExternalUrl } from './external-url';

/**
 * The security baseline, in one place (Electron security checklist). Every web contents — including
 * any created later — gets navigation, window-open and webview guards; every session denies
 * permissions (but notifications for the app's own page) and carries the security headers. The window's own web preferences are written out
 * where it is created (shell/window.ts).
 */

/** Opens a link in the user's browser only if it is a parsed https URL. Returns whether it did. */
export async function openExternalSafely(raw: string): Promise<boolean> {
  const url = parseSafeExternalUrl(raw);
  if (!url) return false;
  await shell.openExternal(url.toString()); // eng-disable OPEN_EXTERNAL_JS_CHECK -- only a parsed https: URL without credentials gets here (parseSafeExternalUrl)
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

/**
 * The one permission granted: desktop notifications, to the app's own page in its main frame — never to a framed
 * preview or replay, whose origin is the preview host's.
 */
export function permits(permission: string, requestingUrl: string | undefined, isMainFrame: boolean | undefined): boolean {
  if (permission !== 'notifications' || isMainFrame !== true || requestingUrl === undefined) return false;
  try {
    const url = new URL(requestingUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permits(permission, details?.requestingUrl, details?.isMainFrame)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => permits(permission, details?.requestingUrl ?? requestingOrigin, details?.isMainFrame));
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = details.responseHeaders ?? {};
    // The page's own policy (app://, with its style nonce) stays; anything else gets the strict default.
    const hasPolicy = Object.keys(headers).some((name) => name.toLowerCase() === 'content-security-policy');
    callback({
      responseHeaders: {
        ...headers,
        ...(hasPolicy ? {} : { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }),
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
