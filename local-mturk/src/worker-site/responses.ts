/**
 * What the worker site answers: its request and response shapes and the headers each kind of answer carries (the
 * site's strict CSP for its own pages; task documents get theirs from task-documents.ts; nothing is cached).
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface SiteRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** This server as the browser addressed it, e.g. http://127.0.0.1:9440. */
  origin: string;
}

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The worker site's own pages: nothing inline, nothing from elsewhere except framed tasks. */
export const SITE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self' http: https:; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const COMMON_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' };

const HTML_TYPE = 'text/html; charset=utf-8';

export const sitePage = (body: string, status = 200, extra: Record<string, string> = {}): SiteResponse => ({
  status,
  headers: { ...COMMON_HEADERS, 'Content-Type': HTML_TYPE, 'Content-Security-Policy': SITE_CSP, ...extra },
  body,
});

export const redirect = (location: string, extra: Record<string, string> = {}): SiteResponse => ({
  status: 303,
  headers: { ...COMMON_HEADERS, Location: location, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  body: `See ${location}`,
});

export const json = (status: number, body: unknown): SiteResponse => ({
  status,
  headers: { ...COMMON_HEADERS, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

export const taskDocument = (body: string, csp: string, status = 200): SiteResponse => ({
  status,
  headers: { ...COMMON_HEADERS, 'Content-Type': HTML_TYPE, 'Content-Security-Policy': csp },
  body,
});

export const STATIC_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };

export const javascript = (body: string): SiteResponse => ({ status: 200, headers: { ...STATIC_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8' }, body });
