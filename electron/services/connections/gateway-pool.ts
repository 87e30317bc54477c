import { createHash } from 'node:crypto';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ConnectionConfig } from '../../../shared/domain/connections';
import { resolveCredentials, type AwsCredentials, type CredentialContext } from '../../mturk/credentials';
import { createGateway } from '../../mturk/gateway';
import type { SchedulerOptions } from '../../mturk/scheduler';
import type { MTurkGateway } from '../../mturk/types';
import type { LocalMTurkHost } from './local-host';
import type { SecretVault } from './secret-vault';

/**
 * AWS publishes no limit; ~2 req/s is what requesters found reliable. No burst: evenly spaced calls never
 * exceed the rate in any window, whereas a burst can trip a server bucket the same size as our rate
 * (measured: one throttle at start, then ~12 s lost recovering). Local MTurk is ours: go fast.
 */
const AWS_PACE: SchedulerOptions = { ratePerSecond: 2, burst: 1, concurrency: 2 };
const LOCAL_PACE: SchedulerOptions = { ratePerSecond: 500, burst: 100, concurrency: 16 };

/** A configured pace; enough calls in flight to keep it up at ~200 ms per call. */
export function paceFor(config: ConnectionConfig): SchedulerOptions {
  if (config.requestsPerSecond !== undefined) {
    const rate = config.requestsPerSecond;
    return { ratePerSecond: rate, burst: Math.max(1, Math.floor(rate / 10)), concurrency: Math.min(32, Math.max(2, Math.ceil(rate / 5))) };
  }
  return config.kind === 'local' ? LOCAL_PACE : AWS_PACE;
}

/** Identifies the account a connection reaches, for the archive (which keys everything by it). */
export interface AccountKey {
  readonly kind: ConnectionConfig['kind'];
  /** Stable across launches: the embedded Local MTurk's port changes, its identity does not. */
  readonly endpoint: string;
  readonly label: string;
  /** A hash of the access key id: tells accounts apart without storing the key. */
  readonly accountFingerprint: string;
}

export interface OpenGateway {
  readonly gateway: MTurkGateway;
  readonly account: AccountKey;
}

export const EMBEDDED_ENDPOINT = 'local:embedded';

/** Where the archive files a connection's account, known without its keys. */
export function archiveEndpointFor(config: ConnectionConfig, gatewayEndpoint: string | null): string | null {
  return config.kind === 'local' ? EMBEDDED_ENDPOINT : gatewayEndpoint;
}

export interface GatewayPoolDeps {
  readonly vault: SecretVault;
  readonly localHost: LocalMTurkHost;
  readonly env: CredentialContext['env'];
  readonly homeDir: string;
}

/**
 * One gateway per connection (so each has exactly one scheduler), opened with the connection's keys on first use;
 * starts the embedded Local MTurk when a local connection needs it.
 */
export class GatewayPool {
  readonly #open = new Map<string, OpenGateway>();

  constructor(private readonly deps: GatewayPoolDeps) {}

  async open(config: ConnectionConfig): Promise<Result<OpenGateway>> {
    const cached = this.#open.get(config.id);
    if (cached) return ok(cached);
    let connection = config;
    let localCredentials: AwsCredentials | undefined;
    if (config.kind === 'local') {
      try {
        const server = await this.deps.localHost.start();
        connection = { ...config, endpoint: server.url };
        localCredentials = server.credentials;
      } catch (cause) {
        return err(appError('network', `The built-in Local MTurk did not start: ${cause instanceof Error ? cause.message : String(cause)}`));
      }
    }
    const credentials = await resolveCredentials(config.credentials, {
      connectionId: config.id,
      env: this.deps.env,
      homeDir: this.deps.homeDir,
      secrets: this.deps.vault,
      localCredentials,
    });
    if (!credentials.ok) return credentials;
    const gateway = createGateway({ connection, credentials: credentials.value, scheduler: paceFor(config) });
    if (!gateway.ok) return gateway;
    const account: AccountKey = {
      kind: config.kind,
      endpoint: archiveEndpointFor(config, gateway.value.endpoint) ?? gateway.value.endpoint,
      label: config.label,
      accountFingerprint: createHash('sha256').update(credentials.value.accessKeyId).digest('hex').slice(0, 16),
    };
    const open = { gateway: gateway.value, account };
    this.#open.set(config.id, open);
    return ok(open);
  }

  drop(id: string): void {
    this.#open.get(id)?.gateway.close();
    this.#open.delete(id);
  }

  async dispose(): Promise<void> {
    for (const id of [...this.#open.keys()]) this.drop(id);
    await this.deps.localHost.stop();
  }
}
