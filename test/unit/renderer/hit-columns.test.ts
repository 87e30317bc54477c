import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_COLUMNS,
  assignmentSortFrom,
  gridFiltersFrom,
  HIT_COLUMNS,
  hitColumnFiltersFrom,
  hitSortFrom,
  hitStatusLabel,
  reviewedLabel,
} from '../../../renderer/src/features/hits/columns';
import { rowCountLabel } from '../../../renderer/src/features/hits/row-count';
import { formatAnswers, formatCents } from '../../../renderer/src/grid/format';
import { ASSIGNMENT_SORT_COLUMNS, HIT_SORT_COLUMNS } from '../../../shared/domain/archive-types';

describe('grid columns', () => {
  it('make sortable exactly the shown columns the archive can sort by index', () => {
    for (const [columns, allowed] of [[HIT_COLUMNS, HIT_SORT_COLUMNS], [ASSIGNMENT_COLUMNS, ASSIGNMENT_SORT_COLUMNS]] as const) {
      for (const column of columns) {
        expect(column.sortable, column.colId).toBe((allowed as readonly string[]).includes(column.colId!));
      }
    }
    expect(ASSIGNMENT_COLUMNS.find((c) => c.colId === 'answers')?.sortable).toBe(false);
  });

  it('map a grid sort to an archive sort, ignoring unsortable columns', () => {
    expect(hitSortFrom([{ colId: 'rewardCents', sort: 'asc' }])).toEqual({ column: 'rewardCents', direction: 'asc' });
    expect(hitSortFrom([{ colId: 'requesterAnnotation', sort: 'asc' }])).toBeUndefined();
    expect(hitSortFrom([])).toBeUndefined();
    expect(assignmentSortFrom([{ colId: 'status', sort: 'desc' }])).toEqual({ column: 'status', direction: 'desc' });
  });

  it('format money and answers as plain text', () => {
    expect(formatCents(1234)).toBe('$12.34');
    expect(formatCents(null)).toBe('');
    expect(formatAnswers({ label: 'cat', notes: '<img src=x onerror=alert(1)>\n  blurry' })).toBe('label: cat · notes: <img src=x onerror=alert(1)> blurry');
    expect(formatAnswers({ file: '\u202Egnp.exe' })).toBe('file: ⟨U+202E⟩gnp.exe');
    expect(formatAnswers({ essay: 'z'.repeat(20_000_000) })).toBe(`essay: ${'z'.repeat(300)}… (20,000,000 characters)`);
  });

  it('say what an imported HIT without an MTurk status is, and count reviewed from the archive', () => {
    expect(hitStatusLabel({ status: null, goneAt: null })).toBe('Imported (not synced)');
    expect(hitStatusLabel({ status: 'Reviewable', goneAt: 5 })).toBe('Disposed by MTurk');
    expect(reviewedLabel({ tally: { submitted: 2, approved: 1, rejected: 1 }, assignmentsCompleted: null, maxAssignments: 5 })).toBe('2 / 5');
    expect(reviewedLabel({ tally: { submitted: 0, approved: 0, rejected: 0 }, assignmentsCompleted: 3, maxAssignments: 5 })).toBe('3 / 5');
    const submitted = HIT_COLUMNS.find((c) => c.colId === 'submitted');
    expect(submitted?.headerName).toBe('To review');
  });

  it('turn the grid filter model into the archive column filters', () => {
    const model = { title: { filterType: 'text', type: 'contains', filter: 'café' }, hitId: { filter: '  ' }, rewardCents: { filter: 5 } };
    expect(gridFiltersFrom(model)).toEqual({ title: 'café' });
    expect(hitColumnFiltersFrom({ title: ' café ', status: 'x' })).toEqual({ title: 'café' });
    expect(hitColumnFiltersFrom({})).toBeUndefined();
    expect(HIT_COLUMNS.filter((c) => c.floatingFilter).map((c) => c.colId)).toEqual(['title', 'requesterAnnotation', 'hitId']);
  });

  it('count rows exactly once the last page is known', () => {
    expect(rowCountLabel({ rows: 60, exact: true }, 'HIT')).toBe('60 HITs');
    expect(rowCountLabel({ rows: 1, exact: true }, 'HIT')).toBe('1 HIT');
    expect(rowCountLabel({ rows: 1200, exact: false }, 'bonus', 'bonuses')).toBe('1,200+ bonuses');
  });
});
