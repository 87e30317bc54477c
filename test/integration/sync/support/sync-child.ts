/**
 * A sync in its own process, so a test can kill it with SIGKILL mid-way (no cleanup runs, as in a crash or a
 * force-quit). Args: <archive file> <Local MTurk URL> <access key id> <secret>. Prints "hits-done N" as it goes.
 */
import { syncHarness } from '../../../helpers/sync-harness';

const [file, url, accessKeyId, secretAccessKey] = process.argv.slice(2);
if (!file || !url || !accessKeyId || !secretAccessKey) throw new Error('usage: sync-child <archive> <url> <key id> <secret>');
const harness = syncHarness(file);
const server = { url, credentials: { accessKeyId, secretAccessKey } };
harness.events.subscribe((name, payload) => {
  if (name === 'sync.progress') process.stdout.write(`hits-done ${(payload as { hitsDone: number }).hitsDone}\n`);
});
// Slow enough that the parent can kill it in the details phase.
harness.sync.start(harness.target(server as never, { ratePerSecond: 150, burst: 5, concurrency: 4 }), 'full');
