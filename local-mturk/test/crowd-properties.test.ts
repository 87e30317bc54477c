/**
 * Properties of the simulated crowd over many seeds: every accept honours requirements (locale, approval rate, a
 * requester qualification guarding discovery), blocks, one assignment per worker per HIT, MaxAssignments and the
 * 25-HIT queue; expiry, abandonment and auto-approval follow the virtual clock; a seed gives the same run twice.
 */
import { describe, expect, it } from 'vitest';
import { crowdPopulation } from '../src/crowd/population';
import { approvalRate, impliedRejections } from '../src/domain/worker-record';
import { ANIMALS, crowdTestApp, questionForm, selectionQuestion, type CrowdTestApp } from './crowd-support';

const LOCALE = '00000000000000000071';
const APPROVAL = '000000000000000000L0';
const QUESTION = questionForm(selectionQuestion('label', ANIMALS));
const EVENTS = ['AssignmentAccepted', 'AssignmentSubmitted', 'AssignmentReturned', 'AssignmentAbandoned', 'AssignmentApproved'];
const CROWD = 25;

interface Scenario {
  t: CrowdTestApp;
  trusted: Set<string>;
  blocked: Set<string>;
  qualificationTypeId: string;
  result: Awaited<ReturnType<CrowdTestApp['control']['simulate']>>;
}

async function runScenario(seed: number): Promise<Scenario> {
  const t = crowdTestApp();
  const members = crowdPopulation(seed, CROWD);
  for (const m of members) t.control.createWorker(m.attributes);
  const qualificationTypeId = t.call<{ QualificationType: { QualificationTypeId: string } }>('CreateQualificationType', {
    Name: 'Trusted',
    Description: 'Known good',
    QualificationTypeStatus: 'Active',
  }).QualificationType.QualificationTypeId;
  const trusted = new Set(members.filter((m) => m.index % 2 === 0).map((m) => m.workerId));
  for (const workerId of trusted) t.call('AssociateQualificationWithWorker', { QualificationTypeId: qualificationTypeId, WorkerId: workerId, IntegerValue: 1 });
  const blocked = new Set(members.filter((m) => m.index % 7 === 3).map((m) => m.workerId));
  for (const workerId of blocked) t.call('CreateWorkerBlock', { WorkerId: workerId, Reason: 'Spam' });

  const batch = (count: number, input: Record<string, unknown>): void => {
    for (let i = 0; i < count; i += 1) t.createHit({ Question: QUESTION, ...input });
  };
  batch(8, {
    Title: 'Locale and approval',
    QualificationRequirements: [
      { QualificationTypeId: LOCALE, Comparator: 'In', LocaleValues: [{ Country: 'US' }, { Country: 'IN' }] },
      { QualificationTypeId: APPROVAL, Comparator: 'GreaterThanOrEqualTo', IntegerValues: [98] },
    ],
  });
  batch(4, { Title: 'Trusted only', QualificationRequirements: [{ QualificationTypeId: qualificationTypeId, Comparator: 'Exists', ActionsGuarded: 'DiscoverPreviewAndAccept' }] });
  batch(3, {
    Title: 'California',
    QualificationRequirements: [{ QualificationTypeId: LOCALE, Comparator: 'EqualTo', LocaleValues: [{ Country: 'US', Subdivision: 'CA' }], ActionsGuarded: 'PreviewAndAccept' }],
  });
  batch(4, { Title: 'Short-lived', LifetimeInSeconds: 240, MaxAssignments: 5 });
  batch(14, { Title: 'Quick batch', MaxAssignments: 2, AssignmentDurationInSeconds: 300, AutoApprovalDelayInSeconds: 600 });
  const typeIds = t.app.db.prepare('SELECT hit_type_id FROM hit_types').all() as { hit_type_id: string }[];
  for (const { hit_type_id: HITTypeId } of typeIds) {
    t.call('UpdateNotificationSettings', {
      HITTypeId,
      Notification: { Destination: 'https://sqs.us-east-1.amazonaws.com/123456789012/crowd', Transport: 'SQS', Version: '2006-05-05', EventTypes: EVENTS },
      Active: true,
    });
  }
  const result = await t.control.simulate({ workers: CROWD, seed, until: 'done' });
  return { t, trusted, blocked, qualificationTypeId, result };
}

interface Row {
  assignment_id: string;
  hit_id: string;
  worker_id: string;
  status: string;
  accept_ms: number;
  deadline_ms: number;
  submit_ms: number | null;
  auto_approval_ms: number | null;
  approval_ms: number | null;
  title: string;
  expiration_ms: number;
  max_assignments: number;
}

function assignments(t: CrowdTestApp): Row[] {
  return t.app.db
    .prepare(
      `SELECT a.*, t.title, h.expiration_ms, h.max_assignments FROM assignments a JOIN hits h USING (hit_id)
       JOIN hit_types t ON t.hit_type_id = h.hit_type_id ORDER BY a.accept_ms, a.rowid`,
    )
    .all() as Row[];
}

/** Replays the event log: the most a HIT (or a worker) ever held at once. */
function peakHeld(t: CrowdTestApp, rows: readonly Row[], key: (row: Row) => string): Map<string, number> {
  const byAssignment = new Map(rows.map((row) => [row.assignment_id, row]));
  const held = new Map<string, number>();
  const peak = new Map<string, number>();
  for (const event of t.control.events()) {
    const row = event.assignmentId ? byAssignment.get(event.assignmentId) : undefined;
    if (!row) continue;
    const k = key(row);
    const delta = event.eventType === 'AssignmentAccepted' ? 1 : ['AssignmentSubmitted', 'AssignmentReturned', 'AssignmentAbandoned'].includes(event.eventType) ? -1 : 0;
    held.set(k, (held.get(k) ?? 0) + delta);
    peak.set(k, Math.max(peak.get(k) ?? 0, held.get(k) ?? 0));
  }
  return peak;
}

describe('the simulated crowd over 30 seeds', () => {
  it('honours every rule of accepting, and the clock drives expiry, abandonment and auto-approval', async () => {
    let total = 0;
    let autoApproved = 0;
    let abandoned = 0;
    for (let seed = 1; seed <= 30; seed += 1) {
      const { t, trusted, blocked, qualificationTypeId, result } = await runScenario(seed);
      const members = new Map(crowdPopulation(seed, CROWD).map((m) => [m.workerId, m]));
      const rows = assignments(t);
      total += rows.length;
      const approvedBefore = (workerId: string, at: number): number =>
        rows.filter((r) => r.worker_id === workerId && r.approval_ms !== null && r.approval_ms <= at).length;
      const perWorkerHit = new Set<string>();
      for (const row of rows) {
        const member = members.get(row.worker_id);
        expect(member, `assignment by a crowd member (seed ${seed})`).toBeDefined();
        if (!member) continue;
        const where = `seed ${seed}, ${row.title}, worker ${row.worker_id}`;
        expect(blocked.has(row.worker_id), where).toBe(false);
        expect(perWorkerHit.has(`${row.worker_id}/${row.hit_id}`), where).toBe(false);
        perWorkerHit.add(`${row.worker_id}/${row.hit_id}`);
        expect(row.accept_ms, where).toBeLessThan(row.expiration_ms);
        const { country, subdivision, approvalRatePercent, hitsApproved } = member.attributes;
        if (row.title === 'Locale and approval') {
          expect(['US', 'IN'], where).toContain(country);
          // The rate as it was at accept time: as created, or recomputed by the approvals before it.
          const approvals = approvedBefore(row.worker_id, row.accept_ms);
          const rate = approvals === 0 ? approvalRatePercent : approvalRate(hitsApproved + approvals, impliedRejections(approvalRatePercent, hitsApproved));
          expect(rate, where).toBeGreaterThanOrEqual(98);
        }
        if (row.title === 'Trusted only') expect(trusted.has(row.worker_id), where).toBe(true);
        if (row.title === 'California') expect(`${country}-${subdivision}`, where).toBe('US-CA');
        if (row.submit_ms !== null) expect(row.submit_ms, where).toBeLessThan(row.deadline_ms);
        if (row.approval_ms !== null) {
          expect(row.approval_ms, where).toBe(row.auto_approval_ms);
          expect(row.auto_approval_ms, where).toBe((row.submit_ms ?? 0) + 600_000);
          autoApproved += 1;
        }
      }
      for (const [hitId, peak] of peakHeld(t, rows, (r) => r.hit_id)) {
        const max = rows.find((r) => r.hit_id === hitId)?.max_assignments ?? 0;
        expect(peak, `seed ${seed}: HIT ${hitId} held at once`).toBeLessThanOrEqual(max);
      }
      for (const [workerId, peak] of peakHeld(t, rows, (r) => r.worker_id)) {
        expect(peak, `seed ${seed}: worker ${workerId} queue`).toBeLessThanOrEqual(25);
      }
      // Abandoned work lapsed exactly at its deadline.
      const lapses = t.control.events().filter((e) => e.eventType === 'AssignmentAbandoned');
      for (const event of lapses) expect(event.time).toBe(rows.find((r) => r.assignment_id === event.assignmentId)?.deadline_ms);
      abandoned += lapses.length;
      const count = (statuses: string[]): number => rows.filter((r) => statuses.includes(r.status)).length;
      expect(result).toMatchObject({
        accepted: rows.length,
        submitted: count(['Submitted', 'Approved', 'Rejected']),
        returned: count(['Returned']),
        abandoned: count(['Abandoned']),
      });
      // A HIT hidden from discovery is never even seen: nobody asked for the qualification that hides it.
      expect(t.app.db.prepare('SELECT COUNT(*) AS n FROM qualification_requests WHERE qualification_type_id = ?').get(qualificationTypeId)).toEqual({ n: 0 });
      // Done means done: nothing in flight.
      expect(count(['Accepted'])).toBe(0);
      t.app.close();
    }
    // The scenarios exercised what they check.
    expect(total).toBeGreaterThan(30 * 35);
    expect(autoApproved).toBeGreaterThan(100);
    expect(abandoned).toBeGreaterThan(0);
  }, 180_000);

  it('gives the same results for the same seed and calls', async () => {
    const fingerprint = async (seed: number): Promise<unknown> => {
      const { t, result } = await runScenario(seed);
      const hitOrder = new Map((t.app.db.prepare('SELECT hit_id FROM hits ORDER BY rowid').all() as { hit_id: string }[]).map((h, i) => [h.hit_id, i]));
      const rows = assignments(t).map((r) => [hitOrder.get(r.hit_id), r.worker_id, r.status, r.accept_ms - r.deadline_ms, r.submit_ms === null ? null : r.submit_ms - r.accept_ms]);
      const answers = (t.app.db.prepare("SELECT answer FROM assignments WHERE answer IS NOT NULL ORDER BY rowid").all() as { answer: string }[]).map((a) => a.answer);
      t.app.close();
      return { result, rows, answers };
    };
    const first = await fingerprint(7);
    expect(await fingerprint(7)).toEqual(first);
    expect(await fingerprint(8)).not.toEqual(first);
  });

  it('stops after the virtual minutes asked for, with the clock exactly there', async () => {
    const t = crowdTestApp();
    for (let i = 0; i < 30; i += 1) t.createHit({ Question: QUESTION, AutoApprovalDelayInSeconds: 300 });
    const before = t.app.clock.now();
    const result = await t.control.simulate({ workers: 20, seed: 3, until: { minutes: 45 } });
    expect(result.virtualMinutes).toBe(45);
    const now = t.app.clock.now();
    // The clock is frozen during the run and only real time (a few ms) passes after it.
    expect(now - before - 45 * 60_000).toBeGreaterThanOrEqual(0);
    expect(now - before - 45 * 60_000).toBeLessThan(60_000);
    expect(result.accepted).toBeGreaterThan(0);
    const due = t.app.db.prepare("SELECT COUNT(*) AS n FROM assignments WHERE status = 'Submitted' AND auto_approval_ms <= ?").get(now) as { n: number };
    expect(due.n).toBe(0);
    t.app.close();
  });
});
