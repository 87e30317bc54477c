/**
 * A builder test as MTurk's XML: a QuestionForm (the Test) and an AnswerKey that scores it, and back again, so a type's
 * test can be reopened in the builder. Reading back accepts only the shape the builder writes; any other test is
 * reported as such (it can still be replaced by a built one).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeXmlText } from '../mturk/answers';
import { bestSum, checkTestSpec, TEST_XML_MAX_CHARS, type TestMapping, type TestProblem, type TestQuestion, type TestQuestionStyle, type TestSpec } from './test-spec';

export const QUESTION_FORM_NAMESPACE = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd';
export const ANSWER_KEY_NAMESPACE = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd';

/** Either the value or what is wrong (a list for a form to place, or one sentence). */
export type Outcome<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

export interface TestXml {
  readonly test: string;
  readonly answerKey: string;
}

/** The Test and AnswerKey for a spec, or every problem with it (the XML size limits included). */
export function buildTestXml(spec: TestSpec): Outcome<TestXml, TestProblem[]> {
  const problems = checkTestSpec(spec);
  if (problems.length > 0) return err(problems);
  const xml = { test: questionForm(spec), answerKey: answerKey(spec) };
  const tooLong: TestProblem[] = [];
  if (xml.test.length > TEST_XML_MAX_CHARS) tooLong.push({ field: 'questions', message: `The test's XML has ${xml.test.length.toLocaleString('en-US')} characters; MTurk takes at most 65,535. Shorten or remove questions.` });
  if (xml.answerKey.length > TEST_XML_MAX_CHARS) tooLong.push({ field: 'questions', message: `The answer key has ${xml.answerKey.length.toLocaleString('en-US')} characters; MTurk takes at most 65,535.` });
  return tooLong.length > 0 ? err(tooLong) : ok(xml);
}

const text = (value: string): string => escapeXmlText(value);

function questionForm(spec: TestSpec): string {
  const overview = `<Overview><Title>${text(spec.title)}</Title>${spec.overview.trim() === '' ? '' : `<Text>${text(spec.overview)}</Text>`}</Overview>`;
  const questions = spec.questions.map(
    (q) =>
      `<Question><QuestionIdentifier>${q.id}</QuestionIdentifier><IsRequired>true</IsRequired>` +
      `<QuestionContent><Text>${text(q.text)}</Text></QuestionContent>` +
      `<AnswerSpecification><SelectionAnswer><MinSelectionCount>1</MinSelectionCount><MaxSelectionCount>1</MaxSelectionCount>` +
      `<StyleSuggestion>${q.style}</StyleSuggestion><Selections>` +
      q.options.map((o) => `<Selection><SelectionIdentifier>${o.id}</SelectionIdentifier><Text>${text(o.text)}</Text></Selection>`).join('') +
      `</Selections></SelectionAnswer></AnswerSpecification></Question>`,
  );
  return `<QuestionForm xmlns="${QUESTION_FORM_NAMESPACE}">${overview}${questions.join('')}</QuestionForm>`;
}

function answerKey(spec: TestSpec): string {
  const questions = spec.questions.map(
    (q) =>
      `<Question><QuestionIdentifier>${q.id}</QuestionIdentifier>` +
      q.options.map((o) => `<AnswerOption><SelectionIdentifier>${o.id}</SelectionIdentifier><AnswerScore>${o.score}</AnswerScore></AnswerOption>`).join('') +
      `</Question>`,
  );
  return `<AnswerKey xmlns="${ANSWER_KEY_NAMESPACE}">${questions.join('')}${mappingXml(spec)}</AnswerKey>`;
}

function mappingXml(spec: TestSpec): string {
  const { mapping } = spec;
  const wrap = (inner: string): string => `<QualificationValueMapping>${inner}</QualificationValueMapping>`;
  switch (mapping.kind) {
    case 'none':
      return '';
    case 'percentage':
      return wrap(`<PercentageMapping><MaximumSummedScore>${bestSum(spec)}</MaximumSummedScore></PercentageMapping>`);
    case 'scale':
      return wrap(`<ScaleMapping><SummedScoreMultiplier>${mapping.multiplier}</SummedScoreMultiplier></ScaleMapping>`);
    case 'range':
      return wrap(
        `<RangeMapping>${mapping.ranges
          .map((r) => `<SummedScoreRange><InclusiveLowerBound>${r.lower}</InclusiveLowerBound><InclusiveUpperBound>${r.upper}</InclusiveUpperBound><QualificationValue>${r.value}</QualificationValue></SummedScoreRange>`)
          .join('')}<OutOfRangeQualificationValue>${mapping.outOfRangeValue}</OutOfRangeQualificationValue></RangeMapping>`,
      );
  }
}

// ---------------------------------------------------------------- reading back

const REPEATED = new Set(['Question', 'Selection', 'AnswerOption', 'SummedScoreRange']);
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true, htmlEntities: true, isArray: (name) => REPEATED.has(name) });

type Node = Record<string, unknown>;
const node = (value: unknown): Node => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : {});
const list = (value: unknown): Node[] => (Array.isArray(value) ? value.map(node) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

class NotBuilt extends Error {}
function num(value: unknown, what: string): number {
  const n = Number(str(value));
  if (str(value) === '' || !Number.isFinite(n)) throw new NotBuilt(`${what} is not a number.`);
  return n;
}

/**
 * The builder's spec for a Test and its AnswerKey, or why the builder cannot edit them (another shape of test, or
 * XML that is not well formed).
 */
export function parseTestXml(xml: TestXml): Outcome<TestSpec, string> {
  for (const [name, value] of [['test', xml.test], ['answer key', xml.answerKey]] as const) {
    const verdict = XMLValidator.validate(value);
    if (verdict !== true) return err(`The ${name} is not well-formed XML: ${verdict.err.msg} (line ${verdict.err.line}).`);
  }
  try {
    const form = node(parser.parse(xml.test).QuestionForm);
    const key = node(parser.parse(xml.answerKey).AnswerKey);
    const scores = new Map(list(key.Question).map((q) => [str(q.QuestionIdentifier), new Map(list(q.AnswerOption).map((o) => [str(o.SelectionIdentifier), num(o.AnswerScore, 'An AnswerScore')]))]));
    const questions = list(form.Question).map((q): TestQuestion => {
      const id = str(q.QuestionIdentifier);
      const selection = node(node(q.AnswerSpecification).SelectionAnswer);
      const style = str(selection.StyleSuggestion) as TestQuestionStyle;
      if (style !== 'radiobutton' && style !== 'dropdown') throw new NotBuilt(`Question "${id}" is not a single-choice question.`);
      const keyed = scores.get(id);
      if (!keyed) throw new NotBuilt(`The answer key does not score question "${id}".`);
      const options = list(node(selection.Selections).Selection).map((s) => {
        const optionId = str(s.SelectionIdentifier);
        const score = keyed.get(optionId);
        if (score === undefined) throw new NotBuilt(`The answer key does not score option "${optionId}" of question "${id}".`);
        return { id: optionId, text: str(s.Text), score };
      });
      return { id, text: str(node(q.QuestionContent).Text), style, options };
    });
    const overview = node(form.Overview);
    return ok({ title: str(overview.Title), overview: str(overview.Text), questions, mapping: mappingOf(node(key.QualificationValueMapping)) });
  } catch (error) {
    if (error instanceof NotBuilt) return err(`The test builder cannot edit this test: ${error.message}`);
    throw error;
  }
}

function mappingOf(mapping: Node): TestMapping {
  if (mapping.PercentageMapping !== undefined) return { kind: 'percentage' };
  if (mapping.ScaleMapping !== undefined) return { kind: 'scale', multiplier: num(node(mapping.ScaleMapping).SummedScoreMultiplier, 'The multiplier') };
  if (mapping.RangeMapping !== undefined) {
    const range = node(mapping.RangeMapping);
    return {
      kind: 'range',
      ranges: list(range.SummedScoreRange).map((r) => ({ lower: num(r.InclusiveLowerBound, 'A lower bound'), upper: num(r.InclusiveUpperBound, 'An upper bound'), value: num(r.QualificationValue, 'A range value') })),
      outOfRangeValue: num(range.OutOfRangeQualificationValue, 'The out-of-range value'),
    };
  }
  return { kind: 'none' };
}
