/**
 * Question documents the worker-site tests render and submit: a QuestionForm with every answer type and constraint,
 * a qualification test, and a helper to sign a browser-less client into the site.
 */
import type { LocalMTurk } from '../src/index';

const QF = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd';

/** Every answer type: radio, checkbox (min/max), list, dropdown, multichooser, "other", and constrained free text. */
export const EVERY_ANSWER_FORM = `<QuestionForm xmlns="${QF}">
  <Overview><Title>Tell us about &lt;fruit&gt;</Title><Text>Plain text with &lt;b&gt;tags&lt;/b&gt; shown as text.</Text>
    <List><ListItem>First &amp; foremost</ListItem><ListItem>Second</ListItem></List>
    <Binary><MimeType><Type>image</Type><SubType>png</SubType></MimeType><DataURL>https://example.org/cat.png</DataURL><AltText>A sleeping cat</AltText></Binary>
    <FormattedContent><![CDATA[<p>Formatted <em>content</em></p>]]></FormattedContent></Overview>
  <Question><QuestionIdentifier>colour</QuestionIdentifier><DisplayName>Colour</DisplayName><IsRequired>true</IsRequired>
    <QuestionContent><Text>Pick one colour.</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>red</SelectionIdentifier><Text>Red</Text></Selection>
      <Selection><SelectionIdentifier>blue</SelectionIdentifier><Text>Blue</Text></Selection></Selections></SelectionAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>pets</QuestionIdentifier><DisplayName>Pets</DisplayName>
    <QuestionContent><Text>Pick two or three.</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><MinSelectionCount>2</MinSelectionCount><MaxSelectionCount>3</MaxSelectionCount>
      <StyleSuggestion>checkbox</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>cat</SelectionIdentifier><Text>Cat</Text></Selection>
      <Selection><SelectionIdentifier>dog</SelectionIdentifier><Text>Dog</Text></Selection>
      <Selection><SelectionIdentifier>fish</SelectionIdentifier><Text>Fish</Text></Selection>
      <Selection><SelectionIdentifier>bird</SelectionIdentifier><Text>Bird</Text></Selection></Selections></SelectionAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>size</QuestionIdentifier><DisplayName>Size</DisplayName><IsRequired>true</IsRequired>
    <QuestionContent><Text>Size?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>dropdown</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>s</SelectionIdentifier><Text>Small</Text></Selection>
      <Selection><SelectionIdentifier>l</SelectionIdentifier><Text>Large</Text></Selection></Selections></SelectionAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>days</QuestionIdentifier><DisplayName>Days</DisplayName>
    <QuestionContent><Text>Which days?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><MinSelectionCount>0</MinSelectionCount><MaxSelectionCount>2</MaxSelectionCount>
      <StyleSuggestion>multichooser</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>mon</SelectionIdentifier><Text>Monday</Text></Selection>
      <Selection><SelectionIdentifier>tue</SelectionIdentifier><Text>Tuesday</Text></Selection>
      <Selection><SelectionIdentifier>wed</SelectionIdentifier><Text>Wednesday</Text></Selection></Selections></SelectionAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>shape</QuestionIdentifier><DisplayName>Shape</DisplayName>
    <QuestionContent><Text>Shape?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><MinSelectionCount>0</MinSelectionCount><StyleSuggestion>list</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>round</SelectionIdentifier><Text>Round</Text></Selection>
      <Selection><SelectionIdentifier>square</SelectionIdentifier><Binary><MimeType><Type>image</Type></MimeType><DataURL>https://example.org/sq.png</DataURL><AltText>A square</AltText></Binary></Selection>
      <OtherSelection><Constraints><Length maxLength="10"/></Constraints></OtherSelection></Selections></SelectionAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>zip</QuestionIdentifier><DisplayName>ZIP code</DisplayName><IsRequired>true</IsRequired>
    <QuestionContent><Text>Your ZIP code.</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><Length minLength="5" maxLength="5"/>
      <AnswerFormatRegex regex="^[0-9]{5}$" errorText="Five digits, please."/></Constraints></FreeTextAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>age</QuestionIdentifier><DisplayName>Age</DisplayName>
    <QuestionContent><Text>Age in years.</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><IsNumeric minValue="18" maxValue="120"/></Constraints></FreeTextAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>comment</QuestionIdentifier><DisplayName>Comment</DisplayName>
    <QuestionContent><Text>Anything else?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><AnswerFormatRegex regex="fruit" flags="i" errorText="Mention a fruit."/></Constraints>
      <DefaultText>No fruit</DefaultText><NumberOfLinesSuggestion>3</NumberOfLinesSuggestion></FreeTextAnswer></AnswerSpecification></Question>
</QuestionForm>`;

/** A two-question test scored by an AnswerKey (100 when both are right). */
export const QUALIFICATION_TEST = `<QuestionForm xmlns="${QF}">
  <Question><QuestionIdentifier>capital</QuestionIdentifier><IsRequired>true</IsRequired>
    <QuestionContent><Text>Capital of France?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><Selections>
      <Selection><SelectionIdentifier>paris</SelectionIdentifier><Text>Paris</Text></Selection>
      <Selection><SelectionIdentifier>lyon</SelectionIdentifier><Text>Lyon</Text></Selection></Selections></SelectionAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>sum</QuestionIdentifier><IsRequired>true</IsRequired>
    <QuestionContent><Text>2 + 2?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>dropdown</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>four</SelectionIdentifier><Text>4</Text></Selection>
      <Selection><SelectionIdentifier>five</SelectionIdentifier><Text>5</Text></Selection></Selections></SelectionAnswer></AnswerSpecification></Question>
</QuestionForm>`;

export const QUALIFICATION_ANSWER_KEY = `<AnswerKey xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd">
  <Question><QuestionIdentifier>capital</QuestionIdentifier><AnswerOption><SelectionIdentifier>paris</SelectionIdentifier><AnswerScore>1</AnswerScore></AnswerOption></Question>
  <Question><QuestionIdentifier>sum</QuestionIdentifier><AnswerOption><SelectionIdentifier>four</SelectionIdentifier><AnswerScore>1</AnswerScore></AnswerOption></Question>
  <QualificationValueMapping><PercentageMapping><MaximumSummedScore>2</MaximumSummedScore></PercentageMapping></QualificationValueMapping>
</AnswerKey>`;


/** Signs a plain HTTP client in as `workerId`; returns the cookie to send. */
export async function signInCookie(server: LocalMTurk, workerId: string): Promise<string> {
  const response = await fetch(`${server.url}/worker/signin`, {
    method: 'POST',
    headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ workerId }).toString(),
    redirect: 'manual',
  });
  const cookie = response.headers.get('set-cookie');
  if (response.status !== 303 || cookie === null) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(';')[0] ?? '';
}
