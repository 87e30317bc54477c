import type { Page } from 'playwright-core';
import { generateCredential, type Credential } from '../../../local-mturk/src/credentials';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { clientFor } from '../../../local-mturk/test/helpers';
import type { Result } from '../../../shared/result';
import { startGatedProxy, type GatedProxy } from '../../helpers/gated-proxy';
import { seedLocalMTurk, type Seeded, type SeedSpec } from '../../helpers/seed-local-mturk';
import type { ServeProcess } from './serve-process';

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
