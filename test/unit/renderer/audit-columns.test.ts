import { describe, expect, it } from 'vitest';
import { amountMeaning, type AuditEntry } from '../../../shared/contract/audit';
import { AUDIT_COLUMNS, auditFilter, beforeIdFromCursor } from '../../../renderer/src/features/audit/audit-columns';

const entry: AuditEntry = {
  id: 7, at: Date.UTC(2026, 0, 2, 3, 4, 5), updatedAt: 0, connection: 'Lab', kind: 'send-bonus', target: '<img src=x onerror=alert(1)>',
  amountCents: 125, amountIs: 'paid', state: 'failed', answer: '<b>Insufficient funds</b>', jobId: 'job-1',
};

function cell(colId: string): unknown {
  const column = AUDIT_COLUMNS.find((c) => c.colId === colId)!;
  if (typeof column.valueGetter === 'function') return column.valueGetter({ data: entry } as never);
  return entry[column.field as keyof AuditEntry];
}

describe('the audit grid', () => {
  it('shows money from cents, actions and states in words, and what MTurk or a worker wrote as plain text', () => {
    expect(cell('amount')).toBe('$1.25');
    expect(cell('kind')).toBe('Send bonus');
    expect(cell('state')).toBe('Failed');
    expect(cell('target')).toBe('<img src=x onerror=alert(1)>');
    expect(cell('answer')).toBe('<b>Insufficient funds</b>');
    // No column renders markup: none has a cell renderer, and none is sortable (the audit pages by id).
    expect(AUDIT_COLUMNS.every((c) => c.cellRenderer === undefined && c.sortable === false)).toBe(true);
  });

  it('marks money held for work to come apart from money paid, so the column is not summed twice', () => {
    const column = AUDIT_COLUMNS.find((c) => c.colId === 'amount')!;
    const value = (e: AuditEntry): unknown => (column.valueGetter as (p: unknown) => unknown)({ data: e });
    expect(value({ ...entry, kind: 'create-hit', amountCents: 180, amountIs: amountMeaning('create-hit', 180, 'confirmed') })).toBe('$1.80 held');
    expect(value({ ...entry, kind: 'approve', amountCents: 60, amountIs: amountMeaning('approve', 60, 'confirmed') })).toBe('$0.60');
    expect(['create-hit', 'create-additional-assignments', 'extend-hit', 'change-hit-type', 'create-compensation-hit', 'approve', 'override-rejection', 'send-bonus'].map((k) => amountMeaning(k as AuditEntry['kind'], 1, 'confirmed'))).toEqual(
      ['held', 'held', 'held', 'held', 'held', 'paid', 'paid', 'paid'],
    );
    expect(amountMeaning('extend-hit', null, 'confirmed')).toBeNull();
    // A bonus MTurk refused, or one not known yet, paid nothing (yet): no meaning is claimed for its amount.
    expect((['failed', 'unknown', 'pending', 'sent'] as const).map((state) => amountMeaning('send-bonus', 125, state))).toEqual([null, null, null, null]);
  });

  it('colours the state cell by state', () => {
    const column = AUDIT_COLUMNS.find((c) => c.colId === 'state')!;
    expect((column.cellClass as (p: unknown) => string)({ data: entry })).toBe('audit-state audit-state--failed');
  });

  it('turns the toolbar into the contract filter, leaving out empty choices', () => {
    expect(auditFilter({ allConnections: false, state: '', kind: '', search: '  ' })).toEqual({ allConnections: false });
    expect(auditFilter({ allConnections: true, state: 'unknown', kind: 'extend-hit', search: ' 3ABC ' })).toEqual({
      allConnections: true, states: ['unknown'], kinds: ['extend-hit'], search: '3ABC',
    });
  });

  it('pages by the id the last page named', () => {
    expect(beforeIdFromCursor(null)).toBeUndefined();
    expect(beforeIdFromCursor('41')).toBe(41);
    expect(beforeIdFromCursor('garbage')).toBeUndefined();
  });
});
