import { beforeEach, describe, expect, it } from 'vitest';
import { MTurkRequestError } from '../src/ops/types';
import { qualificationOperations } from '../src/ops/qualifications';
import {
  SYSTEM_QUALIFICATION_IDS,
  checkRequirementTypes,
  checkRequirements,
  compareHeld,
  guardsAction,
  requiresMasters,
  type QualificationRequirement,
  type WorkerAttributes,
} from '../src/rules/requirements';
import { qualContext, type TestContext } from './qual-context';

const IDS = SYSTEM_QUALIFICATION_IDS.sandbox;
const worker: WorkerAttributes = {
  workerId: 'AWORKER0000001',
  country: 'US',
  subdivision: 'WA',
  approvalRatePercent: 97,
  hitsApproved: 1500,
  masters: false,
  adult: false,
};
const req = (QualificationTypeId: string, Comparator: string, extra: Partial<QualificationRequirement> = {}): QualificationRequirement => ({
  QualificationTypeId,
  Comparator,
  ...extra,
});
const ints = (Comparator: string, ...IntegerValues: number[]): QualificationRequirement => req(IDS.PercentAssignmentsApproved, Comparator, { IntegerValues });

let ctx: TestContext;
beforeEach(() => {
  ctx = qualContext('sandbox');
});

const allowed = (requirements: QualificationRequirement[], w: WorkerAttributes = worker, action: 'Discover' | 'Preview' | 'Accept' = 'Accept'): boolean =>
  checkRequirements(ctx, requirements, w, action).allowed;

describe('integer comparators (worker approval rate 97)', () => {
  it.each([
    ['LessThan', [98], true],
    ['LessThan', [97], false],
    ['LessThanOrEqualTo', [97], true],
    ['LessThanOrEqualTo', [96], false],
    ['GreaterThan', [96], true],
    ['GreaterThan', [97], false],
    ['GreaterThanOrEqualTo', [97], true],
    ['GreaterThanOrEqualTo', [98], false],
    ['EqualTo', [97], true],
    ['EqualTo', [95], false],
    ['NotEqualTo', [95], true],
    ['NotEqualTo', [97], false],
    ['In', [90, 97, 99], true],
    ['In', [90, 99], false],
    ['NotIn', [90, 99], true],
    ['NotIn', [97, 99], false],
  ] as const)('%s %j → %s', (comparator, values, expected) => {
    expect(allowed([ints(comparator, ...values)])).toBe(expected);
  });

  it('Exists / DoesNotExist on a system type the worker always has', () => {
    expect(allowed([req(IDS.NumberHITsApproved, 'Exists')])).toBe(true);
    expect(allowed([req(IDS.NumberHITsApproved, 'DoesNotExist')])).toBe(false);
  });
});

describe('locale comparators', () => {
  const locale = (Comparator: string, ...LocaleValues: { Country: string; Subdivision?: string }[]): QualificationRequirement =>
    req(IDS.Locale, Comparator, { LocaleValues });

  it('EqualTo a country matches any subdivision; a subdivision must match too', () => {
    expect(allowed([locale('EqualTo', { Country: 'US' })])).toBe(true);
    expect(allowed([locale('EqualTo', { Country: 'US', Subdivision: 'WA' })])).toBe(true);
    expect(allowed([locale('EqualTo', { Country: 'US', Subdivision: 'CA' })])).toBe(false);
    expect(allowed([locale('EqualTo', { Country: 'CA' })])).toBe(false);
  });

  it('NotEqualTo, In and NotIn', () => {
    expect(allowed([locale('NotEqualTo', { Country: 'IN' })])).toBe(true);
    expect(allowed([locale('NotEqualTo', { Country: 'US' })])).toBe(false);
    expect(allowed([locale('In', { Country: 'CA' }, { Country: 'US' })])).toBe(true);
    expect(allowed([locale('In', { Country: 'CA' }, { Country: 'GB' })])).toBe(false);
    expect(allowed([locale('NotIn', { Country: 'US', Subdivision: 'FL' }, { Country: 'US', Subdivision: 'GA' })])).toBe(true);
    expect(allowed([locale('NotIn', { Country: 'US', Subdivision: 'WA' })])).toBe(false);
  });

  it('"US except FL and GA" is EqualTo US plus NotIn [US-FL, US-GA] (logical AND)', () => {
    const rules = [locale('EqualTo', { Country: 'US' }), locale('NotIn', { Country: 'US', Subdivision: 'FL' }, { Country: 'US', Subdivision: 'GA' })];
    expect(allowed(rules)).toBe(true);
    expect(allowed(rules, { ...worker, subdivision: 'FL' })).toBe(false);
    expect(allowed(rules, { ...worker, country: 'CA', subdivision: undefined })).toBe(false);
  });

  it('a worker without a subdivision does not match a subdivision requirement', () => {
    const { subdivision: _s, ...noSubdivision } = worker;
    expect(allowed([locale('EqualTo', { Country: 'US', Subdivision: 'WA' })], noSubdivision)).toBe(false);
  });
});

describe('system qualifications derived from attributes', () => {
  it('Masters exists only for Masters workers (sandbox and production ids)', () => {
    expect(allowed([req(IDS.Masters, 'Exists')])).toBe(false);
    expect(allowed([req(IDS.Masters, 'Exists')], { ...worker, masters: true })).toBe(true);
    expect(allowed([req(IDS.Masters, 'DoesNotExist')])).toBe(true);
    const production = qualContext('production');
    expect(checkRequirements(production, [req(SYSTEM_QUALIFICATION_IDS.production.Masters, 'Exists')], { ...worker, masters: true }, 'Accept').allowed).toBe(true);
  });

  it('Adult is 1 or 0; NumberHITsApproved and the legacy percent types read from attributes', () => {
    expect(allowed([req(IDS.Adult, 'EqualTo', { IntegerValues: [1] })])).toBe(false);
    expect(allowed([req(IDS.Adult, 'EqualTo', { IntegerValues: [1] })], { ...worker, adult: true })).toBe(true);
    expect(allowed([req(IDS.NumberHITsApproved, 'GreaterThanOrEqualTo', { IntegerValues: [1000] })])).toBe(true);
    expect(allowed([req(IDS.PercentAssignmentsRejected, 'LessThanOrEqualTo', { IntegerValues: [3] })])).toBe(true);
    expect(allowed([req(IDS.PercentAssignmentsAbandoned, 'EqualTo', { IntegerValues: [0] })])).toBe(true);
  });

  it('explains failures', () => {
    const result = checkRequirements(ctx, [ints('GreaterThan', 98), req(IDS.Masters, 'Exists')], worker, 'Accept');
    expect(result.allowed).toBe(false);
    expect(result.failures).toEqual([
      "Worker_PercentAssignmentsApproved: requires GreaterThan 98, but the worker's value is 97",
      'Masters: requires Exists, but the worker does not have it',
    ]);
  });
});

describe('ActionsGuarded', () => {
  const failing = ints('GreaterThan', 99);

  it('defaults to guarding Accept only', () => {
    expect(guardsAction(failing, 'Accept')).toBe(true);
    expect(guardsAction(failing, 'Preview')).toBe(false);
    expect(allowed([failing], worker, 'Discover')).toBe(true);
    expect(allowed([failing], worker, 'Preview')).toBe(true);
    expect(allowed([failing], worker, 'Accept')).toBe(false);
  });

  it('PreviewAndAccept and the legacy RequiredToPreview guard preview too', () => {
    for (const r of [{ ...failing, ActionsGuarded: 'PreviewAndAccept' }, { ...failing, RequiredToPreview: true }]) {
      expect(allowed([r], worker, 'Discover')).toBe(true);
      expect(allowed([r], worker, 'Preview')).toBe(false);
      expect(allowed([r], worker, 'Accept')).toBe(false);
    }
  });

  it('DiscoverPreviewAndAccept hides the HIT entirely', () => {
    expect(allowed([{ ...failing, ActionsGuarded: 'DiscoverPreviewAndAccept' }], worker, 'Discover')).toBe(false);
  });
});

describe('requester qualifications', () => {
  const create = (input: Record<string, unknown>): string => {
    const out = qualificationOperations.CreateQualificationType?.({ Description: 'd', QualificationTypeStatus: 'Active', ...input }, ctx) as {
      QualificationType: { QualificationTypeId: string };
    };
    return out.QualificationType.QualificationTypeId;
  };
  const associate = (typeId: string, value: number, workerId = worker.workerId): void => {
    qualificationOperations.AssociateQualificationWithWorker?.({ QualificationTypeId: typeId, WorkerId: workerId, IntegerValue: value }, ctx);
  };

  it('reads Granted values and treats Revoked as not held', () => {
    const typeId = create({ Name: 'Skill' });
    const atLeast80 = req(typeId, 'GreaterThanOrEqualTo', { IntegerValues: [80] });
    expect(allowed([atLeast80])).toBe(false);
    expect(allowed([req(typeId, 'DoesNotExist')])).toBe(true);
    associate(typeId, 85);
    expect(allowed([atLeast80])).toBe(true);
    expect(allowed([req(typeId, 'Exists')])).toBe(true);
    qualificationOperations.DisassociateQualificationFromWorker?.({ QualificationTypeId: typeId, WorkerId: worker.workerId }, ctx);
    expect(allowed([req(typeId, 'Exists')])).toBe(false);
    expect(allowed([req(typeId, 'DoesNotExist')])).toBe(true);
  });

  it('a worker without the qualification fails NotEqualTo and NotIn', () => {
    const typeId = create({ Name: 'Excluded' });
    expect(allowed([req(typeId, 'NotEqualTo', { IntegerValues: [1] })])).toBe(false);
    expect(allowed([req(typeId, 'NotIn', { IntegerValues: [1, 2] })])).toBe(false);
    associate(typeId, 5);
    expect(allowed([req(typeId, 'NotEqualTo', { IntegerValues: [1] })])).toBe(true);
  });

  it('grants AutoGranted types on demand, persisting only on Accept', () => {
    const typeId = create({ Name: 'Auto', AutoGranted: true, AutoGrantedValue: 7 });
    const rule = req(typeId, 'EqualTo', { IntegerValues: [7] });
    expect(allowed([rule], worker, 'Preview')).toBe(true);
    expect(allowed([req(typeId, 'DoesNotExist')], worker, 'Accept')).toBe(true); // not granted just by looking
    const score = (): unknown =>
      qualificationOperations.GetQualificationScore?.({ QualificationTypeId: typeId, WorkerId: worker.workerId }, ctx);
    expect(score).toThrow(/does not exist/);
    expect(allowed([rule], worker, 'Accept')).toBe(true);
    expect(score()).toMatchObject({ Qualification: { IntegerValue: 7, Status: 'Granted' } });
  });

  it('does not auto-grant when the other requirements fail', () => {
    const typeId = create({ Name: 'Auto2', AutoGranted: true });
    expect(allowed([req(typeId, 'Exists'), ints('GreaterThan', 99)], worker, 'Accept')).toBe(false);
    expect(allowed([req(typeId, 'DoesNotExist')])).toBe(true);
  });

  it('fails requirements on unknown types, and checkRequirementTypes refuses them at CreateHIT time', () => {
    expect(checkRequirements(ctx, [req('3UNKNOWN', 'Exists')], worker, 'Accept').failures).toEqual([
      'Qualification 3UNKNOWN: the Qualification type does not exist',
    ]);
    expect(() => checkRequirementTypes(ctx, [req('3UNKNOWN', 'Exists')])).toThrow(MTurkRequestError);
    const inactive = create({ Name: 'Off', QualificationTypeStatus: 'Inactive' });
    expect(() => checkRequirementTypes(ctx, [req(inactive, 'Exists')])).toThrow(/Inactive/);
    expect(() => checkRequirementTypes(ctx, [req(IDS.Masters, 'Exists'), req(create({ Name: 'On' }), 'Exists')])).not.toThrow();
  });
});

describe('helpers', () => {
  it('compareHeld: value comparators fail without a value', () => {
    expect(compareHeld(ints('LessThan', 5), { kind: 'none' })).toBe(false);
    expect(compareHeld(req('x', 'DoesNotExist'), { kind: 'none' })).toBe(true);
  });

  it('requiresMasters recognises either environment id', () => {
    expect(requiresMasters([req(SYSTEM_QUALIFICATION_IDS.production.Masters, 'Exists')])).toBe(true);
    expect(requiresMasters([req(IDS.Masters, 'Exists')])).toBe(true);
    expect(requiresMasters([req('2NDP2L92HECWY8NS8H3CK0CP5L9GHO', 'Exists')])).toBe(true); // retired Categorization Masters
    expect(requiresMasters([req(IDS.Masters, 'DoesNotExist'), ints('GreaterThan', 1)])).toBe(false);
  });
});
