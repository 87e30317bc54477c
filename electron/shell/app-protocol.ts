import { protocol } from 'electron';
import { APP_SCHEME, appContent } from './app-content';

/** Must run before the app is ready: a standard, secure scheme behaves like https for the page. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer at app://turkbench/ (after ready); `previewOrigin` is the one origin the page may frame. */
export function serveAppProtocol(rendererDir: string, previewOrigin: () => string | null = () => null): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const content = await appContent(rendererDir, request.url, previewOrigin());
    return new Response(typeof content.body === 'string' ? content.body : new Uint8Array(content.body), { status: content.status, headers: content.headers });
  });
}
