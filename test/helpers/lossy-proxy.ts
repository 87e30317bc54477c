import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForwardedRequest {
  readonly operation: string;
  readonly body: Record<string, unknown>;
}

/** What happens to MTurk's answer to one request: relayed, or lost after MTurk acted on it. */
export type Fate = 'answer' | 'lose-answer';

/**
 * An HTTP proxy in front of a Local MTurk that forwards every request, waits for the full
 * answer (so the operation has been carried out), and then either relays it or closes the
 * client's connection without a byte: the "answer lost after execution" case that the
 * Local MTurk's own --drop-rate (which drops before executing) cannot produce.
 */
export async function startLossyProxy(target: string, fate: (request: ForwardedRequest, index: number) => Fate) {
  const forwarded: ForwardedRequest[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const targetHeader = String(req.headers['x-amz-target'] ?? '');
      const forward: ForwardedRequest = {
        operation: targetHeader.slice(targetHeader.indexOf('.') + 1),
        body: JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>,
      };
      const index = forwarded.push(forward) - 1;
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer: IncomingMessage) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () => {
            if (fate(forward, index) === 'lose-answer') {
              req.socket.destroy();
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(answerChunks));
          });
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
