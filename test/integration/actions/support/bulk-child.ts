/**
 * A bulk "add assignments" job in its own process, so a test can kill it with SIGKILL mid-way (no cleanup runs, as in
 * a crash). Args: <data dir> <Local MTurk URL> <hit ids file>; keys in AWS_* env. Prints "done N" as it goes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServices } from '../../../../electron/core/services';
import { memoryLogger } from '../../../helpers/memory-log';

const [dataDir, url, idsFile] = process.argv.slice(2);
if (!dataDir || !url || !idsFile) throw new Error('usage: bulk-child <data dir> <url> <ids file>');
const config = { id: 'lab', label: 'Lab', kind: 'custom', endpoint: url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 40 };
writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections: [config] }));
const services = createServices({ dataDir, log: memoryLogger().log, keychain: { unavailable: 'test' }, env: process.env, homeDir: dataDir });
services.events.subscribe((name, payload) => {
  if (name === 'job.progress' && (payload as { kind: string }).kind !== 'sync') process.stdout.write(`done ${(payload as { done: number }).done}\n`);
});
const hitIds = JSON.parse(readFileSync(idsFile, 'utf8')) as string[];
void (async () => {
  const { archive } = services;
  const started = await archive.startSync('full');
  if (!started.ok) throw new Error(started.error.message);
  await services.sync.whenDone('lab');
  const job = await services.manageHits.start({ hitIds, change: { action: 'add-assignments', count: 1 } });
  if (!job.ok) throw new Error(job.error.message);
  process.stdout.write(`job ${job.value.id}\n`);
})();
