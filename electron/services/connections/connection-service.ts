import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { endpointFor, isProduction, type ConnectionConfig } from '../../../shared/domain/connections';
import type { ConnectionStatus } from '../../../shared/contract/app';
import type { ConnectionsOverview, ConnectionTestResult, ConnectionView } from '../../../shared/contract/connections';
import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';
import type { MTurkGateway } from '../../mturk/types';
import { LOCAL_CONNECTION_ID, type ConnectionStore } from './connection-store';
import type { GatewayPool, OpenGateway } from './gateway-pool';
import { KeychainUnavailableError, type SecretVault } from './secret-vault';

export interface ConnectionServiceDeps {
  readonly store: ConnectionStore;
  readonly vault: SecretVault;
  readonly gateways: GatewayPool;
  readonly events: EventBus;
  readonly log: Logger;
}

export interface ActiveConnection extends OpenGateway {
  readonly config: ConnectionConfig;
}

/**
 * Owns the list of connections, which one is active, their keys and whether the active one is reachable.
 * Gateways come from the GatewayPool; the archive side of a connection from ConnectionContexts.
 */
export class ConnectionService {
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
    // Another connection became active while this one was probed (a slow built-in start, say): its own probe
    // publishes its status, and this stale one must not overwrite it.
    if (this.#active().id !== config.id) return this.#status;
    this.#status = check.ok
      ? { ...base, state: 'online', detail: `${check.value.endpoint} · ${check.value.latencyMs} ms`, balanceCents: check.value.balanceCents }
      : { ...base, state: check.error.kind === 'network' ? 'offline' : 'not-configured', detail: check.error.message };
    this.deps.events.emit('connection.changed', this.#status);
    return this.#status;
  }

  /** A connection's gateway and the account its keys reach. */
  openGateway(id: string): Promise<Result<OpenGateway>> {
    return this.#open(id);
  }

  async gatewayFor(id: string): Promise<Result<MTurkGateway>> {
    const open = await this.#open(id);
    return open.ok ? ok(open.value.gateway) : open;
  }

  async #open(id: string): Promise<Result<OpenGateway>> {
    const config = this.find(id);
    if (!config) return err(appError('not-found', `No connection with id "${id}".`));
    return this.deps.gateways.open(config);
  }

  /** A connection's settings (no network, no keys needed). */
  find(id: string): ConnectionConfig | null {
    return this.deps.store.read().connections.find((c) => c.id === id) ?? null;
  }

  /** The active connection's settings (no network, no keys needed). */
  activeConfig(): ConnectionConfig {
    return this.#active();
  }

  async dispose(): Promise<void> {
    await this.deps.gateways.dispose();
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
    this.deps.gateways.drop(id);
  }

  #announce(): void {
    this.deps.events.emit('connections.changed', this.overview());
  }
}
