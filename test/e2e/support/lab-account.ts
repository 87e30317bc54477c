import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generateCredential, type Credential } from '../../../local-mturk/src/credentials';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { clientFor } from '../../../local-mturk/test/helpers';
import type { Result } from '../../../shared/result';
import { startGatedProxy, type GatedProxy } from '../../helpers/gated-proxy';
import { seedLocalMTurk, type Seeded, type SeedSpec } from '../../helpers/seed-local-mturk';
import { launchChromium } from './browser';
import { startServe, type ServeProcess } from './serve-process';

/** One requester account for one test: its own Local MTurk behind a gate, and its own connection in the app. */
export interface LabAccount {
  readonly lab: LocalMTurk;
  readonly gate: GatedProxy;
  readonly connectionId: string;
  readonly seeded: Seeded | null;
  /** Takes the account off the network: MTurk unreachable from then on. */
  close(): Promise<void>;
}

/** Every Local MTurk of a run answers to these keys, so one serve process (one environment) reaches them all. */
export const LAB_CREDENTIAL: Credential = generateCredential();
export const labEnv = { AWS_ACCESS_KEY_ID: LAB_CREDENTIAL.accessKeyId, AWS_SECRET_ACCESS_KEY: LAB_CREDENTIAL.secretAccessKey };

/** The app's own API over the serve bridge, as the page calls it (its session cookie, the same contract). */
export async function callApi<T>(page: Page, serve: ServeProcess, name: string, input?: unknown): Promise<T> {
  const response = await page.request.post(`${serve.origin}/api/${name}`, {
    headers: { 'Content-Type': 'application/json' },
    ...(input === undefined ? {} : { data: JSON.stringify(input) }),
  });
  const result = (await response.json()) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

let accounts = 0;

/**
 * Starts a fresh account (seeded when asked), adds it to the app as a new custom connection and makes it the active
 * one, which starts the app's automatic sync of it. A new endpoint is a new archive account, so nothing carries
 * over from another test. The pace is high: tests that need to see the app mid-work shut the gate instead.
 */
export async function openLabAccount(page: Page, serve: ServeProcess, options: { label?: string; seed?: SeedSpec } = {}): Promise<LabAccount> {
  const lab = await startLocalMTurk({ port: 0, credentials: [LAB_CREDENTIAL] });
  const gate = await startGatedProxy(lab.url);
  const seeded = options.seed ? await seedLocalMTurk(lab, clientFor(lab), options.seed) : null;
  const connectionId = `lab-${++accounts}`;
  const config = { id: connectionId, label: options.label ?? 'Lab', kind: 'custom', endpoint: gate.url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 300 };
  await callApi(page, serve, 'connections.save', { config });
  await callApi(page, serve, 'connections.activate', { id: connectionId });
  let closed = false;
  return {
    lab,
    gate,
    connectionId,
    seeded,
    close: async () => {
      if (closed) return;
      closed = true;
      await gate.close();
      await lab.close();
    },
  };
}

export interface AppWithAccountOptions {
  /** Names the data folder (tb-e2e-<name>-…). */
  readonly name: string;
  /** Where the signed-in page opens, e.g. '#/batches'. */
  readonly hash: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The page's uncaught errors are pushed here. */
  readonly problems: string[];
  /** Runs on the new page before it signs in: listeners, init scripts. */
  readonly beforeSignIn?: (page: Page) => Promise<void> | void;
  readonly seed?: SeedSpec;
}

/**
 * The app in browser mode in a fresh data folder (keys for every lab account in its environment), a Chromium page
 * signed in at `hash`, and a new lab account, "Lab", made the active connection. The caller closes the browser, the
 * account and the server.
 */
export async function openAppWithLabAccount(options: AppWithAccountOptions): Promise<{ serve: ServeProcess; browser: Browser; page: Page; account: LabAccount }> {
  const [serve, browser] = await Promise.all([startServe(mkdtempSync(join(tmpdir(), `tb-e2e-${options.name}-`)), labEnv), launchChromium()]);
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1360, height: 860 }, colorScheme: 'light' });
  page.on('pageerror', (e) => options.problems.push(e.message));
  await options.beforeSignIn?.(page);
  await serve.signIn(page, options.hash);
  const account = await openLabAccount(page, serve, { label: 'Lab', ...(options.seed ? { seed: options.seed } : {}) });
  return { serve, browser, page, account };
}
