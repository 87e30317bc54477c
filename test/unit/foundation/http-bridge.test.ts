import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpBridge, type HttpBridge } from '../../../electron/serve/http-bridge';
import { testAppCore } from '../../helpers/app-core';
import { memoryLogger } from '../../helpers/memory-log';
import type { AppCore } from '../../../electron/core/app-core';

const TOKEN = 'test-token-0123456789';

/** Raw HTTP so the test controls Host and Origin exactly (fetch forbids setting Host). */
function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
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

beforeEach(async () => {
  staticDir = join(mkdtempSync(join(tmpdir(), 'tb-static-')), 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Turkbench</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, '..', 'secret.txt'), 'do not serve');
  core = testAppCore();
  bridge = await startHttpBridge({ dispatch: core.dispatch, events: core.events, staticDir, log: memoryLogger().log, token: TOKEN });
});
afterEach(() => bridge.close());

const api = (method: string, body?: unknown, headers: Record<string, string> = {}) =>
  send(bridge.port, { method: 'POST', path: `/api/${method}`, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? '' : JSON.stringify(body) });

describe('serve-mode HTTP bridge', () => {
  it('listens on loopback and prints a URL with the token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${TOKEN}`);
  });

  it('makes a random token per launch when none is given', async () => {
    const other = await startHttpBridge({ dispatch: core.dispatch, events: core.events, staticDir, log: memoryLogger().log });
    expect(other.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(other.token).not.toBe(TOKEN);
    await other.close();
  });

  it('dispatches contract methods and returns their Result', async () => {
    const res = await api('app.info');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: 'Turkbench' } });
    expect(JSON.parse((await api('prefs.set', { theme: 'dark' })).body)).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(JSON.parse((await api('prefs.set', { theme: 'neon' })).body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('refuses API calls without the right token', async () => {
    expect((await send(bridge.port, { method: 'POST', path: '/api/app.info' })).status).toBe(401);
    expect((await api('app.info', undefined, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect((await api('app.info', undefined, { authorization: 'Bearer short' })).status).toBe(401);
  });

  it('refuses foreign Host headers (DNS rebinding) and foreign origins', async () => {
    expect((await api('app.info', undefined, { host: 'evil.example:80' })).status).toBe(403);
    expect((await api('app.info', undefined, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('app.info', undefined, { origin: `http://127.0.0.1:${bridge.port}` })).status).toBe(200);
    expect((await send(bridge.port, { path: '/', headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await send(bridge.port, { method: 'POST', path: '/api/prefs.set', headers: { authorization: `Bearer ${TOKEN}` }, body: '{theme:' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('serves the renderer with the CSP and never a file outside it', async () => {
    const index = await send(bridge.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Turkbench</title>');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect((await send(bridge.port, { path: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const res = await send(bridge.port, { path });
      expect(res.body, path).not.toContain('do not serve');
    }
    expect((await send(bridge.port, { path: '/review' })).body).toContain('<title>Turkbench</title>');
  });

  it('streams events to a subscriber holding the token', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: `/api/events?token=${TOKEN}`, headers: { host: `127.0.0.1:${bridge.port}` } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('prefs.changed')) {
            resolve(text);
            req.destroy();
          }
        });
        res.once('data', () => void api('prefs.set', { theme: 'light' }));
      });
      req.on('error', reject);
      req.end();
    });
    const text = await received;
    const data = text.split('\n').find((line) => line.startsWith('data: '))!;
    expect(JSON.parse(data.slice(6))).toMatchObject({ name: 'prefs.changed', payload: { theme: 'light' } });
  });
});
