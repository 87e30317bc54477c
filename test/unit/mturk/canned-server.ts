import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedResponse {
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string;
  /** Never answer (for timeout tests). */
  readonly hang?: boolean;
  /** Close the connection without answering, after the request was read (an answer lost in transit). */
  readonly drop?: boolean;
}

export interface RecordedRequest {
  readonly operation: string;
  readonly body: Record<string, unknown>;
}

/**
 * A real HTTP server answering each request with the next canned response, so tests get
 * genuine SDK behaviour (signing, deserialisation, real error classes) without an emulator.
 */
export async function startCannedServer(answer: (request: RecordedRequest) => CannedResponse) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const request = {
        operation: target.slice(target.indexOf('.') + 1),
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
      };
      requests.push(request);
      const response = answer(request);
      if (response.hang) return;
      if (response.drop) {
        req.socket.destroy();
        return;
      }
      const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      res.writeHead(response.status, {
        'content-type': response.contentType ?? 'application/x-amz-json-1.1',
        'x-amzn-requestid': 'test-request',
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKIATESTTESTTEST', secretAccessKey: 'test-secret' };
