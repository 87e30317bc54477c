import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../../electron/core/services';
import type { LocalMTurk } from '../../../local-mturk/src/index';
import { memoryLogger } from '../../helpers/memory-log';

/** Every service wired as the app wires it, on a fresh data folder, its active connection a standalone Local MTurk. */
export function workbenchFor(server: LocalMTurk, options: { dataDir?: string; env?: Record<string, string>; requestsPerSecond?: number; now?: () => number } = {}): Services & { dataDir: string } {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tb-actions-'));
  const config = { id: 'lab', label: 'Lab', kind: 'custom', endpoint: server.url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: options.requestsPerSecond ?? 500 };
  writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections: [config] }));
  const services = createServices({
    dataDir,
    log: memoryLogger().log,
    keychain: { unavailable: 'no keychain in tests.' },
    env: options.env ?? { AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey },
    homeDir: join(dataDir, 'home'),
    now: options.now,
  });
  return { ...services, dataDir };
}

/** A full sync of the active connection, awaited. */
export async function syncFully(services: Services): Promise<void> {
  const started = await services.archive.startSync('full');
  if (!started.ok) throw new Error(started.error.message);
  const final = await services.sync.whenDone(services.contexts.active().config.id);
  if (final?.state !== 'succeeded') throw new Error(`sync ended ${final?.state}: ${final?.message}`);
}
