/**
 * The demo account's content, as a requester would have written it: two qualification types and three batches in the
 * three question formats MTurk accepts. Everything here is plain MTurk API input.
 */
import { COMMUTE_SURVEY_PATH, signPictureUrl } from './assets';
import { SIGN_LABELS, SIGN_PICTURES, type SignPicture } from './sign-images';

/** Every demo HIT carries this RequesterAnnotation prefix: how a second fill knows the demo is already there. */
export const DEMO_ANNOTATION = 'turkbench-demo';

const QF = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd';
const AK = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd';
const HQ = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd';
const EQ = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd';

const HOUR = 3600;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------------------------
// Qualification types

const selection = (id: string, text: string): string =>
  `<Selection><SelectionIdentifier>${id}</SelectionIdentifier><Text>${text}</Text></Selection>`;

const radioQuestion = (id: string, text: string, options: readonly (readonly [string, string])[]): string =>
  `<Question><QuestionIdentifier>${id}</QuestionIdentifier><IsRequired>true</IsRequired>` +
  `<QuestionContent><Text>${text}</Text></QuestionContent>` +
  '<AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>' +
  options.map(([value, label]) => selection(value, label)).join('') +
  '</Selections></SelectionAnswer></AnswerSpecification></Question>';

/** The sign test: three questions, each worth one point; the score is the percentage answered right. */
const SIGN_TEST_QUESTIONS = [
  { id: 'octagon', text: 'A red eight-sided sign means:', options: [['stop', 'Stop'], ['yield', 'Yield'], ['no_entry', 'No entry']], correct: 'stop' },
  { id: 'triangle', text: 'A white triangle with a red border, pointing down, means:', options: [['stop', 'Stop'], ['yield', 'Yield'], ['crossing', 'Pedestrian crossing']], correct: 'yield' },
  { id: 'bar', text: 'A red circle with a white horizontal bar means:', options: [['speed', 'Speed limit'], ['no_entry', 'No entry'], ['yield', 'Yield']], correct: 'no_entry' },
] as const;

const SIGN_TEST =
  `<QuestionForm xmlns="${QF}"><Overview><Title>Road sign test</Title>` +
  '<Text>Three questions about common road signs. You need two right answers to work on our sign labelling HITs.</Text></Overview>' +
  SIGN_TEST_QUESTIONS.map((q) => radioQuestion(q.id, q.text, q.options)).join('') +
  '</QuestionForm>';

const SIGN_ANSWER_KEY =
  `<AnswerKey xmlns="${AK}">` +
  SIGN_TEST_QUESTIONS.map(
    (q) =>
      `<Question><QuestionIdentifier>${q.id}</QuestionIdentifier><AnswerOption>` +
      `<SelectionIdentifier>${q.correct}</SelectionIdentifier><AnswerScore>1</AnswerScore></AnswerOption></Question>`,
  ).join('') +
  `<QualificationValueMapping><PercentageMapping><MaximumSummedScore>${SIGN_TEST_QUESTIONS.length}</MaximumSummedScore></PercentageMapping></QualificationValueMapping>` +
  '</AnswerKey>';

export const SIGN_TEST_NAME = 'Road sign recognition (test)';
export const PANEL_QUALIFICATION_NAME = 'Transport study panel';
/** The score (percent) the sign test must give to label signs. */
export const SIGN_TEST_PASS_PERCENT = 66;

export const DEMO_QUALIFICATION_TYPES = [
  {
    Name: SIGN_TEST_NAME,
    Description: 'Scored test on common road signs. Required for the road sign labelling HITs.',
    Keywords: 'road signs, image labelling, test',
    QualificationTypeStatus: 'Active',
    Test: SIGN_TEST,
    AnswerKey: SIGN_ANSWER_KEY,
    TestDurationInSeconds: 600,
    RetryDelayInSeconds: DAY,
  },
  {
    Name: PANEL_QUALIFICATION_NAME,
    Description: 'Workers who took part in our transport surveys and gave careful answers. Granted by the requester.',
    Keywords: 'survey, panel, transport',
    QualificationTypeStatus: 'Active',
  },
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Batch 1: road sign labelling — an HTMLQuestion with the crowd HTML elements.

const signQuestion = (imageUrl: string): string =>
  `<HTMLQuestion xmlns="${HQ}"><HTMLContent><![CDATA[<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><script src="https://assets.crowd.aws/crowd-html-elements.js"></script></head>
<body>
<crowd-form>
  <crowd-classifier name="category" categories="${JSON.stringify(SIGN_LABELS).replace(/"/g, "'")}" header="Which road sign is in the picture?">
    <classification-target><img src="${imageUrl}" alt="A road sign" style="max-width: 100%; max-height: 320px"></classification-target>
    <full-instructions header="Road sign labelling">
      <p>Choose the one category that matches the sign. Speed limit signs show a number in a red ring, whatever the number.</p>
    </full-instructions>
    <short-instructions>Pick the road sign shown in the picture.</short-instructions>
  </crowd-classifier>
</crowd-form>
</body>
</html>]]></HTMLContent><FrameHeight>600</FrameHeight></HTMLQuestion>`;

// ---------------------------------------------------------------------------------------------------------------
// Batch 2: a QuestionForm survey with selections and constrained free text.

const freeTextQuestion = (id: string, text: string, required: boolean, constraints: string): string =>
  `<Question><QuestionIdentifier>${id}</QuestionIdentifier><IsRequired>${required}</IsRequired>` +
  `<QuestionContent><Text>${text}</Text></QuestionContent>` +
  `<AnswerSpecification><FreeTextAnswer><Constraints>${constraints}</Constraints></FreeTextAnswer></AnswerSpecification></Question>`;

const SHOPPING_SURVEY =
  `<QuestionForm xmlns="${QF}">` +
  '<Overview><Title>Online shopping habits</Title>' +
  '<Text>A five-question survey for a university consumer research project. Answers are anonymous.</Text></Overview>' +
  radioQuestion('age_group', 'How old are you?', [['18_24', '18–24'], ['25_34', '25–34'], ['35_44', '35–44'], ['45_54', '45–54'], ['55_plus', '55 or older']]) +
  '<Question><QuestionIdentifier>devices</QuestionIdentifier><IsRequired>true</IsRequired>' +
  '<QuestionContent><Text>Which devices do you shop online with? Choose all that apply.</Text></QuestionContent>' +
  '<AnswerSpecification><SelectionAnswer><MinSelectionCount>1</MinSelectionCount><MaxSelectionCount>4</MaxSelectionCount>' +
  '<StyleSuggestion>checkbox</StyleSuggestion><Selections>' +
  selection('phone', 'Phone') + selection('laptop', 'Laptop') + selection('tablet', 'Tablet') + selection('desktop', 'Desktop computer') +
  '</Selections></SelectionAnswer></AnswerSpecification></Question>' +
  freeTextQuestion('orders_per_month', 'About how many online orders do you place in a month?', true, '<IsNumeric minValue="0" maxValue="200"/>') +
  freeTextQuestion('zip_code', 'What is your 5-digit ZIP code?', true, '<Length minLength="5" maxLength="5"/><AnswerFormatRegex regex="^[0-9]{5}$" errorText="Enter five digits"/>') +
  freeTextQuestion('frustration', 'What frustrates you most when you shop online? (optional, at most 300 characters)', false, '<Length maxLength="300"/>') +
  '</QuestionForm>';

// ---------------------------------------------------------------------------------------------------------------
// Batch 3: an ExternalQuestion survey on a page the Local MTurk serves.

/** The fields the survey page posts, declared for the simulated crowd (it cannot read the page). */
export const COMMUTE_FIELDS = [
  { name: 'commute_mode', options: ['car', 'public_transport', 'bicycle', 'walk', 'remote'] },
  { name: 'commute_minutes', type: 'number', min: 0, max: 240 },
  { name: 'remote_days', options: ['0', '1', '2', '3', '4', '5'] },
  { name: 'improvement', type: 'text', minLength: 0, maxLength: 500 },
] as const;

const commuteQuestion = (baseUrl: string): string =>
  `<ExternalQuestion xmlns="${EQ}"><ExternalURL>${baseUrl}${COMMUTE_SURVEY_PATH}</ExternalURL><FrameHeight>700</FrameHeight></ExternalQuestion>`;

// ---------------------------------------------------------------------------------------------------------------

export type DemoBatchKind = 'signs' | 'shopping' | 'commute';

export interface DemoHit {
  readonly batch: DemoBatchKind;
  /** CreateHIT input, without QualificationRequirements (added once the types exist). */
  readonly input: Record<string, unknown>;
  /** For sign HITs: the picture shown, whose label careful workers pick. */
  readonly picture?: SignPicture;
}

const common = (batch: DemoBatchKind, index: number) => ({ RequesterAnnotation: `${DEMO_ANNOTATION}:${batch}:${index + 1}` });

/** Every HIT of the demo, in creation order. `baseUrl` is where this Local MTurk serves /demo/. */
export function demoHits(baseUrl: string): DemoHit[] {
  const signs = SIGN_PICTURES.map(
    (picture, index): DemoHit => ({
      batch: 'signs',
      picture,
      input: {
        Title: 'Label the road sign in a photo (1 image)',
        Description: 'Look at one street photo and choose which road sign it shows. Takes about 10 seconds.',
        Keywords: 'image, labelling, classification, road sign, quick',
        Reward: '0.05',
        MaxAssignments: 3,
        AssignmentDurationInSeconds: 10 * 60,
        LifetimeInSeconds: 7 * DAY,
        AutoApprovalDelayInSeconds: 3 * DAY,
        Question: signQuestion(signPictureUrl(baseUrl, picture.file)),
        ...common('signs', index),
      },
    }),
  );
  const shopping: DemoHit = {
    batch: 'shopping',
    input: {
      Title: 'Short survey about your online shopping habits (about 3 minutes)',
      Description: 'Five questions about how and how often you shop online, for a university research project.',
      Keywords: 'survey, research, shopping, questionnaire',
      Reward: '0.75',
      MaxAssignments: 60,
      AssignmentDurationInSeconds: 30 * 60,
      LifetimeInSeconds: 5 * DAY,
      AutoApprovalDelayInSeconds: 2 * DAY,
      Question: SHOPPING_SURVEY,
      ...common('shopping', 0),
    },
  };
  const commute: DemoHit = {
    batch: 'commute',
    input: {
      Title: 'Transport study: how do you get to work? (3–4 minutes)',
      Description: 'Answer four questions about your daily commute on our survey page. One response per person.',
      Keywords: 'survey, transport, commute, study',
      Reward: '1.20',
      MaxAssignments: 40,
      AssignmentDurationInSeconds: 45 * 60,
      LifetimeInSeconds: 10 * DAY,
      AutoApprovalDelayInSeconds: 3 * DAY,
      Question: commuteQuestion(baseUrl),
      ...common('commute', 0),
    },
  };
  return [...signs, shopping, commute];
}

/** Requires a pass in the sign test before a worker may accept (they may still find and preview the HIT). */
export function signTestRequirement(qualificationTypeId: string): Record<string, unknown> {
  return {
    QualificationTypeId: qualificationTypeId,
    Comparator: 'GreaterThanOrEqualTo',
    IntegerValues: [SIGN_TEST_PASS_PERCENT],
    ActionsGuarded: 'Accept',
  };
}
