import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeElectron, electronModuleFor, fakeEvent, FakeWebContents, type FakeElectron } from '../../helpers/fake-electron';

let fake: FakeElectron = createFakeElectron();
vi.mock('electron', () => electronModuleFor(() => fake));

const { secureWebPreferences, hardenWebContents, hardenSession, installSecurityBaseline, openExternalSafely } = await import('../../../electron/security');
const { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } = await import('../../../electron/security/csp');
const { parseSafeExternalUrl } = await import('../../../electron/security/external-url');

beforeEach(() => {
  fake = createFakeElectron();
});

describe('window preferences', () => {
  it('set isolation, sandbox and no Node explicitly', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.js');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('web contents guards', () => {
  it('prevent every navigation, redirect and webview', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = fakeEvent();
      contents.emit(name, event, 'https://evil.example/');
      expect(event.defaultPrevented, name).toBe(true);
    }
  });

  it('deny window.open, sending only https links to the browser', async () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://worker.mturk.com/projects' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.shell.opened).toEqual(['https://worker.mturk.com/projects']);
  });

  it('apply to every web contents created later', () => {
    installSecurityBaseline();
    expect(fake.app.sandboxEnabled).toBe(true);
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    const event = fakeEvent();
    contents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('session', () => {
  it('denies every permission request and check', () => {
    hardenSession(fake.session.defaultSession as never);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      fake.session.defaultSession.permissionRequestHandler!({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(fake.session.defaultSession.permissionCheckHandler!()).toBe(false);
  });

  it('adds the CSP header to every response', () => {
    hardenSession(fake.session.defaultSession as never);
    let headers: Record<string, string[]> = {};
    fake.session.headerListeners[0]!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['Content-Type']).toEqual(['text/html']);
  });
});

describe('content security policy', () => {
  it('allows no eval, no inline script and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CSP_DIRECTIVES['script-src']).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    expect(CSP_DIRECTIVES['object-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['frame-ancestors']).toBe("'none'");
  });
});

describe('external links', () => {
  it('accept only parsed https URLs without credentials', () => {
    expect(parseSafeExternalUrl('https://requester.mturk.com/')?.hostname).toBe('requester.mturk.com');
    for (const bad of ['http://requester.mturk.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@mturk.com/', 'mturk.com', 'smb://host/share', '']) {
      expect(parseSafeExternalUrl(bad), bad).toBeNull();
    }
  });

  it('openExternalSafely opens what is safe and refuses the rest', async () => {
    expect(await openExternalSafely('https://worker.mturk.com/')).toBe(true);
    expect(await openExternalSafely('ms-msdt:/id PCWDiagnostic')).toBe(false);
    expect(fake.shell.opened).toEqual(['https://worker.mturk.com/']);
  });
});
