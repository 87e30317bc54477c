/**
 * A loopback server that plays MTurk's part for element tests: it serves a template (its loader tag rewritten to the
 * local script), the script itself, test images, and captures what crowd-form posts to /mturk/externalSubmit.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { expect } from 'vitest';
import { crowdElementsScript, rewriteCrowdScriptTags } from '../../src/serve';

export interface Submission {
  assignmentId: string;
  taskAnswers: unknown;
  fields: Record<string, string>;
}

export interface TaskServer {
  origin: string;
  /** Serves `html` at a fresh path and returns the page URL with MTurk's query parameters. */
  publish(html: string, options?: { assignmentId?: string; turkSubmitTo?: string }): string;
  /** Resolves with the next submission that arrives. */
  nextSubmission(): Promise<Submission>;
  submissions: Submission[];
  close(): Promise<void>;
}

/** An SVG test image of a known natural size. */
export function testImage(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="#cfe3f3"/><rect x="${width * 0.3}" y="${height * 0.35}" width="${width * 0.4}" height="${height * 0.3}" fill="#6b8e23"/><circle cx="${width * 0.75}" cy="${height * 0.25}" r="${Math.min(width, height) * 0.08}" fill="#f4c542"/></svg>`;
}

export async function startTaskServer(): Promise<TaskServer> {
  const script = await crowdElementsScript();
  const pages = new Map<string, string>();
  const submissions: Submission[] = [];
  const waiting: Array<(s: Submission) => void> = [];
  let counter = 0;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/mturk/externalSubmit') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const fields = Object.fromEntries(new URLSearchParams(body));
        const submission: Submission = { assignmentId: fields.assignmentId ?? '', taskAnswers: fields.taskAnswers === undefined ? undefined : JSON.parse(fields.taskAnswers), fields };
        submissions.push(submission);
        waiting.shift()?.(submission);
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p id="done">Submitted</p>');
      });
      return;
    }
    if (url.pathname === '/crowd-elements.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const image = /^\/image-(\d+)x(\d+)\.svg$/.exec(url.pathname);
    if (image) return void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(testImage(Number(image[1]), Number(image[2])));
    const page = pages.get(url.pathname);
    // A strict policy, like a sandboxed worker frame's: the elements must work without inline styles or eval.
    const csp = "default-src 'none'; script-src 'self' 'unsafe-inline'; img-src 'self'; style-src 'self'; form-action 'self'";
    if (page !== undefined) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }).end(page);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    submissions,
    publish(html, options = {}) {
      const path = `/task-${++counter}.html`;
      pages.set(path, rewriteCrowdScriptTags(html, '/crowd-elements.js'));
      const query = new URLSearchParams({ assignmentId: options.assignmentId ?? `A${counter}EXAMPLE`, hitId: 'H1EXAMPLE', turkSubmitTo: options.turkSubmitTo ?? origin, workerId: 'W1EXAMPLE' });
      return `${origin}${path}?${query}`;
    },
    nextSubmission: () => new Promise((resolve) => waiting.push(resolve)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** The loader tag as templates write it (rewritten by the server). */
export const LOADER = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>';

/** expect.poll with room for a loaded machine: the unit project's default (1 s) is meant for Node-only tests. */
export const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 50 });
