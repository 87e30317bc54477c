import { randomBytes } from 'node:crypto';

/**
 * One Content-Security-Policy for both transports: the Electron window (app:// protocol) and serve
 * mode. No remote origins, no eval, no inline scripts and no inline styles. The grid injects its
 * theme as <style> elements; those carry a per-response nonce (handed to the page in a meta tag and
 * to the grid as its styleNonce), so nothing else can add a stylesheet.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
  'frame-src': "'none'",
  'worker-src': "'self'",
};

function serialize(directives: Readonly<Record<string, string>>): string {
  return Object.entries(directives)
    .map(([directive, value]) => `${directive} ${value}`)
    .join('; ');
}

/** The policy for anything that is not a page we render with a nonce: no inline style at all. */
export const CONTENT_SECURITY_POLICY = serialize(CSP_DIRECTIVES);

export interface PagePolicyOptions {
  /** Allows <style nonce="…"> elements with exactly this nonce. */
  readonly styleNonce: string;
  /** Only the browser-mode sign-in page posts a form (to its own origin). */
  readonly allowFormToSelf?: boolean;
  /**
   * The batch editor's preview host (http://127.0.0.1:<port>): the one origin the page may frame. Requester templates
   * are served there under their own policy and framed sandboxed; without it nothing can be framed.
   */
  readonly previewOrigin?: string | null;
}

export function pageContentSecurityPolicy(options: PagePolicyOptions): string {
  return serialize({
    ...CSP_DIRECTIVES,
    'style-src': `'self' 'nonce-${options.styleNonce}'`,
    ...(options.allowFormToSelf ? { 'form-action': "'self'" } : {}),
    ...(options.previewOrigin ? { 'frame-src': options.previewOrigin } : {}),
  });
}

/** A fresh nonce per HTML response: unguessable, so injected markup cannot reuse it. */
export function newStyleNonce(): string {
  return randomBytes(18).toString('base64');
}

export const STYLE_NONCE_META = 'turkbench-style-nonce';

/** Hands the nonce to the renderer (which passes it to the grid) through a meta tag in <head>. */
export function withStyleNonce(html: string, nonce: string): string {
  return html.replace('</head>', `  <meta name="${STYLE_NONCE_META}" content="${nonce}" />\n  </head>`);
}

/** Headers every response carries, whatever it is (page, JSON, error, event stream). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
