/**
 * The HTTP front: node:http with keep-alive, one port for the MTurk wire API (POST /), the control API
 * (/_local/…), the workers' form target (/mturk/externalSubmit) and the worker site (/worker/…). Adds x-amzn-RequestId and Date to every response;
 * applies injected latency and connection drops.
 *
 * No body byte is read before the request has passed every check its headers allow (route guards, authentication,
 * declared size), and never more than the route's cap: past it the answer is 413 and the connection is closed rather
 * than drained. A client that sends `Expect: 100-continue` (curl does for large bodies) is only asked for its body
 * once those checks passed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LocalMTurkApp } from '../app';
import type { LocalControl } from '../control/control';
import { EXTERNAL_SUBMIT_PATH, handleExternalSubmit } from '../control/external-submit';
import { CONTROL_PREFIX, controlAuthRefusal, controlErrorBody, handleControlRequest } from '../control/routes';
import { DEMO_PREFIX, demoAsset } from '../demo/assets';
import { newRequestId } from '../ids';
import { WORKER_SITE_PREFIX, WorkerSite, isTaskFrameTarget } from '../worker-site/site';
import { handleApiRequest, isWireResponse, screenApiRequest } from './api';
import { JSON_CONTENT_TYPE, awsError, serviceFault } from './envelope';
import { hostRefusal, originRefusal, tokenlessRefusal, type LocalOnlyRefusal } from './local-only';

/** About twice the largest valid MTurk request (a qualification type with a 64 KB test and answer key, JSON-escaped). */
export const API_MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Control calls and worker form posts carry answers, not documents. */
export const LOCAL_MAX_BODY_BYTES = 1024 * 1024;

const TOO_LARGE = Symbol('body too large');

/** One request being answered. */
interface Exchange {
  app: LocalMTurkApp;
  request: IncomingMessage;
  response: ServerResponse;
  requestId: string;
  method: string;
  url: URL;
  /** The client waits for "100 Continue" before sending its body. */
  expectsContinue: boolean;
}

/**
 * Whether a refusal given before the body was read must close the connection: a body within the route's cap is left
 * to node:http, which discards it (without buffering) and keeps the connection; a larger or open-ended one is not
 * worth receiving.
 */
const unreadBodyTooLarge = (request: IncomingMessage, limit: number): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > limit;

function readBody(exchange: Exchange, limit: number): Promise<Buffer | typeof TOO_LARGE> {
  const { request, response } = exchange;
  if (Number(request.headers['content-length'] ?? 0) > limit) return Promise.resolve(TOO_LARGE);
  if (exchange.expectsContinue) response.writeContinue();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.pause();
      resolve(TOO_LARGE);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Answers the exchange; `closing` ends the connection after the answer, so the rest of a body is never received. */
function send(exchange: Exchange, status: number, body: string, contentType: string, closing = false): void {
  exchange.response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': exchange.requestId,
    Date: new Date(exchange.app.wallClock()).toUTCString(),
    ...(closing ? { Connection: 'close' } : {}),
  });
  exchange.response.end(body);
}

const sendControl = (exchange: Exchange, status: number, body: unknown, closing = false): void =>
  send(exchange, status, JSON.stringify(body), 'application/json', closing);

/** A refusal decided on the headers alone. */
const sendRefusal = (exchange: Exchange, refusal: LocalOnlyRefusal): void =>
  sendControl(exchange, refusal.status, controlErrorBody(refusal.code, refusal.message), unreadBodyTooLarge(exchange.request, LOCAL_MAX_BODY_BYTES));

const tooLargeMessage = (limit: number): string => `The request body is larger than the ${limit}-byte limit.`;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const localPortOf = (exchange: Exchange): number => exchange.request.socket.localPort ?? 0;
const allowedHosts = (app: LocalMTurkApp): string[] => app.options.allowedHosts ?? [];

async function serveApi(exchange: Exchange): Promise<void> {
  const { app, request } = exchange;
  const path = request.url ?? '/';
  // With signatures verified the signed Host already ties a request to this server; without, nothing else would.
  const host = app.options.verifySignatures ? undefined : hostRefusal(request.headers, localPortOf(exchange), allowedHosts(app));
  const closing = unreadBodyTooLarge(request, API_MAX_BODY_BYTES);
  if (host) return send(exchange, host.status, awsError(host.status, host.code, host.message).body, JSON_CONTENT_TYPE, closing);
  const screened = screenApiRequest(app, exchange.method, path, request.headers);
  if (isWireResponse(screened)) return send(exchange, screened.status, screened.body, JSON_CONTENT_TYPE, closing);
  const body = await readBody(exchange, API_MAX_BODY_BYTES);
  if (body === TOO_LARGE) {
    const wire = awsError(413, 'RequestEntityTooLargeException', tooLargeMessage(API_MAX_BODY_BYTES));
    return send(exchange, wire.status, wire.body, JSON_CONTENT_TYPE, true);
  }
  const decision = app.faults.decide();
  if (app.faults.latencyMs > 0) await delay(app.faults.latencyMs);
  if (decision === 'drop') {
    request.socket.destroy();
    return;
  }
  const wire =
    decision === 'fault'
      ? serviceFault('Injected fault: the service is temporarily unable to process your request.', app.clock.now())
      : handleApiRequest(app, screened, { method: 'POST', path, headers: request.headers, body, requestId: exchange.requestId });
  send(exchange, wire.status, wire.body, JSON_CONTENT_TYPE);
}

async function serveControl(exchange: Exchange, control: LocalControl): Promise<void> {
  const { app, request } = exchange;
  const port = localPortOf(exchange);
  const refusal =
    hostRefusal(request.headers, port, allowedHosts(app)) ??
    originRefusal(request.headers, port, allowedHosts(app)) ??
    (app.options.verifySignatures ? undefined : tokenlessRefusal(exchange.method, request.headers));
  if (refusal) return sendRefusal(exchange, refusal);
  const unauthorised = controlAuthRefusal(app, request.headers);
  if (unauthorised) return sendControl(exchange, unauthorised.status, unauthorised.body, unreadBodyTooLarge(request, LOCAL_MAX_BODY_BYTES));
  const body = await readBody(exchange, LOCAL_MAX_BODY_BYTES);
  if (body === TOO_LARGE) return sendControl(exchange, 413, controlErrorBody('RequestTooLarge', tooLargeMessage(LOCAL_MAX_BODY_BYTES)), true);
  const result = await handleControlRequest(app, control, exchange.method, exchange.url, body);
  sendControl(exchange, result.status, result.body);
}

/** Task pages on any site post here (their Origin is theirs, as on MTurk); the assignment id is the capability. */
async function serveExternalSubmit(exchange: Exchange, control: LocalControl): Promise<void> {
  const text = 'text/plain; charset=utf-8';
  const refusal = hostRefusal(exchange.request.headers, localPortOf(exchange), allowedHosts(exchange.app));
  if (refusal) return send(exchange, refusal.status, refusal.message, text, unreadBodyTooLarge(exchange.request, LOCAL_MAX_BODY_BYTES));
  const body = await readBody(exchange, LOCAL_MAX_BODY_BYTES);
  if (body === TOO_LARGE) return send(exchange, 413, tooLargeMessage(LOCAL_MAX_BODY_BYTES), text, true);
  const result = handleExternalSubmit(control, body);
  send(exchange, result.status, result.body, text);
}

/**
 * The worker site (/worker/…): a browser UI, so besides the Host check every state-changing request must carry this
 * server's own Origin — except the task-frame targets, which sandboxed task documents post to with `Origin: null`
 * and whose capability is in the form (as with /mturk/externalSubmit).
 */
async function serveWorkerSite(exchange: Exchange, site: WorkerSite): Promise<void> {
  const { app, request, url, method } = exchange;
  const port = localPortOf(exchange);
  const text = 'text/plain; charset=utf-8';
  const closing = unreadBodyTooLarge(request, LOCAL_MAX_BODY_BYTES);
  const host = hostRefusal(request.headers, port, allowedHosts(app));
  if (host) return send(exchange, host.status, host.message, text, closing);
  if (method !== 'GET' && method !== 'HEAD' && !isTaskFrameTarget(method, url.pathname)) {
    const origin =
      request.headers.origin === undefined
        ? { status: 403, message: 'The worker site only accepts changes from its own pages (the request has no Origin).' }
        : originRefusal(request.headers, port, allowedHosts(app));
    if (origin) return send(exchange, origin.status, origin.message, text, closing);
  }
  const body = await readBody(exchange, LOCAL_MAX_BODY_BYTES);
  if (body === TOO_LARGE) return send(exchange, 413, tooLargeMessage(LOCAL_MAX_BODY_BYTES), text, true);
  const answer = await site.handle({ method, url, headers: request.headers, body, origin: `http://${request.headers.host ?? ''}` });
  exchange.response.writeHead(answer.status, {
    ...answer.headers,
    'Content-Length': Buffer.byteLength(answer.body),
    'x-amzn-RequestId': exchange.requestId,
    Date: new Date(app.wallClock()).toUTCString(),
  });
  exchange.response.end(method === 'HEAD' ? undefined : answer.body);
}

/** The demo's pictures and survey page: static, public, read-only (like any site hosting a task page). */
function serveDemoAsset(exchange: Exchange): void {
  const asset = demoAsset(exchange.url.pathname);
  if (!asset) return send(exchange, 404, 'Not found', 'text/plain; charset=utf-8');
  exchange.response.setHeader('Content-Security-Policy', asset.contentSecurityPolicy);
  exchange.response.setHeader('X-Content-Type-Options', 'nosniff');
  exchange.response.setHeader('Cache-Control', 'public, max-age=3600');
  send(exchange, 200, asset.body, asset.contentType); // node:http sends no body for HEAD
}

/** The request target as a URL; one that does not parse is routed like "/" (and answered there). */
function parsedUrl(target = '/'): URL {
  try {
    return new URL(target, 'http://local');
  } catch {
    return new URL('/', 'http://local');
  }
}

function serve(exchange: Exchange, control: LocalControl, site: WorkerSite): Promise<void> {
  const { pathname } = exchange.url;
  if (pathname === EXTERNAL_SUBMIT_PATH && exchange.method === 'POST') return serveExternalSubmit(exchange, control);
  if (pathname === WORKER_SITE_PREFIX || pathname.startsWith(`${WORKER_SITE_PREFIX}/`)) return serveWorkerSite(exchange, site);
  if (pathname.startsWith(CONTROL_PREFIX)) return serveControl(exchange, control);
  if (pathname.startsWith(DEMO_PREFIX) && (exchange.method === 'GET' || exchange.method === 'HEAD')) {
    serveDemoAsset(exchange);
    return Promise.resolve();
  }
  return serveApi(exchange);
}

export function createHttpServer(app: LocalMTurkApp, control: LocalControl): Server {
  const site = new WorkerSite(app, control);
  const handle = (request: IncomingMessage, response: ServerResponse, expectsContinue: boolean): void => {
    const exchange: Exchange = {
      app,
      request,
      response,
      requestId: newRequestId(),
      method: request.method ?? 'GET',
      url: parsedUrl(request.url),
      expectsContinue,
    };
    serve(exchange, control, site).catch((error: unknown) => {
      console.error('Local MTurk: request failed', error);
      if (!response.headersSent) {
        const fault = serviceFault('The service encountered an internal error.', app.clock.now());
        send(exchange, fault.status, fault.body, JSON_CONTENT_TYPE, true);
      }
    });
  };
  const server = createServer({ keepAlive: true, keepAliveTimeout: 30_000 }, (request, response) => handle(request, response, false));
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => handle(request, response, true));
  server.keepAliveTimeout = 30_000;
  return server;
}
