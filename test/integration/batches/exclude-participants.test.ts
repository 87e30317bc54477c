import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/services';
import { pastParticipantsTypeName } from '../../../electron/services/batches/past-participants';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { syncFully, workbenchFor } from '../actions/workbench';
import { sentenceBatch } from './batch-folders';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setUp(): Promise<{ mturk: LocalMTurk; services: Services }> {
  const mturk = await startLocalMTurk({ port: 0 });
  cleanups.push(() => mturk.close());
  const services = workbenchFor(mturk);
  cleanups.push(() => services.dispose());
  return { mturk, services };
}

const NEXT_TITLE = 'Rate a sentence, second round';
const nextHitsSeenBy = (mturk: LocalMTurk, workerId: string): number => mturk.control.listVisibleHits(workerId).filter((h) => h.Title === NEXT_TITLE).length;

describe('a batch that excludes the participants of earlier batches', () => {
  it('grants them its past-participants type before publishing, so none of them discovers its HITs; the rest of the crowd does', { timeout: 90_000 }, async () => {
    const { mturk, services } = await setUp();
    const earlier = await services.batches.launch(sentenceBatch(3));
    if (!earlier.ok) throw new Error(earlier.error.message);
    await services.jobs.whenDone(earlier.value.job.id);
    await mturk.control.simulate({ until: 'done' });
    await syncFully(services);

    const folder = sentenceBatch(2, { Title: NEXT_TITLE, excludeParticipantsOf: { batches: [earlier.value.batchId] } });
    expect(await services.batches.plan(folder)).toMatchObject({ ok: true, value: { excludesParticipantsOf: { batches: [earlier.value.batchId], studies: [], problem: null } } });
    const next = await services.batches.launch(folder);
    if (!next.ok) throw new Error(next.error.message);
    expect(await services.jobs.whenDone(next.value.job.id)).toMatchObject({ state: 'succeeded', done: 2 });

    const typeName = pastParticipantsTypeName(next.value.batchId);
    const excluded = mturk.control.listWorkers().map((w) => w.workerId).filter((id) => mturk.control.listVisibleHits(id).every((h) => h.Title !== NEXT_TITLE));
    const submitters = services.exclusions.exportRegistry(typeName).trim().split(/\r\n/).slice(1).map((line) => line.split(',')[1]!);
    expect(submitters.length).toBeGreaterThan(1);
    for (const workerId of submitters) expect(nextHitsSeenBy(mturk, workerId)).toBe(0);
    expect(excluded.sort()).toEqual([...submitters].sort());
    const others = mturk.control.listWorkers().map((w) => w.workerId).filter((id) => !submitters.includes(id));
    expect(others.length).toBeGreaterThan(0);
    for (const workerId of others) expect(nextHitsSeenBy(mturk, workerId)).toBe(2);
  });

  it('refuses to launch, publishing nothing, when a named batch is not on this connection', { timeout: 60_000 }, async () => {
    const { mturk, services } = await setUp();
    const folder = sentenceBatch(2, { Title: NEXT_TITLE, excludeParticipantsOf: { batches: ['bnosuchbatch0'] } });
    expect(await services.batches.plan(folder)).toMatchObject({ ok: true, value: { excludesParticipantsOf: { problem: expect.stringContaining('names batch "bnosuchbatch0"') } } });
    const next = await services.batches.launch(folder);
    expect(next).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('names batch "bnosuchbatch0", which is not a batch of this connection') } });
    expect(services.archiveDb.read.prepare('SELECT COUNT(*) AS n FROM batches').get()).toEqual({ n: 0 });
    const anyone = mturk.control.createWorker().workerId;
    expect(nextHitsSeenBy(mturk, anyone)).toBe(0);
  });
});
