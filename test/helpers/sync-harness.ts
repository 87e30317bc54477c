import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncProgress } from '../../shared/contract/archive';
import { openArchive, type ArchiveDb } from '../../electron/archive/connection';
import { ensureConnection } from '../../electron/archive/repos/connections';
import { EventBus } from '../../electron/core/event-bus';
import { createGateway } from '../../electron/mturk/gateway';
import type { SchedulerOptions } from '../../electron/mturk/scheduler';
import type { MTurkGateway } from '../../electron/mturk/types';
import { SyncService, type SyncTarget } from '../../electron/services/sync/sync-service';
import type { LocalMTurk } from '../../local-mturk/src/index';
import { memoryLogger } from './memory-log';

export interface SyncHarness {
  readonly archive: ArchiveDb;
  readonly sync: SyncService;
  readonly events: EventBus;
  readonly progress: SyncProgress[];
  /** A Local MTurk, or any MTurk-compatible server (a canned one) with its URL and keys. */
  target(server: Pick<LocalMTurk, 'url' | 'credentials'>, scheduler?: SchedulerOptions): SyncTarget & { gateway: MTurkGateway };
  run(target: SyncTarget, mode: 'full' | 'incremental'): Promise<SyncProgress>;
  close(): void;
}

/** A sync service over a temp-file archive, pointed at a Local MTurk through the real gateway and SDK. */
export function syncHarness(file = join(mkdtempSync(join(tmpdir(), 'tb-sync-')), 'archive.sqlite')): SyncHarness {
  const archive = openArchive(file);
  const events = new EventBus();
  const progress: SyncProgress[] = [];
  events.subscribe((name, payload) => name === 'sync.progress' && progress.push(payload as SyncProgress));
  const sync = new SyncService({ archive, events, log: memoryLogger().log, now: Date.now });
  return {
    archive,
    sync,
    events,
    progress,
    target(server, scheduler = { ratePerSecond: 1000, burst: 100, concurrency: 16 }) {
      const gateway = createGateway({
        connection: { id: 'lab', label: 'Lab', kind: 'custom', endpoint: server.url, region: 'us-east-1', credentials: { type: 'env' } },
        credentials: server.credentials,
        scheduler,
      });
      if (!gateway.ok) throw new Error(gateway.error.message);
      const account = { kind: 'custom' as const, endpoint: server.url, label: 'Lab', accountFingerprint: server.credentials.accessKeyId };
      return { connectionId: 'lab', archiveConnectionId: ensureConnection(archive.write, account, Date.now()).id, gateway: gateway.value };
    },
    async run(target, mode) {
      sync.start(target, mode);
      const final = await sync.whenDone(target.connectionId);
      if (!final) throw new Error('sync did not run');
      return final;
    },
    close: () => archive.close(),
  };
}
