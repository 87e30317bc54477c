/**
 * One full Turkbench sync, wired exactly as the app wires it (the same pieces as test/helpers/sync-harness.ts):
 * SyncService over a fresh archive from openArchive, a gateway from createGateway for a `custom` connection,
 * and the connection's scheduler configured by the requester. Every attempt is counted through the gateway's
 * log hook, so throttled attempts (re-sent by the scheduler) show up next to the logical calls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '../../electron/archive/connection';
import { ensureConnection } from '../../electron/archive/repos/connections';
import { EventBus } from '../../electron/core/event-bus';
import { createLogger } from '../../electron/logging/logger';
import { createGateway } from '../../electron/mturk/gateway';
import type { GatewayLogEvent } from '../../electron/mturk/gateway-core';
import type { SchedulerOptions } from '../../electron/mturk/scheduler';
import { SyncService } from '../../electron/services/sync/sync-service';
import type { LocalMTurk } from '../../local-mturk/src/index';

export interface SyncRunOptions {
  readonly scheduler: SchedulerOptions;
  readonly detailConcurrency: number;
}

export interface SyncRunResult {
  readonly state: string;
  readonly message: string | null;
  readonly seconds: number;
  /** Logical MTurk calls (scheduler.run); a throttled call that was re-sent counts once. */
  readonly calls: number;
  /** HTTP attempts that reached the server (calls + throttled/transient re-sends). */
  readonly attempts: number;
  readonly throttles: number;
  readonly retries: number;
  readonly failed: number;
  readonly archivedHits: number;
  readonly archivedAssignments: number;
  readonly archivedBonuses: number;
  /** Attempts per operation, for the breakdown line. */
  readonly byOperation: ReadonlyMap<string, number>;
  /** Wall time of the sequential ListHITs phase (pagination cannot be parallelised: each page needs the previous token). */
  readonly listingSeconds: number;
}

const count = (db: ReturnType<typeof openArchive>, table: string, connectionId: number): number =>
  (db.read.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE connection_id = ?`).get(connectionId) as { n: number }).n;

/** Runs one full sync of `server` into a temp archive and removes the archive afterwards. */
export async function runTurkbenchSync(server: LocalMTurk, options: SyncRunOptions): Promise<SyncRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'turkbench-sync-bench-'));
  const archive = openArchive(join(dir, 'archive.sqlite'));
  const events = new EventBus();
  // Sync logs go nowhere: the bench prints its own figures and console I/O would cost time inside the measurement.
  const log = createLogger('bench', () => undefined, 'warn');
  const byOperation = new Map<string, number>();
  let attempts = 0;
  let firstNonListingAt: number | null = null;
  const onAttempt = (event: GatewayLogEvent): void => {
    attempts += 1;
    byOperation.set(event.operation, (byOperation.get(event.operation) ?? 0) + 1);
    if (event.operation !== 'ListHITs' && firstNonListingAt === null) firstNonListingAt = performance.now() - event.durationMs;
  };
  const gateway = createGateway({
    connection: { id: 'bench', label: 'Bench', kind: 'custom', endpoint: server.url, region: 'us-east-1', credentials: { type: 'env' } },
    credentials: { ...server.credentials },
    scheduler: options.scheduler,
    log: onAttempt,
  });
  if (!gateway.ok) throw new Error(gateway.error.message);
  const sync = new SyncService({ archive, events, log, now: Date.now, detailConcurrency: options.detailConcurrency });
  try {
    const account = { kind: 'custom' as const, endpoint: server.url, label: 'Bench', accountFingerprint: server.credentials.accessKeyId };
    const archiveConnectionId = ensureConnection(archive.write, account, Date.now()).id;
    const target = { connectionId: 'bench', archiveConnectionId, gateway: gateway.value };
    const started = performance.now();
    sync.start(target, 'full');
    const final = await sync.whenDone('bench');
    const seconds = (performance.now() - started) / 1000;
    const stats = gateway.value.stats();
    return {
      state: final?.state ?? 'did not run',
      message: final?.message ?? null,
      seconds,
      calls: stats.calls,
      attempts,
      throttles: stats.throttles,
      retries: stats.retries,
      failed: stats.failed,
      archivedHits: count(archive, 'hits', archiveConnectionId),
      archivedAssignments: count(archive, 'assignments', archiveConnectionId),
      archivedBonuses: count(archive, 'bonuses', archiveConnectionId),
      byOperation,
      listingSeconds: firstNonListingAt === null ? seconds : (firstNonListingAt - started) / 1000,
    };
  } finally {
    await sync.dispose();
    gateway.value.close();
    archive.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
