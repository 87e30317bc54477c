/** Direct handler tests on an in-memory store: lifecycle details that are awkward to reach over HTTP. */
import { beforeEach, describe, expect, it } from 'vitest';
import { qualificationOperations, requestQualification } from '../src/ops/qualifications';
import { DISPOSAL_DELAY_MS } from '../src/ops/qualifications-store';
import type { OperationInput } from '../src/ops/types';
import { qualContext, type TestContext } from './qual-context';

let ctx: TestContext;
beforeEach(() => {
  ctx = qualContext();
});

function call(op: string, input: OperationInput, as: TestContext = ctx): Record<string, unknown> {
  const handler = qualificationOperations[op];
  if (!handler) throw new Error(`no handler ${op}`);
  return handler(input, as);
}
const create = (input: Record<string, unknown>, as: TestContext = ctx): string =>
  (call('CreateQualificationType', { Description: 'd', QualificationTypeStatus: 'Active', ...input }, as).QualificationType as { QualificationTypeId: string })
    .QualificationTypeId;
const count = (table: string): number => (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('DeleteQualificationType', () => {
  it('auto-rejects pending requests at once and purges requests when disposal completes; holders keep their grants', () => {
    const typeId = create({ Name: 'Doomed', RetryDelayInSeconds: 1 });
    requestQualification(ctx, 'AW1', typeId);
    call('AssociateQualificationWithWorker', { QualificationTypeId: typeId, WorkerId: 'AW2', IntegerValue: 3 });
    call('DeleteQualificationType', { QualificationTypeId: typeId });
    expect(ctx.db.prepare('SELECT status, reason FROM qualification_requests').get()).toEqual({
      status: 'Rejected',
      reason: 'The Qualification type was deleted.',
    });
    expect((call('ListQualificationRequests', {}) as { NumResults: number }).NumResults).toBe(0);
    expect(count('qualification_grants')).toBe(1);
    ctx.advance(DISPOSAL_DELAY_MS - 1);
    expect(() => create({ Name: 'Doomed' })).toThrow(/already created a QualificationType with this name/);
    ctx.advance(1);
    const reborn = create({ Name: 'Doomed' });
    // Holders keep working on existing HITs that require the deleted type; the new type of the same name is unrelated.
    expect(ctx.db.prepare('SELECT qualification_type_id, worker_id FROM qualification_grants').all()).toEqual([
      { qualification_type_id: typeId, worker_id: 'AW2' },
    ]);
    expect(reborn).not.toBe(typeId);
    expect(count('qualification_requests')).toBe(0);
    expect(count('qualification_types')).toBe(1);
  });

  it('never reuses a list position of a purged type, so an old NextToken cannot hide a new type', () => {
    create({ Name: 'First' });
    const second = create({ Name: 'Second' });
    const third = create({ Name: 'Third' });
    const page = call('ListQualificationTypes', { MustBeRequestable: true, MaxResults: 2 }) as { NextToken: string };
    call('DeleteQualificationType', { QualificationTypeId: second });
    call('DeleteQualificationType', { QualificationTypeId: third });
    ctx.advance(DISPOSAL_DELAY_MS);
    create({ Name: 'Newest' });
    const next = call('ListQualificationTypes', { MustBeRequestable: true, MaxResults: 1, NextToken: page.NextToken }) as { QualificationTypes: { Name: string }[] };
    expect(next.QualificationTypes.map((t) => t.Name)).toEqual(['Newest']);
  });
});

describe('UpdateQualificationType', () => {
  it('keeps the retry delay when it is not sent (retries cannot be disabled)', () => {
    const typeId = create({ Name: 'Retry', RetryDelayInSeconds: 30 });
    const out = call('UpdateQualificationType', { QualificationTypeId: typeId, Description: 'new' }).QualificationType as Record<string, unknown>;
    expect(out.RetryDelayInSeconds).toBe(30);
    const changed = call('UpdateQualificationType', { QualificationTypeId: typeId, RetryDelayInSeconds: 5 }).QualificationType as Record<string, unknown>;
    expect(changed.RetryDelayInSeconds).toBe(5);
  });

  it('an AutoGranted type switched back to manual stops granting on request', () => {
    const typeId = create({ Name: 'Auto', AutoGranted: true, RetryDelayInSeconds: 0 });
    expect(requestQualification(ctx, 'AW1', typeId).outcome).toBe('Granted');
    call('UpdateQualificationType', { QualificationTypeId: typeId, AutoGranted: false });
    expect(requestQualification(ctx, 'AW2', typeId).outcome).toBe('Pending');
  });
});

describe('ListQualificationTypes visibility', () => {
  it("shows other requesters' Active types only, and the caller's Inactive ones only without MustBeRequestable", () => {
    const other = ctx.as('AKIAREQUESTERTWO');
    create({ Name: 'Mine inactive', QualificationTypeStatus: 'Inactive' });
    create({ Name: 'Theirs active' }, other);
    create({ Name: 'Theirs inactive', QualificationTypeStatus: 'Inactive' }, other);
    const names = (input: OperationInput): string[] =>
      ((call('ListQualificationTypes', { MaxResults: 100, ...input }).QualificationTypes as { Name: string }[]) ?? []).map((t) => t.Name);
    const all = names({ MustBeRequestable: false });
    expect(all).toContain('Mine inactive');
    expect(all).toContain('Theirs active');
    expect(all).not.toContain('Theirs inactive');
    expect(names({ MustBeRequestable: true })).toEqual(['Theirs active']);
    expect(names({ MustBeRequestable: false, Query: 'worker_locale' })).toEqual(['Worker_Locale']);
  });
});

describe('requestQualification bookkeeping', () => {
  it('records decided requests so retry rules see them, but never lists them', () => {
    const typeId = create({ Name: 'Auto once', AutoGranted: true, AutoGrantedValue: 2 });
    expect(requestQualification(ctx, 'AW1', typeId)).toMatchObject({ outcome: 'Granted', integerValue: 2 });
    expect(ctx.db.prepare('SELECT status, integer_value FROM qualification_requests').get()).toEqual({ status: 'Granted', integer_value: 2 });
    expect(() => requestQualification(ctx, 'AW1', typeId)).toThrow(/more than once/);
    expect((call('ListQualificationRequests', { QualificationTypeId: typeId }) as { NumResults: number }).NumResults).toBe(0);
  });

  it('an explicitly granted worker cannot request a no-retake type', () => {
    const typeId = create({ Name: 'Given' });
    call('AssociateQualificationWithWorker', { QualificationTypeId: typeId, WorkerId: 'AW1' });
    expect(() => requestQualification(ctx, 'AW1', typeId)).toThrow(/more than once/);
  });
});
