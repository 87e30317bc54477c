import { newStyleNonce, pageContentSecurityPolicy, SECURITY_HEADERS, withStyleNonce } from '../security/csp';
import { readStatic } from '../serve/static-files';

/**
 * The desktop window's page comes from a privileged custom scheme rather than file://, so the page
 * has an origin of its own and no reach into the file system. Only this host exists.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'turkbench';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface AppContent {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
}

/**
 * What `app://turkbench/<path>` answers: a file of the built renderer (the same path rules as serve
 * mode: nothing outside the folder, by `..` or encoded separators), the page with a fresh style
 * nonce in its policy, and every response with the security headers.
 */
export async function appContent(rendererDir: string, requestUrl: string, previewOrigin: string | null = null): Promise<AppContent> {
  const notFound: AppContent = { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not found' };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound;
  const file = await readStatic(rendererDir, url.pathname);
  if (!file) return notFound;
  if (!file.contentType.startsWith('text/html')) {
    return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType }, body: file.body };
  }
  const nonce = newStyleNonce();
  return {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Security-Policy': pageContentSecurityPolicy({ styleNonce: nonce, previewOrigin }),
      'Content-Type': file.contentType,
      'Cache-Control': 'no-store',
    },
    body: withStyleNonce(file.body.toString('utf8'), nonce),
  };
}
