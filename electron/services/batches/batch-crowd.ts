/**
 * Trying a batch out on the built-in Local MTurk: its simulated crowd works every HIT on offer there until nobody can do
 * more, then one batch-runner step brings the batch's HITs and assignments into the archive (and publishes the next
 * sub-HITs of a micro-batched batch, which another run then works). Only ever the embedded server — never a
 * connection where real workers would be paid.
 */
import type { BatchCrowdRun } from '../../../shared/contract/batches';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { batchAssignmentIds, getBatch } from '../../archive/repos/batches';
import type { ConnectionContexts } from '../connections/connection-context';
import { LOCAL_CONNECTION_ID } from '../connections/connection-store';
import type { LocalMTurkHost } from '../connections/local-host';
import type { BatchRunner } from './batch-runner';

const messageOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

export interface BatchCrowdDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly host: LocalMTurkHost;
  readonly runner: BatchRunner;
}

export class BatchCrowd {
  constructor(private readonly deps: BatchCrowdDeps) {}

  async simulate(batchId: string): Promise<Result<BatchCrowdRun>> {
    const batch = getBatch(this.deps.archive.read, batchId);
    if (!batch) return err(appError('not-found', `No batch ${batchId} was launched here.`, { field: 'batchId' }));
    const local = this.deps.contexts.get(LOCAL_CONNECTION_ID);
    if (batch.configId !== LOCAL_CONNECTION_ID || !local.ok || local.value.archiveId !== batch.connectionId) {
      return err(appError('validation', `Batch ${batchId} is not on the built-in Local MTurk: its HITs are done by real workers, not a simulated crowd.`, { field: 'batchId' }));
    }
    let server;
    try {
      server = await this.deps.host.start();
    } catch (cause) {
      return err(appError('network', `The built-in Local MTurk did not start: ${messageOf(cause)}`));
    }
    let counts;
    try {
      counts = await server.control.simulate({ until: 'done' });
    } catch (cause) {
      // Reset or stopped while the crowd worked: what it did is on the server; a sync brings it in.
      return err(appError('conflict', `The simulated crowd stopped before it was done: ${messageOf(cause)}`));
    }
    const step = await this.deps.runner.step(batchId, local.value);
    if (!step.ok) return step;
    const { submitted, returned, abandoned, virtualMinutes } = counts;
    return ok({ submitted, returned, abandoned, virtualMinutes, archivedAssignments: batchAssignmentIds(this.deps.archive.read, batchId).length });
  }
}
