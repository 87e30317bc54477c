import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForwardedRequest {
  readonly operation: string;
  readonly body: Record<string, unknown>;
}

/** MTurk's full answer to one forwarded request, and the two things a proxy can do with it. */
export interface UpstreamAnswer {
  readonly request: ForwardedRequest;
  readonly index: number;
  /** Sends the answer on to the client as MTurk gave it. */
  relay(): void;
  /** Closes the client's connection without a byte: MTurk acted, the client never hears. */
  lose(): void;
  /** Sends another answer instead of MTurk's (only for reads: MTurk did act on the request). */
  replace(status: number, body: string): void;
}

/**
 * An HTTP proxy in front of a Local MTurk on 127.0.0.1: forwards every request, waits for MTurk's full answer
 * (so the operation has been carried out), then hands it to `deliver` to relay, lose or keep for later.
 */
export async function startForwardingProxy(target: string, deliver: (answer: UpstreamAnswer) => void) {
  const forwarded: ForwardedRequest[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const targetHeader = String(req.headers['x-amz-target'] ?? '');
      const request: ForwardedRequest = {
        operation: targetHeader.slice(targetHeader.indexOf('.') + 1),
        body: JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>,
      };
      const index = forwarded.push(request) - 1;
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer: IncomingMessage) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () =>
            deliver({
              request,
              index,
              relay: () => relay(res, answer, Buffer.concat(answerChunks)),
              lose: () => req.socket.destroy(),
              replace: (status, replacement) => {
                if (res.destroyed) return;
                res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': `proxy-${index}` });
                res.end(replacement);
              },
            }),
          );
        },
      );
      out.on('error', () => req.socket.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A client that gave up (a cancelled call, a killed process) may have closed its socket while the answer was held. */
function relay(res: ServerResponse, answer: IncomingMessage, body: Buffer): void {
  if (res.destroyed || res.socket === null || res.socket.destroyed) return;
  // A client killed while its answer was held (a crash test) leaves a socket that fails on write: nothing to tell.
  res.on('error', () => undefined);
  res.writeHead(answer.statusCode ?? 502, answer.headers);
  res.end(body);
}
