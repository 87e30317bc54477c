/**
 * Task documents: what a worker's task frame shows. Requester content is untrusted, so every task document is
 * served with a CSP whose `sandbox` directive gives it an opaque origin even when opened on its own, and the worker
 * site frames it with a sandbox attribute without allow-same-origin: it can reach neither the worker site's session
 * nor the control API. ExternalQuestion URLs are framed the same way.
 */
import { parseMTurkXml } from '../formats/question';
import { childText } from '../formats/xml-document';
import { html, type SafeHtml } from './html';

export const PREVIEW_ASSIGNMENT_ID = 'ASSIGNMENT_ID_NOT_AVAILABLE';

/** The worker site's frame attribute; also the sandbox directive of the task documents' CSP. */
export const TASK_SANDBOX = 'allow-scripts allow-forms allow-modals';

export type TaskQuestion =
  | { kind: 'HTMLQuestion'; content: string; frameHeight: number }
  | { kind: 'ExternalQuestion'; url: string; frameHeight: number }
  | { kind: 'QuestionForm'; xml: string };

/** Which of the three formats a stored (already validated) Question is, with what the frame needs. */
export function taskQuestionOf(questionXml: string): TaskQuestion {
  const document = parseMTurkXml(questionXml);
  const frameHeight = Number(childText(document.root, 'FrameHeight') ?? 0);
  if (document.rootName === 'HTMLQuestion') return { kind: 'HTMLQuestion', content: childText(document.root, 'HTMLContent') ?? '', frameHeight };
  if (document.rootName === 'ExternalQuestion') return { kind: 'ExternalQuestion', url: childText(document.root, 'ExternalURL') ?? '', frameHeight };
  return { kind: 'QuestionForm', xml: questionXml };
}

export interface TaskParameters {
  assignmentId: string;
  hitId: string;
  turkSubmitTo: string;
  workerId: string;
}

/** The URL with MTurk's four parameters appended (existing query parameters kept). */
export function withTaskParameters(url: string, parameters: TaskParameters): string {
  const target = new URL(url);
  target.searchParams.set('assignmentId', parameters.assignmentId);
  target.searchParams.set('hitId', parameters.hitId);
  target.searchParams.set('turkSubmitTo', parameters.turkSubmitTo);
  target.searchParams.set('workerId', parameters.workerId);
  return target.toString();
}

/**
 * A requester's HTML document: sandboxed, framable only by the worker site. Scripts, styles and connections stay
 * open (templates load libraries and images from anywhere); the opaque origin is what keeps them away from the site.
 */
export function requesterDocumentCsp(siteOrigin: string): string {
  return `sandbox ${TASK_SANDBOX}; frame-ancestors ${siteOrigin}; base-uri 'none'`;
}

/**
 * A QuestionForm we render ourselves: only our script and style, media from the web, posts back to this server.
 * Framed by the worker site, or by `frameAncestors` (the workbench's test preview).
 */
export function questionFormDocumentCsp(siteOrigin: string, frameAncestors = siteOrigin): string {
  return [
    `sandbox ${TASK_SANDBOX}`,
    "default-src 'none'",
    `script-src ${siteOrigin}/worker/static/question-form.js`,
    `style-src ${siteOrigin}/worker/static/site.css`,
    'img-src http: https: data:',
    'media-src http: https:',
    `form-action ${siteOrigin}/worker/`,
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'none'",
  ].join('; ');
}

/** A small task-frame document of our own (a submission's outcome, a refusal), under the QuestionForm CSP. */
export function frameMessageDocument(siteOrigin: string, title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="${siteOrigin}/worker/static/site.css"></head>
<body class="task"><h1>${title}</h1>${body}</body></html>`.value;
}

export interface QuestionFormDocument {
  siteOrigin: string;
  title: string;
  form: SafeHtml;
  action: string;
  hidden: Record<string, string>;
  /** A preview: the form is shown but cannot be submitted. */
  preview: boolean;
}

export function questionFormDocument(document: QuestionFormDocument): string {
  const hidden = Object.entries(document.hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  const submit = document.preview
    ? html`<p class="notice">This is a preview: accept the HIT to submit.</p><button type="submit" disabled>Submit</button>`
    : html`<button type="submit">Submit</button>`;
  return html`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${document.title}</title>
<link rel="stylesheet" href="${document.siteOrigin}/worker/static/site.css">
<script src="${document.siteOrigin}/worker/static/question-form.js" defer></script></head>
<body class="task"><form method="post" action="${document.action}">${hidden}${document.form}${submit}</form></body></html>`.value;
}
