import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the bridge. It listens on 127.0.0.1 only, but any web page the user visits can
 * still send requests to loopback, so every request must also:
 *  - name this server in Host (defeats DNS rebinding: evil.example resolving to 127.0.0.1),
 *  - come from no origin or from this origin (defeats cross-site requests),
 *  - carry the per-launch token for anything beyond the static app bundle.
 */
export interface GuardConfig {
  /** Known only once the server listens (port 0 = pick a free one). */
  port: number;
  readonly token: string;
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

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token comes as a Bearer header (fetch) or a `token` query parameter (EventSource cannot set headers). */
export function hasValidToken(req: IncomingMessage, url: URL, cfg: GuardConfig): boolean {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return sameSecret(auth.slice(7), cfg.token);
  const q = url.searchParams.get('token');
  return q !== null && sameSecret(q, cfg.token);
}
