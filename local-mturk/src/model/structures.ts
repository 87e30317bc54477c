/**
 * Nested input structures: QualificationRequirement (+ Locale), ReviewPolicy (+ PolicyParameter), NotificationSpecification,
 * HITLayoutParameter. The comparator/value-member rules live here as structure checks so that a bad
 * requirement is refused at the door with the member path that is wrong.
 */
import {
  ACTIONS_GUARDED,
  COMPARATORS,
  EVENT_TYPES,
  bool,
  int,
  list,
  str,
  struct,
  type StructureCheck,
} from './shapes';

export const WORKER_LOCALE_QUALIFICATION_ID = '00000000000000000071';

export const LOCALE = struct(
  {
    Country: str({ min: 2, max: 2, pattern: '^[A-Z]{2}$' }),
    Subdivision: str({ min: 2, max: 2, pattern: '^[A-Z0-9]{2}$' }),
  },
  ['Country'],
  [
    (v) =>
      v.Subdivision !== undefined && v.Country !== 'US'
        ? { member: 'Subdivision', message: 'Subdivision is only supported for Country US' }
        : null,
  ],
);

const countOf = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/** Which value members each comparator takes, with the documented counts. */
const comparatorValues: StructureCheck = (v) => {
  const comparator = v.Comparator;
  const ints = countOf(v.IntegerValues);
  const locales = countOf(v.LocaleValues);
  const hasInts = v.IntegerValues !== undefined;
  const hasLocales = v.LocaleValues !== undefined;
  if (hasInts && hasLocales) return { member: 'IntegerValues', message: 'IntegerValues and LocaleValues cannot both be given' };
  switch (comparator) {
    case 'Exists':
    case 'DoesNotExist':
      if (hasInts || hasLocales)
        return { member: hasInts ? 'IntegerValues' : 'LocaleValues', message: `Comparator ${comparator} takes no values` };
      return null;
    case 'LessThan':
    case 'LessThanOrEqualTo':
    case 'GreaterThan':
    case 'GreaterThanOrEqualTo':
      if (hasLocales) return { member: 'LocaleValues', message: `Comparator ${comparator} cannot be used with LocaleValues` };
      return ints === 1 ? null : { member: 'IntegerValues', message: `Comparator ${comparator} needs exactly one IntegerValue` };
    case 'EqualTo':
    case 'NotEqualTo':
      if (ints + locales === 1) return null;
      return { member: hasLocales ? 'LocaleValues' : 'IntegerValues', message: `Comparator ${comparator} needs exactly one IntegerValue or LocaleValue` };
    case 'In':
    case 'NotIn':
      if (hasInts && ints >= 1 && ints <= 15) return null;
      if (hasLocales && locales >= 1 && locales <= 30) return null;
      return {
        member: hasLocales ? 'LocaleValues' : 'IntegerValues',
        message: `Comparator ${comparator} needs 1 to 15 IntegerValues or 1 to 30 LocaleValues`,
      };
    default:
      return null; // the enum constraint already reported it
  }
};

/** LocaleValues belong to Worker_Locale only, IntegerValues never do. */
const localeOnlyForWorkerLocale: StructureCheck = (v) => {
  const isLocaleType = v.QualificationTypeId === WORKER_LOCALE_QUALIFICATION_ID;
  if (isLocaleType && v.IntegerValues !== undefined)
    return { member: 'IntegerValues', message: 'IntegerValues cannot be used with the Worker_Locale qualification type' };
  if (!isLocaleType && v.LocaleValues !== undefined)
    return { member: 'LocaleValues', message: 'LocaleValues can only be used with the Worker_Locale qualification type' };
  return null;
};

const deprecatedPreviewFlag: StructureCheck = (v) =>
  v.RequiredToPreview !== undefined && v.ActionsGuarded !== undefined
    ? { member: 'RequiredToPreview', message: 'RequiredToPreview cannot be combined with ActionsGuarded' }
    : null;

export const QUALIFICATION_REQUIREMENT = struct(
  {
    QualificationTypeId: str({ min: 1, max: 255 }),
    Comparator: str({ enum: COMPARATORS }),
    IntegerValues: list(int()),
    LocaleValues: list(LOCALE),
    RequiredToPreview: bool,
    ActionsGuarded: str({ enum: ACTIONS_GUARDED }),
  },
  ['QualificationTypeId', 'Comparator'],
  [comparatorValues, localeOnlyForWorkerLocale, deprecatedPreviewFlag],
);
export const QUALIFICATION_REQUIREMENTS = list(QUALIFICATION_REQUIREMENT, { max: 10 });

export const PARAMETER_MAP_ENTRY = struct({ Key: str(), Values: list(str()) });
export const POLICY_PARAMETER = struct({ Key: str(), Values: list(str()), MapEntries: list(PARAMETER_MAP_ENTRY) });
/** Deep parameter rules (names, ranges) are checked by rules/review-policies.ts validateReviewPolicy. */
export const REVIEW_POLICY = struct({ PolicyName: str(), Parameters: list(POLICY_PARAMETER) }, ['PolicyName']);

export const NOTIFICATION_SPECIFICATION = struct(
  {
    Destination: str({ min: 1 }),
    Transport: str({ enum: ['Email', 'SQS', 'SNS'] }),
    // Docs say only 2014-08-15 is valid; the model doc mentions 2006-05-05. Accept both.
    Version: str({ enum: ['2014-08-15', '2006-05-05'] }),
    EventTypes: list(str({ enum: EVENT_TYPES }), { min: 1 }),
  },
  ['Destination', 'Transport', 'Version', 'EventTypes'],
);

export const HIT_LAYOUT_PARAMETER = struct({ Name: str(), Value: str() }, ['Name', 'Value']);
