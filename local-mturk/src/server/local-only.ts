/**
 * Guards of the routes that are not the signed MTurk API (the control API, the workers' form target): they are for
 * programs on this machine. A web page can make the user's browser send requests to 127.0.0.1 — a form post, or
 * fetches after pointing its own DNS name at 127.0.0.1 (DNS rebinding) — so:
 *  - Host must name this server: a loopback name or address with the port the request arrived on, or a host the
 *    operator allowed explicitly. A rebound page's requests carry the page's own host name.
 *  - Origin, when a browser sends one, must be such a page too (checked by the routes that change or reveal state).
 *  - Without a token (signature checks off), a state-changing request must say `Content-Type: application/json`,
 *    which a page cannot send to another origin without a CORS preflight, and this server approves none.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface LocalOnlyRefusal {
  status: number;
  code: string;
  message: string;
}

/** Host names, addresses and IPv6 literals as the URL parser normalises them ('127.1' → '127.0.0.1'). */
function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Whether `authority` ("host[:port]") names this server on `localPort`, or one of `allowedHosts` (any port). */
export function isLocalAuthority(authority: string, localPort: number, allowedHosts: readonly string[]): boolean {
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(authority)) return false;
  let url: URL;
  try {
    url = new URL(`http://${authority}`);
  } catch {
    return false;
  }
  if (allowedHosts.some((host) => host.toLowerCase() === url.hostname)) return true;
  return isLoopbackHostname(url.hostname) && Number(url.port || 80) === localPort;
}

export function hostRefusal(headers: IncomingHttpHeaders, localPort: number, allowedHosts: readonly string[]): LocalOnlyRefusal | undefined {
  const host = headers.host ?? '';
  if (isLocalAuthority(host, localPort, allowedHosts)) return undefined;
  return {
    status: 403,
    code: 'ForbiddenHost',
    message: `Host '${host}' is not this server: use http://127.0.0.1:${localPort} (or localhost), or start the server with --allow-host for another name.`,
  };
}

export function originRefusal(headers: IncomingHttpHeaders, localPort: number, allowedHosts: readonly string[]): LocalOnlyRefusal | undefined {
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  const match = /^http:\/\/([^/]+)$/.exec(origin);
  if (match?.[1] !== undefined && isLocalAuthority(match[1], localPort, allowedHosts)) return undefined;
  return {
    status: 403,
    code: 'ForbiddenOrigin',
    message: `Requests from the web page at '${origin}' are refused: the control API serves programs on this machine, not web pages.`,
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Without a token: a request that changes state must carry a JSON content type (see the module comment). */
export function tokenlessRefusal(method: string, headers: IncomingHttpHeaders): LocalOnlyRefusal | undefined {
  if (SAFE_METHODS.has(method)) return undefined;
  const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return undefined;
  return {
    status: 415,
    code: 'UnsupportedMediaType',
    message: 'Send Content-Type: application/json (required when the server runs without a token, so that web pages cannot post here).',
  };
}
