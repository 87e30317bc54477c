import type { ArchiveDb } from '../archive/connection';
import { listConnections } from '../archive/repos/connections';
import type { AccountKey, ConnectionService } from './connections/connection-service';

/**
 * The archive's id for the account the active connection reaches, or null if it was never synced.
 * Needs no network: it works offline, which is the point of the archive.
 */
export async function activeArchiveId(connections: ConnectionService, archive: ArchiveDb): Promise<number | null> {
  const active = await connections.active();
  return active.ok ? findArchiveConnection(archive, active.value.account) : null;
}

export function findArchiveConnection(archive: ArchiveDb, account: AccountKey): number | null {
  const match = listConnections(archive.read).find(
    (c) => c.kind === account.kind && c.endpoint === account.endpoint && c.accountFingerprint === account.accountFingerprint,
  );
  return match?.id ?? null;
}
