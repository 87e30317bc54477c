/**
 * Embeddable entry point: startLocalMTurk() opens the store, listens on 127.0.0.1 (port 0 = a free port) and
 * returns the URL, the keys to sign with, the virtual clock and in-process control helpers.
 */
import type { AddressInfo } from 'node:net';
import { LocalMTurkApp } from './app';
import { generateCredential, type Credential } from './credentials';
import { createControl, type LocalControl } from './control/control';
import { ContinuousCrowd } from './crowd/continuous';
import { DEFAULT_STARTING_BALANCE_CENTS } from './domain/ledger';
import type { MTurkEnvironment } from './ops/types';
import { DEMO_CROWD, DEMO_FIRST_WAVE, fillDemo, type DemoOptions, type DemoSummary, type RequesterApi } from './demo/fill-demo';
import { runOperation } from './server/api';
import { createHttpServer } from './server/http';

export interface LocalMTurkOptions {
  port?: number;
  host?: '127.0.0.1';
  dataFile?: string;
  credentials?: Credential[];
  env?: MTurkEnvironment;
  startingBalanceCents?: number;
  latencyMs?: number;
  rateLimitPerSecond?: number;
  faultRate?: number;
  dropRate?: number;
  seed?: number;
  verifySignatures?: boolean;
  /** Host names accepted by the control API and worker routes besides 127.0.0.1, localhost and [::1]. */
  allowedHosts?: string[];
  /** Real time in epoch ms (default Date.now): for tests that place "now" for the signature window. */
  wallClock?: () => number;
  /** A simulated crowd that keeps working while the server runs, `speed` times faster than real time (seeded by `seed`). */
  crowd?: { workers: number; speed: number };
}

/** A crowd that keeps working: `workers` seeded by `seed`, the virtual clock running `speed` times real time. */
export interface CrowdSettings {
  workers: number;
  speed: number;
  seed: number;
}

export interface LocalMTurk {
  url: string;
  port: number;
  /** The first configured key pair (generated when none was given). */
  credentials: Credential;
  /** advance() throws a RangeError for a negative, non-finite or over-limit amount (10 years a call, 100 in all). */
  clock: { now(): number; advance(ms: number): void };
  control: LocalControl;
  /** The MTurk API in-process for the first key pair: the same input validation and operations as the wire. */
  requester: RequesterApi;
  /** Fills this server with the demo requester account (see src/demo/); a second call adds nothing. */
  fillDemo(options?: DemoOptions): Promise<DemoSummary>;
  /** Starts a seeded crowd that keeps working while the server runs (at most one; a second call changes nothing). */
  startCrowd(settings: CrowdSettings): void;
  stopCrowd(): void;
  /** The running crowd's settings, or null. */
  crowd(): CrowdSettings | null;
  close(): Promise<void>;
}

export { DEMO_CROWD, DEMO_FIRST_WAVE, generateCredential };
export type { Credential, DemoOptions, DemoSummary, LocalControl, MTurkEnvironment, RequesterApi };

export async function startLocalMTurk(options: LocalMTurkOptions = {}): Promise<LocalMTurk> {
  const app = new LocalMTurkApp({
    ...(options.dataFile ? { dataFile: options.dataFile } : {}),
    credentials: options.credentials ?? [],
    env: options.env ?? 'sandbox',
    startingBalanceCents: options.startingBalanceCents ?? DEFAULT_STARTING_BALANCE_CENTS,
    verifySignatures: options.verifySignatures ?? true,
    latencyMs: options.latencyMs,
    rateLimitPerSecond: options.rateLimitPerSecond,
    faultRate: options.faultRate,
    dropRate: options.dropRate,
    seed: options.seed,
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.wallClock ? { wallClock: options.wallClock } : {}),
  });
  const control = createControl(app);
  const server = createHttpServer(app, control);
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    // A taken port must not leave the data file open: the caller may retry on another port with the same file.
    app.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  let crowd: { settings: CrowdSettings; running: ContinuousCrowd } | null = null;
  const startCrowd = (settings: CrowdSettings): void => {
    if (crowd) return;
    const running = new ContinuousCrowd(app, settings);
    running.start();
    crowd = { settings: { ...settings }, running };
  };
  const stopCrowd = (): void => {
    crowd?.running.stop();
    crowd = null;
  };
  if (options.crowd) startCrowd({ ...options.crowd, seed: options.seed ?? 1 });
  const [primary] = app.credentials;
  if (!primary) throw new Error('Local MTurk needs at least one access key');
  const url = `http://${host}:${port}`;
  const requester: RequesterApi = {
    call: (operation, input = {}) => runOperation(app, app.context(primary.accessKeyId), operation, input),
  };
  return {
    url,
    port,
    credentials: { ...primary },
    clock: { now: () => app.clock.now(), advance: (ms) => app.advanceClock(ms) },
    control,
    requester,
    fillDemo: (demoOptions) => fillDemo({ url, requester, control }, demoOptions),
    startCrowd,
    stopCrowd,
    crowd: () => (crowd ? { ...crowd.settings } : null),
    close: () =>
      new Promise<void>((resolve, reject) => {
        stopCrowd();
        server.closeAllConnections();
        server.close((error) => {
          app.close();
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
