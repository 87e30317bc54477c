import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { endpointFor, MTURK_REGION, type ConnectionConfig } from '../../../shared/domain/connections';
import type { ArchiveConnection } from '../../../shared/domain/archive-types';
import type { ArchiveDb } from '../../archive/connection';
import { connectionsAt, linkConnection, linkedConnection } from '../../archive/repos/connection-links';
import { ensureConnection, getConnection } from '../../archive/repos/connections';
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
  /** For a kept archive opened without its connection: why nothing can be sent from it. Absent for a connection. */
  readonly readOnly?: string;
}

/** The id a kept archive goes by where a connection id is expected (events, file names); never a real connection's. */
export const keptArchiveConfigId = (archiveId: number): string => `archive:${archiveId}`;

/** Stands in for the removed connection: its label, kind and endpoint as the archive remembers them, and no keys. */
function keptArchiveConfig(account: ArchiveConnection): ConnectionConfig {
  const endpoint = account.kind === 'local' ? {} : { endpoint: account.endpoint };
  return { id: keptArchiveConfigId(account.id), label: account.label, kind: account.kind, ...endpoint, region: MTURK_REGION, credentials: { type: 'local' } };
}

function readOnlyReason(account: ArchiveConnection): string {
  return `No connection uses this archive (${account.label}), so it is read-only: nothing can be sent to MTurk or synced from it. To use it again, add a connection to ${account.kind === 'local' ? 'the built-in Local MTurk' : account.endpoint} with the same keys.`;
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

  /** What a read is about: the active connection, or the kept archive a screen or command opened by id. */
  scoped(archiveId: number | undefined): Result<ConnectionContext> {
    return archiveId === undefined ? ok(this.active()) : this.forArchive(archiveId);
  }

  /**
   * A kept archive by its id, read-only: it has no connection (or is opened without one), so it has no gateway and
   * takes no new data — every read works, every MTurk call is refused with the reason.
   */
  forArchive(archiveId: number): Result<ConnectionContext> {
    const account = getConnection(this.deps.archive.read, archiveId);
    if (!account) return err(appError('not-found', `No archive with id ${archiveId} on this computer (Archive → Archives on this computer, or "turkbench archive list", shows them).`, { field: 'archiveId' }));
    const refusal = appError('validation', readOnlyReason(account));
    return ok({
      config: keptArchiveConfig(account),
      archiveId: account.id,
      readOnly: refusal.message,
      gateway: async () => err(refusal),
      ensureArchiveId: async () => err(refusal),
    });
  }

  /** The connections whose data lives in this archive account (none: its connection was removed). */
  usersOf(archiveId: number): ConnectionConfig[] {
    return this.deps.connections
      .overview()
      .connections.map((view) => view.config)
      .filter((config) => this.#archiveIdWithoutKeys(config) === archiveId);
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
