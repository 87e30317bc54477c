import { ApproveAssignmentCommand, CreateQualificationTypeCommand, ListAssignmentsForHITCommand, MTurkClient } from '@aws-sdk/client-mturk';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalForJob } from '../../../electron/archive/repos/journal';
import type { Services } from '../../../electron/core/services';
import { SOFT_BLOCK_TYPE_NAME } from '../../../electron/services/workers/workers-service';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { createHit } from '../../../local-mturk/test/helpers';
import type { JobProgress } from '../../../shared/contract/jobs';
import type { JournalEntry } from '../../../shared/domain/archive-types';
import type { Result } from '../../../shared/result';
import { startLossyProxy } from '../../helpers/lossy-proxy';
import { syncFully, workbenchFor } from '../actions/workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(options: Parameters<typeof startLocalMTurk>[0] = {}): Promise<LocalMTurk> {
  const started = await startLocalMTurk({ port: 0, ...options });
  cleanups.push(() => started.close());
  return started;
}

function bench(mturk: LocalMTurk): Services {
  const services = workbenchFor(mturk);
  cleanups.push(() => services.dispose());
  return services;
}

/** A client that keeps asking through injected faults. */
const patientClient = (mturk: LocalMTurk): MTurkClient =>
  new MTurkClient({ region: 'us-east-1', endpoint: mturk.url, credentials: { ...mturk.credentials }, maxAttempts: 20 });

async function finished(services: Services, started: Result<JobProgress>): Promise<JobProgress> {
  if (!started.ok) throw new Error(started.error.message);
  const final = await services.jobs.whenDone(started.value.id);
  if (!final) throw new Error('the job vanished');
  return final;
}

describe('blocks', () => {
  it('keeps a hard-blocked worker from accepting and a soft-blocked one from discovering a HIT that excludes the soft-block type', { timeout: 60_000 }, async () => {
    const mturk = await server();
    const services = bench(mturk);
    const [hard, soft, free] = [mturk.control.createWorker(), mturk.control.createWorker(), mturk.control.createWorker()].map((w) => w.workerId) as [string, string, string];

    expect((await finished(services, await services.workers.block({ workerIds: [hard], reason: 'Copied answers across HITs', soft: false })))).toMatchObject({ state: 'succeeded', done: 1 });
    expect((await finished(services, await services.workers.block({ workerIds: [soft], reason: 'Took part in the pilot', soft: true })))).toMatchObject({ state: 'succeeded', done: 1 });

    const softType = services.qualifications.listTypes().find((type) => type.name === SOFT_BLOCK_TYPE_NAME);
    expect(softType).toBeDefined();
    const hit = await createHit(patientClient(mturk), {
      QualificationRequirements: [{ QualificationTypeId: softType!.qualificationTypeId, Comparator: 'DoesNotExist', ActionsGuarded: 'DiscoverPreviewAndAccept' }],
    });
    expect(() => mturk.control.accept(hard, hit.HITId!)).toThrow();
    expect(mturk.control.listVisibleHits(soft).map((h) => h.HITId)).not.toContain(hit.HITId);
    expect(() => mturk.control.accept(soft, hit.HITId!)).toThrow();
    expect(mturk.control.listVisibleHits(free).map((h) => h.HITId)).toContain(hit.HITId);
    expect(mturk.control.accept(free, hit.HITId!).AssignmentId).toBeTruthy();

    // The reasons stay in the dossier; a second soft block reuses the account's one type.
    await finished(services, await services.workers.block({ workerIds: [free], reason: 'Second pilot', soft: true }));
    expect(services.qualifications.listTypes().filter((type) => type.name === SOFT_BLOCK_TYPE_NAME)).toHaveLength(1);
    expect(await finished(services, await services.workers.unblock({ workerIds: [hard], reason: 'Appealed; it was a misunderstanding', soft: false }))).toMatchObject({ state: 'succeeded' });
    expect(() => mturk.control.accept(hard, hit.HITId!)).not.toThrow();
    await services.workers.note(soft, 'Good writer; keep for the follow-up study.');
    const softDossier = services.workers.dossier(soft);
    expect(softDossier.ok && softDossier.value).toMatchObject({ softBlocked: true, notes: [{ kind: 'soft-block', text: 'Took part in the pilot' }, { kind: 'note', text: 'Good writer; keep for the follow-up study.' }] });
    const hardDossier = services.workers.dossier(hard);
    expect(hardDossier.ok && hardDossier.value).toMatchObject({ block: null, notes: [{ kind: 'block', text: 'Copied answers across HITs' }, { kind: 'unblock', text: 'Appealed; it was a misunderstanding' }] });
    expect(await services.workers.block({ workerIds: [hard], reason: '  ', soft: false })).toMatchObject({ ok: false, error: { field: 'reason' } });
  });
});

describe('blocks and the simulated crowd', () => {
  it('keeps soft-blocked and hard-blocked crowd workers off the next HIT while the rest of the crowd works it', { timeout: 60_000 }, async () => {
    const mturk = await server();
    const services = bench(mturk);
    const client = patientClient(mturk);
    const workersOf = async (hitId: string): Promise<string[]> =>
      ((await client.send(new ListAssignmentsForHITCommand({ HITId: hitId }))).Assignments ?? []).map((a) => a.WorkerId!);
    const pilot = await createHit(client, { MaxAssignments: 6 });
    mturk.control.setTruth(pilot.HITId!, { label: 'cat' });
    await mturk.control.simulate({ workers: 20, seed: 4, until: 'done' });
    const pilotWorkers = await workersOf(pilot.HITId!);
    expect(pilotWorkers).toHaveLength(6);
    const [hard, ...soft] = pilotWorkers as [string, ...string[]];
    await finished(services, await services.workers.block({ workerIds: [hard], reason: 'Spam answers in the pilot', soft: false }));
    await finished(services, await services.workers.block({ workerIds: soft, reason: 'Took part in the pilot', soft: true }));
    const softType = services.qualifications.listTypes().find((type) => type.name === SOFT_BLOCK_TYPE_NAME)!;

    const study = await createHit(client, {
      MaxAssignments: 20,
      QualificationRequirements: [{ QualificationTypeId: softType.qualificationTypeId, Comparator: 'DoesNotExist', ActionsGuarded: 'DiscoverPreviewAndAccept' }],
    });
    mturk.control.setTruth(study.HITId!, { label: 'dog' });
    await mturk.control.simulate({ workers: 20, seed: 4, until: 'done' });
    const studyWorkers = await workersOf(study.HITId!);
    expect(studyWorkers.length).toBeGreaterThan(0);
    expect(studyWorkers.filter((id) => pilotWorkers.includes(id))).toEqual([]);
  });
});

describe('messages', () => {
  it('messages 250 workers in three NotifyWorkers calls and stores every worker\'s delivery, unknown workers as hard failures', { timeout: 90_000 }, async () => {
    const mturk = await server();
    const services = bench(mturk);
    const client = patientClient(mturk);
    // A simulated crowd does a HIT; its approved workers are reachable, the others have no decided work with us.
    const hit = await createHit(client, { MaxAssignments: 5 });
    mturk.control.setTruth(hit.HITId!, { label: 'cat' });
    await mturk.control.simulate({ workers: 20, seed: 3, until: 'done' });
    const { Assignments = [] } = await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId! }));
    expect(Assignments.length).toBe(5);
    for (const assignment of Assignments) await client.send(new ApproveAssignmentCommand({ AssignmentId: assignment.AssignmentId! }));
    const approved = Assignments.map((a) => a.WorkerId!);
    const idle = Array.from({ length: 225 }, () => mturk.control.createWorker().workerId);
    const unknown = Array.from({ length: 20 }, (_, i) => `A${String(i).padStart(12, '9')}`);
    const everyone = [...approved, ...idle, ...unknown];
    expect(everyone).toHaveLength(250);
    await syncFully(services);

    // Limits are checked before anything is sent.
    expect(services.messages.plan({ workerIds: everyone, subject: 'x'.repeat(201), body: 'b' })).toMatchObject({ ok: false, error: { field: 'subject' } });
    expect(services.messages.plan({ workerIds: everyone, subject: 's', body: 'y'.repeat(4097) })).toMatchObject({ ok: false, error: { field: 'body', message: expect.stringMatching(/4,097 characters; MTurk allows at most 4,096/) } });
    expect(services.messages.plan({ workerIds: everyone, subject: 's', body: 'Hi {name}' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/unknown placeholder \{name\}/) } });
    const plan = services.messages.plan({ workerIds: everyone, subject: 'Follow-up study', body: 'Thank you for your work. A follow-up opens on Monday.' });
    expect(plan).toMatchObject({ ok: true, value: { recipients: 250, calls: 3 } });
    // A per-worker placeholder makes every message its own call.
    expect(services.messages.plan({ workerIds: everyone, subject: 'For {worker_id}', body: 'Hello' })).toMatchObject({ ok: true, value: { calls: 250, sample: { workerId: approved[0], subject: `For ${approved[0]}` } } });
    const job = await finished(services, await services.messages.send({ workerIds: everyone, subject: 'Follow-up study', body: 'Thank you for your work. A follow-up opens on Monday.' }));
    expect(job).toMatchObject({ state: 'succeeded', total: 3, done: 3 });
    const calls = journalForJob(services.archiveDb.read, job.id);
    expect(calls.map((call) => [call.kind, call.state, (call.request as { workerIds: string[] }).workerIds.length])).toEqual([
      ['notify-workers', 'confirmed', 100],
      ['notify-workers', 'confirmed', 100],
      ['notify-workers', 'confirmed', 50],
    ]);

    const delivery = (workerId: string) => {
      const dossier = services.workers.dossier(workerId);
      if (!dossier.ok) throw new Error(dossier.error.message);
      return dossier.value.messages.at(-1)!.recipients.find((r) => r.workerId === workerId)!;
    };
    for (const id of approved) expect(delivery(id)).toMatchObject({ delivery: 'Sent', failureMessage: null });
    expect(delivery(idle[0]!)).toMatchObject({ delivery: 'SoftFailure', failureMessage: expect.stringMatching(/approved or rejected/) });
    expect(delivery(unknown[0]!)).toMatchObject({ delivery: 'HardFailure', failureMessage: expect.stringMatching(/does not exist/) });
    const counts = services.archiveDb.read.prepare(`SELECT delivery, COUNT(*) AS n FROM message_recipients GROUP BY delivery ORDER BY delivery`).all();
    expect(counts).toEqual([
      { delivery: 'HardFailure', n: 20 },
      { delivery: 'Sent', n: 5 },
      { delivery: 'SoftFailure', n: 225 },
    ]);
  });
});

describe('a lost NotifyWorkers answer', () => {
  it('is never sent again: the chunk counts as sent with every delivery Unknown', { timeout: 60_000 }, async () => {
    const mturk = await server();
    let notifyCalls = 0;
    const proxy = await startLossyProxy(mturk.url, (request) => {
      if (request.operation !== 'NotifyWorkers') return 'answer';
      notifyCalls += 1;
      return notifyCalls === 2 ? 'lose-answer' : 'answer';
    });
    cleanups.push(() => proxy.close());
    const services = workbenchFor({ ...mturk, url: proxy.url } as LocalMTurk);
    cleanups.push(() => services.dispose());
    const workers = Array.from({ length: 150 }, () => mturk.control.createWorker().workerId);

    const job = await finished(services, await services.messages.send({ workerIds: workers, subject: 'Hello', body: 'A short note.' }));
    expect(job).toMatchObject({ state: 'succeeded', done: 2 });
    expect(notifyCalls).toBe(2);
    const counts = services.archiveDb.read.prepare(`SELECT delivery, COUNT(*) AS n FROM message_recipients GROUP BY delivery ORDER BY delivery`).all();
    expect(counts).toEqual([
      { delivery: 'SoftFailure', n: 100 },
      { delivery: 'Unknown', n: 50 },
    ]);
  });
});

describe('qualification grants', () => {
  it('grants 1,200 scores and then re-scores 600 of them under server faults and lost answers; each worker ends with exactly the intended score', { timeout: 300_000 }, async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'tb-grants-')), 'lab.sqlite');
    const clean = await startLocalMTurk({ port: 0, dataFile });
    const workers = Array.from({ length: 1200 }, () => clean.control.createWorker().workerId);
    const { QualificationType } = await patientClient(clean).send(new CreateQualificationTypeCommand({ Name: 'Careful transcriber', Description: 'Scored by the lab', QualificationTypeStatus: 'Active' }));
    const typeId = QualificationType!.QualificationTypeId!;
    await clean.close();

    const mturk = await server({ dataFile, faultRate: 0.1, dropRate: 0.05, seed: 11 });
    // Besides the server's faults (refused or dropped before acting): one grant answer in ten lost after MTurk acted.
    const proxy = await startLossyProxy(mturk.url, (request, index) => (request.operation === 'AssociateQualificationWithWorker' && index % 10 === 7 ? 'lose-answer' : 'answer'));
    cleanups.push(() => proxy.close());
    const services = workbenchFor({ ...mturk, url: proxy.url } as LocalMTurk);
    cleanups.push(() => services.dispose());
    const intended = new Map(workers.map((id, i) => [id, i % 7]));
    const journal: JournalEntry[] = [];
    const run = async (started: Result<JobProgress>): Promise<void> => {
      let job = await finished(services, started);
      journal.push(...journalForJob(services.archiveDb.read, job.id));
      // "Retry failed" as a requester would press it: it asks MTurk about lost answers first, and says when it cannot.
      for (let round = 0; job.state !== 'succeeded' && round < 5; round++) {
        const retried = await services.actionJobs.retryFailed(job.id);
        if (!retried.ok && retried.error.kind === 'network') continue;
        job = await finished(services, retried);
        journal.push(...journalForJob(services.archiveDb.read, job.id));
      }
      expect(job.state).toBe('succeeded');
    };
    await run(await services.qualifications.grant({ qualificationTypeId: typeId, workers: workers.map((workerId) => ({ workerId, score: intended.get(workerId)! })) }));
    const rescored = workers.filter((_, i) => i % 2 === 0);
    for (const id of rescored) intended.set(id, 100);
    await run(await services.qualifications.grant({ qualificationTypeId: typeId, workers: rescored.map((workerId) => ({ workerId, score: null })), score: 100 }));

    // The faults were felt: calls refused (and sent again), and answers lost after MTurk acted, found applied by asking.
    const refused = journal.filter((e) => e.state === 'failed').length;
    const appliedByAsking = journal.filter((e) => e.state === 'confirmed' && (e.outcome as { reconciled?: boolean } | null)?.reconciled === true).length;
    expect(refused).toBeGreaterThan(0);
    expect(appliedByAsking).toBeGreaterThan(0);
    console.info(`grants under faults: ${journal.length} journal entries, ${refused} refused and re-sent, ${appliedByAsking} lost answers found applied by GetQualificationScore`);

    const onMTurk = new Map<string, number | null>();
    const gateway = await services.contexts.active().gateway();
    if (!gateway.ok) throw new Error(gateway.error.message);
    for await (const page of gateway.value.listWorkersWithQualificationType(typeId, { status: 'Granted' })) {
      if (!page.ok) throw new Error(page.error.message);
      for (const q of page.value.items) onMTurk.set(q.workerId, q.integerValue);
    }
    expect(onMTurk.size).toBe(1200);
    const wrong = workers.filter((id) => onMTurk.get(id) !== intended.get(id));
    expect(wrong).toEqual([]);
    // The archive agrees with MTurk without a sync.
    const archived = new Map(services.qualifications.grants(typeId).map((g) => [g.workerId, g.integerValue]));
    expect(workers.filter((id) => archived.get(id) !== intended.get(id))).toEqual([]);
  });
});
