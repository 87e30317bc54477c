/**
 * The properties form: what the requester types, batch.json's object, and the problems readBatchProperties finds,
 * placed under the fields they concern. The form edits only the keys it shows; every other key of batch.json
 * (question, externalUrl…) is carried through unchanged, and a key the form shows empty is left out as it was.
 */
import { batchCost, type BatchCost } from '../../../../shared/batch/cost';
import { readBatchProperties, type PropertyProblem } from '../../../../shared/batch/properties';
import { requiresMasters } from '../../../../shared/domain/fees';
import { parseMoney } from '../../../../shared/domain/money';
import { draftsFromJson, requirementsJson, type RequirementDraft } from './requirements';

export type TimeUnit = 'minutes' | 'hours' | 'days';
export const UNIT_SECONDS: Readonly<Record<TimeUnit, number>> = { minutes: 60, hours: 3600, days: 86_400 };

/** A duration as typed: an amount and its unit. */
export interface Duration {
  readonly amount: string;
  readonly unit: TimeUnit;
}

export interface PropertiesForm {
  readonly title: string;
  readonly description: string;
  readonly keywords: string;
  readonly reward: string;
  readonly maxAssignments: string;
  readonly assignmentDuration: Duration;
  readonly lifetime: Duration;
  readonly autoApprovalDelay: Duration;
  readonly annotation: string;
  /** The batch's own name (the Batches area shows it); the title when empty. */
  readonly name: string;
  /** The frame's height in pixels for an HTMLQuestion or ExternalQuestion; 0 lets MTurk size it. */
  readonly frameHeight: string;
  readonly requirements: readonly RequirementDraft[];
  /** Columns whose values are inserted as markup rather than escaped text. */
  readonly trustedColumns: readonly string[];
  readonly microBatching: boolean;
  /** Batch ids and registry studies whose workers may not discover this batch (batch.json's excludeParticipantsOf). */
  readonly excludeBatches: readonly string[];
  readonly excludeStudies: readonly string[];
}

export type FieldName = Exclude<keyof PropertiesForm, 'requirements' | 'trustedColumns' | 'microBatching' | 'excludeBatches' | 'excludeStudies'>;

const FIELD_KEYS: Readonly<Record<FieldName, string>> = {
  title: 'Title',
  description: 'Description',
  keywords: 'Keywords',
  reward: 'Reward',
  maxAssignments: 'MaxAssignments',
  assignmentDuration: 'AssignmentDurationInSeconds',
  lifetime: 'LifetimeInSeconds',
  autoApprovalDelay: 'AutoApprovalDelayInSeconds',
  annotation: 'RequesterAnnotation',
  name: 'name',
  frameHeight: 'FrameHeight',
};

/** Seconds shown in the largest unit that holds them exactly (90 minutes stays minutes, 3 days is days). */
export function durationFromSeconds(seconds: unknown): Duration {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return { amount: seconds === undefined ? '' : String(seconds), unit: 'minutes' };
  for (const unit of ['days', 'hours'] as const) {
    if (seconds > 0 && seconds % UNIT_SECONDS[unit] === 0) return { amount: String(seconds / UNIT_SECONDS[unit]), unit };
  }
  if (seconds % 60 === 0) return { amount: String(seconds / 60), unit: 'minutes' };
  return { amount: String(seconds / 60), unit: 'minutes' };
}

/** The seconds batch.json stores; text that is not a number is passed on as typed so the check names it. */
export function durationSeconds(duration: Duration): number | string {
  const text = duration.amount.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return text;
  return Math.round(Number(text) * UNIT_SECONDS[duration.unit]);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

export function formFromJson(json: Record<string, unknown>): PropertiesForm {
  return {
    title: text(json['Title']),
    description: text(json['Description']),
    keywords: text(json['Keywords']),
    reward: text(json['Reward'] ?? '0.10'),
    maxAssignments: text(json['MaxAssignments'] ?? 1),
    assignmentDuration: durationFromSeconds(json['AssignmentDurationInSeconds'] ?? 3600),
    lifetime: durationFromSeconds(json['LifetimeInSeconds'] ?? 259_200),
    autoApprovalDelay: durationFromSeconds(json['AutoApprovalDelayInSeconds'] ?? 259_200),
    annotation: text(json['RequesterAnnotation']),
    name: text(json['name']),
    frameHeight: text(json['FrameHeight']),
    requirements: draftsFromJson(json['QualificationRequirements']),
    trustedColumns: Array.isArray(json['trustedColumns']) ? json['trustedColumns'].filter((c): c is string => typeof c === 'string') : [],
    microBatching: json['microBatching'] === true,
    excludeBatches: names(json['excludeParticipantsOf'], 'batches'),
    excludeStudies: names(json['excludeParticipantsOf'], 'studies'),
  };
}

function names(of: unknown, field: 'batches' | 'studies'): string[] {
  const list = of !== null && typeof of === 'object' ? (of as Record<string, unknown>)[field] : undefined;
  return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
}

const wholeOrText = (value: string): number | string => (/^\s*\d+\s*$/.test(value) ? Number(value) : value.trim());

/** The form written back over `base` (batch.json as opened): shown keys replaced, the others kept in place. */
export function formToJson(form: PropertiesForm, base: Record<string, unknown>): Record<string, unknown> {
  const json: Record<string, unknown> = {
    ...base,
    Title: form.title,
    Description: form.description,
    Keywords: form.keywords,
    Reward: form.reward.trim().replace(/^\$/, ''),
    MaxAssignments: wholeOrText(form.maxAssignments),
    AssignmentDurationInSeconds: durationSeconds(form.assignmentDuration),
    LifetimeInSeconds: durationSeconds(form.lifetime),
    AutoApprovalDelayInSeconds: durationSeconds(form.autoApprovalDelay),
    QualificationRequirements: requirementsJson(form.requirements),
  };
  const excluded = { ...(form.excludeBatches.length ? { batches: form.excludeBatches } : {}), ...(form.excludeStudies.length ? { studies: form.excludeStudies } : {}) };
  // Any malformed value from the file stays for the check to name, unless the requester picked something here.
  if (Object.keys(excluded).length > 0) json['excludeParticipantsOf'] = excluded;
  else if (names(base['excludeParticipantsOf'], 'batches').length || names(base['excludeParticipantsOf'], 'studies').length) delete json['excludeParticipantsOf'];
  if (form.annotation.trim() === '') delete json['RequesterAnnotation'];
  else json['RequesterAnnotation'] = form.annotation;
  if (form.name.trim() === '') delete json['name'];
  else json['name'] = form.name;
  if (form.frameHeight.trim() === '') delete json['FrameHeight'];
  else json['FrameHeight'] = wholeOrText(form.frameHeight);
  if (form.trustedColumns.length > 0) json['trustedColumns'] = [...form.trustedColumns];
  // All unticked: the list goes; an empty list or a value that is no list stays as written (the check names the latter).
  else if (Array.isArray(base['trustedColumns']) && base['trustedColumns'].length > 0) delete json['trustedColumns'];
  // Off is written only where the file said so: a folder that never mentioned it keeps not mentioning it.
  if (form.microBatching || 'microBatching' in base) json['microBatching'] = form.microBatching;
  return json;
}

export interface FormCheck {
  /** Messages per field, and per requirement row (by index). */
  readonly fields: Partial<Record<FieldName, string[]>>;
  readonly requirements: Readonly<Record<number, string[]>>;
  /** Problems with keys the form does not show (question, trustedColumns…): listed above the form. */
  readonly other: readonly PropertyProblem[];
  readonly valid: boolean;
}

const REQUIREMENT_KEY = /^QualificationRequirements\[(\d+)\]/;

/** Checks the form exactly as a save and a launch would, and places each message under its field. */
export function checkForm(form: PropertiesForm, base: Record<string, unknown>): FormCheck {
  const { properties, problems } = readBatchProperties(formToJson(form, base));
  const fields: Partial<Record<FieldName, string[]>> = {};
  const requirements: Record<number, string[]> = {};
  const other: PropertyProblem[] = [];
  for (const problem of problems) {
    const field = (Object.keys(FIELD_KEYS) as FieldName[]).find((name) => FIELD_KEYS[name] === problem.key);
    const row = REQUIREMENT_KEY.exec(problem.key);
    if (field) (fields[field] ??= []).push(plainMessage(problem.message, FIELD_KEYS[field]));
    else if (row) (requirements[Number(row[1])] ??= []).push(requirementMessage(problem.message));
    else other.push(problem);
  }
  return { fields, requirements, other, valid: properties !== null };
}

const MEMBER_WORDS: Readonly<Record<string, string>> = {
  QualificationTypeId: 'The qualification type id',
  Comparator: 'The comparison',
  ActionsGuarded: 'What workers without it may do',
  IntegerValues: 'The value list',
  LocaleValues: 'The location list',
};

/** "QualificationRequirements[2].IntegerValues has 2 values…" → "The values have…" reads right under the row. */
function requirementMessage(message: string): string {
  return message.replace(/^QualificationRequirements\[\d+\](?:\.(\w+))?(:?)\s*/, (_m, member: string | undefined, colon: string) =>
    member ? `${MEMBER_WORDS[member] ?? member} ` : colon ? '' : 'This requirement ',
  );
}

/** "Reward must be…" reads fine under a field labelled Reward; seconds become the unit the form shows. */
function plainMessage(message: string, key: string): string {
  return message.replace(new RegExp(`^${key}\\b`), 'This').replace(/ \(found ([\d,]+)\)\.?$/, (_m, n: string) => ` (found ${n} seconds).`);
}

/** The cost summary for the form as typed: null until the reward and the assignments are valid (other fields may not be). */
export function formCost(form: PropertiesForm, base: Record<string, unknown>, rows: number): BatchCost | null {
  const rewardCents = parseMoney(form.reward.trim().replace(/^\$/, ''));
  const assignments = wholeOrText(form.maxAssignments);
  if (rewardCents === null || rewardCents < 1 || typeof assignments !== 'number' || assignments < 1) return null;
  return batchCost({
    rows,
    rewardCents,
    maxAssignments: assignments,
    masters: requiresMasters(requirementsJson(form.requirements) as { QualificationTypeId: string }[]),
    microBatching: form.microBatching,
  });
}
