/**
 * The setup every bulk-action bench shares: a Local MTurk data file seeded with work, archived by a workbench through a
 * fast unthrottled server, then the same account reopened with latency and a ceiling for the timed part.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServices, type Services } from '../../electron/core/services';
import { createLogger } from '../../electron/logging/logger';
import { startLocalMTurk, type LocalMTurk } from '../../local-mturk/src/index';
import { seedDataFile } from './seed';

const quiet = createLogger('bench', () => undefined);

/** A data folder whose active connection is the given server at the given pace (unset: the AWS-safe default). */
export function benchWorkbench(dataDir: string, server: { url: string; credentials: { accessKeyId: string; secretAccessKey: string } }, requestsPerSecond?: number): Services {
  const config = { id: 'lab', label: 'Lab', kind: 'custom', endpoint: server.url, region: 'us-east-1', credentials: { type: 'env' }, ...(requestsPerSecond ? { requestsPerSecond } : {}) };
  writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections: [config] }));
  return createServices({
    dataDir,
    log: quiet,
    keychain: { unavailable: 'bench' },
    env: { AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey },
    homeDir: dataDir,
  });
}

/**
 * Seeds `hits` HITs in `dir`, archives them into `dir/data`, and returns a paced server on the same account with a
 * workbench over it. The caller disposes both.
 */
export async function pacedArchivedAccount(
  dir: string,
  spec: { hits: number; assignmentsPerHit: number; latencyMs: number; ceiling: number; requestsPerSecond?: number },
): Promise<{ server: LocalMTurk; bench: Services }> {
  const dataFile = join(dir, 'local-mturk.sqlite');
  await seedDataFile({ dataFile, hits: spec.hits, assignmentsPerHit: spec.assignmentsPerHit });
  const dataDir = join(dir, 'data');
  const fast = await startLocalMTurk({ port: 0, dataFile });
  mkdirSync(dataDir);
  const loader = benchWorkbench(dataDir, fast, 500);
  const synced = await loader.archive.startSync('full');
  if (!synced.ok) throw new Error(synced.error.message);
  await loader.sync.whenDone('lab');
  await loader.dispose();
  const credentials = fast.credentials;
  await fast.close();
  const server = await startLocalMTurk({ port: 0, dataFile, credentials: [credentials], latencyMs: spec.latencyMs, rateLimitPerSecond: spec.ceiling, seed: 1 });
  return { server, bench: benchWorkbench(dataDir, server, spec.requestsPerSecond) };
}
