import { GetHITCommand, MTurkClient } from '@aws-sdk/client-mturk';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listUnfinished } from '../../../electron/archive/repos/journal';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { createHit } from '../../../local-mturk/test/helpers';
import { mulberry32 } from '../../../local-mturk/src/server/faults';
import { startLossyProxy } from '../../helpers/lossy-proxy';
import { syncFully, workbenchFor } from './workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const DAY = 86_400_000;

/** A client that keeps asking through injected faults (reads only, or creates before the faults are on). */
const patientClient = (server: LocalMTurk): MTurkClient =>
  new MTurkClient({ region: 'us-east-1', endpoint: server.url, credentials: { ...server.credentials }, maxAttempts: 20 });

async function createMany(client: MTurkClient, count: number, maxAssignments: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, () => createHit(client, { MaxAssignments: maxAssignments, LifetimeInSeconds: 3 * 86_400 })),
    );
    ids.push(...batch.map((hit) => hit.HITId!));
  }
  return ids;
}

describe('Manage HITs through faults and lost answers', () => {
  it('applies 1,000 expire / extend / add-assignment actions exactly once and leaves every journal entry terminal', { timeout: 180_000 }, async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'tb-faults-')), 'lab.sqlite');
    const clean = await startLocalMTurk({ port: 0, dataFile });
    const seedClient = patientClient(clean);
    const extendIds = await createMany(seedClient, 400, 3);
    const expireIds = await createMany(seedClient, 300, 3);
    const addIds = await createMany(seedClient, 300, 10);
    const credentials = clean.credentials;

    // Turkbench talks to one endpoint throughout: a proxy that, once the faults are on, loses 5 % of the writes'
    // answers after MTurk acted on them — the case a re-send would double.
    const random = mulberry32(11);
    const WRITES = new Set(['UpdateExpirationForHIT', 'CreateAdditionalAssignmentsForHIT']);
    let losing = false;
    const lossy = await startLossyProxy(clean.url, (request) => (losing && WRITES.has(request.operation) && random() < 0.05 ? 'lose-answer' : 'answer'));
    cleanups.push(() => lossy.close());
    const endpoint = { ...clean, url: lossy.url };

    // Archived first, from the clean server; then the same account on the same port with faults switched on.
    const loader = workbenchFor(endpoint);
    await syncFully(loader);
    await loader.dispose();
    await clean.close();
    const faulty = await startLocalMTurk({ port: clean.port, dataFile, credentials: [credentials], faultRate: 0.1, dropRate: 0.05, seed: 7 });
    cleanups.push(() => faulty.close());
    losing = true;
    const bench = workbenchFor(endpoint, { dataDir: loader.dataDir });
    cleanups.push(() => bench.dispose());

    const before = Date.now();
    const jobs = await Promise.all([
      bench.manageHits.start({ hitIds: extendIds, change: { action: 'extend', bySeconds: 2 * 86_400 } }),
      bench.manageHits.start({ hitIds: expireIds, change: { action: 'expire' } }),
      bench.manageHits.start({ hitIds: addIds, change: { action: 'add-assignments', count: 2 } }),
    ]);
    const finals = await Promise.all(jobs.map((job) => (job.ok ? bench.jobs.whenDone(job.value.id) : Promise.reject(new Error(job.ok ? '' : job.error.message)))));
    expect(finals.map((f) => f?.total)).toEqual([400, 300, 300]);

    // Whatever is still unknown after the jobs (MTurk could not be asked) is settled by reconciliation.
    const archiveId = bench.contexts.active().archiveId!;
    const gateway = await bench.contexts.active().gateway();
    if (!gateway.ok) throw new Error(gateway.error.message);
    for (let round = 0; round < 5 && listUnfinished(bench.archiveDb.read, archiveId).length > 0; round++) {
      await bench.executor.reconcile({ configId: 'lab', archiveConnectionId: archiveId, gateway: gateway.value });
    }
    expect(listUnfinished(bench.archiveDb.read, archiveId)).toEqual([]);
    // No change was refused; one whose answer was lost and could not be checked through the faults ended its job as
    // unknown, and is among the entries reconciliation settled above.
    expect(finals.every((f) => f!.failed === 0 && f!.done + f!.unknown === f!.total)).toBe(true);
    // …and once it is settled as applied, its job no longer counts it: every job ends a success.
    expect(finals.map((f) => bench.jobs.stored(f!.id))).toEqual(finals.map(() => expect.objectContaining({ state: 'succeeded', failed: 0 })));

    // Read MTurk's own state back, through the faults, and compare with what was intended.
    const reader = patientClient(faulty);
    const readAll = async (ids: string[]) => {
      const hits = [];
      for (let i = 0; i < ids.length; i += 50) {
        hits.push(...(await Promise.all(ids.slice(i, i + 50).map(async (id) => (await reader.send(new GetHITCommand({ HITId: id }))).HIT!))));
      }
      return hits;
    };
    expect((await readAll(addIds)).map((hit) => hit.MaxAssignments)).toEqual(addIds.map(() => 12));
    const now = Date.now();
    expect((await readAll(expireIds)).filter((hit) => hit.Expiration!.getTime() > now + 1000)).toEqual([]);
    const extended = (await readAll(extendIds)).map((hit) => hit.Expiration!.getTime());
    expect(extended.filter((t) => t < before + 4 * DAY || t > before + 5 * DAY + 60_000)).toEqual([]);
    // The archive shows the outcome without a sync.
    const addRow = bench.archiveDb.read.prepare(`SELECT max_assignments FROM hits WHERE connection_id = ? AND hit_id = ?`).get(archiveId, addIds[0]) as { max_assignments: number };
    expect(addRow.max_assignments).toBe(12);
    // The faults did bite: some writes went out more than once — only where MTurk had not acted, as the counts above show.
    expect(lossy.forwarded.filter((r) => WRITES.has(r.operation)).length).toBeGreaterThan(1000);
  });
});
