import { describe, expect, it } from 'vitest';
import { readBatchProperties, DEFAULT_PROPERTIES } from '../../../shared/batch/properties';
import type { QualificationRequirement } from '../../../shared/domain/mturk-objects';
import {
  draftFromRequirement,
  draftsFromJson,
  MASTERS_PRODUCTION,
  newRequirement,
  parseLocales,
  requirementJson,
  SYSTEM_TYPES,
  type RequirementKind,
} from '../../../renderer/src/features/batch-editor/requirements';

const valid = (requirements: unknown[]) => readBatchProperties({ ...DEFAULT_PROPERTIES, Title: 't', Description: 'd', QualificationRequirements: requirements });

describe('the requirement builder', () => {
  it('starts every kind as a requirement MTurk accepts', () => {
    const kinds: RequirementKind[] = ['approval-rate', 'approved-count', 'locale', 'masters', 'adult'];
    const read = valid(kinds.map((kind) => requirementJson(newRequirement(kind))));
    expect(read.problems).toEqual([]);
    expect(read.properties!.qualificationRequirements).toEqual([
      { QualificationTypeId: SYSTEM_TYPES.approvalRate, Comparator: 'GreaterThanOrEqualTo', IntegerValues: [95] },
      { QualificationTypeId: SYSTEM_TYPES.approvedCount, Comparator: 'GreaterThanOrEqualTo', IntegerValues: [1000] },
      { QualificationTypeId: SYSTEM_TYPES.locale, Comparator: 'In', LocaleValues: [{ Country: 'US' }] },
      { QualificationTypeId: MASTERS_PRODUCTION, Comparator: 'Exists' },
      { QualificationTypeId: SYSTEM_TYPES.adult, Comparator: 'EqualTo', IntegerValues: [1] },
    ]);
  });

  it('reads locales with subdivisions, in any case and separators', () => {
    expect(parseLocales('us, ca  US-ny,GB')).toEqual([{ Country: 'US' }, { Country: 'CA' }, { Country: 'US', Subdivision: 'NY' }, { Country: 'GB' }]);
    const draft = { ...newRequirement('locale'), comparator: 'NotIn' as const, values: 'US-CA, US-NY', actionsGuarded: 'DiscoverPreviewAndAccept' as const };
    expect(requirementJson(draft)).toEqual({
      QualificationTypeId: SYSTEM_TYPES.locale,
      Comparator: 'NotIn',
      LocaleValues: [{ Country: 'US', Subdivision: 'CA' }, { Country: 'US', Subdivision: 'NY' }],
      ActionsGuarded: 'DiscoverPreviewAndAccept',
    });
  });

  it('round-trips every requirement MTurk can hold, custom ones included, unchanged', () => {
    const requirements: QualificationRequirement[] = [
      { QualificationTypeId: SYSTEM_TYPES.approvalRate, Comparator: 'GreaterThan', IntegerValues: [98], ActionsGuarded: 'PreviewAndAccept' },
      { QualificationTypeId: SYSTEM_TYPES.locale, Comparator: 'In', LocaleValues: [{ Country: 'US', Subdivision: 'NY' }, { Country: 'CA' }] },
      { QualificationTypeId: '2ARFPLSP75KLA8M8DH1HTEQVJT3SY6', Comparator: 'Exists' },
      { QualificationTypeId: '3ABCDEFGHIJKLMNOPQRST', Comparator: 'In', IntegerValues: [1, 2, 3] },
      { QualificationTypeId: '3ABCDEFGHIJKLMNOPQRST', Comparator: 'DoesNotExist', ActionsGuarded: 'Accept' },
      // The adult type with another comparator is not the builder's "adult" row: kept as custom.
      { QualificationTypeId: SYSTEM_TYPES.adult, Comparator: 'NotEqualTo', IntegerValues: [1] },
    ];
    const drafts = draftsFromJson(requirements);
    expect(drafts.map((d) => d.kind)).toEqual(['approval-rate', 'locale', 'masters', 'custom', 'custom', 'custom']);
    expect(drafts.map(requirementJson)).toEqual(requirements);
    expect(valid(drafts.map(requirementJson)).problems).toEqual([]);
  });

  it('keeps what was typed wrong so the check names it, instead of dropping it', () => {
    const draft = { ...newRequirement('approval-rate'), values: '9x' };
    expect(requirementJson(draft)).toEqual({ QualificationTypeId: SYSTEM_TYPES.approvalRate, Comparator: 'GreaterThanOrEqualTo', IntegerValues: ['9x'] });
    expect(valid([requirementJson(draft)]).problems.map((p) => p.key)).toEqual(['QualificationRequirements[0].IntegerValues']);
    const custom = { ...newRequirement('custom'), typeId: ' ' };
    expect(valid([requirementJson(custom)]).problems.map((p) => p.key)).toEqual(['QualificationRequirements[0].QualificationTypeId']);
  });

  it('shows a requirement read from batch.json with its values as text', () => {
    expect(draftFromRequirement({ QualificationTypeId: SYSTEM_TYPES.locale, Comparator: 'EqualTo', LocaleValues: [{ Country: 'US', Subdivision: 'WA' }] })).toEqual({
      kind: 'locale',
      typeId: SYSTEM_TYPES.locale,
      comparator: 'EqualTo',
      values: 'US-WA',
      actionsGuarded: '',
    });
    expect(draftsFromJson('not a list')).toEqual([]);
  });
});
