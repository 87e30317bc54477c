import { ListHITsCommand } from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import { listBatchHits } from '../../../electron/archive/repos/batches';
import { stepBatchesAfterSync } from '../../../electron/services/batches/step-batches-after-sync';
import { startTestServer } from '../../../local-mturk/test/helpers';
import { memoryLogger } from '../../helpers/memory-log';
import { syncFully, workbenchFor } from '../actions/workbench';
import { sentenceBatch } from './batch-folders';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('a micro-batched batch left to the app', () => {
  it('publishes its next sub-HIT after a sync once the first has settled, as the app wires it, without `batch run`', { timeout: 60_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    const bench = workbenchFor(server);
    cleanups.push(() => bench.dispose());
    cleanups.push(stepBatchesAfterSync({ events: bench.events, contexts: bench.contexts, archive: bench.archiveDb, runner: bench.batchRunner, log: memoryLogger().log }));

    // Ten assignments for the row: two sub-HITs of five.
    const launched = await bench.batches.launch(sentenceBatch(1, { MaxAssignments: 10, microBatching: true }));
    if (!launched.ok) throw new Error(launched.error.message);
    expect(await bench.jobs.whenDone(launched.value.job.id)).toMatchObject({ state: 'succeeded' });
    const { batchId } = launched.value;
    const parts = (): (string | null)[] => listBatchHits(bench.archiveDb.read, batchId).sort((a, b) => a.part - b.part).map((h) => h.hitId);
    const [firstPart] = parts();
    expect(parts()).toEqual([expect.any(String), null]);

    for (let i = 0; i < 5; i++) {
      const { workerId } = server.control.createWorker();
      server.control.submit(server.control.accept(workerId, firstPart!).AssignmentId, { rating: '4' });
    }
    await syncFully(bench);
    await expect.poll(() => parts()[1], { timeout: 30_000 }).toEqual(expect.any(String));
    expect((await client.send(new ListHITsCommand({}))).NumResults).toBe(2);
  });
});
