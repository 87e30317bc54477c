import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the bridge. It listens on 127.0.0.1 only, but any web page the user visits can
 * still send requests to loopback, so every request must also:
 *  - name this server in Host (defeats DNS rebinding: evil.example resolving to 127.0.0.1),
 *  - come from no origin or from this origin (defeats cross-site requests),
 *  - carry this launch's session cookie for anything beyond the sign-in page (see session.ts).
 */
export interface GuardConfig {
  /** Known only once the server listens (port 0 = pick a free one). */
  port: number;
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function isAllowedHost(req: IncomingMessage, cfg: GuardConfig): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && allowedHosts(cfg.port).has(host.toLowerCase());
}

export function isAllowedOrigin(req: IncomingMessage, cfg: GuardConfig): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return [...allowedHosts(cfg.port)].some((h) => origin === `http://${h}`);
}
