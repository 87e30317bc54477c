import { describe, expect, it } from 'vitest';
import {
  disposalHeadline,
  disposalReassurance,
  exportSelection,
  formatDateTime,
  formatDuration,
  formatEta,
  formatRelative,
  importSizeProblem,
  lastSyncSummary,
  percent,
  progressDetails,
} from '../../../renderer/src/features/archive/archive-format';
import { MAX_IMPORT_BYTES, type SyncProgress } from '../../../shared/contract/archive';
import type { SyncRun } from '../../../shared/domain/archive-types';

const NOW = Date.UTC(2026, 10, 23, 4, 30, 0);
const MIN = 60_000;

describe('durations and times', () => {
  it('formats durations at the precision a person reads', () => {
    expect([850, 42_000, 185_000, 180_000, 3_720_000, 7_200_000].map(formatDuration)).toEqual(['0.9 s', '42 s', '3 min 5 s', '3 min', '1 h 2 min', '2 h']);
  });

  it('says how long ago, or how long until', () => {
    expect(formatRelative(NOW - 20_000, NOW)).toBe('just now');
    expect(formatRelative(NOW - 5 * MIN, NOW)).toBe('5 min ago');
    expect(formatRelative(NOW - 3 * 60 * MIN, NOW)).toBe('3 h ago');
    expect(formatRelative(NOW - 49 * 60 * MIN, NOW)).toBe('2 days ago');
    expect(formatRelative(NOW + 24 * 60 * MIN, NOW)).toBe('in 1 day');
  });

  it('writes dates unambiguously, 24-hour', () => {
    expect(formatDateTime(NOW, 'UTC')).toBe('Nov 23, 2026, 04:30');
  });

  it('estimates the time left, or says it cannot yet', () => {
    expect([formatEta(null), formatEta(2), formatEta(95)]).toEqual(['estimating time left…', 'almost done', 'about 1 min 35 s left']);
  });
});

describe('sync progress and the log', () => {
  const progress: SyncProgress = {
    jobId: 'j', connectionId: 'local', mode: 'incremental', phase: 'details', state: 'running', items: 1234, pages: 56,
    hitsDone: 120, hitsTotal: 400, fraction: 0.3156, callsPerSecond: 12.34, etaSeconds: 45, resumed: false, message: null,
  };

  it('describes phase, HITs, items, pages, rate and ETA', () => {
    expect(progressDetails(progress)).toEqual([
      'Fetching assignments and bonuses', '120 of 400 HITs', '1,234 items', '56 pages', '12.3 calls/s', 'about 45 s left',
    ]);
    expect(progressDetails({ ...progress, phase: 'hits', hitsTotal: 0, items: 1, pages: 1, etaSeconds: null })).toEqual([
      'Listing HITs', '1 item', '1 page', '12.3 calls/s', 'estimating time left…',
    ]);
    expect(progressDetails({ ...progress, callsPerSecond: null, etaSeconds: null }).slice(-2)).toEqual(['measuring pace…', 'estimating time left…']);
    expect([percent(0.3156), percent(1.2), percent(-1)]).toEqual(['31%', '100%', '0%']);
  });

  it('summarises the last run with its result, age, duration, items and errors', () => {
    const run: SyncRun = { id: 1, connectionId: 1, resource: 'account', startedAt: NOW - 5 * MIN - 2100, finishedAt: NOW - 5 * MIN, status: 'failed', items: 1, pages: 3, errors: 2, lastError: 'x', mode: 'incremental', skipped: 0, problems: [] };
    expect(lastSyncSummary(run, NOW)).toBe('Failed 5 min ago · took 2.1 s · 1 item · 2 errors');
    expect(lastSyncSummary({ ...run, status: 'succeeded', errors: 0, items: 5000 }, NOW)).toBe('Succeeded 5 min ago · took 2.1 s · 5,000 items');
    expect(lastSyncSummary({ ...run, status: 'succeeded', errors: 0, skipped: 2 }, NOW)).toBe('Succeeded 5 min ago · took 2.1 s · 1 item · 2 records skipped');
    expect(lastSyncSummary({ ...run, status: 'interrupted', finishedAt: null }, NOW)).toMatch(/^Interrupted /);
  });
});

describe('disposal warning', () => {
  it('counts HITs and says whether their results are safe', () => {
    expect(disposalHeadline(1, 14)).toBe('1 HIT will be disposed by MTurk within 14 days');
    expect(disposalHeadline(3, 14)).toBe('3 HITs will be disposed by MTurk within 14 days');
    expect(disposalReassurance([{ resultsArchived: true }])).toContain('It is safely archived');
    expect(disposalReassurance([{ resultsArchived: true }, { resultsArchived: true }])).toContain('All 2 are safely archived');
    expect(disposalReassurance([{ resultsArchived: true }, { resultsArchived: false }])).toBe(
      '1 HIT still has assignments the archive does not hold yet. Sync now, before MTurk deletes them.',
    );
  });
});

describe('import size check', () => {
  it('refuses empty and oversized files with what to do, and accepts the rest', () => {
    expect(importSizeProblem(0)).toContain('The file is empty');
    expect(importSizeProblem(MAX_IMPORT_BYTES)).toBeNull();
    expect(importSizeProblem(MAX_IMPORT_BYTES * 2)).toBe(
      'The file is 64.0 MB; Turkbench imports files up to 32.0 MB. Split it into smaller files (keep the header row in each) and import them one by one.',
    );
  });
});

describe('export selection', () => {
  it('is everything when nothing is chosen, else a filter of what was chosen (ids trimmed)', () => {
    expect(exportSelection('', '  ')).toBeUndefined();
    expect(exportSelection('Approved', '')).toEqual({ filter: { status: 'Approved' } });
    expect(exportSelection('', ' 3TYPE1 ')).toEqual({ filter: { hitTypeId: '3TYPE1' } });
    expect(exportSelection('Rejected', '3TYPE1')).toEqual({ filter: { status: 'Rejected', hitTypeId: '3TYPE1' } });
  });
});
