/**
 * A qualification test as the test builder edits it: single-choice questions whose options each carry a score, and how
 * the summed score becomes the qualification value. `checkTestSpec` names every problem (question, option, field) so a
 * form can show it beside the input; a spec without problems always generates a QuestionForm and an AnswerKey that
 * MTurk accepts.
 */

export type TestMapping =
  | { readonly kind: 'none' }
  /** round(sum / the best possible sum × 100). */
  | { readonly kind: 'percentage' }
  | { readonly kind: 'scale'; readonly multiplier: number }
  | { readonly kind: 'range'; readonly ranges: readonly TestScoreRange[]; readonly outOfRangeValue: number };

export interface TestScoreRange {
  readonly lower: number;
  readonly upper: number;
  readonly value: number;
}

export interface TestOption {
  /** The SelectionIdentifier: what the worker's answer and the AnswerKey name. */
  readonly id: string;
  readonly text: string;
  readonly score: number;
}

export type TestQuestionStyle = 'radiobutton' | 'dropdown';

export interface TestQuestion {
  /** The QuestionIdentifier. */
  readonly id: string;
  readonly text: string;
  readonly style: TestQuestionStyle;
  readonly options: readonly TestOption[];
}

export interface TestSpec {
  readonly title: string;
  /** Instructions shown above the questions; empty for none. */
  readonly overview: string;
  readonly questions: readonly TestQuestion[];
  readonly mapping: TestMapping;
}

export interface TestProblem {
  /** Where: `title`, `questions.2.options.1.id`, `mapping.ranges.0` … */
  readonly field: string;
  readonly message: string;
}

/** MTurk's size limit for each of Test and AnswerKey. */
export const TEST_XML_MAX_CHARS = 65_535;
export const MAX_TEST_QUESTIONS = 100;
export const MAX_OPTIONS_PER_QUESTION = 30;
export const MAX_TEXT_CHARS = 2_000;
/** Identifiers stay plain, so they read well in answers and CSVs and never need escaping. */
const IDENTIFIER = /^[A-Za-z0-9_.-]{1,64}$/;
const SCORE_LIMIT = 1_000_000;

export function checkTestSpec(spec: TestSpec): TestProblem[] {
  const problems: TestProblem[] = [];
  const add = (field: string, message: string): void => void problems.push({ field, message });
  if (spec.title.trim() === '') add('title', 'Give the test a title.');
  if (spec.title.length > 200) add('title', `The title has ${spec.title.length} characters; at most 200.`);
  if (spec.overview.length > MAX_TEXT_CHARS) add('overview', `The instructions have ${spec.overview.length} characters; at most ${MAX_TEXT_CHARS}.`);
  if (spec.questions.length === 0) add('questions', 'Add at least one question.');
  if (spec.questions.length > MAX_TEST_QUESTIONS) add('questions', `${spec.questions.length} questions; at most ${MAX_TEST_QUESTIONS}.`);
  const questionIds = new Set<string>();
  spec.questions.forEach((question, q) => {
    const at = `questions.${q}`;
    const label = `Question ${q + 1}`;
    if (!IDENTIFIER.test(question.id)) add(`${at}.id`, `${label}: the id "${question.id.slice(0, 80)}" must be 1–64 letters, digits, "_", "-" or ".".`);
    else if (questionIds.has(question.id)) add(`${at}.id`, `${label}: the id "${question.id}" is used by an earlier question.`);
    questionIds.add(question.id);
    if (question.text.trim() === '') add(`${at}.text`, `${label}: write the question.`);
    if (question.text.length > MAX_TEXT_CHARS) add(`${at}.text`, `${label}: ${question.text.length} characters; at most ${MAX_TEXT_CHARS}.`);
    if (question.options.length < 2) add(`${at}.options`, `${label}: give at least two options.`);
    if (question.options.length > MAX_OPTIONS_PER_QUESTION) add(`${at}.options`, `${label}: ${question.options.length} options; at most ${MAX_OPTIONS_PER_QUESTION}.`);
    const optionIds = new Set<string>();
    question.options.forEach((option, o) => {
      const where = `${at}.options.${o}`;
      const name = `${label}, option ${o + 1}`;
      if (!IDENTIFIER.test(option.id)) add(`${where}.id`, `${name}: the id "${option.id.slice(0, 80)}" must be 1–64 letters, digits, "_", "-" or ".".`);
      else if (optionIds.has(option.id)) add(`${where}.id`, `${name}: the id "${option.id}" is used by an earlier option.`);
      optionIds.add(option.id);
      if (option.text.trim() === '') add(`${where}.text`, `${name}: write the option's text.`);
      if (option.text.length > MAX_TEXT_CHARS) add(`${where}.text`, `${name}: ${option.text.length} characters; at most ${MAX_TEXT_CHARS}.`);
      checkScore(option.score, `${where}.score`, `${name}: the score`, add);
    });
  });
  checkMapping(spec, add);
  return problems;
}

function checkScore(score: number, field: string, what: string, add: (field: string, message: string) => void): void {
  if (!Number.isInteger(score) || Math.abs(score) > SCORE_LIMIT) add(field, `${what} must be a whole number between -${SCORE_LIMIT.toLocaleString('en-US')} and ${SCORE_LIMIT.toLocaleString('en-US')}; got ${String(score)}.`);
}

function checkMapping(spec: TestSpec, add: (field: string, message: string) => void): void {
  const { mapping } = spec;
  if (mapping.kind === 'percentage' && spec.questions.length > 0 && bestSum(spec) <= 0) {
    add('mapping', 'A percentage needs a best possible score above 0: give some option a positive score.');
  }
  if (mapping.kind === 'scale' && (!Number.isFinite(mapping.multiplier) || mapping.multiplier === 0)) add('mapping.multiplier', `The multiplier must be a number other than 0; got ${String(mapping.multiplier)}.`);
  if (mapping.kind !== 'range') return;
  if (mapping.ranges.length === 0) add('mapping.ranges', 'Give at least one score range.');
  checkScore(mapping.outOfRangeValue, 'mapping.outOfRangeValue', 'The value outside every range', add);
  mapping.ranges.forEach((range, r) => {
    const at = `mapping.ranges.${r}`;
    checkScore(range.lower, at, `Range ${r + 1}: the lower bound`, add);
    checkScore(range.upper, at, `Range ${r + 1}: the upper bound`, add);
    checkScore(range.value, at, `Range ${r + 1}: the value`, add);
    if (range.lower > range.upper) add(at, `Range ${r + 1}: the lower bound ${range.lower} is above the upper bound ${range.upper}.`);
    const overlapped = mapping.ranges.findIndex((other, i) => i < r && other.lower <= range.upper && range.lower <= other.upper);
    if (overlapped >= 0) add(at, `Range ${r + 1} overlaps range ${overlapped + 1}.`);
  });
}

/** The highest summed score a worker can reach: each question's best option (every question must be answered). */
export function bestSum(spec: TestSpec): number {
  return spec.questions.reduce((sum, q) => sum + Math.max(...q.options.map((o) => o.score)), 0);
}

/** A fresh question with two options, numbered after the existing ones so its ids are unique. */
export function newQuestion(existing: readonly TestQuestion[]): TestQuestion {
  let n = existing.length + 1;
  while (existing.some((q) => q.id === `q${n}`)) n++;
  return {
    id: `q${n}`,
    text: '',
    style: 'radiobutton',
    options: [
      { id: 'a', text: '', score: 1 },
      { id: 'b', text: '', score: 0 },
    ],
  };
}

export const EMPTY_TEST: TestSpec = { title: '', overview: '', questions: [], mapping: { kind: 'percentage' } };
