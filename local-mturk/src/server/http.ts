/**
 * The HTTP front: node:http with keep-alive, one port for the MTurk wire API (POST /), the control API
 * (/_local/…) and the workers' form target (/mturk/externalSubmit). Adds x-amzn-RequestId and Date to every response; applies injected latency and connection drops.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LocalMTurkApp } from '../app';
import type { LocalControl } from '../control/control';
import { EXTERNAL_SUBMIT_PATH, handleExternalSubmit } from '../control/external-submit';
import { CONTROL_PREFIX, handleControlRequest } from '../control/routes';
import { newRequestId } from '../ids';
import { handleApiRequest } from './api';
import { JSON_CONTENT_TYPE, awsError, serviceFault, type WireResponse } from './envelope';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy(new Error('Request body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, requestId: string, status: number, body: string, contentType: string): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    Date: new Date().toUTCString(),
  });
  response.end(body);
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function serveApi(app: LocalMTurkApp, request: IncomingMessage, response: ServerResponse, body: Buffer, requestId: string): Promise<void> {
  const decision = app.faults.decide();
  if (app.faults.latencyMs > 0) await delay(app.faults.latencyMs);
  if (decision === 'drop') {
    request.socket.destroy();
    return;
  }
  let wire: WireResponse;
  if (decision === 'fault') wire = serviceFault('Injected fault: the service is temporarily unable to process your request.', app.clock.now());
  else if (request.method !== 'POST' || (request.url ?? '/').split('?')[0] !== '/') wire = awsError(404, 'UnknownOperationException');
  else wire = handleApiRequest(app, { method: 'POST', path: request.url ?? '/', headers: request.headers, body, requestId });
  send(response, requestId, wire.status, wire.body, JSON_CONTENT_TYPE);
}

export function createHttpServer(app: LocalMTurkApp, control: LocalControl): Server {
  const server = createServer({ keepAlive: true, keepAliveTimeout: 30_000 }, (request, response) => {
    const requestId = newRequestId();
    readBody(request)
      .then(async (body) => {
        const url = new URL(request.url ?? '/', 'http://local');
        if (url.pathname === EXTERNAL_SUBMIT_PATH && request.method === 'POST') {
          const result = handleExternalSubmit(control, body);
          send(response, requestId, result.status, result.body, 'text/plain; charset=utf-8');
          return;
        }
        if (url.pathname.startsWith(CONTROL_PREFIX)) {
          const result = handleControlRequest(app, control, request.method ?? 'GET', url, request.headers, body);
          send(response, requestId, result.status, JSON.stringify(result.body), 'application/json');
          return;
        }
        await serveApi(app, request, response, body, requestId);
      })
      .catch((error: unknown) => {
        console.error('Local MTurk: request failed', error);
        if (!response.headersSent) {
          const fault = serviceFault('The service encountered an internal error.', app.clock.now());
          send(response, requestId, fault.status, fault.body, JSON_CONTENT_TYPE);
        }
      });
  });
  server.keepAliveTimeout = 30_000;
  return server;
}
