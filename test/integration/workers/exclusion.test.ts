import { MTurkClient } from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/services';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { createHit } from '../../../local-mturk/test/helpers';
import type { JobProgress } from '../../../shared/contract/jobs';
import { syncFully, workbenchFor } from '../actions/workbench';
import { sentenceBatch } from '../batches/batch-folders';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setUp(): Promise<{ mturk: LocalMTurk; services: Services; client: MTurkClient }> {
  const mturk = await startLocalMTurk({ port: 0 });
  cleanups.push(() => mturk.close());
  const services = workbenchFor(mturk);
  cleanups.push(() => services.dispose());
  return { mturk, services, client: new MTurkClient({ region: 'us-east-1', endpoint: mturk.url, credentials: { ...mturk.credentials } }) };
}

function work(mturk: LocalMTurk, workerId: string, hitId: string): void {
  mturk.control.submit(mturk.control.accept(workerId, hitId).AssignmentId, { label: 'done' });
}

async function ran(services: Services, job: JobProgress | null): Promise<JobProgress> {
  if (!job) throw new Error('no job was started');
  const final = await services.jobs.whenDone(job.id);
  if (!final) throw new Error('the job vanished');
  return final;
}

const visible = (mturk: LocalMTurk, workerId: string): string[] => mturk.control.listVisibleHits(workerId).map((h) => String(h.HITId));

describe('excluding past participants', () => {
  it('grants the exclusion type to everyone who submitted to a HIT type, so none of them discovers the next study', { timeout: 60_000 }, async () => {
    const { mturk, services, client } = await setUp();
    const [first, second, newcomer] = [1, 2, 3].map(() => mturk.control.createWorker().workerId) as [string, string, string];
    const pilot = await createHit(client, { Title: 'Pilot study' });
    work(mturk, first, pilot.HITId!);
    work(mturk, second, pilot.HITId!);
    await syncFully(services);
    const made = await services.qualifications.createType({ name: 'Pilot participants', description: 'Took part in the pilot' });
    if (!made.ok) throw new Error(made.error.message);
    const typeId = made.value.qualificationTypeId;
    const source = { kind: 'hit-type' as const, id: pilot.HITTypeId! };

    const plan = services.exclusions.plan(source, typeId);
    expect(plan.ok && plan.value).toMatchObject({ participants: 2, alreadyExcluded: 0, study: 'Pilot participants', workerIds: [first, second].sort() });
    const done = await services.exclusions.exclude(source, typeId);
    if (!done.ok) throw new Error(done.error.message);
    expect(await ran(services, done.value.job)).toMatchObject({ state: 'succeeded', done: 2, failed: 0 });

    const main = await createHit(client, { Title: 'Main study', QualificationRequirements: [{ QualificationTypeId: typeId, Comparator: 'DoesNotExist', ActionsGuarded: 'DiscoverPreviewAndAccept' }] });
    expect(visible(mturk, first)).not.toContain(main.HITId);
    expect(visible(mturk, second)).not.toContain(main.HITId);
    expect(() => mturk.control.accept(first, main.HITId!)).toThrow();
    expect(visible(mturk, newcomer)).toContain(main.HITId);

    // Nobody is granted twice: a second run has no one left to reach.
    const again = await services.exclusions.exclude(source, typeId);
    expect(again.ok && again.value).toMatchObject({ job: null, plan: { participants: 2, alreadyExcluded: 2 } });
    expect(services.exclusions.exportRegistry()).toBe(`study,worker_id\r\n${[first, second].sort().map((w) => `Pilot participants,${w}\r\n`).join('')}`);
  });

  it('excludes new submitters of a marked HIT type after every sync', { timeout: 60_000 }, async () => {
    const { mturk, services, client } = await setUp();
    const [early, late] = [1, 2].map(() => mturk.control.createWorker().workerId) as [string, string];
    const pilot = await createHit(client, { Title: 'Pilot study' });
    work(mturk, early, pilot.HITId!);
    await syncFully(services);
    const made = await services.qualifications.createType({ name: 'Pilot participants', description: 'Took part in the pilot' });
    if (!made.ok) throw new Error(made.error.message);
    const typeId = made.value.qualificationTypeId;
    expect(services.exclusions.setRule({ kind: 'hit-type', id: pilot.HITTypeId! }, typeId, true)).toMatchObject({ ok: true, value: [{ sourceKind: 'hit-type', sourceId: pilot.HITTypeId, intoTypeId: typeId }] });

    work(mturk, late, pilot.HITId!);
    await syncFully(services);
    const jobs = (await services.exclusions.whenIdle()) as JobProgress[];
    expect(jobs).toHaveLength(1);
    expect(await ran(services, jobs[0]!)).toMatchObject({ state: 'succeeded', done: 2 });
    const main = await createHit(client, { Title: 'Main study', QualificationRequirements: [{ QualificationTypeId: typeId, Comparator: 'DoesNotExist', ActionsGuarded: 'DiscoverPreviewAndAccept' }] });
    expect(visible(mturk, early)).not.toContain(main.HITId);
    expect(visible(mturk, late)).not.toContain(main.HITId);

    // Unmarked, a sync excludes no one new.
    expect(services.exclusions.setRule({ kind: 'hit-type', id: pilot.HITTypeId! }, typeId, false)).toMatchObject({ ok: true, value: [] });
    expect(services.exclusions.rules()).toEqual([]);
  });

  it('imports a registry CSV from another account and excludes its study here; a bad row refuses the whole file', { timeout: 60_000 }, async () => {
    const { mturk, services, client } = await setUp();
    const [past, fresh] = [1, 2].map(() => mturk.control.createWorker().workerId) as [string, string];
    await syncFully(services);
    expect(services.exclusions.importRegistry(`study,worker_id\r\nSpring study,${past}\r\nSpring study,not an id\r\n`, 'old-lab.csv')).toMatchObject({
      ok: false,
      error: { message: 'old-lab.csv, line 3: "NOT AN ID" is not a worker id.' },
    });
    expect(services.exclusions.studies()).toEqual([]);
    expect(services.exclusions.importRegistry(`Study,Worker ID\r\nSpring study,${past.toLowerCase()}\r\n`, 'old-lab.csv')).toEqual({ ok: true, value: { studies: 1, added: 1, rows: 1 } });
    expect(services.exclusions.studies()).toEqual([{ study: 'Spring study', participants: 1 }]);

    const made = await services.qualifications.createType({ name: 'Spring study participants', description: 'Took part in the spring study' });
    if (!made.ok) throw new Error(made.error.message);
    const done = await services.exclusions.exclude({ kind: 'study', id: 'Spring study' }, made.value.qualificationTypeId);
    if (!done.ok) throw new Error(done.error.message);
    expect(await ran(services, done.value.job)).toMatchObject({ state: 'succeeded', done: 1 });
    const main = await createHit(client, { QualificationRequirements: [{ QualificationTypeId: made.value.qualificationTypeId, Comparator: 'DoesNotExist', ActionsGuarded: 'DiscoverPreviewAndAccept' }] });
    expect(visible(mturk, past)).not.toContain(main.HITId);
    expect(visible(mturk, fresh)).toContain(main.HITId);
    expect(services.exclusions.plan({ kind: 'study', id: 'Autumn' }, made.value.qualificationTypeId)).toMatchObject({ ok: false, error: { message: 'The registry has no participants of study "Autumn" (import them first).' } });
  });

  it('imports a 200,000-row registry of one study in one go, counting repeated workers as rows but adding each once', { timeout: 60_000 }, async () => {
    const { services } = await setUp();
    // Big enough that copying the study's list for each row (as the import once did) takes minutes, not a second.
    const workers = Array.from({ length: 1000 }, (_, i) => `A${String(i).padStart(12, '0')}`);
    const rows = Array.from({ length: 200_000 }, (_, i) => `Big study,${workers[i % workers.length]!}\r\n`);
    expect(services.exclusions.importRegistry(`study,worker_id\r\n${rows.join('')}Small study,${workers[0]!}\r\n`, 'big.csv')).toEqual({ ok: true, value: { studies: 2, added: 1001, rows: 200_001 } });
    expect(services.exclusions.studies()).toEqual([{ study: 'Big study', participants: 1000 }, { study: 'Small study', participants: 1 }]);
  });

  it('excludes the simulated crowd that worked a launched batch from the next study; the rest of the crowd still finds it', { timeout: 60_000 }, async () => {
    const { mturk, services, client } = await setUp();
    const launched = await services.batches.launch(sentenceBatch(3));
    if (!launched.ok) throw new Error(launched.error.message);
    await services.jobs.whenDone(launched.value.job.id);
    await mturk.control.simulate({ until: 'done' });
    await syncFully(services);
    const made = await services.qualifications.createType({ name: 'Sentence study participants', description: 'Worked the sentence batch' });
    if (!made.ok) throw new Error(made.error.message);
    const typeId = made.value.qualificationTypeId;

    const done = await services.exclusions.exclude({ kind: 'batch', id: launched.value.batchId }, typeId);
    if (!done.ok) throw new Error(done.error.message);
    const submitters = done.value.plan.workerIds;
    expect(submitters.length).toBeGreaterThan(1);
    expect(await ran(services, done.value.job)).toMatchObject({ state: 'succeeded', done: submitters.length, failed: 0 });

    const next = await createHit(client, { Title: 'Next study', QualificationRequirements: [{ QualificationTypeId: typeId, Comparator: 'DoesNotExist', ActionsGuarded: 'DiscoverPreviewAndAccept' }] });
    for (const workerId of submitters) expect(visible(mturk, workerId)).not.toContain(next.HITId);
    const others = mturk.control.listWorkers().map((w) => w.workerId).filter((id) => !submitters.includes(id));
    expect(others.length).toBeGreaterThan(0);
    for (const workerId of others) expect(visible(mturk, workerId)).toContain(next.HITId);
    expect(services.exclusions.plan({ kind: 'batch', id: 'no-such-batch' }, typeId)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
