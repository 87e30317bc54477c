import type { ReconcileSummary } from '../../../shared/contract/jobs';
import { ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { listUnfinished } from '../../archive/repos/journal';
import type { ConnectionContext } from '../connections/connection-context';
import type { JournaledExecutor } from './journaled-executor';

export type { ReconcileSummary };

const NOTHING: ReconcileSummary = { checked: 0, confirmed: 0, failed: 0, unknown: 0 };

/**
 * Settles what a crash or a lost answer left open, before anything new is sent on a connection: once per connection
 * per run (and again on demand), so starting a job never waits on more than one round of questions.
 */
export class Reconciler {
  readonly #done = new Map<number, Promise<Result<ReconcileSummary>>>();

  constructor(private readonly deps: { archive: ArchiveDb; executor: JournaledExecutor }) {}

  /** Reconciles this connection's open calls unless that already happened in this run. */
  ensure(context: ConnectionContext): Promise<Result<ReconcileSummary>> {
    const archiveId = context.archiveId;
    if (archiveId === null) return Promise.resolve(ok(NOTHING));
    let pending = this.#done.get(archiveId);
    if (!pending) {
      pending = this.run(context);
      this.#done.set(archiveId, pending);
      // A failed round (offline) is tried again next time instead of being remembered.
      void pending.then((result) => {
        if (!result.ok || result.value.unknown > 0) this.#done.delete(archiveId);
      });
    }
    return pending;
  }

  async run(context: ConnectionContext): Promise<Result<ReconcileSummary>> {
    const archiveId = context.archiveId;
    if (archiveId === null || listUnfinished(this.deps.archive.read, archiveId).every((e) => e.state === 'pending' && e.jobId !== null)) return ok(NOTHING);
    const gateway = await context.gateway();
    if (!gateway.ok) return gateway;
    const outcomes = await this.deps.executor.reconcile({ configId: context.config.id, archiveConnectionId: archiveId, gateway: gateway.value });
    return ok({
      checked: outcomes.length,
      confirmed: outcomes.filter((o) => o.state === 'confirmed').length,
      failed: outcomes.filter((o) => o.state === 'failed').length,
      unknown: outcomes.filter((o) => o.state === 'unknown').length,
    });
  }
}
