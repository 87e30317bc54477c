import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeElectron, electronModuleFor, fakeEvent, FakeWebContents, type FakeElectron } from '../../helpers/fake-electron';

let fake: FakeElectron = createFakeElectron();
vi.mock('electron', () => electronModuleFor(() => fake));
vi.mock('electron-store', () => ({
  default: class {
    get(): undefined {
      return undefined;
    }
    set(): void {}
  },
}));

const { hardenWebContents, hardenSession, installSecurityBaseline, openExternalSafely } = await import('../../../electron/security');
const { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, pageContentSecurityPolicy } = await import('../../../electron/security/csp');
const { createMainWindow } = await import('../../../electron/shell/window');
const { registerAppScheme, serveAppProtocol } = await import('../../../electron/shell/app-protocol');
const { parseSafeExternalUrl } = await import('../../../electron/security/external-url');

beforeEach(() => {
  fake = createFakeElectron();
});

describe('the main window', () => {
  it('is made with isolation, sandbox and no Node set explicitly, and loads the app:// page, not file://', () => {
    const { pageUrl } = createMainWindow('/app/out');
    const window = fake.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.loadedUrl).toBe('app://turkbench/index.html');
    expect(pageUrl).toBe('app://turkbench/index.html');
  });
});

describe('the app:// protocol', () => {
  let rendererDir: string;
  beforeEach(() => {
    rendererDir = join(mkdtempSync(join(tmpdir(), 'tb-app-')), 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Turkbench</title></head><body></body></html>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(rendererDir, '..', 'secret.txt'), 'do not serve');
  });

  it('is registered as a standard, secure scheme', () => {
    registerAppScheme();
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the page with a per-response style nonce in its policy and the security headers on everything', async () => {
    serveAppProtocol(rendererDir);
    const get = (url: string) => fake.protocol.handlers.get('app')!({ url });
    const page = await get('app://turkbench/index.html');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(csp).toBe(pageContentSecurityPolicy({ styleNonce: nonce }));
    expect(await page.text()).toContain(`<meta name="turkbench-style-nonce" content="${nonce}" />`);
    const script = await get('app://turkbench/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    for (const response of [page, script, await get('app://other-host/index.html')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    }
  });

  it('never serves a file outside the renderer folder, and only for its own host', async () => {
    serveAppProtocol(rendererDir);
    const get = (url: string) => fake.protocol.handlers.get('app')!({ url });
    for (const url of ['app://turkbench/../secret.txt', 'app://turkbench/%2e%2e/secret.txt', 'app://turkbench/assets/..%2f..%2fsecret.txt', 'app://turkbench/%00']) {
      expect(await (await get(url)).text(), url).not.toContain('do not serve');
    }
    expect((await get('app://evil/index.html')).status).toBe(404);
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
  it('denies every permission request and check but notifications for the app page itself', () => {
    hardenSession(fake.session.defaultSession as never);
    const answers: boolean[] = [];
    const appPage = { requestingUrl: 'app://turkbench/index.html', isMainFrame: true };
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      fake.session.defaultSession.permissionRequestHandler!({}, permission, (granted) => answers.push(granted));
      fake.session.defaultSession.permissionRequestHandler!({}, permission, (granted) => answers.push(granted), appPage);
    }
    expect(answers).toEqual([false, false, false, false, false, true, false, false]);
    const check = fake.session.defaultSession.permissionCheckHandler!;
    expect(check()).toBe(false);
    expect(check({}, 'notifications', 'app://turkbench', appPage)).toBe(true);
    // A framed preview or replay, another origin, or another permission: refused.
    expect(check({}, 'notifications', 'app://turkbench', { requestingUrl: 'app://turkbench/index.html', isMainFrame: false })).toBe(false);
    expect(check({}, 'notifications', 'http://127.0.0.1:5000', { requestingUrl: 'http://127.0.0.1:5000/r/abc', isMainFrame: true })).toBe(false);
    expect(check({}, 'media', 'app://turkbench', appPage)).toBe(false);
    expect(check({}, 'notifications', 'app://turkbench', { requestingUrl: 'not a url', isMainFrame: true })).toBe(false);
  });

  it('adds the strict CSP to responses without one and keeps the own (nonce) policy of the page', () => {
    hardenSession(fake.session.defaultSession as never);
    const run = (responseHeaders: Record<string, string[]>) => {
      let headers: Record<string, string[]> = {};
      fake.session.headerListeners[0]!({ responseHeaders }, (r) => (headers = r.responseHeaders));
      return headers;
    };
    const plain = run({ 'Content-Type': ['text/html'] });
    expect(plain['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(plain['Content-Type']).toEqual(['text/html']);
    expect(plain['X-Content-Type-Options']).toEqual(['nosniff']);
    const page = pageContentSecurityPolicy({ styleNonce: 'abc' });
    const own = run({ 'content-security-policy': [page] });
    expect(own['content-security-policy']).toEqual([page]);
    expect(own['Content-Security-Policy']).toBeUndefined();
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

  it('allows no inline style either: only <style> elements with the nonce of the response', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CSP_DIRECTIVES['style-src']).toBe("'self'");
    const page = pageContentSecurityPolicy({ styleNonce: 'n0nce' });
    expect(page).toContain("style-src 'self' 'nonce-n0nce'");
    expect(page).not.toContain('unsafe-inline');
    expect(page).toContain("form-action 'none'");
  });

  it("frames nothing, except the batch editor's preview host when it is running", () => {
    expect(CSP_DIRECTIVES['frame-src']).toBe("'none'");
    expect(pageContentSecurityPolicy({ styleNonce: 'n' })).toContain("frame-src 'none'");
    const page = pageContentSecurityPolicy({ styleNonce: 'n', previewOrigin: 'http://127.0.0.1:41234' });
    expect(page).toContain('frame-src http://127.0.0.1:41234;');
    expect(page).not.toContain("frame-src 'none'");
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
