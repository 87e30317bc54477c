/**
 * The guards of the routes meant for programs on this machine (control API, worker form target) and the body caps of
 * every route. Requests go through node:http, which — unlike fetch — can set Host, withhold a declared body and wait
 * for "100 Continue", as a rebinding web page or a flood of large posts would look.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { clientFor, createHit, startTestServer } from './helpers';

interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Declares this Content-Length but sends only `body`, never finishing the request. */
  declaredLength?: number;
  /** Sends `Expect: 100-continue` and the body only if the server asks for it. */
  expectContinue?: boolean;
  /** Sends `body` chunked without finishing the request. */
  unfinished?: boolean;
}

interface RawResponse {
  status: number;
  text: string;
  json: () => Record<string, unknown>;
  /** Whether the server asked for the body (100 Continue). */
  continued: boolean;
}

function raw(server: LocalMTurk, o: RawRequest): Promise<RawResponse> {
  const body = o.body ?? '';
  const headers: Record<string, string> = { ...o.headers };
  if (o.declaredLength !== undefined) headers['Content-Length'] = String(o.declaredLength);
  else if (!o.unfinished) headers['Content-Length'] = String(Buffer.byteLength(body));
  if (o.expectContinue) headers.Expect = '100-continue';
  return new Promise((resolve, reject) => {
    let settled = false;
    let continued = false;
    const req = request(`${server.url}${o.path}`, { method: o.method ?? 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        settled = true;
        resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) as Record<string, unknown>, continued });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      if (!settled) reject(error);
    });
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    if (o.expectContinue) req.flushHeaders();
    else if (o.declaredLength !== undefined || o.unfinished) req.write(body);
    else req.end(body);
  });
}

let server: LocalMTurk;
afterEach(() => server.close());

const bearer = (): Record<string, string> => ({ Authorization: `Bearer ${server.credentials.secretAccessKey}`, 'Content-Type': 'application/json' });
const hostOf = (): string => new URL(server.url).host;

describe('Host and Origin checks on the control API', () => {
  it('refuses a Host that is not this server, even with the token (a DNS-rebinding page)', async () => {
    ({ server } = await startTestServer());
    const port = server.port;
    for (const host of [`rebind.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `10.0.0.1:${port}`, `user@127.0.0.1:${port}`]) {
      const response = await raw(server, { method: 'GET', path: '/_local/workers', headers: { ...bearer(), Host: host } });
      expect(response.status).toBe(403);
      expect(response.json()).toMatchObject({ Error: { Code: 'ForbiddenHost' } });
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await raw(server, { method: 'GET', path: '/_local/workers', headers: { ...bearer(), Host: host } })).status).toBe(200);
    }
  });

  it('accepts a host name the operator allowed', async () => {
    ({ server } = await startTestServer({ allowedHosts: ['mturk.test'] }));
    expect((await raw(server, { method: 'GET', path: '/_local/health', headers: { ...bearer(), Host: 'mturk.test:8080' } })).status).toBe(200);
    expect((await raw(server, { method: 'GET', path: '/_local/health', headers: { ...bearer(), Host: 'other.test:8080' } })).status).toBe(403);
  });

  it('refuses requests from web pages of other origins, and accepts this server\'s own origin', async () => {
    ({ server } = await startTestServer());
    for (const origin of ['https://evil.example', 'null', `http://rebind.example:${server.port}`, `https://127.0.0.1:${server.port}`]) {
      const response = await raw(server, { path: '/_local/workers', headers: { ...bearer(), Origin: origin }, body: '{}' });
      expect(response.status).toBe(403);
      expect(response.json()).toMatchObject({ Error: { Code: 'ForbiddenOrigin' } });
    }
    expect(server.control.listWorkers()).toEqual([]);
    const own = await raw(server, { path: '/_local/workers', headers: { ...bearer(), Origin: `http://${hostOf()}` }, body: '{}' });
    expect(own.status).toBe(201);
  });
});

describe('the control API without a token (--no-verify)', () => {
  it('refuses what a web page could post (a form, a no-cors fetch), and state changes from other origins', async () => {
    ({ server } = await startTestServer({ verifySignatures: false }));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const headers: Record<string, string> = type === undefined ? {} : { 'Content-Type': type };
      for (const path of ['/_local/workers', '/_local/clock/advance', '/_local/reset']) {
        const response = await raw(server, { path, headers, body: '{"ms":1000}' });
        expect(response.status).toBe(415);
        expect(response.json()).toMatchObject({ Error: { Code: 'UnsupportedMediaType' } });
      }
    }
    const fromPage = await raw(server, { path: '/_local/workers', headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' }, body: '{}' });
    expect(fromPage.status).toBe(403);
    expect(server.control.listWorkers()).toEqual([]);

    const script = await raw(server, { path: '/_local/workers', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{}' });
    expect(script.status).toBe(201);
    expect((await raw(server, { method: 'GET', path: '/_local/workers' })).status).toBe(200);
  });

  it('checks Host on the MTurk API too, since no signature ties a request to this server', async () => {
    ({ server } = await startTestServer({ verifySignatures: false }));
    const call = (host: string): Promise<RawResponse> =>
      raw(server, {
        path: '/',
        headers: { Host: host, 'X-Amz-Target': 'MTurkRequesterServiceV20170117.GetAccountBalance', 'Content-Type': 'application/x-amz-json-1.1' },
        body: '{}',
      });
    const rebound = await call(`rebind.example:${server.port}`);
    expect(rebound.status).toBe(403);
    expect(rebound.json()).toMatchObject({ __type: 'ForbiddenHost' });
    expect((await call(hostOf())).status).toBe(200);
  });
});

describe('the worker form target', () => {
  it('takes posts from task pages of any origin, but only under this server\'s own Host', async () => {
    ({ server } = await startTestServer());
    const hit = await createHit(clientFor(server));
    const worker = server.control.createWorker();
    const { AssignmentId } = server.control.accept(worker.workerId, hit.HITId!);
    const form = new URLSearchParams({ assignmentId: AssignmentId, label: 'cat' }).toString();
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://tasks.example.org' };
    const rebound = await raw(server, { path: '/mturk/externalSubmit', headers: { ...headers, Host: `rebind.example:${server.port}` }, body: form });
    expect(rebound.status).toBe(403);
    expect((await raw(server, { path: '/mturk/externalSubmit', headers, body: form })).status).toBe(200);
  });
});

describe('request bodies', () => {
  const tenMegabytes = 10 * 1024 * 1024;

  it('refuses an unauthenticated control post before reading its body', async () => {
    ({ server } = await startTestServer());
    const declared = await raw(server, { path: '/_local/workers', headers: { 'Content-Type': 'application/json' }, body: '{', declaredLength: tenMegabytes });
    expect(declared.status).toBe(401);
    const waiting = await raw(server, { path: '/_local/workers', headers: { 'Content-Type': 'application/json' }, body: '{}', expectContinue: true });
    expect([waiting.status, waiting.continued]).toEqual([401, false]);
    const asked = await raw(server, { path: '/_local/workers', headers: bearer(), body: '{}', expectContinue: true });
    expect([asked.status, asked.continued]).toEqual([201, true]);
  });

  it('answers 413 to an oversized control body, declared or streamed, without waiting for the rest', async () => {
    ({ server } = await startTestServer());
    const declared = await raw(server, { path: '/_local/workers', headers: bearer(), body: '{', declaredLength: 1024 * 1024 + 1 });
    expect(declared.status).toBe(413);
    expect(declared.json()).toEqual({ Error: { Code: 'RequestTooLarge', Message: 'The request body is larger than the 1048576-byte limit.' } });
    const streamed = await raw(server, { path: '/_local/workers', headers: bearer(), body: Buffer.alloc(1024 * 1024 + 1024, 0x20), unfinished: true });
    expect(streamed.status).toBe(413);
    expect(server.control.listWorkers()).toEqual([]);
  });

  it('refuses an unsigned API call before its body, and an oversized signed-looking one with 413', async () => {
    ({ server } = await startTestServer());
    const headers = { 'X-Amz-Target': 'MTurkRequesterServiceV20170117.CreateHIT', 'Content-Type': 'application/x-amz-json-1.1' };
    const unsigned = await raw(server, { path: '/', headers, body: '{', declaredLength: tenMegabytes });
    expect(unsigned.status).toBe(400);
    expect(unsigned.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });

    const open = await startTestServer({ verifySignatures: false });
    try {
      const large = await raw(open.server, { path: '/', headers, body: '{', declaredLength: 2 * 1024 * 1024 + 1 });
      expect(large.status).toBe(413);
      expect(large.json()).toEqual({ __type: 'RequestEntityTooLargeException', message: 'The request body is larger than the 2097152-byte limit.' });
    } finally {
      await open.server.close();
    }
  });
});
