/**
 * A batch launch in its own process, so a test can kill it with SIGKILL mid-way (no cleanup runs, as in a crash).
 * Args: <data dir> <Local MTurk URL> <batch folder>; keys in AWS_* env. Like the app at start, it first marks jobs a
 * crash cut off as interrupted, then launches the folder (resuming its unfinished batch). Prints "done N" as it goes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServices } from '../../../../electron/core/services';
import { memoryLogger } from '../../../helpers/memory-log';

const [dataDir, url, folder] = process.argv.slice(2);
if (!dataDir || !url || !folder) throw new Error('usage: launch-child <data dir> <url> <batch folder>');
const config = { id: 'lab', label: 'Lab', kind: 'custom', endpoint: url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 40 };
writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections: [config] }));
const services = createServices({ dataDir, log: memoryLogger().log, keychain: { unavailable: 'test' }, env: process.env, homeDir: dataDir });
services.actionJobs.markInterrupted(Date.now());
services.events.subscribe((name, payload) => {
  if (name === 'job.progress' && (payload as { kind: string }).kind === 'create-hit') process.stdout.write(`done ${(payload as { done: number }).done}\n`);
});
void (async () => {
  const launched = await services.batches.launch(folder);
  if (!launched.ok) throw new Error(launched.error.message);
  process.stdout.write(`batch ${launched.value.batchId}\n`);
})();
