import type { EventBus } from '../../core/event-bus';
import type { Logger } from '../../logging/logger';
import type { ConnectionContexts } from '../connections/connection-context';
import { afterEachSync } from '../sync/after-each-sync';
import type { CompensationService } from './compensation-service';

/**
 * After each finished sync of a connection, its compensations' new submissions are approved: the workers are paid
 * without anyone having to remember them.
 */
export function settleCompensationsAfterSync(deps: { events: EventBus; contexts: ConnectionContexts; compensation: CompensationService; log: Logger }): () => void {
  return afterEachSync(deps, 'compensations not settled', async (context) => {
    const settled = await deps.compensation.settle(context);
    if (!settled.ok) deps.log.warn(`compensations not settled: ${settled.error.message}`);
    else if (settled.value.problems.length) deps.log.warn(`compensations: ${settled.value.problems.join('; ')}`);
  });
}
