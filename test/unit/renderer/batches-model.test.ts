import { describe, expect, it } from 'vitest';
import type { BatchFigures } from '../../../shared/batch/progress';
import type { BatchHitRow, BatchLaunchPlan } from '../../../shared/contract/batches';
import { asksForAnotherBatch, etaText, figureLines, findingPlace, formatDuration, hitColumns, launchLabel, launchMoney, progressBar, sortFindings } from '../../../renderer/src/features/batches/batches-model';

const NOW = Date.UTC(2026, 11, 1, 12);
const figures = (over: Partial<BatchFigures> = {}): BatchFigures => ({
  status: 'running',
  hits: 10,
  hitsCreated: 10,
  assignments: { total: 30, submitted: 12, approved: 6, rejected: 1 },
  spentCents: 720,
  startedAt: NOW - 3_600_000,
  etaAt: NOW + 5_400_000,
  medianWorkSeconds: 150,
  hourlyWageCents: 1200,
  ...over,
});

const plan = (over: Partial<BatchLaunchPlan> = {}): BatchLaunchPlan => ({
  folder: '/b',
  name: 'Rate',
  connection: { id: 'lab', label: 'Lab', production: false },
  findings: [],
  launchable: true,
  cost: { rows: 4, hits: 4, subHitSizes: [2], assignments: 8, feePercent: 20, rewardsCents: 80, feesCents: 16, totalCents: 96, withoutMicroBatching: null, savingCents: 0 },
  resumes: null,
  launchedBefore: [],
  toSpendCents: 96,
  balance: { availableCents: 10_000, afterCents: 9_904 },
  typeToConfirm: null,
  ...over,
});

describe('batch cards', () => {
  it('split the bar into approved and submitted-not-approved parts of every wanted assignment', () => {
    expect(progressBar(figures())).toEqual({ approvedPercent: 20, submittedPercent: 20, donePercent: 40, label: '12 / 30 submitted · 6 approved' });
    // 100 % only once every assignment is in.
    expect(progressBar(figures({ assignments: { total: 1000, submitted: 999, approved: 0, rejected: 0 } })).donePercent).toBe(99);
    expect(progressBar(figures({ assignments: { total: 0, submitted: 0, approved: 0, rejected: 0 } }))).toMatchObject({ approvedPercent: 0, submittedPercent: 0, donePercent: 0 });
  });

  it('say durations, the ETA and the wage in words, flagging a wage under the floor', () => {
    expect([formatDuration(45), formatDuration(200), formatDuration(180), formatDuration(7500)]).toEqual(['45 s', '3 min 20 s', '3 min', '2 h 05 min']);
    expect(etaText(figures(), NOW)).toMatch(/^in 1 h 30 min \(/);
    expect(etaText(figures({ etaAt: null, assignments: { total: 30, submitted: 0, approved: 0, rejected: 0 } }), NOW)).toBe('after the first submissions');
    const lines = figureLines(figures(), 1500, NOW);
    expect(lines.map((l) => l.label)).toEqual(['HITs', 'Spent on rewards', 'Started', 'ETA', 'Median work', 'Hourly wage']);
    expect(lines.find((l) => l.label === 'Hourly wage')).toEqual({ label: 'Hourly wage', value: '$12.00/h', warn: 'below your floor of $15.00/h' });
    expect(figureLines(figures(), 725, NOW).find((l) => l.label === 'Hourly wage')!.warn).toBeUndefined();
    expect(figureLines(figures({ hitsCreated: 4 }), 725, NOW)[0]!.value).toBe('4 of 10 created');
  });
});

describe('launching', () => {
  it('names where each finding is, errors first', () => {
    expect(findingPlace({ severity: 'error', rule: 'x', message: 'm', file: 'template.html', line: 12 })).toBe('template.html line 12');
    expect(findingPlace({ severity: 'warning', rule: 'x', message: 'm', file: 'input.csv', rows: [2, 3, 4, 5, 6, 7, 8], column: 'url' })).toBe('input.csv rows 2, 3, 4, 5, 6 and 2 more · column url');
    expect(findingPlace({ severity: 'error', rule: 'property', message: 'm', file: 'batch.json', key: 'Reward' })).toBe('batch.json · Reward');
    const sorted = sortFindings([
      { severity: 'info', rule: 'a', message: '', file: 'f' },
      { severity: 'error', rule: 'b', message: '', file: 'f' },
      { severity: 'warning', rule: 'c', message: '', file: 'f' },
    ]);
    expect(sorted.map((f) => f.rule)).toEqual(['b', 'c', 'a']);
  });

  it('show rewards, the fee with its percentage, the total and the balance before and after', () => {
    expect(launchMoney(plan())).toEqual({
      rewards: '$0.80 rewards (8 assignments over 4 HITs)',
      fees: '$0.16 MTurk fee (20 %)',
      total: '$0.96 in total',
      balance: 'Balance $100.00 → $99.04 after',
      short: false,
    });
    expect(launchMoney(plan({ balance: { availableCents: 50, afterCents: -46 } }))!.short).toBe(true);
    expect(launchMoney(plan({ balance: null }))!.balance).toMatch(/could not be asked/);
    expect(launchMoney(plan({ resumes: { batchId: 'b1', hits: 4, created: 3 }, toSpendCents: 24 }))!.total).toBe('$0.24 for the HITs still to create (batch total $0.96)');
    expect(launchLabel(plan())).toBe('Launch 4 HITs · $0.96');
    expect(launchLabel(plan({ resumes: { batchId: 'b1', hits: 4, created: 3 } }))).toBe('Resume: create 1 more HITs');
  });

  it('asks "another batch?" only for a folder launched before and not resuming', () => {
    const before = [{ batchId: 'b1', createdAt: NOW }];
    expect(asksForAnotherBatch(plan({ launchedBefore: before }), false)).toBe(true);
    expect(asksForAnotherBatch(plan({ launchedBefore: before }), true)).toBe(false);
    expect(asksForAnotherBatch(plan({ launchedBefore: before, resumes: { batchId: 'b2', hits: 4, created: 1 } }), false)).toBe(false);
    expect(asksForAnotherBatch(plan(), false)).toBe(false);
  });
});

describe('the HIT grid of a batch', () => {
  it('has one column per input column, its values as text', () => {
    const columns = hitColumns(['sentence', 'url']);
    expect(columns.map((c) => c.headerName)).toEqual(['Row', 'HIT id', 'Status', 'Submitted', 'Approved', 'Rejected', 'sentence', 'url']);
    const row: BatchHitRow = { rowNumber: 3, part: 1, hitId: null, status: null, maxAssignments: 2, submitted: 1, approved: 0, rejected: 0, input: { sentence: 'a\u202Eb', url: 'x' } };
    const get = (index: number): unknown => (columns[index]!.valueGetter as unknown as (p: { data: BatchHitRow }) => unknown)({ data: row });
    expect([get(0), get(1), get(3), get(6)]).toEqual(['3.1', 'not created yet', '1 / 2', 'a⟨U+202E⟩b']);
  });
});
