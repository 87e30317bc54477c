import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';
import type { SyncProgress } from '../../../shared/contract/archive';
import type { ConnectionContexts } from '../connections/connection-context';
import type { CompensationService } from './compensation-service';

/**
 * After each finished sync of a connection, its compensations' new submissions are approved: the workers are paid
 * without anyone having to remember them. One settle at a time per connection; a sync finishing meanwhile is caught by
 * the next.
 */
export function settleCompensationsAfterSync(deps: { events: EventBus; contexts: ConnectionContexts; compensation: CompensationService; log: Logger }): () => void {
  const running = new Set<string>();
  return deps.events.subscribe((name, payload) => {
    if (name !== 'sync.progress') return;
    const progress = payload as SyncProgress;
    if (progress.state !== 'succeeded' || running.has(progress.connectionId)) return;
    const context = deps.contexts.get(progress.connectionId);
    if (!context.ok || context.value.archiveId === null) return;
    running.add(progress.connectionId);
    void deps.compensation
      .settle(context.value)
      .then((settled) => {
        if (!settled.ok) deps.log.warn(`compensations not settled: ${settled.error.message}`);
        else if (settled.value.problems.length) deps.log.warn(`compensations: ${settled.value.problems.join('; ')}`);
      })
      .finally(() => running.delete(progress.connectionId));
  });
}
