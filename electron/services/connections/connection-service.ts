import { createHash } from 'node:crypto';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { endpointFor, isProduction, type ConnectionConfig } from '../../../shared/domain/connections';
import type { ConnectionStatus } from '../../../shared/contract/app';
import type { ConnectionsOverview, ConnectionTestResult, ConnectionView } from '../../../shared/contract/connections';
import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';
import { resolveCredentials, type AwsCredentials, type CredentialContext } from '../../mturk/credentials';
import { createGateway } from '../../mturk/gateway';
import type { SchedulerOptions } from '../../mturk/scheduler';
import type { MTurkGateway } from '../../mturk/types';
import { LOCAL_CONNECTION_ID, type ConnectionStore } from './connection-store';
import type { LocalMTurkHost } from './local-host';
import { KeychainUnavailableError, type SecretVault } from './secret-vault';

export interface ConnectionServiceDeps {
  readonly store: ConnectionStore;
  readonly vault: SecretVault;
  readonly localHost: LocalMTurkHost;
  readonly events: EventBus;
  readonly log: Logger;
  readonly env: CredentialContext['env'];
  readonly homeDir: string;
}

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

export interface ActiveConnection {
  readonly config: ConnectionConfig;
  readonly gateway: MTurkGateway;
  readonly account: AccountKey;
}

interface OpenGateway {
  readonly gateway: MTurkGateway;
  readonly account: AccountKey;
}

const EMBEDDED_ENDPOINT = 'local:embedded';

/**
 * Owns the list of connections, which one is active, their keys, and one gateway per connection
 * (so each has exactly one scheduler). It is the only place that decides whether MTurk is reachable.
 */
export class ConnectionService {
  readonly #gateways = new Map<string, OpenGateway>();
  #status: ConnectionStatus;

  constructor(private readonly deps: ConnectionServiceDeps) {
    const active = this.#active();
    this.#status = { id: active.id, kind: active.kind, label: active.label, state: 'connecting', detail: endpointFor(active) ?? 'starting' };
  }

  overview(): ConnectionsOverview {
    const state = this.deps.store.read();
    return {
      activeId: state.activeId,
      connections: state.connections.map((config) => this.#view(config, state.activeId)),
      keychain: this.deps.vault.availability(),
    };
  }

  status(): ConnectionStatus {
    return this.#status;
  }

  save(config: ConnectionConfig): Result<ConnectionView> {
    if (config.id === LOCAL_CONNECTION_ID || config.kind === 'local') {
      return err(appError('validation', 'The built-in Local MTurk is configured automatically; add a Custom endpoint to use another Local MTurk.', { field: 'kind' }));
    }
    const state = this.deps.store.read();
    const connections = [...state.connections.filter((c) => c.id !== config.id), config];
    this.deps.store.write({ ...state, connections });
    this.#dropGateway(config.id);
    this.#announce();
    return ok(this.#view(config, state.activeId));
  }

  remove(id: string): Result<ConnectionsOverview> {
    if (id === LOCAL_CONNECTION_ID) return err(appError('validation', 'The built-in Local MTurk cannot be removed.'));
    const state = this.deps.store.read();
    if (!state.connections.some((c) => c.id === id)) return err(appError('not-found', `No connection with id "${id}".`));
    this.deps.store.write({ activeId: state.activeId === id ? LOCAL_CONNECTION_ID : state.activeId, connections: state.connections.filter((c) => c.id !== id) });
    this.deps.vault.delete(id);
    this.#dropGateway(id);
    if (state.activeId === id) void this.refreshStatus();
    this.#announce();
    return ok(this.overview());
  }

  async activate(id: string, confirmProduction: boolean): Promise<Result<ConnectionStatus>> {
    const state = this.deps.store.read();
    const config = state.connections.find((c) => c.id === id);
    if (!config) return err(appError('not-found', `No connection with id "${id}".`));
    if (isProduction(config) && !confirmProduction) {
      return err(appError('validation', 'Switching to PRODUCTION spends real money from then on; confirm to continue.', { field: 'confirmProduction' }));
    }
    this.deps.store.write({ ...state, activeId: id });
    this.#announce();
    return ok(await this.refreshStatus());
  }

  async test(id: string): Promise<Result<ConnectionTestResult>> {
    const gateway = await this.gatewayFor(id);
    if (!gateway.ok) return gateway;
    const check = await gateway.value.testConnection();
    if (!check.ok) return check;
    return ok({ balanceCents: check.value.balanceCents, endpoint: check.value.endpoint, latencyMs: check.value.latencyMs });
  }

  storeKeys(id: string, keys: { accessKeyId: string; secretAccessKey: string }): Result<ConnectionView> {
    const state = this.deps.store.read();
    const config = state.connections.find((c) => c.id === id);
    if (!config) return err(appError('not-found', `No connection with id "${id}".`));
    if (config.credentials.type !== 'stored') {
      return err(appError('validation', `Connection "${config.label}" takes its keys from ${config.credentials.type === 'profile' ? 'an AWS profile' : 'the environment'}; switch it to "keys stored in Turkbench" first.`));
    }
    try {
      this.deps.vault.set(id, keys);
    } catch (cause) {
      if (cause instanceof KeychainUnavailableError) {
        return err(appError('auth', `Turkbench will not store keys here: ${cause.message} Use an AWS profile (~/.aws/credentials) or environment variables instead.`));
      }
      throw cause;
    }
    this.#dropGateway(id);
    this.deps.log.info(`stored keys for connection ${id}`);
    this.#announce();
    return ok(this.#view(config, state.activeId));
  }

  forgetKeys(id: string): Result<ConnectionView> {
    const state = this.deps.store.read();
    const config = state.connections.find((c) => c.id === id);
    if (!config) return err(appError('not-found', `No connection with id "${id}".`));
    this.deps.vault.delete(id);
    this.#dropGateway(id);
    this.#announce();
    return ok(this.#view(config, state.activeId));
  }

  /** The active connection and its gateway, or the reason there is none (offline, no keys…). */
  async active(): Promise<Result<ActiveConnection>> {
    const config = this.#active();
    const open = await this.#open(config.id);
    return open.ok ? ok({ config, ...open.value }) : open;
  }

  /** Probes the active connection and publishes online/offline. */
  async refreshStatus(): Promise<ConnectionStatus> {
    const config = this.#active();
    const base = { id: config.id, kind: config.kind, label: config.label };
    const gateway = await this.gatewayFor(config.id);
    const check = gateway.ok ? await gateway.value.testConnection() : gateway;
    this.#status = check.ok
      ? { ...base, state: 'online', detail: `${check.value.endpoint} · ${check.value.latencyMs} ms` }
      : { ...base, state: check.error.kind === 'network' ? 'offline' : 'not-configured', detail: check.error.message };
    this.deps.events.emit('connection.changed', this.#status);
    return this.#status;
  }

  async gatewayFor(id: string): Promise<Result<MTurkGateway>> {
    const open = await this.#open(id);
    return open.ok ? ok(open.value.gateway) : open;
  }

  async #open(id: string): Promise<Result<OpenGateway>> {
    const cached = this.#gateways.get(id);
    if (cached) return ok(cached);
    const config = this.deps.store.read().connections.find((c) => c.id === id);
    if (!config) return err(appError('not-found', `No connection with id "${id}".`));
    let connection = config;
    let localCredentials: AwsCredentials | undefined;
    if (config.kind === 'local') {
      const server = await this.deps.localHost.start();
      connection = { ...config, endpoint: server.url };
      localCredentials = server.credentials;
    }
    const credentials = await resolveCredentials(config.credentials, {
      connectionId: id,
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
      endpoint: config.kind === 'local' ? EMBEDDED_ENDPOINT : gateway.value.endpoint,
      label: config.label,
      accountFingerprint: createHash('sha256').update(credentials.value.accessKeyId).digest('hex').slice(0, 16),
    };
    const open = { gateway: gateway.value, account };
    this.#gateways.set(id, open);
    return ok(open);
  }

  async dispose(): Promise<void> {
    for (const id of [...this.#gateways.keys()]) this.#dropGateway(id);
    await this.deps.localHost.stop();
  }

  #active(): ConnectionConfig {
    const state = this.deps.store.read();
    return state.connections.find((c) => c.id === state.activeId) ?? state.connections[0]!;
  }

  #view(config: ConnectionConfig, activeId: string): ConnectionView {
    return {
      config,
      active: config.id === activeId,
      production: isProduction(config),
      hasStoredKeys: config.credentials.type === 'stored' && this.deps.vault.has(config.id),
      builtIn: config.id === LOCAL_CONNECTION_ID,
    };
  }

  #dropGateway(id: string): void {
    this.#gateways.get(id)?.gateway.close();
    this.#gateways.delete(id);
  }

  #announce(): void {
    this.deps.events.emit('connections.changed', this.overview());
  }
}
