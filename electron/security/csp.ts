/**
 * One Content-Security-Policy for both the Electron window (response header + meta tag) and serve
 * mode. No remote origins and no eval: the renderer only ever loads its own bundle and talks to its
 * own origin. Inline styles are allowed because the grid injects its theme as <style> elements;
 * inline *scripts* are not.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
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

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, value]) => `${directive} ${value}`)
  .join('; ');
