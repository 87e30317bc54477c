/**
 * One `batch run` step in its own process, so a test can kill it with SIGKILL mid-way (no cleanup runs, as in a crash).
 * Args: <data dir> <Local MTurk URL> <batch id>; keys in AWS_* env. Like the app at start, it first marks jobs a crash
 * cut off as interrupted. Prints "<job kind> N" as its jobs go (grant-qualification, create-hit).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServices } from '../../../../electron/core/services';
import { memoryLogger } from '../../../helpers/memory-log';

const [dataDir, url, batchId] = process.argv.slice(2);
if (!dataDir || !url || !batchId) throw new Error('usage: run-child <data dir> <url> <batch id>');
const config = { id: 'lab', label: 'Lab', kind: 'custom', endpoint: url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 40 };
writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections: [config] }));
const services = createServices({ dataDir, log: memoryLogger().log, keychain: { unavailable: 'test' }, env: process.env, homeDir: dataDir });
services.actionJobs.markInterrupted(Date.now());
services.events.subscribe((name, payload) => {
  if (name === 'job.progress') process.stdout.write(`${(payload as { kind: string }).kind} ${(payload as { done: number }).done}\n`);
});
void (async () => {
  const step = await services.batchRunner.step(batchId);
  if (!step.ok) throw new Error(step.error.message);
  process.stdout.write(`step ${JSON.stringify(step.value)}\n`);
})();
