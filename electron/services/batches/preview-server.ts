/**
 * Hosts batch-editor previews on a loopback origin of their own. A requester's template is untrusted: it must never
 * run in the app's context, and a srcdoc or blob frame would inherit the app's policy (no inline style, no https
 * images), so each previewed row is served here, by an unguessable address, with its own policy. The policy's
 * `sandbox` directive gives the document an opaque origin even if opened on its own; `connect-src 'none'` keeps it
 * from calling anything (the app's bridge included); only the app may frame it.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REPLAY_DATA_ID, replayDataJson, type ReplayData } from '../../../crowd-elements/src/replay';
import { crowdElementsScript, rewriteCrowdScriptTags } from '../../../crowd-elements/src/serve';
import { WORKER_STATIC_FILES } from '../../../local-mturk/src/worker-site/test-preview';

/** What MTurk puts in the URL of a HIT's preview: crowd-form refuses to submit. */
export const PREVIEW_ASSIGNMENT_ID = 'ASSIGNMENT_ID_NOT_AVAILABLE';
export const PREVIEW_SANDBOX = 'allow-scripts';
/** The app's own origins: the desktop window and browser mode (always on loopback). */
const APP_FRAME_ANCESTORS = 'app://turkbench http://127.0.0.1:*';
/** Previews kept addressable; older ones answer 404 (the editor asks for a fresh one whenever it shows a row). */
const KEPT_DOCUMENTS = 64;
const SCRIPT_PATH = '/crowd-elements.js';
/** The stylesheet replayed QuestionForms use: the Local MTurk worker site's, so they look as workers see them. */
export const REPLAY_STYLE_PATH = '/worker/static/site.css';

export function previewDocumentCsp(origin: string): string {
  return [
    `sandbox ${PREVIEW_SANDBOX}`,
    "default-src 'none'",
    `script-src 'unsafe-inline' ${origin}${SCRIPT_PATH} https:`,
    "style-src 'unsafe-inline' https:",
    'img-src https: data: blob:',
    'font-src https: data:',
    'media-src https: data:',
    "connect-src 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    `frame-ancestors ${APP_FRAME_ANCESTORS}`,
  ].join('; ');
}

/**
 * A replayed assignment: as the preview, plus the worker site's stylesheet and images from loopback (the Local MTurk
 * serves its tasks' pictures there). Worker answers arrive only as a JSON data block, never as markup.
 */
export function replayDocumentCsp(origin: string): string {
  return previewDocumentCsp(origin)
    .replace("style-src 'unsafe-inline' https:", `style-src 'unsafe-inline' https: ${origin}${REPLAY_STYLE_PATH}`)
    .replace('img-src https: data: blob:', 'img-src https: data: blob: http://127.0.0.1:* http://localhost:*');
}

/** A form the host serves and answers (a qualification test to take): documents under their own policy. */
export interface HostedForm {
  /** The form's document; it posts to `action`. */
  page(origin: string, action: string): string;
  /** The document answering a post; `pageUrl` leads back to the form. */
  submit(origin: string, form: URLSearchParams, pageUrl: string): string;
  /** The documents' policy; only `frameAncestors` (the app) may frame them. */
  csp(origin: string, frameAncestors: string): string;
}

export interface PreviewHost {
  readonly origin: string;
  /** Serves `html` (its crowd-elements loader pointed here) and returns the address a frame loads it from. */
  host(html: string): string;
  /** Serves a rendered QuestionForm (with the worker site's stylesheet, under the replay policy); returns the frame's address. */
  hostQuestionForm(html: string): string;
  /**
   * Serves `html` followed by `data` (a JSON block) and the crowd-elements script, which replays the answers
   * read-only; returns the frame's address.
   */
  hostReplay(html: string, data: ReplayData, hitId: string): string;
  /** Serves a form and its answers by an unguessable address under /worker/ (the worker site's form-action scope). */
  hostForm(form: HostedForm): string;
  close(): Promise<void>;
}

const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } as const;

/** A posted test form is a few selections; anything larger is not one. */
const MAX_FORM_BYTES = 256 * 1024;
const FORM_PATH = /^\/worker\/test\/([0-9a-f]{32})(\/submit)?$/;

export async function startPreviewHost(): Promise<PreviewHost> {
  const documents = new Map<string, { html: string; csp: (origin: string) => string }>();
  const forms = new Map<string, HostedForm>();
  let origin = '';

  function respondForm(req: IncomingMessage, res: ServerResponse, token: string, submit: boolean): void {
    const form = forms.get(token);
    const pageUrl = `${origin}/worker/test/${token}`;
    const send = (status: number, body: string): void => void res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', ...(form ? { 'Content-Security-Policy': form.csp(origin, APP_FRAME_ANCESTORS) } : {}) }).end(body);
    if (!form) return void res.writeHead(404, { ...COMMON_HEADERS, 'Content-Type': 'text/plain' }).end('This preview has expired; open it again.');
    if (!submit) return send(200, form.page(origin, `${pageUrl}/submit`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => send(200, form.submit(origin, new URLSearchParams(Buffer.concat(chunks).toString('utf8')), pageUrl)));
  }

  function respond(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const formPath = FORM_PATH.exec(path);
    const allowed = req.method === 'GET' || req.method === 'HEAD' || (req.method === 'POST' && formPath?.[2] !== undefined);
    // Only this address: a page on another name resolving to loopback (DNS rebinding) gets nothing.
    if (req.headers.host !== origin.slice('http://'.length) || !allowed) {
      res.writeHead(403, { ...COMMON_HEADERS, 'Content-Type': 'text/plain' }).end('Forbidden');
      return;
    }
    if (formPath) return respondForm(req, res, formPath[1]!, formPath[2] !== undefined);
    const workerFile = path.startsWith('/worker/static/') ? WORKER_STATIC_FILES[path.slice('/worker/static/'.length)] : undefined;
    if (workerFile) {
      res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': workerFile.type }).end(workerFile.body);
      return;
    }
    if (path === SCRIPT_PATH) {
      crowdElementsScript().then(
        (script) => res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' }).end(script),
        () => res.writeHead(500, { ...COMMON_HEADERS, 'Content-Type': 'text/plain' }).end('The crowd-elements script is unavailable.'),
      );
      return;
    }
    const document = /^\/[pr]\/[0-9a-f]{32}$/.test(path) ? documents.get(path) : undefined;
    if (document === undefined) {
      res.writeHead(404, { ...COMMON_HEADERS, 'Content-Type': 'text/plain' }).end('This page has expired; pick the row again.');
      return;
    }
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': document.csp(origin) }).end(document.html);
  }

  function keep(path: string, html: string, csp: (origin: string) => string): string {
    documents.set(path, { html, csp });
    if (documents.size > KEPT_DOCUMENTS) documents.delete(documents.keys().next().value!);
    return path;
  }

  const server = createServer(respond);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    host(html) {
      const path = keep(`/p/${randomBytes(16).toString('hex')}`, rewriteCrowdScriptTags(html, `${origin}${SCRIPT_PATH}`), previewDocumentCsp);
      return `${origin}${path}?assignmentId=${PREVIEW_ASSIGNMENT_ID}&hitId=PREVIEW`;
    },
    hostQuestionForm(html) {
      const path = keep(`/p/${randomBytes(16).toString('hex')}`, html, replayDocumentCsp);
      return `${origin}${path}?assignmentId=${PREVIEW_ASSIGNMENT_ID}&hitId=PREVIEW`;
    },
    hostReplay(html, data, hitId) {
      const tail = `\n<script type="application/json" id="${REPLAY_DATA_ID}">${replayDataJson(data)}</script>\n<script src="${origin}${SCRIPT_PATH}"></script>\n`;
      const path = keep(`/r/${randomBytes(16).toString('hex')}`, rewriteCrowdScriptTags(html, `${origin}${SCRIPT_PATH}`) + tail, replayDocumentCsp);
      // As a preview: a crowd-form refuses to submit even before the replay has made it read-only.
      return `${origin}${path}?assignmentId=${PREVIEW_ASSIGNMENT_ID}&hitId=${encodeURIComponent(hitId)}`;
    },
    hostForm(form) {
      const token = randomBytes(16).toString('hex');
      forms.set(token, form);
      if (forms.size > KEPT_DOCUMENTS) forms.delete(forms.keys().next().value!);
      return `${origin}/worker/test/${token}`;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
