/**
 * A bulk qualification grant in its own process, so a test can SIGKILL it mid-way (no cleanup runs, as in a crash).
 * Args: <data dir> <Local MTurk URL> <grants file: [{workerId, score}]> <qualification type id>; keys in AWS_* env.
 * Prints "done N" as the job goes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServices } from '../../../../electron/core/services';
import { memoryLogger } from '../../../helpers/memory-log';

const [dataDir, url, grantsFile, typeId] = process.argv.slice(2);
if (!dataDir || !url || !grantsFile || !typeId) throw new Error('usage: grant-child <data dir> <url> <grants file> <type id>');
const config = { id: 'lab', label: 'Lab', kind: 'custom', endpoint: url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 200 };
writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections: [config] }));
const services = createServices({ dataDir, log: memoryLogger().log, keychain: { unavailable: 'test' }, env: process.env, homeDir: dataDir });
services.events.subscribe((name, payload) => {
  if (name === 'job.progress' && (payload as { kind: string }).kind !== 'sync') process.stdout.write(`done ${(payload as { done: number }).done}\n`);
});
const workers = JSON.parse(readFileSync(grantsFile, 'utf8')) as { workerId: string; score: number }[];
void (async () => {
  const job = await services.qualifications.grant({ qualificationTypeId: typeId, workers });
  if (!job.ok) throw new Error(job.error.message);
  process.stdout.write(`job ${job.value.id}\n`);
})();
