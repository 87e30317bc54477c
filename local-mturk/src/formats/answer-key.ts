/**
 * AnswerKey: automatic grading of a qualification test. For each key question the worker's selections must
 * equal one AnswerOption's selection set exactly to earn its AnswerScore (which may be negative); otherwise the
 * question's DefaultScore (0 if absent). The summed score becomes the Qualification value through the optional
 * QualificationValueMapping: PercentageMapping round(sum / MaximumSummedScore × 100), ScaleMapping
 * sum × SummedScoreMultiplier (rounded), RangeMapping (first matching range, else OutOfRangeQualificationValue).
 */
import { parseQuestionFormAnswers, type AnswerField } from '../../../shared/mturk/answers';
import { MTurkRequestError } from '../ops/types';
import { parseMTurkXml, selectionIdentifiersByQuestion, xmlParseError } from './question';
import { children, childText, firstChild, textOf, type XmlElement } from './xml-document';

export const ANSWER_KEY_NAMESPACE =
  'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd';

export interface AnswerOption {
  readonly selections: readonly string[];
  readonly score: number;
}
export interface AnswerKeyQuestion {
  readonly questionIdentifier: string;
  readonly options: readonly AnswerOption[];
  readonly defaultScore: number;
}
export type ValueMapping =
  | { readonly kind: 'none' }
  | { readonly kind: 'percentage'; readonly maximumSummedScore: number }
  | { readonly kind: 'scale'; readonly multiplier: number }
  | {
      readonly kind: 'range';
      readonly ranges: readonly { lower: number; upper: number; value: number }[];
      readonly outOfRangeValue: number;
    };
export interface AnswerKey {
  readonly questions: readonly AnswerKeyQuestion[];
  readonly mapping: ValueMapping;
}

function numberIn(element: XmlElement, name: string, where: string, fallback?: number): number {
  const raw = childText(element, name);
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw xmlParseError(`AnswerKey: ${where} is missing '${name}'.`);
  }
  const value = Number(raw);
  if (raw === '' || !Number.isFinite(value)) throw xmlParseError(`AnswerKey: '${raw}' is not a number (${name} in ${where}).`);
  return value;
}

export function parseAnswerKey(xml: string): AnswerKey {
  const document = parseMTurkXml(xml);
  if (document.rootName !== 'AnswerKey')
    throw xmlParseError(`cvc-elt.1: Cannot find the declaration of element '${document.rootName}'; an AnswerKey is expected.`);
  if (document.namespace !== ANSWER_KEY_NAMESPACE)
    throw xmlParseError(`AnswerKey must declare the namespace '${ANSWER_KEY_NAMESPACE}'.`);
  const questions = children(document.root, 'Question').map(parseQuestion);
  if (questions.length === 0) throw xmlParseError('AnswerKey must contain at least one Question.');
  const ids = new Set<string>();
  for (const q of questions) {
    if (ids.has(q.questionIdentifier)) throw xmlParseError(`AnswerKey: duplicate QuestionIdentifier '${q.questionIdentifier}'.`);
    ids.add(q.questionIdentifier);
  }
  return { questions, mapping: parseMapping(firstChild(document.root, 'QualificationValueMapping')) };
}

function parseQuestion(question: XmlElement): AnswerKeyQuestion {
  const questionIdentifier = childText(question, 'QuestionIdentifier') ?? '';
  if (questionIdentifier === '') throw xmlParseError('AnswerKey: every Question needs a QuestionIdentifier.');
  const where = `question '${questionIdentifier}'`;
  const options = children(question, 'AnswerOption').map((option) => {
    const selections = children(option, 'SelectionIdentifier').map((s) => textOf(s));
    if (selections.length === 0) throw xmlParseError(`AnswerKey: an AnswerOption of ${where} has no SelectionIdentifier.`);
    return { selections, score: numberIn(option, 'AnswerScore', where) };
  });
  if (options.length === 0) throw xmlParseError(`AnswerKey: ${where} has no AnswerOption.`);
  return { questionIdentifier, options, defaultScore: numberIn(question, 'DefaultScore', where, 0) };
}

function parseMapping(mapping: XmlElement | undefined): ValueMapping {
  if (mapping === undefined) return { kind: 'none' };
  const percentage = firstChild(mapping, 'PercentageMapping');
  if (percentage !== undefined) {
    const maximumSummedScore = numberIn(percentage, 'MaximumSummedScore', 'PercentageMapping');
    if (maximumSummedScore <= 0) throw xmlParseError('AnswerKey: MaximumSummedScore must be greater than 0.');
    return { kind: 'percentage', maximumSummedScore };
  }
  const scale = firstChild(mapping, 'ScaleMapping');
  if (scale !== undefined) return { kind: 'scale', multiplier: numberIn(scale, 'SummedScoreMultiplier', 'ScaleMapping') };
  const range = firstChild(mapping, 'RangeMapping');
  if (range !== undefined) {
    const ranges = children(range, 'SummedScoreRange').map((r) => ({
      lower: numberIn(r, 'InclusiveLowerBound', 'SummedScoreRange'),
      upper: numberIn(r, 'InclusiveUpperBound', 'SummedScoreRange'),
      value: numberIn(r, 'QualificationValue', 'SummedScoreRange'),
    }));
    if (ranges.length === 0) throw xmlParseError('AnswerKey: RangeMapping needs at least one SummedScoreRange.');
    return { kind: 'range', ranges, outOfRangeValue: numberIn(range, 'OutOfRangeQualificationValue', 'RangeMapping') };
  }
  throw xmlParseError('AnswerKey: QualificationValueMapping must contain PercentageMapping, ScaleMapping or RangeMapping.');
}

/** CreateQualificationType/UpdateQualificationType: the key must parse and only name questions and selections the Test has. */
export function checkAnswerKeyXml(answerKeyXml: string, testXml: string | undefined): void {
  const key = parseAnswerKey(answerKeyXml);
  if (testXml === undefined) return;
  const testSelections = selectionIdentifiersByQuestion(testXml);
  const invalid = (sentence: string): MTurkRequestError => new MTurkRequestError('AWS.MechanicalTurk.InvalidParameterValue', sentence);
  for (const q of key.questions) {
    const selections = testSelections.get(q.questionIdentifier);
    if (selections === undefined)
      throw invalid(`The AnswerKey refers to question '${q.questionIdentifier}', which the Test does not contain.`);
    const unknown = q.options.flatMap((o) => o.selections).find((s) => !selections.includes(s));
    if (unknown !== undefined)
      throw invalid(`The AnswerKey option '${unknown}' of question '${q.questionIdentifier}' is not a selection of that question in the Test.`);
  }
}

/** The raw summed score of a worker's answers. */
export function summedScore(key: AnswerKey, answers: readonly AnswerField[]): number {
  let sum = 0;
  for (const question of key.questions) {
    const answer = answers.find((a) => a.questionIdentifier === question.questionIdentifier);
    const chosen = new Set(answer?.selectionIdentifiers ?? []);
    const match = question.options.find(
      (option) => option.selections.length === chosen.size && option.selections.every((s) => chosen.has(s)),
    );
    sum += match === undefined ? question.defaultScore : match.score;
  }
  return sum;
}

export function mapScore(mapping: ValueMapping, sum: number): number {
  switch (mapping.kind) {
    case 'none':
      return Math.round(sum);
    case 'percentage':
      return Math.round((sum / mapping.maximumSummedScore) * 100);
    case 'scale':
      return Math.round(sum * mapping.multiplier);
    case 'range':
      return mapping.ranges.find((r) => sum >= r.lower && sum <= r.upper)?.value ?? mapping.outOfRangeValue;
  }
}

/** The Qualification value a QuestionFormAnswers document earns under an AnswerKey. */
export function scoreAgainstAnswerKey(answerKeyXml: string, answersXml: string): number {
  const key = parseAnswerKey(answerKeyXml);
  let answers: AnswerField[];
  try {
    answers = parseQuestionFormAnswers(answersXml);
  } catch (error) {
    throw xmlParseError(error instanceof Error ? error.message : String(error));
  }
  return mapScore(key.mapping, summedScore(key, answers));
}
