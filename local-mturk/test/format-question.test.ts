import { describe, expect, it } from 'vitest';
import {
  EXTERNAL_QUESTION_NAMESPACE,
  HTML_QUESTION_NAMESPACE,
  QUESTION_FORM_NAMESPACES,
  checkQualificationTestXml,
  checkQuestionXml,
  questionIdentifiers,
} from '../src/formats/question';
import { MTurkRequestError } from '../src/ops/types';

const QF = QUESTION_FORM_NAMESPACES[0];

function failure(run: () => unknown): MTurkRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof MTurkRequestError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

const external = (url: string, height = '600'): string =>
  `<ExternalQuestion xmlns="${EXTERNAL_QUESTION_NAMESPACE}"><ExternalURL>${url}</ExternalURL><FrameHeight>${height}</FrameHeight></ExternalQuestion>`;
const html = (content: string, height = '0'): string =>
  `<HTMLQuestion xmlns="${HTML_QUESTION_NAMESPACE}"><HTMLContent>${content}</HTMLContent><FrameHeight>${height}</FrameHeight></HTMLQuestion>`;
const question = (id: string, answer: string, extra = ''): string =>
  `<Question><QuestionIdentifier>${id}</QuestionIdentifier>${extra}<QuestionContent><Text>Q ${id}?</Text></QuestionContent><AnswerSpecification>${answer}</AnswerSpecification></Question>`;
const selection = (ids: string[], more = ''): string =>
  `<SelectionAnswer>${more}<Selections>${ids.map((s) => `<Selection><SelectionIdentifier>${s}</SelectionIdentifier><Text>${s}</Text></Selection>`).join('')}</Selections></SelectionAnswer>`;
const form = (body: string, ns: string = QF): string => `<?xml version="1.0" encoding="UTF-8"?><QuestionForm xmlns="${ns}">${body}</QuestionForm>`;

describe('checkQuestionXml', () => {
  it('accepts the three formats and says which one it is', () => {
    expect(checkQuestionXml(external('https://example.com/task?x=1&amp;y=2'))).toBe('ExternalQuestion');
    expect(checkQuestionXml(html('<![CDATA[<!DOCTYPE html><html><body><form></form></body></html>]]>'))).toBe('HTMLQuestion');
    expect(checkQuestionXml(form(question('q1', '<FreeTextAnswer/>')))).toBe('QuestionForm');
    expect(checkQuestionXml(form(question('q1', selection(['a', 'b'])), QUESTION_FORM_NAMESPACES[1]))).toBe('QuestionForm');
  });

  it('rejects XML that is not well-formed with XMLParseError and the parser detail', () => {
    const error = failure(() => checkQuestionXml('<ExternalQuestion><ExternalURL>x</ExternalQuestion>'));
    expect(error.turkErrorCode).toBe('AWS.MechanicalTurk.XMLParseError');
    expect(error.message).toMatch(/^There was an error parsing the XML question or answer data in your request\..*line 1/);
    expect(failure(() => checkQuestionXml('')).turkErrorCode).toBe('AWS.MechanicalTurk.XMLParseError');
    expect(failure(() => checkQuestionXml(external('https://a.example') + external('https://b.example'))).message).toMatch(/more than one root element|Multiple possible root nodes/);
  });

  it('requires the schema namespace', () => {
    const missing = failure(() => checkQuestionXml('<ExternalQuestion><ExternalURL>https://a.b</ExternalURL><FrameHeight>1</FrameHeight></ExternalQuestion>'));
    expect(missing.turkErrorCode).toBe('AWS.MechanicalTurk.XMLParseError');
    expect(missing.message).toContain('no xmlns was declared');
    const wrong = failure(() => checkQuestionXml(form(question('q', '<FreeTextAnswer/>'), 'http://example.com/QuestionForm.xsd')));
    expect(wrong.message).toContain("found 'http://example.com/QuestionForm.xsd'");
  });

  it('accepts a prefixed root with its namespace', () => {
    const xml = `<q:ExternalQuestion xmlns:q="${EXTERNAL_QUESTION_NAMESPACE}"><q:ExternalURL>https://a.example</q:ExternalURL><q:FrameHeight>0</q:FrameHeight></q:ExternalQuestion>`;
    expect(checkQuestionXml(xml)).toBe('ExternalQuestion');
  });

  it('rejects unknown roots', () => {
    expect(failure(() => checkQuestionXml('<Survey/>')).message).toContain("Cannot find the declaration of element 'Survey'");
  });

  it('requires an https ExternalURL (InvalidParameterValue) and a numeric FrameHeight', () => {
    const http = failure(() => checkQuestionXml(external('http://example.com/')));
    expect(http.turkErrorCode).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    expect(http.message).toContain('must use HTTPS');
    expect(failure(() => checkQuestionXml(external('not a url'))).message).toContain('not a valid URL');
    expect(failure(() => checkQuestionXml(external('https://a.example', 'tall'))).message).toContain("'tall' is not a valid value for 'integer'");
    expect(failure(() => checkQuestionXml(`<ExternalQuestion xmlns="${EXTERNAL_QUESTION_NAMESPACE}"><ExternalURL>https://a.example</ExternalURL></ExternalQuestion>`)).message).toContain(
      "'{FrameHeight}' is expected",
    );
  });

  it('allows http on loopback only when asked to', () => {
    expect(() => checkQuestionXml(external('http://127.0.0.1:8080/task'))).toThrow(MTurkRequestError);
    expect(checkQuestionXml(external('http://127.0.0.1:8080/task'), { allowLoopbackHttp: true })).toBe('ExternalQuestion');
    expect(() => checkQuestionXml(external('http://example.com/'), { allowLoopbackHttp: true })).toThrow(/HTTPS/);
  });

  it('requires HTMLContent for HTMLQuestion', () => {
    expect(failure(() => checkQuestionXml(html(''))).message).toContain('HTMLContent');
    expect(failure(() => checkQuestionXml(html('<![CDATA[<p>x</p>]]>', '-1'))).message).toContain('FrameHeight');
  });

  it('requires at least one Question with a unique identifier, content and an answer specification', () => {
    expect(failure(() => checkQuestionXml(form('<Overview><Text>hi</Text></Overview>'))).message).toContain("At least one 'Question'");
    expect(failure(() => checkQuestionXml(form(question('q', '<FreeTextAnswer/>') + question('q', '<FreeTextAnswer/>')))).message).toContain(
      "Duplicate QuestionIdentifier 'q'",
    );
    expect(failure(() => checkQuestionXml(form(question('', '<FreeTextAnswer/>')))).message).toContain('QuestionIdentifier');
    expect(
      failure(() => checkQuestionXml(form('<Question><QuestionIdentifier>q</QuestionIdentifier><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>'))).message,
    ).toContain("'QuestionContent' is expected");
    expect(failure(() => checkQuestionXml(form(question('q', '')))).message).toContain('exactly one of FreeTextAnswer, SelectionAnswer');
    expect(failure(() => checkQuestionXml(form(question('q', '<FreeTextAnswer/><FreeTextAnswer/>')))).message).toContain('found 2');
  });

  it('checks selection answers', () => {
    expect(checkQuestionXml(form(question('q', selection(['a', 'b'], '<MinSelectionCount>1</MinSelectionCount><MaxSelectionCount>2</MaxSelectionCount><StyleSuggestion>checkbox</StyleSuggestion>'))))).toBe('QuestionForm');
    expect(failure(() => checkQuestionXml(form(question('q', selection(['a', 'a']))))).message).toContain("Duplicate SelectionIdentifier 'a'");
    expect(failure(() => checkQuestionXml(form(question('q', '<SelectionAnswer><Selections></Selections></SelectionAnswer>')))).message).toContain(
      "at least one 'Selection'",
    );
    expect(failure(() => checkQuestionXml(form(question('q', selection(['a'], '<MinSelectionCount>3</MinSelectionCount><MaxSelectionCount>2</MaxSelectionCount>'))))).message).toContain(
      'MinSelectionCount 3 is greater than MaxSelectionCount 2',
    );
    expect(failure(() => checkQuestionXml(form(question('q', selection(['a'], '<StyleSuggestion>slider</StyleSuggestion>'))))).message).toContain(
      "Value 'slider' is not facet-valid",
    );
  });

  it('checks free-text constraints and refuses FileUploadAnswer', () => {
    const constraints = (inner: string): string => `<FreeTextAnswer><Constraints>${inner}</Constraints></FreeTextAnswer>`;
    expect(checkQuestionXml(form(question('q', constraints('<IsNumeric minValue="1" maxValue="5"/><Length minLength="1" maxLength="3"/><AnswerFormatRegex regex="^[a-z]+$" flags="i"/>'))))).toBe(
      'QuestionForm',
    );
    expect(failure(() => checkQuestionXml(form(question('q', constraints('<IsNumeric minValue="9" maxValue="5"/>'))))).message).toContain('minValue 9');
    expect(failure(() => checkQuestionXml(form(question('q', constraints('<IsNumeric minValue="x"/>'))))).message).toContain("'x' is not a valid value");
    expect(failure(() => checkQuestionXml(form(question('q', constraints('<AnswerFormatRegex regex="(["/>'))))).turkErrorCode).toBe(
      'AWS.MechanicalTurk.InvalidParameterValue',
    );
    expect(failure(() => checkQuestionXml(form(question('q', '<FileUploadAnswer><MaxFileSizeInBytes>10</MaxFileSizeInBytes></FileUploadAnswer>')))).message).toContain(
      'FileUploadAnswer',
    );
  });

  it('rejects FormattedContent that is not well-formed XHTML with XHTMLParseError', () => {
    const good = form(`<Overview><FormattedContent><![CDATA[<p>Hello <b>there</b></p>]]></FormattedContent></Overview>${question('q', '<FreeTextAnswer/>')}`);
    expect(checkQuestionXml(good)).toBe('QuestionForm');
    const bad = form(`<Overview><FormattedContent><![CDATA[<p>Hello <b>there</p>]]></FormattedContent></Overview>${question('q', '<FreeTextAnswer/>')}`);
    expect(failure(() => checkQuestionXml(bad)).turkErrorCode).toBe('AWS.MechanicalTurk.XHTMLParseError');
  });

  it('accepts the documented tic-tac-toe table (HTML entities such as &nbsp; included)', () => {
    const table =
      '<table border="1"><tr><td></td><td align="center">1</td></tr><tr><td align="right">A</td><td align="center"><b>X</b></td>' +
      '<td align="center">&nbsp;</td></tr><tr><td align="center" colspan="4">It is <b>X</b>\'s turn.</td></tr></table>';
    const xml = form(`<Overview><Title>The Current Board</Title><FormattedContent><![CDATA[${table}]]></FormattedContent></Overview>${question('nextmove', '<FreeTextAnswer/>')}`);
    expect(checkQuestionXml(xml)).toBe('QuestionForm');
  });

  it.each([
    ['<script>alert(1)</script>', 'the element <script>'],
    ['<p><iframe src="https://x.example"></iframe></p>', 'the element <iframe>'],
    ['<form><input name="a"/></form>', 'the element <form>'],
    ['<p onclick="steal()">hi</p>', 'event attributes'],
    ['<a href="javascript:steal()">hi</a>', 'javascript: URLs'],
  ])('refuses %s in FormattedContent', (markup, reason) => {
    const xml = form(`<Overview><FormattedContent><![CDATA[${markup}]]></FormattedContent></Overview>${question('q', '<FreeTextAnswer/>')}`);
    const error = failure(() => checkQuestionXml(xml));
    expect(error.turkErrorCode).toBe('AWS.MechanicalTurk.XHTMLParseError');
    expect(error.message).toContain(reason);
  });
});

describe('Binary content', () => {
  const withContent = (content: string): string =>
    form(`<Question><QuestionIdentifier>q</QuestionIdentifier><QuestionContent>${content}</QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>`);
  const binary = (type: string, url: string, alt = '<AltText>a cat</AltText>'): string =>
    `<Binary><MimeType><Type>${type}</Type><SubType>png</SubType></MimeType><DataURL>${url}</DataURL>${alt}</Binary>`;

  it('accepts image/audio/video with an http(s) DataURL and AltText', () => {
    expect(checkQuestionXml(withContent(binary('image', 'https://example.com/cat.png')))).toBe('QuestionForm');
  });

  it('refuses other media types, bad URLs, missing AltText and withdrawn Application content', () => {
    expect(failure(() => checkQuestionXml(withContent(binary('text', 'https://example.com/a')))).message).toContain("found 'text'");
    expect(failure(() => checkQuestionXml(withContent(binary('image', 'ftp://example.com/a')))).message).toContain('not an http(s) URL');
    expect(failure(() => checkQuestionXml(withContent(binary('image', 'https://example.com/a', '')))).message).toContain("'{AltText}' is expected");
    expect(failure(() => checkQuestionXml(withContent('<Application><JavaApplet/></Application>'))).message).toContain('withdrawn');
  });
});

describe('questionIdentifiers', () => {
  it('lists QuestionForm identifiers in order and nothing for other formats', () => {
    expect(questionIdentifiers(form(question('b', '<FreeTextAnswer/>') + question('a', selection(['x']))))).toEqual(['b', 'a']);
    expect(questionIdentifiers(external('https://a.example'))).toEqual([]);
  });
});

describe('checkQualificationTestXml', () => {
  it('only accepts QuestionForm tests', () => {
    expect(failure(() => checkQualificationTestXml(external('https://a.example'), false)).message).toContain('must be a QuestionForm');
    expect(() => checkQualificationTestXml(form(question('q', '<FreeTextAnswer/>')), false)).not.toThrow();
  });

  it('allows only selection questions without OtherSelection when an AnswerKey grades the test', () => {
    expect(() => checkQualificationTestXml(form(question('q', selection(['a']))), true)).not.toThrow();
    expect(failure(() => checkQualificationTestXml(form(question('q', '<FreeTextAnswer/>')), true)).message).toContain("Question 'q' cannot be scored");
    const withOther = `<SelectionAnswer><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier><Text>a</Text></Selection><OtherSelection/></Selections></SelectionAnswer>`;
    expect(() => checkQualificationTestXml(form(question('q', withOther)), true)).toThrow(/cannot be scored/);
  });
});
