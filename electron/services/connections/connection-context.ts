import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { endpointFor, type ConnectionConfig } from '../../../shared/domain/connections';
import type { ArchiveDb } from '../../archive/connection';
import { connectionsAt, linkConnection, linkedConnection } from '../../archive/repos/connection-links';
import { ensureConnection } from '../../archive/repos/connections';
import type { MTurkGateway } from '../../mturk/types';
import type { ConnectionService } from './connection-service';
import { archiveEndpointFor } from './gateway-pool';

/**
 * Everything a service needs about one connection: its settings, where its data lives in the archive, and its
 * gateway. The archive side never needs credentials, so the archive stays readable offline and without keys.
 */
export interface ConnectionContext {
  readonly config: ConnectionConfig;
  /** The archive account this connection's data lives under; null while nothing was ever archived for it. */
  readonly archiveId: number | null;
  /** The connection's gateway (reads its keys; fails with `auth`/`network` when they or MTurk are missing). */
  gateway(): Promise<Result<MTurkGateway>>;
  /** The archive account, created the first time anything is written for it (needs the keys: an account is its key). */
  ensureArchiveId(): Promise<Result<number>>;
}

export interface ConnectionContextsDeps {
  readonly connections: ConnectionService;
  readonly archive: ArchiveDb;
  readonly now: () => number;
}

/** The one place that maps an app connection to its gateway and its archive account. */
export class ConnectionContexts {
  constructor(private readonly deps: ConnectionContextsDeps) {}

  active(): ConnectionContext {
    return this.#contextFor(this.deps.connections.activeConfig());
  }

  get(configId: string): Result<ConnectionContext> {
    const config = this.deps.connections.find(configId);
    return config ? ok(this.#contextFor(config)) : err(appError('not-found', `No connection with id "${configId}".`));
  }

  /** A context by name or id, for the CLI's `--connection`. */
  byName(nameOrId: string): Result<ConnectionContext> {
    const all = this.deps.connections.overview().connections.map((view) => view.config);
    const wanted = nameOrId.trim().toLowerCase();
    const match = all.find((c) => c.id === nameOrId) ?? all.find((c) => c.label.trim().toLowerCase() === wanted);
    if (!match) {
      return err(appError('not-found', `No connection named "${nameOrId}". Connections: ${all.map((c) => c.label).join(', ')}.`, { field: 'connection' }));
    }
    return ok(this.#contextFor(match));
  }

  #contextFor(config: ConnectionConfig): ConnectionContext {
    const { connections, archive, now } = this.deps;
    return {
      config,
      archiveId: this.#archiveIdWithoutKeys(config),
      gateway: () => connections.gatewayFor(config.id),
      ensureArchiveId: async () => {
        const open = await connections.openGateway(config.id);
        if (!open.ok) return open;
        const id = ensureConnection(archive.write, open.value.account, now()).id;
        linkConnection(archive.write, config.id, id, now());
        return ok(id);
      },
    };
  }

  /**
   * The link written when the connection was last opened with its keys; for archives older than links, the one
   * account archived at this connection's endpoint (several accounts there: unknown until the keys are read).
   */
  #archiveIdWithoutKeys(config: ConnectionConfig): number | null {
    const { archive, now } = this.deps;
    const linked = linkedConnection(archive.read, config.id);
    if (linked !== null) return linked;
    const endpoint = archiveEndpointFor(config, endpointFor(config));
    if (endpoint === null) return null;
    const candidates = connectionsAt(archive.read, config.kind, endpoint);
    if (candidates.length !== 1) return null;
    linkConnection(archive.write, config.id, candidates[0]!, now());
    return candidates[0]!;
  }
}
