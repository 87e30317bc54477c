import {
  ApproveAssignmentCommand,
  ListAssignmentsForHITCommand,
  UpdateExpirationForHITCommand,
  DeleteHITCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import { getAssignment } from '../../../electron/archive/repos/assignments';
import { countsFor } from '../../../electron/archive/repos/counts';
import { getHit } from '../../../electron/archive/repos/hits';
import { listSyncRuns } from '../../../electron/archive/repos/sync';
import { parseMoney } from '../../../shared/domain/money';
import { createHit, listAllHits, startTestServer } from '../../../local-mturk/test/helpers';
import { startLossyProxy } from '../../helpers/lossy-proxy';
import type { LocalMTurk } from '../../../local-mturk/src/index';
import { seedLocalMTurk } from '../../helpers/seed-local-mturk';
import { syncHarness, type SyncHarness } from '../../helpers/sync-harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(opts: Parameters<typeof startTestServer>[0] = {}): Promise<{ server: LocalMTurk; client: MTurkClient; harness: SyncHarness }> {
  const { server, client } = await startTestServer(opts);
  const harness = syncHarness();
  cleanups.push(() => server.close(), () => harness.close());
  return { server, client, harness };
}

/** Starts a full sync and cancels it once `hitsDone` HITs are finished; the cut-off run's last progress. */
async function cutOffAt(harness: SyncHarness, target: ReturnType<SyncHarness['target']>, hitsDone: number, pollMs: number) {
  harness.sync.start(target, 'full');
  while ((harness.sync.running('lab')?.hitsDone ?? 0) < hitsDone) await new Promise((r) => setTimeout(r, pollMs));
  harness.sync.cancel(harness.sync.running('lab')!.jobId);
  return (await harness.sync.whenDone('lab'))!;
}

/** Everything the API lists, through the SDK alone: the reference the archive must equal. */
async function apiTruth(client: MTurkClient) {
  const hits = await listAllHits(client);
  const assignments = [];
  for (const hit of hits) {
    let t: string | undefined;
    do {
      const page = await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId!, MaxResults: 100, NextToken: t, AssignmentStatuses: ['Submitted', 'Approved', 'Rejected'] }));
      assignments.push(...(page.Assignments ?? []));
      t = page.NextToken;
    } while (t);
  }
  return { hits, assignments };
}

describe('sync into the archive', () => {
  it('a full sync archives exactly what the API lists, contents included', async () => {
    const { server, client, harness } = await setup();
    const seeded = await seedLocalMTurk(server, client, { hits: 130, assignmentsPerHit: 2, workers: 5 });
    const target = harness.target(server);
    const final = await harness.run(target, 'full');
    expect(final).toMatchObject({ state: 'succeeded', fraction: 1, hitsDone: 130, hitsTotal: 130 });

    const truth = await apiTruth(client);
    const counts = countsFor(harness.archive.read, target.archiveConnectionId);
    expect(counts).toMatchObject({ hits: truth.hits.length, assignments: truth.assignments.length, bonuses: 1, qualificationTypes: 1, qualificationGrants: 2, workerBlocks: 1 });
    for (const hit of truth.hits) {
      const archived = getHit(harness.archive.read, target.archiveConnectionId, hit.HITId!)!;
      expect(archived).toMatchObject({ title: hit.Title, status: hit.HITStatus, question: hit.Question, requesterAnnotation: hit.RequesterAnnotation, maxAssignments: hit.MaxAssignments, goneAt: null });
      expect(archived.rewardCents).toBe(parseMoney(hit.Reward!));
    }
    for (const assignment of truth.assignments) {
      const archived = getAssignment(harness.archive.read, target.archiveConnectionId, assignment.AssignmentId!)!;
      expect(archived).toMatchObject({ workerId: assignment.WorkerId, status: assignment.AssignmentStatus, answerXml: assignment.Answer });
      expect(archived.answers.label).toMatch(/^answer \d+-\d$/);
    }
    expect(getAssignment(harness.archive.read, target.archiveConnectionId, seeded.assignmentIds[1]!)).toMatchObject({ status: 'Rejected', requesterFeedback: 'Answer was empty' });

    // One count everywhere: the progress, the sync log (the "Last sync" line) and the final message.
    const total = truth.hits.length + truth.assignments.length + 1 + 1 + 2 + 1; // + bonus, qualification type, 2 grants, block
    expect(final.items).toBe(total);
    expect(listSyncRuns(harness.archive.read, target.archiveConnectionId)[0]).toMatchObject({ items: total, pages: final.pages });
    expect(final.message).toBe(
      `Archived ${truth.hits.length} HITs, ${truth.assignments.length} assignments, 1 bonus, 3 qualification records and 1 worker block (${total} items).`,
    );
  });

  it('an incremental sync fetches details only for HITs that changed', async () => {
    const { server, client, harness } = await setup();
    const seeded = await seedLocalMTurk(server, client, { hits: 40, assignmentsPerHit: 1, workers: 3 });
    const target = harness.target(server);
    await harness.run(target, 'full');

    await client.send(new ApproveAssignmentCommand({ AssignmentId: seeded.assignmentIds[5]! }));
    const fresh = await createHit(client, { Title: 'A new HIT' });
    const callsBefore = target.gateway.stats().calls;
    const final = await harness.run(target, 'incremental');
    expect(final).toMatchObject({ state: 'succeeded', hitsTotal: 2 });
    // One ListHITs page, then assignments + bonuses for 2 HITs, then qualifications and blocks — not 40 HITs' worth.
    expect(target.gateway.stats().calls - callsBefore).toBeLessThan(15);
    expect(getAssignment(harness.archive.read, target.archiveConnectionId, seeded.assignmentIds[5]!)?.status).toBe('Approved');
    expect(getHit(harness.archive.read, target.archiveConnectionId, fresh.HITId!)?.title).toBe('A new HIT');
  });

  it('a sync cut off mid-way resumes from its checkpoint without duplicates', async () => {
    const { server, client, harness } = await setup();
    await seedLocalMTurk(server, client, { hits: 150, assignmentsPerHit: 1, workers: 3 });
    // Slow calls so the run is still in its details phase when it is cut off.
    const target = harness.target(server, { ratePerSecond: 150, burst: 5, concurrency: 4 });
    const cut = await cutOffAt(harness, target, 40, 20);
    expect(cut.state).toBe('cancelled');
    const partial = countsFor(harness.archive.read, target.archiveConnectionId).assignments;
    expect(partial).toBeGreaterThanOrEqual(25);
    expect(partial).toBeLessThan(150);

    const resumed = await harness.run(harness.target(server), 'full');
    expect(resumed).toMatchObject({ state: 'succeeded', resumed: true });
    // The resumed run skipped the HITs the first one had finished (up to its last checkpoint).
    expect(resumed.hitsTotal - resumed.hitsDone).toBe(0);
    const truth = await apiTruth(client);
    expect(countsFor(harness.archive.read, target.archiveConnectionId)).toMatchObject({ hits: truth.hits.length, assignments: truth.assignments.length });
    const runs = listSyncRuns(harness.archive.read, target.archiveConnectionId);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'cancelled']);
  });

  it('a sync cancelled at 9 of 20 HITs resumes at 9 of 20, not at the start', async () => {
    const { server, client, harness } = await setup();
    await seedLocalMTurk(server, client, { hits: 20, assignmentsPerHit: 1, workers: 2 });
    // One call at a time, slowly: HITs finish in order and the cancel lands between two of them.
    const target = harness.target(server, { ratePerSecond: 20, burst: 1, concurrency: 1 });
    const cut = await cutOffAt(harness, target, 9, 5);
    expect(cut.state).toBe('cancelled');
    expect(cut.hitsDone).toBeGreaterThanOrEqual(9);

    harness.progress.length = 0;
    const resumed = await harness.run(harness.target(server), 'full');
    const first = harness.progress[0]!;
    expect(first).toMatchObject({ resumed: true, hitsTotal: 20, hitsDone: cut.hitsDone });
    expect(first.fraction).toBeGreaterThan(0.2 + 0.72 * (9 / 20) - 1e-9);
    expect(resumed).toMatchObject({ state: 'succeeded', hitsDone: 20, hitsTotal: 20 });
  });

  it('a resumed sync whose saved place in the HIT list is refused lists again from the start, and ends with everything', async () => {
    const { server, client, harness } = await setup();
    await seedLocalMTurk(server, client, { hits: 20, assignmentsPerHit: 1, workers: 2 });
    const target = harness.target(server, { ratePerSecond: 20, burst: 1, concurrency: 1 });
    expect((await cutOffAt(harness, target, 3, 5)).state).toBe('cancelled');
    // As if cut off while listing, holding a token the server no longer takes (an older server's, or an expired one).
    const staleToken = Buffer.from(JSON.stringify({ v: 1, after: '000000000000005' })).toString('base64url');
    const row = harness.archive.read.prepare(`SELECT resource, checkpoint_json AS json FROM sync_state WHERE connection_id = ? AND checkpoint_json IS NOT NULL`).get(target.archiveConnectionId) as { resource: string; json: string };
    const stale = { ...JSON.parse(row.json), phase: 'hits', hitsToken: staleToken, hitsPageIndex: 1 };
    harness.archive.write.prepare(`UPDATE sync_state SET checkpoint_json = ? WHERE connection_id = ? AND resource = ?`).run(JSON.stringify(stale), target.archiveConnectionId, row.resource);

    const resumed = await harness.run(harness.target(server), 'full');
    expect(resumed).toMatchObject({ state: 'succeeded', resumed: true });
    const truth = await apiTruth(client);
    expect(countsFor(harness.archive.read, target.archiveConnectionId)).toMatchObject({ hits: truth.hits.length, assignments: truth.assignments.length });
  });

  it('a sync that loses its endpoint fails with the reason and keeps what it had', async () => {
    const { server, client, harness } = await setup();
    await seedLocalMTurk(server, client, { hits: 20, assignmentsPerHit: 1, workers: 2 });
    const target = harness.target(server);
    await harness.run(target, 'full');
    await server.close();
    cleanups.splice(0, 1);
    const failed = await harness.run(target, 'incremental');
    expect(failed.state).toBe('failed');
    expect(failed.message).toMatch(/Listing HITs failed/);
    expect(countsFor(harness.archive.read, target.archiveConnectionId).hits).toBe(20);
  });

  it('slows down when MTurk throttles but completes every call', async () => {
    const { server, client, harness } = await setup();
    await seedLocalMTurk(server, client, { hits: 30, assignmentsPerHit: 1, workers: 2 });
    // Every tenth of the first hundred requests is answered "Rate exceeded", whatever the pace this machine manages.
    const proxy = await startLossyProxy(server.url, (_request, index) => (index < 100 && index % 10 === 5 ? 'throttle' : 'answer'));
    cleanups.push(() => proxy.close());
    const target = harness.target({ url: proxy.url, credentials: server.credentials }, { ratePerSecond: 120, burst: 20, concurrency: 8 });
    const final = await harness.run(target, 'full');
    expect(final.state).toBe('succeeded');
    expect(target.gateway.stats().throttles).toBeGreaterThanOrEqual(5);
    expect(countsFor(harness.archive.read, target.archiveConnectionId).hits).toBe(30);
    expect(countsFor(harness.archive.read, target.archiveConnectionId).assignments).toBe(30);
  });

  it('flags HITs MTurk no longer returns instead of deleting them', async () => {
    const { server, client, harness } = await setup();
    const seeded = await seedLocalMTurk(server, client, { hits: 3, assignmentsPerHit: 0, workers: 1 });
    const target = harness.target(server);
    await harness.run(target, 'full');
    const doomed = seeded.hitIds[2]!;
    await client.send(new UpdateExpirationForHITCommand({ HITId: doomed, ExpireAt: new Date(0) }));
    await client.send(new DeleteHITCommand({ HITId: doomed }));
    await harness.run(target, 'full');
    const kept = getHit(harness.archive.read, target.archiveConnectionId, doomed);
    expect(kept?.goneAt).not.toBeNull();
    expect(getHit(harness.archive.read, target.archiveConnectionId, seeded.hitIds[0]!)?.goneAt).toBeNull();
  });

  it('reports progress that only moves forward and ends at 100 %', async () => {
    const { server, client, harness } = await setup();
    await seedLocalMTurk(server, client, { hits: 60, assignmentsPerHit: 1, workers: 2 });
    await harness.run(harness.target(server), 'full');
    const fractions = harness.progress.map((p) => p.fraction);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    expect(harness.progress.at(-1)).toMatchObject({ state: 'succeeded', etaSeconds: null });
  });
});
