import { ApproveAssignmentCommand, GetAccountBalanceCommand, GetAssignmentCommand, RejectAssignmentCommand } from '@aws-sdk/client-mturk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalForJob } from '../../../electron/archive/repos/journal';
import type { Services } from '../../../electron/core/services';
import { reviewPlanInput, setDraftsInput } from '../../../shared/contract/review';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { startLossyProxy } from '../../helpers/lossy-proxy';
import { logReviewEvents, reviewEventCounts } from './support/review-events';
import { syncFully, workbenchFor } from './workbench';

const DAY = 86_400_000;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Lab {
  readonly lab: TestServer;
  readonly hitIds: string[];
  readonly hitTypes: string[];
  /** Submitted assignments, in submission order. */
  readonly assignments: { assignmentId: string; workerId: string; hitId: string }[];
}

/** Two HITs (reward $0.50, 3 assignments each) whose six assignments six workers submitted. */
async function labWithWork(): Promise<Lab> {
  const lab = await startTestServer();
  cleanups.push(() => lab.server.close());
  const hits = [await createHit(lab.client, { MaxAssignments: 3 }), await createHit(lab.client, { MaxAssignments: 3 })];
  await logReviewEvents(lab.client, hits.map((h) => h.HITTypeId!));
  const hitIds = hits.map((h) => h.HITId!);
  const assignments: Lab['assignments'] = [];
  for (let i = 0; i < 6; i++) {
    const hitId = hitIds[i % 2]!;
    const { workerId } = lab.server.control.createWorker({ country: 'US' });
    const { AssignmentId } = lab.server.control.accept(workerId, hitId);
    lab.server.control.submit(AssignmentId, { label: `answer ${i}` });
    assignments.push({ assignmentId: AssignmentId, workerId, hitId });
  }
  return { lab, hitIds, hitTypes: hits.map((h) => h.HITTypeId!), assignments };
}

async function benchFor(lab: Lab, options: { url?: string; dataDir?: string; now?: () => number } = {}): Promise<Services & { dataDir: string }> {
  const bench = workbenchFor({ ...lab.lab.server, url: options.url ?? lab.lab.server.url } as typeof lab.lab.server, { dataDir: options.dataDir, now: options.now });
  cleanups.push(() => bench.dispose());
  return bench;
}

async function finished(bench: Services, started: Awaited<ReturnType<Services['review']['send']>>) {
  if (!started.ok) throw new Error(started.error.message);
  return (await bench.jobs.whenDone(started.value.id))!;
}

const remoteStatus = async (lab: Lab, id: string) => (await lab.lab.client.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment!;

function archived(bench: Services, id: string): { status: string; approval_time: number | null; rejection_time: number | null; requester_feedback: string | null } {
  return bench.archiveDb.read
    .prepare(`SELECT status, approval_time, rejection_time, requester_feedback FROM assignments WHERE assignment_id = ?`)
    .get(id) as ReturnType<typeof archived>;
}

const completedOf = (bench: Services, hitId: string): number =>
  (bench.archiveDb.read.prepare(`SELECT assignments_completed AS n FROM hits WHERE hit_id = ?`).get(hitId) as { n: number }).n;

const approvalsOf = (lab: Lab, id: string): number => reviewEventCounts(lab.lab.server, 'AssignmentApproved').get(id) ?? 0;

describe('review: approve, reject and override through the journal', { timeout: 60_000 }, () => {
  let lab: Lab;
  let bench: Services & { dataDir: string };
  beforeEach(async () => {
    lab = await labWithWork();
    bench = await benchFor(lab);
    await syncFully(bench);
  });

  it('plans, sends and records approvals and rejections at once, then overrides a rejection', async () => {
    const [a, b, c] = lab.assignments;
    const decisions = [
      { assignmentId: a!.assignmentId, verdict: 'approve' as const, feedback: 'Thanks!' },
      { assignmentId: b!.assignmentId, verdict: 'reject' as const, feedback: 'The label is empty.' },
      { assignmentId: c!.assignmentId, verdict: 'reject' as const, feedback: 'Wrong image.' },
    ];
    const plan = await bench.review.plan({ decisions });
    expect(plan.ok && plan.value).toMatchObject({
      approve: 1,
      reject: 2,
      override: 0,
      workers: 3,
      skipped: [],
      // $0.50 reward + 20 % fee for a HIT of fewer than 10 assignments.
      approvalCost: { rewardsCents: 50, feesCents: 10, totalCents: 60 },
      // Approvals are paid from what MTurk holds: no balance to check.
      overrideCost: { totalCents: 0 },
      balance: null,
      typeToConfirm: null,
    });
    expect(plan.ok && plan.value.rejectedWorkers.map((w) => [w.workerId, w.inThisSend, w.todayAfter]).sort()).toEqual(
      [[b!.workerId, 1, 1], [c!.workerId, 1, 1]].sort(),
    );
    const completedBefore = completedOf(bench, a!.hitId);

    const job = await finished(bench, await bench.review.send({ decisions }));
    expect(job).toMatchObject({ state: 'succeeded', total: 3, done: 3, failed: 0, unknown: 0 });
    expect(await remoteStatus(lab, a!.assignmentId)).toMatchObject({ AssignmentStatus: 'Approved', RequesterFeedback: 'Thanks!' });
    expect(await remoteStatus(lab, b!.assignmentId)).toMatchObject({ AssignmentStatus: 'Rejected', RequesterFeedback: 'The label is empty.' });
    // The archive shows it without a sync: status, time, feedback, the HIT's completed count, the worker's tally.
    expect(archived(bench, a!.assignmentId)).toMatchObject({ status: 'Approved', requester_feedback: 'Thanks!' });
    expect(archived(bench, a!.assignmentId).approval_time).toBeGreaterThan(0);
    expect(archived(bench, b!.assignmentId)).toMatchObject({ status: 'Rejected', requester_feedback: 'The label is empty.' });
    expect(completedOf(bench, a!.hitId)).toBe(completedBefore + 2); // a and c are of the first HIT
    const rejectedTally = bench.archiveDb.read.prepare(`SELECT rejected FROM workers WHERE worker_id = ?`).pluck().get(b!.workerId);
    expect(rejectedTally).toBe(1);

    // Sending the same again is planned as nothing to do, per assignment, in words.
    const again = await bench.review.plan({ decisions });
    expect(again.ok && again.value.skipped.map((s) => s.reason)).toEqual(['is already Approved', expect.stringMatching(/already Rejected/), expect.stringMatching(/already Rejected/)]);
    expect((await bench.review.send({ decisions })).ok).toBe(false);

    // Overriding spends anew (the rejection released the money held for it): the plan says so, with the balance after.
    const overridePlan = await bench.review.plan({ decisions: [{ assignmentId: b!.assignmentId, verdict: 'override' }] });
    expect(overridePlan.ok && overridePlan.value).toMatchObject({ override: 1, approvalCost: { totalCents: 0 }, overrideCost: { rewardsCents: 50, feesCents: 10, totalCents: 60 } });
    const { AvailableBalance } = await lab.lab.client.send(new GetAccountBalanceCommand({}));
    const availableCents = Math.round(Number(AvailableBalance) * 100);
    expect(overridePlan.ok && overridePlan.value.balance).toEqual({ availableCents, afterCents: availableCents - 60 });

    // Overriding the rejection approves it; the HIT's completed count stays (Rejected and Approved both count).
    const completedAfterReview = completedOf(bench, b!.hitId);
    const override = await finished(bench, await bench.review.send({ decisions: [{ assignmentId: b!.assignmentId, verdict: 'override', feedback: 'Sorry, our mistake.' }] }));
    expect(override).toMatchObject({ state: 'succeeded', failed: 0 });
    expect(await remoteStatus(lab, b!.assignmentId)).toMatchObject({ AssignmentStatus: 'Approved' });
    expect(archived(bench, b!.assignmentId)).toMatchObject({ status: 'Approved', requester_feedback: 'Sorry, our mistake.' });
    expect(completedOf(bench, b!.hitId)).toBe(completedAfterReview);
    expect(approvalsOf(lab, a!.assignmentId)).toBe(1);
    expect(approvalsOf(lab, b!.assignmentId)).toBe(1);
    // Every call is journaled, at interactive priority, and terminal.
    const entries = journalForJob(bench.archiveDb.read, job.id);
    expect(entries.map((e) => [e.kind, e.state]).sort()).toEqual([['approve', 'confirmed'], ['reject', 'confirmed'], ['reject', 'confirmed']]);
  });

  it('keeps draft verdicts locally, undoes them, shows them in the queue and sends them', async () => {
    const [a, b, c] = lab.assignments;
    const changed: unknown[] = [];
    const stop = bench.events.subscribe((name, payload) => {
      if (name === 'archive.changed') changed.push(payload);
    });
    expect(await bench.review.setDrafts({ assignmentIds: [a!.assignmentId, b!.assignmentId], verdict: 'approve' })).toEqual({ ok: true, value: { approve: 2, reject: 0 } });
    expect(await bench.review.setDrafts({ assignmentIds: [c!.assignmentId], verdict: 'reject', feedback: 'Off topic.' })).toEqual({ ok: true, value: { approve: 2, reject: 1 } });
    // Undo: b goes back to undecided.
    expect(await bench.review.clearDrafts({ assignmentIds: [b!.assignmentId] })).toEqual({ ok: true, value: { approve: 1, reject: 1 } });
    // Every open view of the drafts hears of each change.
    expect(changed).toEqual(Array.from({ length: 3 }, () => ({ connectionId: 'lab', tables: ['review_drafts'] })));
    stop();
    const queue = await bench.review.queue({ filter: { status: 'Submitted' }, limit: 100 });
    const drafts = Object.fromEntries((queue.ok ? queue.value.rows : []).map((r) => [r.assignmentId, r.draft]));
    expect(drafts).toMatchObject({ [a!.assignmentId]: { verdict: 'approve', feedback: null }, [b!.assignmentId]: null, [c!.assignmentId]: { verdict: 'reject', feedback: 'Off topic.' } });
    const unknown = await bench.review.setDrafts({ assignmentIds: ['NOSUCHASSIGNMENT'], verdict: 'approve' });
    expect(!unknown.ok && unknown.error.message).toMatch(/NOSUCHASSIGNMENT: not in the archive/);

    const plan = await bench.review.plan({});
    expect(plan.ok && plan.value).toMatchObject({ approve: 1, reject: 1, workers: 2 });
    const job = await finished(bench, await bench.review.send({}));
    expect(job).toMatchObject({ state: 'succeeded', total: 2, failed: 0 });
    expect((await remoteStatus(lab, c!.assignmentId)).AssignmentStatus).toBe('Rejected');
    expect((await remoteStatus(lab, b!.assignmentId)).AssignmentStatus).toBe('Submitted');
    // Sent drafts are gone; the undone one was never sent.
    expect(await bench.review.draftCounts()).toEqual({ ok: true, value: { approve: 0, reject: 0 } });
  });

  it('pages the queue by auto-approval deadline and filters it', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const deadlines: number[] = [];
    do {
      const page = await bench.review.queue({ limit: 4, after });
      if (!page.ok) throw new Error(page.error.message);
      seen.push(...page.value.rows.map((r) => r.assignmentId));
      deadlines.push(...page.value.rows.map((r) => r.autoApprovalTime!));
      after = page.value.nextCursor;
    } while (after);
    expect(seen.sort()).toEqual(lab.assignments.map((a) => a.assignmentId).sort());
    expect(deadlines).toEqual([...deadlines].sort((x, y) => x - y));
    const newestFirst = await bench.review.queue({ filter: { status: 'Submitted', hitTypeId: lab.hitTypes[0]! }, sort: { column: 'submitTime', direction: 'desc' }, limit: 10 });
    const newest = newestFirst.ok ? newestFirst.value.rows : [];
    expect(newest.map((r) => r.assignmentId).sort()).toEqual(lab.assignments.map((a) => a.assignmentId).sort());
    expect(newest.map((r) => r.submitTime)).toEqual(newest.map((r) => r.submitTime).sort((x, y) => y! - x!));
    const one = lab.assignments[3]!;
    const byWorker = await bench.review.queue({ filter: { workerId: one.workerId }, limit: 10 });
    expect(byWorker.ok && byWorker.value.rows.map((r) => r.assignmentId)).toEqual([one.assignmentId]);
    const byHit = await bench.review.queue({ filter: { hitId: lab.hitIds[1]! }, limit: 10 });
    expect(byHit.ok && byHit.value.rows.length).toBe(3);
    const soon = await bench.review.queue({ filter: { autoApprovalBefore: 1 }, limit: 10 });
    expect(soon.ok && soon.value.rows).toEqual([]);
    const submittedLater = await bench.review.queue({ filter: { submittedFrom: Date.now() + DAY }, limit: 10 });
    expect(submittedLater.ok && submittedLater.value.rows).toEqual([]);
  });

  it('settles an approval whose answer was lost as confirmed, without a second call and without an error', async () => {
    let lost = 0;
    const lossy = await startLossyProxy(lab.lab.server.url, (request) => (request.operation === 'ApproveAssignment' && lost++ === 0 ? 'lose-answer' : 'answer'));
    cleanups.push(() => lossy.close());
    // Turkbench knows MTurk only through the proxy (the archive belongs to the endpoint it talks to).
    const through = await benchFor(lab, { url: lossy.url });
    await syncFully(through);
    const target = lab.assignments[4]!;
    const job = await finished(through, await through.review.send({ decisions: [{ assignmentId: target.assignmentId, verdict: 'approve' }] }));
    expect(job).toMatchObject({ state: 'succeeded', done: 1, failed: 0, unknown: 0, failures: [] });
    expect(lossy.forwarded.filter((r) => r.operation === 'ApproveAssignment')).toHaveLength(1);
    expect(lossy.forwarded.some((r) => r.operation === 'GetAssignment')).toBe(true);
    const [entry] = journalForJob(through.archiveDb.read, job.id);
    expect(entry).toMatchObject({ kind: 'approve', state: 'confirmed', outcome: { reconciled: true } });
    expect(approvalsOf(lab, target.assignmentId)).toBe(1);
    expect(archived(through, target.assignmentId).status).toBe('Approved');
  });

  it('takes an assignment approved elsewhere meanwhile as done (MTurk refuses the repeat), and a state refusal otherwise in words', async () => {
    const [a, b] = lab.assignments;
    await lab.lab.client.send(new ApproveAssignmentCommand({ AssignmentId: a!.assignmentId }));
    // The archive has not seen it: the plan sends it, MTurk refuses, the assignment read back says Approved.
    const job = await finished(bench, await bench.review.send({ decisions: [{ assignmentId: a!.assignmentId, verdict: 'approve' }] }));
    expect(job).toMatchObject({ state: 'succeeded', failed: 0 });
    expect(journalForJob(bench.archiveDb.read, job.id)[0]).toMatchObject({ state: 'confirmed', outcome: { alreadyDone: 'Already Approved on MTurk.' } });
    expect(archived(bench, a!.assignmentId).status).toBe('Approved');
    expect(approvalsOf(lab, a!.assignmentId)).toBe(1);

    // Rejected elsewhere, then approved here without an override: refused, and the message says what it is.
    await lab.lab.client.send(new RejectAssignmentCommand({ AssignmentId: b!.assignmentId, RequesterFeedback: 'No.' }));
    const refused = await finished(bench, await bench.review.send({ decisions: [{ assignmentId: b!.assignmentId, verdict: 'approve' }] }));
    expect(refused).toMatchObject({ state: 'failed', failed: 1, unknown: 0 });
    expect(refused.failures[0]).toMatchObject({ target: b!.assignmentId, message: expect.stringMatching(/status of: Submitted.* — it is Rejected on MTurk/) });
    expect(archived(bench, b!.assignmentId).status).toBe('Submitted');
    expect(approvalsOf(lab, b!.assignmentId)).toBe(0);
  });

  it('refuses to override rejections the available balance cannot pay for, saying why, and sends nothing', async () => {
    const [, b] = lab.assignments;
    await lab.lab.client.send(new RejectAssignmentCommand({ AssignmentId: b!.assignmentId, RequesterFeedback: 'No.' }));
    await syncFully(bench);
    // Another HIT holds all but 30 cents of the balance.
    const { AvailableBalance } = await lab.lab.client.send(new GetAccountBalanceCommand({}));
    const rewardCents = Math.floor((Math.round(Number(AvailableBalance) * 100) - 30) / 1.2);
    await createHit(lab.lab.client, { Reward: (rewardCents / 100).toFixed(2), MaxAssignments: 1, Title: 'Holds the rest' });
    const override = [{ assignmentId: b!.assignmentId, verdict: 'override' as const }];
    const plan = await bench.review.plan({ decisions: override });
    expect(plan.ok && plan.value.balance!.afterCents).toBeLessThan(0);
    const refused = await bench.review.send({ decisions: override });
    expect(refused.ok ? 'sent' : refused.error).toMatchObject({ kind: 'insufficient-funds', message: expect.stringMatching(/^Overriding these rejections costs \$0\.60 with fees, paid from the available balance of \$0\.\d\d/) });
    expect(await remoteStatus(lab, b!.assignmentId)).toMatchObject({ AssignmentStatus: 'Rejected' });
  });

  it('overrides a rejection only within 30 days of submission, saying so per assignment', async () => {
    const [, , , , , f] = lab.assignments;
    await finished(bench, await bench.review.send({ decisions: [{ assignmentId: f!.assignmentId, verdict: 'reject', feedback: 'Blank.' }] }));
    const override = [{ assignmentId: f!.assignmentId, verdict: 'override' as const }];
    const within = await bench.review.plan({ decisions: override });
    expect(within.ok && within.value.ready[0]!.detail).toMatch(/Rejected → Approved \(possible until /);

    // 31 days on, for Turkbench and for MTurk.
    const dataDir = bench.dataDir;
    await bench.dispose();
    cleanups.pop();
    lab.lab.server.control.advanceClock(31 * DAY);
    const later = await benchFor(lab, { dataDir, now: () => Date.now() + 31 * DAY });
    const plan = await later.review.plan({ decisions: override });
    expect(plan.ok && plan.value.skipped).toEqual([{ assignmentId: f!.assignmentId, reason: expect.stringMatching(/MTurk overrides a rejection only within 30 days of submission \(until /) }]);
    expect(plan.ok && plan.value.ready).toEqual([]);
    // Sent anyway (straight through the journal, as a stale plan would): MTurk refuses and says why.
    const gateway = await later.contexts.active().gateway();
    if (!gateway.ok) throw new Error(gateway.error.message);
    const outcome = await later.executor.execute({
      configId: 'lab', archiveConnectionId: later.contexts.active().archiveId!, gateway: gateway.value, kind: 'override-rejection',
      request: { assignmentId: f!.assignmentId }, token: 'late-override', costCents: null, lane: 'interactive',
    });
    expect(outcome.state).toBe('failed');
    expect(outcome.state === 'failed' && outcome.error.message).toMatch(/within 30 days of submission/);
    expect((await remoteStatus(lab, f!.assignmentId)).AssignmentStatus).toBe('Rejected');
  });

  it('refuses bad feedback naming the field, and never rejects without a reason', async () => {
    const [a, b] = lab.assignments;
    const bell = reviewPlanInput.safeParse({ decisions: [{ assignmentId: a!.assignmentId, verdict: 'approve', feedback: 'Nice\u0007 work' }] });
    expect(bell.success).toBe(false);
    expect(bell.error!.issues[0]).toMatchObject({ path: ['decisions', 0, 'feedback'], message: expect.stringMatching(/control character 7 at character 5/) });
    const long = reviewPlanInput.safeParse({ decisions: [{ assignmentId: a!.assignmentId, verdict: 'reject', feedback: 'é'.repeat(1025) }] });
    expect(long.error!.issues[0]).toMatchObject({ path: ['decisions', 0, 'feedback'], message: 'at most 1024 characters (this is 1025)' });
    // 1,024 multi-byte characters are fine: MTurk counts characters, not bytes; tabs and line breaks are allowed.
    expect(reviewPlanInput.safeParse({ decisions: [{ assignmentId: a!.assignmentId, verdict: 'reject', feedback: 'é'.repeat(1023) + '\n' }] }).success).toBe(true);
    expect(setDraftsInput.safeParse({ assignmentIds: [a!.assignmentId], verdict: 'reject' }).error!.issues[0]).toMatchObject({ path: ['feedback'] });

    const plan = await bench.review.plan({ decisions: [{ assignmentId: b!.assignmentId, verdict: 'reject', feedback: '   ' }] });
    expect(plan.ok && plan.value.skipped[0]!.reason).toMatch(/a rejection needs a reason the worker reads/);
    // The journal refuses it too, before anything is sent.
    const gateway = await bench.contexts.active().gateway();
    if (!gateway.ok) throw new Error(gateway.error.message);
    await expect(
      bench.executor.execute({
        configId: 'lab', archiveConnectionId: bench.contexts.active().archiveId!, gateway: gateway.value, kind: 'reject',
        request: { assignmentId: b!.assignmentId, feedback: 'bad\u0001' }, token: 'bad-feedback', costCents: null, lane: 'interactive',
      }),
    ).rejects.toThrow(/control character 1/);
    expect((await remoteStatus(lab, b!.assignmentId)).AssignmentStatus).toBe('Submitted');
  });
});
