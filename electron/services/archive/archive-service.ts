import type { ArchiveOverview, SyncMode, SyncProgress } from '../../../shared/contract/archive';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { ensureConnection, listConnections } from '../../archive/repos/connections';
import { countsFor } from '../../archive/repos/counts';
import { hitsDisposingWithin } from '../../archive/repos/retention';
import { listSyncRuns } from '../../archive/repos/sync';
import type { ArchiveCounts } from '../../../shared/domain/archive-types';
import type { AccountKey, ConnectionService } from '../connections/connection-service';
import { ACCOUNT_RESOURCE, type SyncService } from '../sync/sync-service';

const DISPOSAL_WARNING_DAYS = 14;

const EMPTY_COUNTS: ArchiveCounts = {
  hitTypes: 0, hits: 0, assignments: 0, bonuses: 0, qualificationTypes: 0, qualificationGrants: 0,
  qualificationRequests: 0, workerBlocks: 0, messages: 0, workers: 0,
};

/** What the Archive screen shows and starts, for whichever connection is active. Works offline from the archive. */
export class ArchiveService {
  constructor(
    private readonly deps: { archive: ArchiveDb; connections: ConnectionService; sync: SyncService; now: () => number },
  ) {}

  async overview(): Promise<Result<ArchiveOverview>> {
    const { connections, archive, sync, now } = this.deps;
    const status = connections.status();
    const active = await connections.active();
    const account = active.ok ? active.value.account : null;
    const archived = account ? this.#find(account) : null;
    const base = { connectionId: status.id, connectionLabel: status.label, offline: status.state === 'offline', running: sync.running(status.id) };
    if (!archived) {
      return ok({ ...base, known: false, counts: EMPTY_COUNTS, lastSync: null, syncLog: [], disposingSoon: [] });
    }
    const runs = listSyncRuns(archive.read, archived, 20).filter((run) => run.resource === ACCOUNT_RESOURCE);
    return ok({
      ...base,
      known: true,
      counts: countsFor(archive.read, archived),
      lastSync: runs.find((run) => run.status !== 'running') ?? null,
      syncLog: runs,
      disposingSoon: hitsDisposingWithin(archive.read, archived, now(), DISPOSAL_WARNING_DAYS),
    });
  }

  async startSync(mode: SyncMode): Promise<Result<SyncProgress>> {
    const active = await this.deps.connections.active();
    if (!active.ok) return err(active.error);
    const { config, gateway, account } = active.value;
    const archiveConnectionId = ensureConnection(this.deps.archive.write, account, this.deps.now()).id;
    return ok(this.deps.sync.start({ connectionId: config.id, archiveConnectionId, gateway }, mode));
  }

  cancel(jobId: string): Result<SyncProgress | null> {
    const progress = this.deps.sync.cancel(jobId);
    return progress ? ok(progress) : err(appError('not-found', 'That sync is no longer running.'));
  }

  #find(account: AccountKey): number | null {
    const match = listConnections(this.deps.archive.read).find(
      (c) => c.kind === account.kind && c.endpoint === account.endpoint && c.accountFingerprint === account.accountFingerprint,
    );
    return match?.id ?? null;
  }
}
