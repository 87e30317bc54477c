import { describe, expect, it } from 'vitest';
import { exportFileName, toArchiveSelection } from '../../../electron/services/archive/batch-transfer';

const NOW = Date.UTC(2026, 10, 23, 4, 30);

describe('export file names', () => {
  it('say which connection, which selection and which day, in characters every OS accepts', () => {
    expect(exportFileName('Lab sandbox', undefined, 'csv', NOW)).toBe('turkbench-lab-sandbox-2026-11-23.csv');
    expect(exportFileName('MTurk Production / ACME', { filter: { status: 'Approved', hitTypeId: '3TYPE_01' } }, 'json', NOW)).toBe(
      'turkbench-mturk-production-acme-approved-3type-01-2026-11-23.json',
    );
    expect(exportFileName('Lab', { assignmentIds: ['A', 'B', 'C'] }, 'csv', NOW)).toBe('turkbench-lab-3-assignments-2026-11-23.csv');
    expect(exportFileName('Ünïcode ☃', undefined, 'csv', NOW)).toBe('turkbench-unicode-2026-11-23.csv');
  });

  it('scope a selection to the archived connection; no selection means all of it', () => {
    expect(toArchiveSelection(7, undefined)).toEqual({ connectionId: 7, filter: {} });
    expect(toArchiveSelection(7, { filter: { workerId: 'A1' } })).toEqual({ connectionId: 7, filter: { workerId: 'A1' } });
    expect(toArchiveSelection(7, { assignmentIds: ['X'] })).toEqual({ connectionId: 7, assignmentIds: ['X'] });
  });
});
