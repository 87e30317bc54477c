/**
 * The qualification-requirements builder: rows a requester fills in (approval rate, number approved, locale, Masters,
 * adult content, any custom type) and their exact MTurk JSON, both ways. A requirement the builder has no row for is
 * kept as a custom one, so opening and saving a folder never changes its requirements.
 */
import { MASTERS_QUALIFICATION_IDS } from '../../../../shared/domain/fees';
import type { ActionsGuarded, Comparator, LocaleValue, QualificationRequirement } from '../../../../shared/domain/mturk-objects';

export const SYSTEM_TYPES = {
  approvalRate: '000000000000000000L0',
  approvedCount: '00000000000000000040',
  locale: '00000000000000000071',
  adult: '00000000000000000060',
} as const;
/** Production's Masters type id (the Sandbox has its own; both are recognised when opening). */
export const MASTERS_PRODUCTION = MASTERS_QUALIFICATION_IDS[0]!;

export type RequirementKind = 'approval-rate' | 'approved-count' | 'locale' | 'masters' | 'adult' | 'custom';

export const KIND_LABELS: Readonly<Record<RequirementKind, string>> = {
  'approval-rate': 'Approval rate (%)',
  'approved-count': 'Number of HITs approved',
  locale: 'Location',
  masters: 'Masters',
  adult: 'Adult content (18+)',
  custom: 'Custom qualification',
};

export const NUMBER_COMPARATORS: readonly Comparator[] = ['GreaterThanOrEqualTo', 'GreaterThan', 'LessThan', 'LessThanOrEqualTo', 'EqualTo', 'NotEqualTo', 'In', 'NotIn', 'Exists', 'DoesNotExist'];
export const LOCALE_COMPARATORS: readonly Comparator[] = ['In', 'NotIn', 'EqualTo', 'NotEqualTo'];
export const COMPARATOR_LABELS: Readonly<Record<Comparator, string>> = {
  GreaterThanOrEqualTo: 'at least',
  GreaterThan: 'more than',
  LessThan: 'less than',
  LessThanOrEqualTo: 'at most',
  EqualTo: 'equal to',
  NotEqualTo: 'not equal to',
  In: 'one of',
  NotIn: 'none of',
  Exists: 'has it',
  DoesNotExist: 'does not have it',
};
export const ACTIONS: readonly ActionsGuarded[] = ['Accept', 'PreviewAndAccept', 'DiscoverPreviewAndAccept'];
export const ACTION_LABELS: Readonly<Record<ActionsGuarded, string>> = {
  Accept: 'Others may see and preview it, not accept',
  PreviewAndAccept: 'Others may see it, not preview or accept',
  DiscoverPreviewAndAccept: 'Others do not see it at all',
};

/** One row of the builder: text fields hold exactly what was typed, so a half-typed value stays on screen. */
export interface RequirementDraft {
  readonly kind: RequirementKind;
  readonly typeId: string;
  readonly comparator: Comparator;
  /** Numbers ("95", "1, 2, 3") or locales ("US, CA, US-NY"). */
  readonly values: string;
  /** '' leaves ActionsGuarded out (MTurk's default: Accept). */
  readonly actionsGuarded: ActionsGuarded | '';
}

export function newRequirement(kind: RequirementKind): RequirementDraft {
  switch (kind) {
    case 'approval-rate':
      return { kind, typeId: SYSTEM_TYPES.approvalRate, comparator: 'GreaterThanOrEqualTo', values: '95', actionsGuarded: '' };
    case 'approved-count':
      return { kind, typeId: SYSTEM_TYPES.approvedCount, comparator: 'GreaterThanOrEqualTo', values: '1000', actionsGuarded: '' };
    case 'locale':
      return { kind, typeId: SYSTEM_TYPES.locale, comparator: 'In', values: 'US', actionsGuarded: '' };
    case 'masters':
      return { kind, typeId: MASTERS_PRODUCTION, comparator: 'Exists', values: '', actionsGuarded: '' };
    case 'adult':
      return { kind, typeId: SYSTEM_TYPES.adult, comparator: 'EqualTo', values: '1', actionsGuarded: '' };
    case 'custom':
      return { kind, typeId: '', comparator: 'Exists', values: '', actionsGuarded: '' };
  }
}

function kindOf(r: QualificationRequirement): RequirementKind {
  if (MASTERS_QUALIFICATION_IDS.includes(r.QualificationTypeId) && r.Comparator === 'Exists' && !r.IntegerValues && !r.LocaleValues) return 'masters';
  if (r.QualificationTypeId === SYSTEM_TYPES.approvalRate && r.IntegerValues) return 'approval-rate';
  if (r.QualificationTypeId === SYSTEM_TYPES.approvedCount && r.IntegerValues) return 'approved-count';
  if (r.QualificationTypeId === SYSTEM_TYPES.locale && r.LocaleValues && LOCALE_COMPARATORS.includes(r.Comparator)) return 'locale';
  if (r.QualificationTypeId === SYSTEM_TYPES.adult && r.Comparator === 'EqualTo' && r.IntegerValues?.length === 1 && r.IntegerValues[0] === 1) return 'adult';
  return 'custom';
}

const localeText = (l: LocaleValue): string => (l.Subdivision ? `${l.Country}-${l.Subdivision}` : l.Country);

/** A requirement as read from batch.json (already checked by readBatchProperties) → a builder row. */
export function draftFromRequirement(r: QualificationRequirement): RequirementDraft {
  const values = r.LocaleValues ? r.LocaleValues.map(localeText).join(', ') : (r.IntegerValues ?? []).join(', ');
  return { kind: kindOf(r), typeId: r.QualificationTypeId, comparator: r.Comparator, values, actionsGuarded: r.ActionsGuarded ?? '' };
}

/** Raw batch.json entries → rows; an entry that is not even an object becomes a custom row readBatchProperties will flag. */
export function draftsFromJson(value: unknown): RequirementDraft[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => {
    const r = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const typeId = typeof r['QualificationTypeId'] === 'string' ? r['QualificationTypeId'] : '';
    const comparator = (typeof r['Comparator'] === 'string' ? r['Comparator'] : 'Exists') as Comparator;
    const actions = typeof r['ActionsGuarded'] === 'string' ? (r['ActionsGuarded'] as ActionsGuarded) : '';
    const requirement: QualificationRequirement = {
      QualificationTypeId: typeId,
      Comparator: comparator,
      ...(Array.isArray(r['IntegerValues']) ? { IntegerValues: r['IntegerValues'] as number[] } : {}),
      ...(Array.isArray(r['LocaleValues']) ? { LocaleValues: r['LocaleValues'] as LocaleValue[] } : {}),
      ...(actions ? { ActionsGuarded: actions } : {}),
    };
    return draftFromRequirement(requirement);
  });
}

const splitList = (text: string): string[] =>
  text
    .split(/[,\s]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');

/** "US, CA, US-NY" → LocaleValues (upper-cased; validity is readBatchProperties' to judge, so messages stay in one place). */
export function parseLocales(text: string): LocaleValue[] {
  return splitList(text).map((part) => {
    const [country, subdivision] = part.toUpperCase().split('-', 2);
    return subdivision ? { Country: country!, Subdivision: subdivision } : { Country: country! };
  });
}

/**
 * A builder row → the batch.json entry. Values that are not whole numbers are kept as typed (a string), so
 * readBatchProperties reports them under the row instead of the builder silently dropping them.
 */
export function requirementJson(draft: RequirementDraft): Record<string, unknown> {
  const base: Record<string, unknown> = { QualificationTypeId: draft.typeId.trim(), Comparator: draft.comparator };
  const takesValues = draft.comparator !== 'Exists' && draft.comparator !== 'DoesNotExist';
  if (takesValues) {
    if (draft.kind === 'locale') base['LocaleValues'] = parseLocales(draft.values);
    else base['IntegerValues'] = splitList(draft.values).map((v) => (/^-?\d+$/.test(v) ? Number(v) : v));
  }
  if (draft.actionsGuarded) base['ActionsGuarded'] = draft.actionsGuarded;
  return base;
}

export const requirementsJson = (drafts: readonly RequirementDraft[]): Record<string, unknown>[] => drafts.map(requirementJson);
