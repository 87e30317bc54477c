import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { MTurkGateway } from '../../mturk/types';
import type { Reconciler } from '../actions/reconciler';
import type { ConnectionContext } from '../connections/connection-context';

/** Where a write goes: the connection, its archive account and its gateway. */
export interface WriteTarget {
  readonly configId: string;
  readonly archiveConnectionId: number;
  readonly gateway: MTurkGateway;
}

/**
 * The connection's gateway and archive account, once the calls a crash or a lost answer left open are settled:
 * nothing new is sent over an unsettled journal.
 */
export async function writeTarget(context: ConnectionContext, reconciler: Reconciler): Promise<Result<WriteTarget>> {
  if (context.readOnly) return err(appError('conflict', context.readOnly));
  const gateway = await context.gateway();
  if (!gateway.ok) return gateway;
  const reconciled = await reconciler.ensure(context);
  if (!reconciled.ok) return reconciled;
  const archiveId = await context.ensureArchiveId();
  if (!archiveId.ok) return archiveId;
  return ok({ configId: context.config.id, archiveConnectionId: archiveId.value, gateway: gateway.value });
}

/** Worker ids once each, in the order given; an empty list is refused in words. */
export function distinctWorkers(workerIds: readonly string[], what: string): Result<string[]> {
  const ids = [...new Set(workerIds.map((id) => id.trim()).filter(Boolean))];
  return ids.length > 0 ? ok(ids) : err(appError('validation', `Name the workers to ${what}.`, { field: 'workerIds' }));
}
