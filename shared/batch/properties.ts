/**
 * A batch's `batch.json`: the HIT properties under MTurk's own CreateHITType / CreateHIT member names, plus
 * Turkbench's own keys in camelCase. Every problem is reported at once, each naming its key and saying what to enter,
 * so a form can check as the requester types and `batch check` can list everything in one run.
 */
import { formatMoney, parseMoney, type Cents } from '../domain/money';
import type { ActionsGuarded, Comparator, LocaleValue, QualificationRequirement } from '../domain/mturk-objects';

export interface BatchProperties {
  readonly title: string;
  readonly description: string;
  readonly keywords: string;
  readonly rewardCents: Cents;
  readonly maxAssignments: number;
  readonly assignmentDurationSeconds: number;
  readonly lifetimeSeconds: number;
  readonly autoApprovalDelaySeconds: number;
  readonly qualificationRequirements: readonly QualificationRequirement[];
  readonly requesterAnnotation: string | null;
  /** Pixels; 0 lets the worker's window decide. */
  readonly frameHeight: number;
  /** Turkbench's keys. */
  readonly name: string | null;
  /** The question file in the folder (`template.html`, `question.xml`), unless the question is an external URL. */
  readonly questionFile: string | null;
  /** An ExternalQuestion's URL (placeholders allowed); set instead of `questionFile`. */
  readonly externalUrl: string | null;
  /** Columns whose values are inserted as markup, unescaped. */
  readonly trustedColumns: readonly string[];
  /** Publish HITs wanting 10 or more assignments as sub-HITs of at most 9 (saves MTurk's extra 20 %). */
  readonly microBatching: boolean;
  /** Workers who took part in these earlier batches or registered studies cannot discover this batch. */
  readonly excludeParticipantsOf: ExcludeParticipantsOf;
}

export interface ExcludeParticipantsOf {
  /** Batch ids (`turkbench batch list`). */
  readonly batches: readonly string[];
  /** Study names of the participant registry. */
  readonly studies: readonly string[];
}

export interface PropertyProblem {
  /** The batch.json key (a path such as `QualificationRequirements[2].Comparator`). */
  readonly key: string;
  readonly message: string;
  /** Warnings (an unknown key) do not stop a launch. */
  readonly severity: 'error' | 'warning';
}

export const LIMITS = {
  titleChars: 128,
  descriptionChars: 2000,
  keywordsChars: 1000,
  requesterAnnotationChars: 255,
  maxAssignments: 1_000_000_000,
  minSeconds: 30,
  maxSeconds: 31_536_000,
  maxAutoApprovalSeconds: 2_592_000,
  requirements: 10,
  integerValues: 15,
  localeValues: 30,
  questionBytes: 65_535,
} as const;

const COMPARATORS: readonly Comparator[] = ['LessThan', 'LessThanOrEqualTo', 'GreaterThan', 'GreaterThanOrEqualTo', 'EqualTo', 'NotEqualTo', 'Exists', 'DoesNotExist', 'In', 'NotIn'];
const ACTIONS: readonly ActionsGuarded[] = ['Accept', 'PreviewAndAccept', 'DiscoverPreviewAndAccept'];
const MTURK_KEYS = [
  'Title',
  'Description',
  'Keywords',
  'Reward',
  'MaxAssignments',
  'AssignmentDurationInSeconds',
  'LifetimeInSeconds',
  'AutoApprovalDelayInSeconds',
  'QualificationRequirements',
  'RequesterAnnotation',
  'FrameHeight',
] as const;
const TURKBENCH_KEYS = ['name', 'question', 'externalUrl', 'trustedColumns', 'microBatching', 'excludeParticipantsOf'] as const;
const KNOWN_KEYS: ReadonlySet<string> = new Set([...MTURK_KEYS, ...TURKBENCH_KEYS]);
const DAY = 86_400;

/** What a new batch starts with (the Requester website's defaults, with a 3-day lifetime). */
export const DEFAULT_PROPERTIES = {
  Title: '',
  Description: '',
  Keywords: '',
  Reward: '0.10',
  MaxAssignments: 1,
  AssignmentDurationInSeconds: 3600,
  LifetimeInSeconds: 3 * DAY,
  AutoApprovalDelayInSeconds: 3 * DAY,
  QualificationRequirements: [],
  FrameHeight: 0,
  question: 'template.html',
} as const;

class Checker {
  readonly problems: PropertyProblem[] = [];

  error(key: string, message: string): undefined {
    this.problems.push({ key, message, severity: 'error' });
    return undefined;
  }

  warn(key: string, message: string): void {
    this.problems.push({ key, message, severity: 'warning' });
  }

  text(source: Record<string, unknown>, key: string, options: { required: boolean; max: number; fallback?: string }): string | undefined {
    const value = source[key] ?? options.fallback;
    if (value === undefined || value === null || value === '') {
      return options.required ? this.error(key, `${key} is required: enter ${describeText(key)}.`) : '';
    }
    if (typeof value !== 'string') return this.error(key, `${key} must be text (found ${describe(value)}).`);
    if (options.required && value.trim() === '') return this.error(key, `${key} is required: enter ${describeText(key)}.`);
    if ([...value].length > options.max) return this.error(key, `${key} is ${[...value].length.toLocaleString('en-US')} characters long; MTurk allows at most ${options.max.toLocaleString('en-US')}.`);
    return value;
  }

  whole(source: Record<string, unknown>, key: string, min: number, max: number, fallback: number, unit: string): number | undefined {
    const value = source[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.error(key, `${key} must be a whole number of ${unit} (found ${describe(value)}).`);
    if (value < min || value > max) return this.error(key, `${key} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')} ${unit}${hint(unit, min, max)} (found ${value.toLocaleString('en-US')}).`);
    return value;
  }
}

const describe = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value));

const describeText = (key: string): string =>
  ({ Title: 'the title workers see in the HIT list', Description: 'a sentence or two on what the task is' })[key] ?? 'a value';

function hint(unit: string, min: number, max: number): string {
  if (unit !== 'seconds') return '';
  const days = (s: number): string => (s >= DAY ? `${s / DAY} days` : `${s} seconds`);
  return ` (${days(min)} to ${days(max)})`;
}

export function readBatchProperties(json: unknown): { properties: BatchProperties | null; problems: PropertyProblem[] } {
  const check = new Checker();
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    check.error('batch.json', 'batch.json must hold one JSON object of properties, such as {"Title": "…", "Reward": "0.50"}.');
    return { properties: null, problems: check.problems };
  }
  const source = json as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (!KNOWN_KEYS.has(key)) check.warn(key, `${key} is not a property Turkbench knows; it is ignored.${suggestion(key)}`);
  }

  const title = check.text(source, 'Title', { required: true, max: LIMITS.titleChars });
  const description = check.text(source, 'Description', { required: true, max: LIMITS.descriptionChars });
  const keywords = check.text(source, 'Keywords', { required: false, max: LIMITS.keywordsChars });
  const annotation = check.text(source, 'RequesterAnnotation', { required: false, max: LIMITS.requesterAnnotationChars });
  const rewardCents = readReward(check, source['Reward'] ?? DEFAULT_PROPERTIES.Reward);
  const maxAssignments = check.whole(source, 'MaxAssignments', 1, LIMITS.maxAssignments, DEFAULT_PROPERTIES.MaxAssignments, 'assignments');
  const duration = check.whole(source, 'AssignmentDurationInSeconds', LIMITS.minSeconds, LIMITS.maxSeconds, DEFAULT_PROPERTIES.AssignmentDurationInSeconds, 'seconds');
  const lifetime = check.whole(source, 'LifetimeInSeconds', LIMITS.minSeconds, LIMITS.maxSeconds, DEFAULT_PROPERTIES.LifetimeInSeconds, 'seconds');
  const autoApproval = check.whole(source, 'AutoApprovalDelayInSeconds', 0, LIMITS.maxAutoApprovalSeconds, DEFAULT_PROPERTIES.AutoApprovalDelayInSeconds, 'seconds');
  const frameHeight = check.whole(source, 'FrameHeight', 0, 100_000, DEFAULT_PROPERTIES.FrameHeight, 'pixels');
  const requirements = readRequirements(check, source['QualificationRequirements'] ?? []);
  const name = check.text(source, 'name', { required: false, max: 200 });
  const question = readQuestionSource(check, source);
  const trustedColumns = readColumnList(check, source['trustedColumns'] ?? []);
  const microBatching = source['microBatching'] ?? false;
  if (typeof microBatching !== 'boolean') check.error('microBatching', `microBatching must be true or false (found ${describe(microBatching)}).`);
  const excludeParticipantsOf = readExcludeParticipantsOf(check, source['excludeParticipantsOf'] ?? {});

  if (check.problems.some((p) => p.severity === 'error')) return { properties: null, problems: check.problems };
  return {
    properties: {
      title: title!,
      description: description!,
      keywords: keywords!,
      rewardCents: rewardCents!,
      maxAssignments: maxAssignments!,
      assignmentDurationSeconds: duration!,
      lifetimeSeconds: lifetime!,
      autoApprovalDelaySeconds: autoApproval!,
      qualificationRequirements: requirements!,
      requesterAnnotation: annotation || null,
      frameHeight: frameHeight!,
      name: name || null,
      questionFile: question!.file,
      externalUrl: question!.url,
      trustedColumns: trustedColumns!,
      microBatching: microBatching as boolean,
      excludeParticipantsOf: excludeParticipantsOf!,
    },
    problems: check.problems,
  };
}

/** `{"batches": ["b…"], "studies": ["Pilot 2026"]}`: each a list of distinct, non-empty names. */
function readExcludeParticipantsOf(check: Checker, value: unknown): ExcludeParticipantsOf | undefined {
  const key = 'excludeParticipantsOf';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return check.error(key, `${key} must be an object such as {"batches": ["b1a2b3c4d5e6f"], "studies": ["Pilot"]} (found ${describe(value)}).`);
  const source = value as Record<string, unknown>;
  for (const extra of Object.keys(source).filter((k) => k !== 'batches' && k !== 'studies')) check.error(`${key}.${extra}`, `${key} takes "batches" and "studies" only (found "${extra.slice(0, 40)}").`);
  const list = (field: 'batches' | 'studies'): string[] | undefined => {
    const names = source[field] ?? [];
    if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || n.trim() === '' || n.length > 128)) {
      return check.error(`${key}.${field}`, `${key}.${field} must be a list of names of 1 to 128 characters (found ${describe(names)}).`);
    }
    return [...new Set((names as string[]).map((n) => n.trim()))];
  };
  const batches = list('batches');
  const studies = list('studies');
  return batches && studies ? { batches, studies } : undefined;
}

function suggestion(key: string): string {
  const near = [...KNOWN_KEYS].find((known) => known.toLowerCase() === key.toLowerCase() || known.toLowerCase() === key.toLowerCase().replace(/s$/, ''));
  return near ? ` Did you mean ${near}?` : '';
}

function readReward(check: Checker, value: unknown): Cents | undefined {
  if (typeof value !== 'string') return check.error('Reward', `Reward must be a dollar amount written as text, such as "0.50" (found ${describe(value)}).`);
  const cents = parseMoney(value.trim());
  if (cents === null) return check.error('Reward', `Reward must be a dollar amount with at most two decimals, such as "0.50" (found ${describe(value)}).`);
  if (cents < 1) return check.error('Reward', 'Reward must be at least "0.01": MTurk does not accept HITs that pay nothing.');
  return cents;
}

function readQuestionSource(check: Checker, source: Record<string, unknown>): { file: string | null; url: string | null } | undefined {
  const url = source['externalUrl'];
  const file = source['question'];
  if (url !== undefined && file !== undefined) return check.error('question', 'Set either question (a file in the batch folder) or externalUrl, not both.');
  if (url !== undefined) {
    if (typeof url !== 'string' || url.trim() === '') return check.error('externalUrl', 'externalUrl must be the address of your task page, such as "https://example.org/task?item=${id}".');
    return { file: null, url };
  }
  const name = file ?? DEFAULT_PROPERTIES.question;
  if (typeof name !== 'string' || !/^[^/\\]+\.(html|htm|xml)$/i.test(name)) {
    return check.error('question', `question must name an .html (HTMLQuestion) or .xml (QuestionForm) file in the batch folder (found ${describe(name)}).`);
  }
  return { file: name, url: null };
}

function readColumnList(check: Checker, value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return check.error('trustedColumns', 'trustedColumns must be a list of column names, such as ["instructions_html"].');
  return value as string[];
}

function readRequirements(check: Checker, value: unknown): QualificationRequirement[] | undefined {
  const key = 'QualificationRequirements';
  if (!Array.isArray(value)) return check.error(key, `${key} must be a list (found ${describe(value)}).`);
  if (value.length > LIMITS.requirements) return check.error(key, `MTurk allows at most ${LIMITS.requirements} qualification requirements per HIT; this batch has ${value.length}.`);
  const read = value.map((entry, i) => readRequirement(check, `${key}[${i}]`, entry));
  return read.every((r) => r !== undefined) ? read : undefined;
}

function readRequirement(check: Checker, at: string, entry: unknown): QualificationRequirement | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return check.error(at, `${at} must be an object with QualificationTypeId and Comparator.`);
  const r = entry as Record<string, unknown>;
  const typeId = r['QualificationTypeId'];
  const comparator = r['Comparator'];
  if (typeof typeId !== 'string' || !/^[A-Z0-9]{1,64}$/.test(typeId)) return check.error(`${at}.QualificationTypeId`, `${at}.QualificationTypeId must be a qualification type id (letters and digits, found ${describe(typeId)}).`);
  if (typeof comparator !== 'string' || !COMPARATORS.includes(comparator as Comparator)) {
    return check.error(`${at}.Comparator`, `${at}.Comparator must be one of ${COMPARATORS.join(', ')} (found ${describe(comparator)}).`);
  }
  const actions = r['ActionsGuarded'];
  if (actions !== undefined && !ACTIONS.includes(actions as ActionsGuarded)) {
    return check.error(`${at}.ActionsGuarded`, `${at}.ActionsGuarded must be one of ${ACTIONS.join(', ')} (found ${describe(actions)}).`);
  }
  const integers = r['IntegerValues'];
  const locales = r['LocaleValues'];
  const needsValue = !['Exists', 'DoesNotExist'].includes(comparator);
  const many = comparator === 'In' || comparator === 'NotIn';
  if (integers !== undefined && locales !== undefined) return check.error(at, `${at} has both IntegerValues and LocaleValues; give one.`);
  if (!needsValue && (integers !== undefined || locales !== undefined)) return check.error(at, `${at}: ${comparator} takes no values; remove IntegerValues / LocaleValues.`);
  if (needsValue && integers === undefined && locales === undefined) return check.error(at, `${at}: ${comparator} needs IntegerValues (a score) or LocaleValues (a country).`);
  const requirement: { -readonly [K in keyof QualificationRequirement]: QualificationRequirement[K] } = { QualificationTypeId: typeId, Comparator: comparator as Comparator };
  if (integers !== undefined) {
    if (!Array.isArray(integers) || integers.length === 0 || integers.some((v) => typeof v !== 'number' || !Number.isInteger(v))) {
      return check.error(`${at}.IntegerValues`, `${at}.IntegerValues must be a list of whole numbers, such as [95].`);
    }
    const most = many ? LIMITS.integerValues : 1;
    if (integers.length > most) return check.error(`${at}.IntegerValues`, `${at}.IntegerValues has ${integers.length} values; ${comparator} takes ${many ? `at most ${most}` : 'exactly one'}.`);
    requirement.IntegerValues = integers as number[];
  }
  if (locales !== undefined) {
    const read = Array.isArray(locales) ? locales.map((l) => readLocale(l)) : [];
    if (!Array.isArray(locales) || read.length === 0 || read.some((l) => l === null)) {
      return check.error(`${at}.LocaleValues`, `${at}.LocaleValues must be a list such as [{"Country": "US"}, {"Country": "US", "Subdivision": "NY"}].`);
    }
    const most = many ? LIMITS.localeValues : 1;
    if (read.length > most) return check.error(`${at}.LocaleValues`, `${at}.LocaleValues has ${read.length} values; ${comparator} takes ${many ? `at most ${most}` : 'exactly one'}.`);
    requirement.LocaleValues = read as LocaleValue[];
  }
  if (actions !== undefined) requirement.ActionsGuarded = actions as ActionsGuarded;
  return requirement;
}

function readLocale(value: unknown): LocaleValue | null {
  if (typeof value !== 'object' || value === null) return null;
  const { Country, Subdivision } = value as Record<string, unknown>;
  if (typeof Country !== 'string' || !/^[A-Z]{2}$/.test(Country)) return null;
  if (Subdivision === undefined) return { Country };
  if (typeof Subdivision !== 'string' || !/^[A-Z0-9]{1,3}$/.test(Subdivision)) return null;
  return { Country, Subdivision };
}

/** The properties back in batch.json's shape (MTurk members, then Turkbench's keys), for saving a folder. */
export function toBatchJson(p: BatchProperties): Record<string, unknown> {
  return {
    Title: p.title,
    Description: p.description,
    Keywords: p.keywords,
    Reward: formatMoney(p.rewardCents),
    MaxAssignments: p.maxAssignments,
    AssignmentDurationInSeconds: p.assignmentDurationSeconds,
    LifetimeInSeconds: p.lifetimeSeconds,
    AutoApprovalDelayInSeconds: p.autoApprovalDelaySeconds,
    QualificationRequirements: p.qualificationRequirements,
    ...(p.requesterAnnotation ? { RequesterAnnotation: p.requesterAnnotation } : {}),
    FrameHeight: p.frameHeight,
    ...(p.name ? { name: p.name } : {}),
    ...(p.externalUrl !== null ? { externalUrl: p.externalUrl } : { question: p.questionFile }),
    ...(p.trustedColumns.length ? { trustedColumns: p.trustedColumns } : {}),
    microBatching: p.microBatching,
    ...(p.excludeParticipantsOf.batches.length || p.excludeParticipantsOf.studies.length ? { excludeParticipantsOf: p.excludeParticipantsOf } : {}),
  };
}
