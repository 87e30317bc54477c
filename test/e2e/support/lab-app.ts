import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalMTurk } from '../../../local-mturk/src/index';
import { launchChromium } from './browser';
import { startServe, type ServeProcess } from './serve-process';

export interface AppOptions {
  /** Names the data folder (tb-e2e-<name>-…). */
  readonly name: string;
  /** Where the signed-in page opens, e.g. '#/review'. */
  readonly hash: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly colorScheme?: 'light' | 'dark';
  /** The page's uncaught errors are pushed here (the test asserts there are none). */
  readonly problems?: string[];
  /** Runs on the new page before it signs in: listeners, init scripts. */
  readonly beforeSignIn?: (page: Page) => Promise<void> | void;
}

export interface LabAppOptions extends AppOptions {
  /** Connections listed after "Lab server", which stays the active one. */
  readonly otherConnections?: readonly object[];
}

export interface LabApp {
  readonly serve: ServeProcess;
  readonly browser: Browser;
  readonly page: Page;
}

/** The custom connection every such test uses: the Local MTurk the test started, at a pace no test waits on. */
export const labServerConnection = (lab: LocalMTurk) => ({
  id: 'lab', label: 'Lab server', kind: 'custom', endpoint: lab.url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 300,
});

/**
 * The app in browser mode, in a fresh data folder whose one active connection is "Lab server" (the test's own Local
 * MTurk, its keys in the environment), and a Chromium page signed in at `hash`. Being active, the connection starts
 * its automatic sync as the page opens. The caller closes the browser and stops the server.
 */
export async function openLabApp(lab: LocalMTurk, options: LabAppOptions): Promise<LabApp> {
  const dataDir = mkdtempSync(join(tmpdir(), `tb-e2e-${options.name}-`));
  const connections = [labServerConnection(lab), ...(options.otherConnections ?? [])];
  writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections }));
  return openAppIn(dataDir, options, { AWS_ACCESS_KEY_ID: lab.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.credentials.secretAccessKey });
}

/**
 * The app in browser mode as a newcomer first opens it: a fresh data folder (the built-in Local MTurk its one
 * connection) and a Chromium page signed in at `hash`. The caller closes the browser and stops the server.
 */
export function openFreshApp(options: AppOptions): Promise<LabApp> {
  return openAppIn(mkdtempSync(join(tmpdir(), `tb-e2e-${options.name}-`)), options);
}

async function openAppIn(dataDir: string, options: AppOptions, env: Record<string, string> = {}): Promise<LabApp> {
  const [serve, browser] = await Promise.all([startServe(dataDir, env), launchChromium()]);
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1360, height: 860 }, colorScheme: options.colorScheme ?? 'light' });
  const problems = options.problems;
  if (problems) page.on('pageerror', (e) => problems.push(e.message));
  await options.beforeSignIn?.(page);
  await serve.signIn(page, options.hash);
  return { serve, browser, page };
}
