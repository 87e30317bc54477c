import { describe, expect, it } from 'vitest';
import { batchFigures, batchStatus, etaAt, hourlyWageCents, isBelowWageFloor, median, medianWorkSeconds, spentCents, type AssignmentFacts, type HitFacts } from '../../../shared/batch/progress';

const NOW = Date.UTC(2026, 11, 1, 12);
const HOUR = 3_600_000;
const hit = (over: Partial<HitFacts> = {}): HitFacts => ({ created: true, maxAssignments: 3, expiresAt: NOW + 24 * HOUR, status: 'Assignable', ...over });
const work = (status: AssignmentFacts['status'], seconds: number, over: Partial<AssignmentFacts> = {}): AssignmentFacts => ({
  status,
  acceptedAt: NOW - HOUR,
  submittedAt: NOW - HOUR + seconds * 1000,
  rewardCents: 50,
  hitMaxAssignments: 3,
  ...over,
});

describe('batch figures', () => {
  it('count approved rewards and their fee as spent — rejected and waiting work cost nothing yet', () => {
    expect(spentCents([work('Approved', 60), work('Submitted', 60), work('Rejected', 60)], {})).toBe(60);
    // 10+ assignments pay 40 %, Masters another 5 %, and the fee is at least a cent.
    expect(spentCents([work('Approved', 60, { hitMaxAssignments: 10 })], {})).toBe(70);
    expect(spentCents([work('Approved', 60)], { masters: true })).toBe(63);
    expect(spentCents([work('Approved', 60, { rewardCents: 2 })], {})).toBe(3);
  });

  it('take the median work time from accept to submit and the hourly wage it implies', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(medianWorkSeconds([work('Submitted', 120), work('Approved', 60), work('Rejected', 600), work('Submitted', 30, { acceptedAt: null })])).toBe(120);
    expect(hourlyWageCents(50, 120)).toBe(1500);
    expect(hourlyWageCents(50, null)).toBeNull();
    expect(hourlyWageCents(50, 0)).toBe(180_000);
    expect(isBelowWageFloor(700, 725)).toBe(true);
    expect(isBelowWageFloor(725, 725)).toBe(false);
    expect(isBelowWageFloor(null, 725)).toBe(false);
  });

  it('project the finish from the submission rate since launch', () => {
    // 10 of 40 in 2 hours: 30 more take 6 hours.
    expect(etaAt({ submitted: 10, total: 40, startedAt: NOW - 2 * HOUR, now: NOW, collecting: true })).toBe(NOW + 6 * HOUR);
    expect(etaAt({ submitted: 0, total: 40, startedAt: NOW - 2 * HOUR, now: NOW, collecting: true })).toBeNull();
    expect(etaAt({ submitted: 40, total: 40, startedAt: NOW - 2 * HOUR, now: NOW, collecting: true })).toBeNull();
    expect(etaAt({ submitted: 10, total: 40, startedAt: NOW - 2 * HOUR, now: NOW, collecting: false })).toBeNull();
  });

  it('name the status from what is created, open, submitted and reviewed', () => {
    const base = { total: 6, submitted: 0, reviewed: 0, cancelled: false, now: NOW };
    expect(batchStatus({ ...base, hits: [hit(), hit({ created: false })] })).toBe('launching');
    expect(batchStatus({ ...base, hits: [hit(), hit()], submitted: 2 })).toBe('running');
    expect(batchStatus({ ...base, hits: [hit(), hit()], submitted: 6, reviewed: 2 })).toBe('in-review');
    expect(batchStatus({ ...base, hits: [hit(), hit()], submitted: 6, reviewed: 6 })).toBe('done');
    expect(batchStatus({ ...base, hits: [hit({ expiresAt: NOW - 1 }), hit({ status: 'Reviewable' })], submitted: 3, reviewed: 1 })).toBe('in-review');
    expect(batchStatus({ ...base, hits: [hit({ expiresAt: NOW - 1 }), hit({ expiresAt: NOW - 1 })], submitted: 3, reviewed: 3 })).toBe('ended');
    expect(batchStatus({ ...base, hits: [hit()], cancelled: true })).toBe('cancelled');
  });

  it('put it together for a batch', () => {
    const figures = batchFigures({
      hits: [hit(), hit(), hit({ created: false })],
      assignments: [work('Approved', 60), work('Submitted', 240), work('Rejected', 120)],
      rewardCents: 50,
      fees: {},
      startedAt: NOW - HOUR,
      cancelled: false,
      now: NOW,
    });
    expect(figures).toEqual({
      status: 'launching',
      hits: 3,
      hitsCreated: 2,
      assignments: { total: 9, submitted: 3, approved: 1, rejected: 1 },
      spentCents: 60,
      startedAt: NOW - HOUR,
      etaAt: NOW + 2 * HOUR,
      medianWorkSeconds: 120,
      hourlyWageCents: 1500,
    });
  });
});
