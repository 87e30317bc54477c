/**
 * A bonus ledger sent in its own process, so a test can kill it with SIGKILL mid-way (no cleanup runs, as in a crash).
 * Args: <data dir> <MTurk URL> <ledger file>; keys in AWS_* env. Like the app at start, it first marks jobs a crash cut
 * off as interrupted, then sends the file (resuming its ledger). Prints "done N" as it goes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createServices } from '../../../../electron/core/services';
import { memoryLogger } from '../../../helpers/memory-log';

const [dataDir, url, file] = process.argv.slice(2);
if (!dataDir || !url || !file) throw new Error('usage: send-child <data dir> <url> <ledger file>');
const config = { id: 'lab', label: 'Lab', kind: 'custom', endpoint: url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 200 };
writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'lab', connections: [config] }));
const services = createServices({ dataDir, log: memoryLogger().log, keychain: { unavailable: 'test' }, env: process.env, homeDir: dataDir });
services.actionJobs.markInterrupted(Date.now());
services.events.subscribe((name, payload) => {
  if (name === 'job.progress' && (payload as { kind: string }).kind === 'send-bonus') process.stdout.write(`done ${(payload as { done: number }).done}\n`);
});
void (async () => {
  const sent = await services.bonuses.send({ fileName: basename(file), bytes: readFileSync(file) });
  if (!sent.ok) throw new Error(sent.error.message);
  process.stdout.write(`ledger ${sent.value.ledgerId}\n`);
})();
