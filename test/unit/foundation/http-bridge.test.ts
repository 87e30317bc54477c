import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpBridge, type HttpBridge } from '../../../electron/serve/http-bridge';
import { testAppCore } from '../../helpers/app-core';
import { memoryLogger } from '../../helpers/memory-log';
import type { AppCore } from '../../../electron/core/app-core';

const CODE = 'ABCDE-FGHJK-MNPQR-STUVW-XYZ23';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so the test controls Host, Origin and Cookie exactly (fetch forbids setting Host). */
function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

let bridge: HttpBridge;
let core: AppCore;
let staticDir: string;
let logged: ReturnType<typeof memoryLogger>;

beforeEach(async () => {
  staticDir = join(mkdtempSync(join(tmpdir(), 'tb-static-')), 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>Turkbench</title></head><body></body></html>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, '..', 'secret.txt'), 'do not serve');
  core = testAppCore();
  logged = memoryLogger();
  bridge = await startHttpBridge({ dispatch: core.dispatch, events: core.events, staticDir, log: logged.log, signInCode: CODE });
});
afterEach(() => bridge.close());

const signIn = (code: string, headers: Record<string, string> = {}) =>
  send(bridge.port, {
    method: 'POST',
    path: '/session',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${bridge.port}`, ...headers },
    body: new URLSearchParams({ code }).toString(),
  });

/** Signs in once and returns the Cookie header a browser would send from then on. */
async function sessionCookie(): Promise<string> {
  const res = await signIn(CODE);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return setCookie[0]!.split(';')[0]!;
}

const api = (method: string, body: unknown, cookie: string, headers: Record<string, string> = {}) =>
  send(bridge.port, { method: 'POST', path: `/api/${method}`, headers: { cookie, 'content-type': 'application/json', ...headers }, body: body === undefined ? '' : JSON.stringify(body) });

describe('serve-mode sign-in', () => {
  it('prints an address that carries no secret, and a one-time code per launch', async () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`);
    expect(bridge.signInCode).toBe(CODE);
    const other = await startHttpBridge({ dispatch: core.dispatch, events: core.events, staticDir, log: memoryLogger().log });
    expect(other.signInCode).toMatch(/^([A-HJKMNP-Z2-9]{5}-){4}[A-HJKMNP-Z2-9]{5}$/);
    expect(other.signInCode).not.toBe(CODE);
    await other.close();
  });

  it('shows a browser without a session only the sign-in form, never the app', async () => {
    for (const path of ['/', '/review', '/index.html']) {
      const page = await send(bridge.port, { path });
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain('<form method="post" action="/session">');
      expect(page.body, path).not.toContain('<title>Turkbench</title>');
    }
    expect((await send(bridge.port, { path: '/assets/app.js' })).status).toBe(401);
  });

  it('exchanges the code, once, for an HttpOnly SameSite=Strict cookie and a redirect to the clean address', async () => {
    const first = await signIn(CODE.toLowerCase().replace(/-/g, ' '));
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = ([] as string[]).concat(first.headers['set-cookie'] ?? [])[0]!;
    expect(cookie).toMatch(/^turkbench_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);

    const second = await signIn(CODE);
    expect(second.status).toBe(403);
    expect(second.headers['set-cookie']).toBeUndefined();
    expect(second.body).toContain('This code has already been used');
    expect(second.body).toContain('restart Turkbench');
    expect(second.body).not.toContain('<form');
  });

  it('says so when the code is wrong, and keeps the right one valid', async () => {
    const wrong = await signIn('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain('That is not the code Turkbench printed');
    expect((await signIn(CODE)).status).toBe(303);
  });

  it('refuses a sign-in posted from another site', async () => {
    expect((await signIn(CODE, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await signIn(CODE)).status).toBe(303);
  });

  it('serves the app to the signed-in browser, with a fresh style nonce in its policy and page', async () => {
    const cookie = await sessionCookie();
    const pages = [await send(bridge.port, { path: '/', headers: { cookie } }), await send(bridge.port, { path: '/', headers: { cookie } })];
    const nonces = pages.map((page) => {
      expect(page.body).toContain('<title>Turkbench</title>');
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      expect(page.body).toContain(`<meta name="turkbench-style-nonce" content="${nonce}" />`);
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
    expect((await send(bridge.port, { path: '/assets/app.js', headers: { cookie } })).headers['content-type']).toMatch(/javascript/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      expect((await send(bridge.port, { path, headers: { cookie } })).body, path).not.toContain('do not serve');
    }
  });
});

describe('serve-mode API', () => {
  it('dispatches contract methods for the signed-in browser and returns their Result', async () => {
    const cookie = await sessionCookie();
    const res = await api('app.info', undefined, cookie);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: 'Turkbench' } });
    expect(JSON.parse((await api('prefs.set', { theme: 'dark' }, cookie)).body)).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(JSON.parse((await api('prefs.set', { theme: 'neon' }, cookie)).body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('refuses API calls without the session cookie, with a forged one, or with the code itself', async () => {
    await sessionCookie();
    expect((await send(bridge.port, { method: 'POST', path: '/api/app.info' })).status).toBe(401);
    expect((await api('app.info', undefined, 'turkbench_session=forged-forged-forged-forged-forged-forged-forg')).status).toBe(401);
    expect((await api('app.info', undefined, '', { authorization: `Bearer ${CODE}` })).status).toBe(401);
    expect((await send(bridge.port, { method: 'POST', path: `/api/app.info?token=${CODE}` })).status).toBe(401);
  });

  it('refuses foreign Host headers (DNS rebinding) and foreign origins', async () => {
    const cookie = await sessionCookie();
    expect((await api('app.info', undefined, cookie, { host: 'evil.example:80' })).status).toBe(403);
    expect((await api('app.info', undefined, cookie, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('app.info', undefined, cookie, { origin: `http://127.0.0.1:${bridge.port}` })).status).toBe(200);
    expect((await send(bridge.port, { path: '/', headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await send(bridge.port, { method: 'POST', path: '/api/prefs.set', headers: { cookie: await sessionCookie() }, body: '{theme:' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('answers a malformed escape in the method name with 400, logging no stack trace', async () => {
    const res = await api('%E0%A4%A', undefined, await sessionCookie());
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(logged.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(logged.lines.map((l) => l.line).join('\n')).not.toMatch(/URIError|\n\s+at /);
  });

  it('puts the security headers on every response: pages, JSON, errors and the event stream', async () => {
    const cookie = await sessionCookie();
    const replies = [
      await send(bridge.port, { path: '/' }),
      await send(bridge.port, { path: '/', headers: { cookie } }),
      await send(bridge.port, { path: '/assets/app.js', headers: { cookie } }),
      await send(bridge.port, { path: '/assets/missing.js', headers: { cookie } }),
      await api('app.info', undefined, cookie),
      await api('app.info', undefined, ''),
      await api('%E0%A4%A', undefined, cookie),
      await send(bridge.port, { path: '/', headers: { host: 'evil.example' } }),
      await send(bridge.port, { method: 'DELETE', path: '/' }),
      await signIn(CODE),
    ];
    for (const reply of replies) {
      expect(reply.headers['content-security-policy'], String(reply.status)).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(reply.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(reply.headers['x-frame-options']).toBe('DENY');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toMatch(/^(no-referrer|same-origin)$/);
    }
  });

  it('answers bad connection settings in words for the form, naming the field, and stores nothing', async () => {
    const cookie = await sessionCookie();
    const base = { id: 'lab', label: 'Lab', kind: 'custom', endpoint: 'http://127.0.0.1:9440', region: 'us-east-1', credentials: { type: 'env' } };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ label: 'x'.repeat(5 * 1024 * 1024) }, 'config.label', 'Label: use at most 80 characters.'],
      [{ region: 'mars-1' }, 'config.region', 'Region: use an AWS region name such as us-east-1.'],
      [{ endpoint: 'http://user:pass@127.0.0.1:9440' }, 'config.endpoint', 'Endpoint: remove the user name and password (user:pass@); keys go under Credentials.'],
    ];
    for (const [patch, field, message] of cases) {
      const res = JSON.parse((await api('connections.save', { config: { ...base, ...patch } }, cookie)).body);
      expect(res).toEqual({ ok: false, error: { kind: 'validation', message, field } });
    }
    const list = JSON.parse((await api('connections.list', {}, cookie)).body);
    expect(list.value.connections.map((c: { config: { id: string } }) => c.config.id)).toEqual(['local']);
  });

  it('streams events to the signed-in browser', async () => {
    const cookie = await sessionCookie();
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: '/api/events', headers: { host: `127.0.0.1:${bridge.port}`, cookie } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('prefs.changed')) {
            resolve(text);
            req.destroy();
          }
        });
        res.once('data', () => void api('prefs.set', { theme: 'light' }, cookie));
      });
      req.on('error', reject);
      req.end();
    });
    const text = await received;
    const data = text.split('\n').find((line) => line.startsWith('data: '))!;
    expect(JSON.parse(data.slice(6))).toMatchObject({ name: 'prefs.changed', payload: { theme: 'light' } });
  });
});

describe('refused requests in the log', () => {
  it('logs the first few per window, clipped, then one summary of the rest', async () => {
    let now = 1_000_000;
    const log = memoryLogger();
    const flooded = await startHttpBridge({
      dispatch: core.dispatch,
      events: core.events,
      staticDir,
      log: log.log,
      refusalLog: { perWindow: 3, windowMs: 60_000, maxValueChars: 100, now: () => now },
    });
    const hostile = 'https://evil.example/' + 'A'.repeat(8 * 1024);
    for (let i = 0; i < 50; i++) await send(flooded.port, { path: '/api/app.info', headers: { origin: hostile } });
    const refusedLines = () => log.lines.map((l) => l.line).filter((line) => line.includes('refused'));
    expect(refusedLines()).toHaveLength(3);
    for (const line of refusedLines()) {
      expect(line.length).toBeLessThan(400);
      expect(line).toContain(`origin="https://evil.example/AAAA`);
      expect(line).toContain(`…(${hostile.length} chars)`);
    }

    now += 60_000;
    await send(flooded.port, { path: '/', headers: { host: 'evil.example' } });
    expect(refusedLines()).toHaveLength(5);
    expect(refusedLines()[3]).toMatch(/47 more refused requests suppressed in the last 60 s$/);
    expect(refusedLines()[4]).toContain('host="evil.example"');

    for (let i = 0; i < 4; i++) await send(flooded.port, { path: '/', headers: { host: 'evil.example' } });
    await flooded.close();
    expect(refusedLines()).toHaveLength(8);
    expect(refusedLines()[7]).toMatch(/2 more refused requests suppressed/);
  });
});
