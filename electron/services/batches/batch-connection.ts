/**
 * Which connection a batch is read and acted on through: the one it was launched on, whatever connection is active
 * now — a batch tried on the built-in Local MTurk stays there while Production is active.
 */
import type { ArchiveDb } from '../../archive/connection';
import { getBatch } from '../../archive/repos/batches';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';

/**
 * The launching connection while it still leads to the batch's archive; that archive, read-only, once the connection
 * is gone or points elsewhere; the active connection for an id no launch recorded (a batch found on MTurk by its tag).
 */
export function batchContext(archive: ArchiveDb, contexts: ConnectionContexts, batchId: string): ConnectionContext {
  const batch = getBatch(archive.read, batchId);
  if (!batch) return contexts.active();
  const launching = contexts.get(batch.configId);
  if (launching.ok && launching.value.archiveId === batch.connectionId) return launching.value;
  const kept = contexts.forArchive(batch.connectionId);
  return kept.ok ? kept.value : contexts.active();
}
