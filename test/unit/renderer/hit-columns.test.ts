import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_COLUMNS, assignmentSortFrom, HIT_COLUMNS, hitSortFrom } from '../../../renderer/src/features/hits/columns';
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
  });
});
