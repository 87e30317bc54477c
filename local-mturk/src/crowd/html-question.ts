/**
 * How a simulated worker fills an HTMLQuestion, from the template's fields as the crowd-elements scanner reads them:
 * - a crowd-form submits one answer, `taskAnswers`, a JSON array with one object of every element's value in the
 *   shape that element submits; the truth of an element is given in that shape or as a plain label string;
 * - a plain form posts one answer per field (several checked boxes of one name joined with `|`), within each
 *   field's required / min / max / length / pattern constraints.
 */
import { plausibleAnswers, plausibleValue, scanTemplate, taskAnswersJson, type ScannedField, type TemplateScan } from '../../../crowd-elements/src/scan/index';
import { answerSlot, type Slot } from './answer-values';
import type { AnswerPlan } from './answer-plan';
import type { CrowdMember } from './population';
import { Random } from './random';

/** The seed of a same-answer spammer's stream: it makes the same marks every time. */
const SAME_ANSWER_SEED = 7;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A plain form field as an answer slot; HTML patterns must match the whole value. */
function slotOf(field: ScannedField): Slot {
  const options = field.options ?? [];
  if (options.length > 0) {
    const min = field.required ? 1 : 0;
    return { kind: 'choice', name: field.name, options, min, max: field.multiple ? options.length : 1 };
  }
  if (field.element === 'input:number' || field.element === 'input:range') {
    return { kind: 'number', name: field.name, ...(field.min === undefined ? {} : { min: field.min }), ...(field.max === undefined ? {} : { max: field.max }) };
  }
  return {
    kind: 'text',
    name: field.name,
    patterns: field.pattern === undefined ? [] : [{ regex: `^(?:${field.pattern})$` }],
    ...(field.minLength === undefined ? {} : { minLength: field.minLength }),
    ...(field.maxLength === undefined ? {} : { maxLength: field.maxLength }),
  };
}

/**
 * The truth in the element's own shape. A plain string stands for a label: {label} for a classifier, {labels: […]}
 * for a multi-select, {option: checked…} for checkbox / radio states; an object is taken as already shaped.
 */
function shapedTruth(sample: unknown, truth: unknown): unknown {
  if (isRecord(truth)) return truth;
  const labels = (Array.isArray(truth) ? truth : [truth]).map(String);
  if (isRecord(sample)) {
    if ('label' in sample) return { label: labels[0] };
    if ('labels' in sample) return { labels };
    if (Object.values(sample).every((v) => typeof v === 'boolean')) {
      return Object.fromEntries(Object.keys(sample).map((key) => [key, labels.includes(key)]));
    }
    return undefined;
  }
  if (typeof sample === 'number') return Number(labels[0]);
  if (Array.isArray(sample)) return labels;
  return labels[0];
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function crowdFormPlan(scan: TemplateScan): AnswerPlan {
  return (member, random, truth) => {
    const stream = member.accuracyClass === 'same-answer-spammer' ? new Random(SAME_ANSWER_SEED) : random;
    const draw = (): number => stream.float();
    const values = plausibleAnswers(scan, draw);
    if (member.accuracyClass === 'careful' || member.accuracyClass === 'decent') {
      for (const field of scan.fields) answerWithTruth(field, values, member, random, truth?.[field.name]);
    }
    return [{ questionIdentifier: 'taskAnswers', freeText: taskAnswersJson(values, scan.answerFormat) }];
  };
}

/** An honest worker's value for one crowd-form field that has a truth: that truth with its accuracy, else a wrong one. */
function answerWithTruth(field: ScannedField, values: Record<string, unknown>, member: CrowdMember, random: Random, truth: unknown): void {
  if (truth === undefined || field.element === 'crowd-radio-group') return;
  const draw = (): number => random.float();
  const expected = shapedTruth(plausibleValue(field, draw), truth);
  if (expected === undefined) return;
  if (random.chance(member.accuracy)) {
    values[field.name] = expected;
    return;
  }
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const candidate = plausibleValue(field, draw);
    if (!sameJson(candidate, expected)) {
      values[field.name] = candidate;
      return;
    }
  }
}

function plainFormPlan(scan: TemplateScan): AnswerPlan {
  const slots = scan.fields.map(slotOf);
  return (member, random, truth) =>
    slots.map((slot) => {
      const value = answerSlot(slot, member, random, truth?.[slot.name]);
      return { questionIdentifier: slot.name, freeText: typeof value === 'string' ? value : value.join('|') };
    });
}

export function htmlQuestionPlan(html: string): AnswerPlan {
  const scan = scanTemplate(html);
  return scan.form === 'crowd-form' ? crowdFormPlan(scan) : plainFormPlan(scan);
}
