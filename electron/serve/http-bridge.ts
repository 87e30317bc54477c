import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventBus } from '../core/event-bus';
import type { Dispatch } from '../core/dispatch';
import type { Logger } from '../logging/logger';
import { newStyleNonce, pageContentSecurityPolicy, SECURITY_HEADERS, withStyleNonce } from '../security/csp';
import { createRefusalLog, DEFAULT_REFUSAL_LOG, type RefusalLogOptions } from './refusal-log';
import { isAllowedHost, isAllowedOrigin, type GuardConfig } from './request-guard';
import { createSessionKeeper, sessionCookieHeader } from './session';
import { CODE_ALREADY_USED, CODE_WRONG, signInPage } from './sign-in-page';
import { readStatic } from './static-files';

export interface HttpBridgeOptions {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  readonly log: Logger;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed only in tests; otherwise random per launch. */
  readonly signInCode?: string;
  /** How refused requests are logged (tests shrink the window and inject a clock). */
  readonly refusalLog?: RefusalLogOptions;
  /** The batch editor's preview host, the one origin the app's page may frame. */
  readonly previewOrigin?: () => string | null;
}

export interface HttpBridge {
  readonly port: number;
  /** The address to open: it carries no secret. */
  readonly url: string;
  /** The one-time code that signs one browser in. */
  readonly signInCode: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 50 * 1024 * 1024;
const MAX_SIGN_IN_BODY_BYTES = 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string, nonce: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': pageContentSecurityPolicy({ styleNonce: nonce, allowFormToSelf: true }),
    // With no-referrer the browser would post the form with `Origin: null`, which the guard refuses.
    'Referrer-Policy': 'same-origin',
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(html);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `%E0%A4%A` and friends: a malformed escape is the client's mistake, not a crash. */
function decodePathPart(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Serve mode: the same handler table as Electron IPC, as `POST /api/<method>` on loopback, plus a
 * server-sent event stream at `GET /api/events` and the built renderer as static files. A browser
 * gets the app only after signing in with the one-time code (session.ts).
 */
export async function startHttpBridge(opts: HttpBridgeOptions): Promise<HttpBridge> {
  const sessions = createSessionKeeper(opts.signInCode);
  const streams = new Set<ServerResponse>();
  const guard: GuardConfig = { port: 0 };
  const log = opts.log;
  const refusals = createRefusalLog(log, opts.refusalLog ?? DEFAULT_REFUSAL_LOG);
  const flushTimer = setInterval(() => refusals.flush(), (opts.refusalLog ?? DEFAULT_REFUSAL_LOG).windowMs);
  flushTimer.unref();

  const unsubscribe = opts.events.subscribe((name, payload) => {
    const frame = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of streams) res.write(frame);
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!sessions.hasSession(req.headers.cookie)) {
      sendJson(res, 401, {
        ok: false,
        error: { kind: 'auth', message: 'This browser is not signed in to Turkbench. Open the address Turkbench printed and enter its one-time code.' },
      });
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { kind: 'validation', message: 'Use POST for API methods.' } });
      return;
    }
    const name = decodePathPart(url.pathname.slice('/api/'.length));
    if (name === null) {
      sendJson(res, 400, { ok: false, error: { kind: 'validation', message: 'The method name in the address is not valid URL encoding.' } });
      return;
    }
    let input: unknown;
    try {
      const text = await readBody(req, MAX_BODY_BYTES);
      input = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      sendJson(res, 400, { ok: false, error: { kind: 'validation', message: 'The request body is not valid JSON (or is over 50 MB).' } });
      return;
    }
    sendJson(res, 200, await opts.dispatch(name, input));
  }

  /** The code travels in a POST body only: a URL would be kept in the browser's history. */
  async function handleSignIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let typed = '';
    try {
      typed = new URLSearchParams(await readBody(req, MAX_SIGN_IN_BODY_BYTES)).get('code') ?? '';
    } catch {
      // an oversized body is simply a wrong code
    }
    const nonce = newStyleNonce();
    const result = sessions.redeem(typed);
    if (result.ok) {
      log.info('a browser signed in with the one-time code');
      // 303: the browser follows with a GET to the clean address, so a reload never re-posts the code.
      res.writeHead(303, { ...SECURITY_HEADERS, Location: '/', 'Set-Cookie': sessionCookieHeader(result.sessionId), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    log.warn(result.reason === 'used' ? 'refused a second use of the one-time code' : 'refused a wrong sign-in code');
    const used = result.reason === 'used';
    sendHtml(res, 403, signInPage({ nonce, problem: used ? CODE_ALREADY_USED : CODE_WRONG, showForm: !used }), nonce);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const file = await readStatic(opts.staticDir, url.pathname);
    const isPage = file?.contentType.startsWith('text/html') ?? false;
    if (!sessions.hasSession(req.headers.cookie)) {
      const nonce = newStyleNonce();
      if (isPage || file === null) sendHtml(res, file === null ? 404 : 200, signInPage({ nonce, showForm: true }), nonce);
      else sendJson(res, 401, { ok: false, error: { kind: 'auth', message: 'Sign in first.' } });
      return;
    }
    if (!file) {
      sendJson(res, 404, { ok: false, error: { kind: 'not-found', message: 'No such file.' } });
      return;
    }
    const nonce = newStyleNonce();
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      ...(isPage ? { 'Content-Security-Policy': pageContentSecurityPolicy({ styleNonce: nonce, previewOrigin: opts.previewOrigin?.() ?? null }) } : {}),
      'Content-Type': file.contentType,
      'Cache-Control': isPage ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else res.end(isPage ? withStyleNonce(file.body.toString('utf8'), nonce) : file.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(`http://127.0.0.1${req.url?.startsWith('/') ? req.url : '/'}`);
    } catch {
      sendJson(res, 400, { ok: false, error: { kind: 'validation', message: 'The request address is not a valid URL.' } });
      return;
    }
    if (!isAllowedHost(req, guard) || !isAllowedOrigin(req, guard)) {
      refusals.refused({ host: req.headers.host, origin: req.headers.origin });
      sendJson(res, 403, { ok: false, error: { kind: 'auth', message: 'Requests must come from this Turkbench window.' } });
      return;
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (url.pathname === '/session' && req.method === 'POST') return handleSignIn(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: { kind: 'validation', message: 'Method not allowed.' } });
      return;
    }
    return handleStatic(req, res, url);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((cause: unknown) => {
      log.error('bridge request failed', cause);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { kind: 'internal', message: 'Internal error; see the log.' } });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard.port = port;

  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    signInCode: sessions.code,
    close: async () => {
      clearInterval(flushTimer);
      refusals.flush({ final: true });
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
