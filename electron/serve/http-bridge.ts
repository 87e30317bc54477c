import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventBus } from '../core/event-bus';
import type { Dispatch } from '../core/dispatch';
import type { Logger } from '../logging/logger';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { hasValidToken, isAllowedHost, isAllowedOrigin, type GuardConfig } from './request-guard';
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
  readonly token?: string;
}

export interface HttpBridge {
  readonly port: number;
  readonly token: string;
  /** The URL to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 50 * 1024 * 1024;

const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
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

/**
 * Serve mode: the same handler table as Electron IPC, as `POST /api/<method>` on loopback, plus a
 * server-sent event stream at `GET /api/events` and the built renderer as static files.
 */
export async function startHttpBridge(opts: HttpBridgeOptions): Promise<HttpBridge> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  const guard: GuardConfig = { port: 0, token };
  const log = opts.log;

  const unsubscribe = opts.events.subscribe((name, payload) => {
    const frame = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of streams) res.write(frame);
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!hasValidToken(req, url, guard)) {
      sendJson(res, 401, { ok: false, error: { kind: 'auth', message: 'Missing or wrong session token. Open the URL that `npm run serve` printed.' } });
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { kind: 'validation', message: 'Use POST for API methods.' } });
      return;
    }
    const name = decodeURIComponent(url.pathname.slice('/api/'.length));
    let input: unknown;
    try {
      const text = await readBody(req);
      input = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      sendJson(res, 400, { ok: false, error: { kind: 'validation', message: 'The request body is not valid JSON (or is over 50 MB).' } });
      return;
    }
    sendJson(res, 200, await opts.dispatch(name, input));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!isAllowedHost(req, guard) || !isAllowedOrigin(req, guard)) {
      log.warn(`refused request with host=${req.headers.host ?? '-'} origin=${req.headers.origin ?? '-'}`);
      sendJson(res, 403, { ok: false, error: { kind: 'auth', message: 'Requests must come from this Turkbench window.' } });
      return;
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: { kind: 'validation', message: 'Method not allowed.' } });
      return;
    }
    const file = await readStatic(opts.staticDir, url.pathname);
    if (!file) {
      sendJson(res, 404, { ok: false, error: { kind: 'not-found', message: `No such file: ${url.pathname}` } });
      return;
    }
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': file.contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Frame-Options': 'DENY',
      'Cache-Control': file.contentType.startsWith('text/html') ? 'no-store' : 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
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
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
