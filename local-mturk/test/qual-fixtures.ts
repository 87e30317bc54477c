/** Shared XML for the qualification tests: a two-question test and its AnswerKey (10 points each, percentage mapping). */
const QF = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd';
const AK = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd';

const selectionQuestion = (id: string, options: string[]): string =>
  `<Question><QuestionIdentifier>${id}</QuestionIdentifier><QuestionContent><Text>${id}?</Text></QuestionContent>` +
  `<AnswerSpecification><SelectionAnswer><Selections>${options
    .map((o) => `<Selection><SelectionIdentifier>${o}</SelectionIdentifier><Text>${o}</Text></Selection>`)
    .join('')}</Selections></SelectionAnswer></AnswerSpecification></Question>`;

export const TEST_FORM = `<QuestionForm xmlns="${QF}">${selectionQuestion('animal', ['cat', 'dog'])}${selectionQuestion('color', ['red', 'blue'])}</QuestionForm>`;

export const ANSWER_KEY =
  `<AnswerKey xmlns="${AK}">` +
  '<Question><QuestionIdentifier>animal</QuestionIdentifier><AnswerOption><SelectionIdentifier>cat</SelectionIdentifier><AnswerScore>10</AnswerScore></AnswerOption></Question>' +
  '<Question><QuestionIdentifier>color</QuestionIdentifier><AnswerOption><SelectionIdentifier>blue</SelectionIdentifier><AnswerScore>10</AnswerScore></AnswerOption></Question>' +
  '<QualificationValueMapping><PercentageMapping><MaximumSummedScore>20</MaximumSummedScore></PercentageMapping></QualificationValueMapping>' +
  '</AnswerKey>';
