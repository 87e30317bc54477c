import { join } from 'node:path';
import type { AppInfo } from '../../shared/contract/app';
import { openArchive } from '../archive/connection';
import { createAppHandlers } from '../handlers/app-handlers';
import { createArchiveHandlers } from '../handlers/archive-handlers';
import { createBrowseHandlers } from '../handlers/browse-handlers';
import { createConnectionHandlers } from '../handlers/connection-handlers';
import type { Logger } from '../logging/logger';
import type { PrefsStore } from '../prefs/prefs-store';
import { ArchiveService } from '../services/archive/archive-service';
import { BrowseService } from '../services/browse/browse-service';
import { ConnectionService } from '../services/connections/connection-service';
import { createConnectionFileStore } from '../services/connections/connection-store';
import { LocalMTurkHost } from '../services/connections/local-host';
import { createEncryptedFileVault, type Cipher } from '../services/connections/secret-vault';
import { startAutoSync } from '../services/sync/auto-sync';
import { SyncService } from '../services/sync/sync-service';
import { dispatch, type Dispatch } from './dispatch';
import { EventBus } from './event-bus';
import type { Handlers } from './handlers';

const AUTO_SYNC_EVERY_MS = 15 * 60_000;

export interface AppCoreDeps {
  readonly info: AppInfo;
  readonly prefs: PrefsStore;
  readonly log: Logger;
  /** The OS keychain (Electron's safeStorage), or why there is none (browser mode, no secret service). */
  readonly keychain: { cipher: Cipher } | { unavailable: string };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** Probe the active connection at start (starting the embedded Local MTurk if it is active) and sync automatically. */
  readonly autoConnect?: boolean;
}

export interface AppCore {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly dispatch: Dispatch;
  readonly connections: ConnectionService;
  readonly archive: ArchiveService;
  dispose(): Promise<void>;
}

/**
 * Everything behind the contract, with no Electron in sight: the Electron shell and serve mode both
 * build one of these and put their transport in front of it. This is where services get wired.
 */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const { dataDir } = deps.info;
  const events = new EventBus();
  const connections = new ConnectionService({
    store: createConnectionFileStore(join(dataDir, 'connections.json'), deps.log.child('connections')),
    vault: createEncryptedFileVault(join(dataDir, 'secrets.json'), deps.keychain),
    localHost: new LocalMTurkHost(join(dataDir, 'local-mturk'), deps.log.child('local-mturk')),
    events,
    log: deps.log.child('connections'),
    env: deps.env,
    homeDir: deps.homeDir,
  });

  const now = (): number => Date.now();
  const archiveDb = openArchive(join(dataDir, 'archive.sqlite'), deps.log.child('archive'));
  const sync = new SyncService({ archive: archiveDb, events, log: deps.log, now });
  const archive = new ArchiveService({ archive: archiveDb, connections, sync, now, events });

  // `satisfies` makes a contract method without a handler a compile error.
  const handlers = {
    ...createAppHandlers({ info: deps.info, prefs: deps.prefs, events, connectionStatus: () => connections.status() }),
    ...createConnectionHandlers(connections),
    ...createArchiveHandlers(archive),
    ...createBrowseHandlers(new BrowseService({ archive: archiveDb, connections })),
  } satisfies Handlers;

  let stopAutoSync = (): void => undefined;
  if (deps.autoConnect !== false) {
    stopAutoSync = startAutoSync({ events, sync: () => archive.autoSync(), intervalMs: AUTO_SYNC_EVERY_MS, log: deps.log.child('auto-sync') });
    void connections.refreshStatus();
  }

  return {
    handlers,
    events,
    connections,
    archive,
    dispatch: (name, input) => dispatch(handlers, name, input, deps.log.child('dispatch')),
    dispose: async () => {
      stopAutoSync();
      await sync.dispose();
      await connections.dispose();
      archiveDb.close();
    },
  };
}
