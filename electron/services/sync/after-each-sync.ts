import type { SyncProgress } from '../../../shared/contract/archive';
import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';

/**
 * Runs `work` after each sync of a connection that succeeded, for that connection (once it has an archive). One round
 * at a time per connection: a sync finishing meanwhile is caught by the next round. A failure is logged as `what`.
 * Returns the unsubscribe.
 */
export function afterEachSync(
  deps: { events: EventBus; contexts: ConnectionContexts; log: Logger },
  what: string,
  work: (context: ConnectionContext) => Promise<void>,
): () => void {
  const running = new Set<string>();
  return deps.events.subscribe((name, payload) => {
    if (name !== 'sync.progress') return;
    const progress = payload as SyncProgress;
    if (progress.state !== 'succeeded' || running.has(progress.connectionId)) return;
    const context = deps.contexts.get(progress.connectionId);
    if (!context.ok || context.value.archiveId === null) return;
    running.add(progress.connectionId);
    void work(context.value)
      .catch((error: unknown) => deps.log.warn(`${what}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => running.delete(progress.connectionId));
  });
}
