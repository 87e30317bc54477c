import { describe, expect, it } from 'vitest';
import {
  QUESTION_FORM_ANSWERS_NAMESPACE,
  buildQuestionFormAnswers,
  flattenAnswers,
  parseQuestionFormAnswers,
  type AnswerField,
} from '../../shared/mturk/answers';

const SPEC_EXAMPLE = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<QuestionFormAnswers xmlns="${QUESTION_FORM_ANSWERS_NAMESPACE}">
  <Answer><QuestionIdentifier>nextmove</QuestionIdentifier><FreeText>C3</FreeText></Answer>
  <Answer><QuestionIdentifier>colors</QuestionIdentifier><SelectionIdentifier>red</SelectionIdentifier><SelectionIdentifier>blue</SelectionIdentifier></Answer>
  <Answer><QuestionIdentifier>fruit</QuestionIdentifier><SelectionIdentifier>apple</SelectionIdentifier><OtherSelectionText>quince</OtherSelectionText></Answer>
  <Answer><QuestionIdentifier>photo</QuestionIdentifier><UploadedFileSizeInBytes>48213</UploadedFileSizeInBytes><UploadedFileKey>F3X9EXAMPLEKEY</UploadedFileKey></Answer>
</QuestionFormAnswers>`;

describe('parseQuestionFormAnswers', () => {
  it('reads all four answer kinds of the spec example', () => {
    expect(parseQuestionFormAnswers(SPEC_EXAMPLE)).toEqual([
      { questionIdentifier: 'nextmove', freeText: 'C3' },
      { questionIdentifier: 'colors', selectionIdentifiers: ['red', 'blue'] },
      { questionIdentifier: 'fruit', selectionIdentifiers: ['apple'], otherSelectionText: 'quince' },
      { questionIdentifier: 'photo', uploadedFileKey: 'F3X9EXAMPLEKEY', uploadedFileSizeInBytes: 48213 },
    ]);
  });

  it('treats empty strings and empty documents as no answers', () => {
    expect(parseQuestionFormAnswers('')).toEqual([]);
    expect(parseQuestionFormAnswers('  \n')).toEqual([]);
    expect(parseQuestionFormAnswers(`<QuestionFormAnswers xmlns="${QUESTION_FORM_ANSWERS_NAMESPACE}"/>`)).toEqual([]);
    expect(parseQuestionFormAnswers('<QuestionFormAnswers>\n</QuestionFormAnswers>')).toEqual([]);
  });

  it('decodes entities, numeric references and CDATA, and keeps FreeText whitespace', () => {
    const xml =
      '<QuestionFormAnswers><Answer><QuestionIdentifier>a</QuestionIdentifier><FreeText>  x &amp; y &lt;z&gt; &#233;  </FreeText></Answer>' +
      '<Answer><QuestionIdentifier>b</QuestionIdentifier><FreeText><![CDATA[<b>raw & bold</b>]]></FreeText></Answer></QuestionFormAnswers>';
    expect(parseQuestionFormAnswers(xml)).toEqual([
      { questionIdentifier: 'a', freeText: '  x & y <z> é  ' },
      { questionIdentifier: 'b', freeText: '<b>raw & bold</b>' },
    ]);
  });

  it('accepts a namespace prefix and an ASCII declaration', () => {
    const xml = `<?xml version="1.0" encoding="ASCII"?><q:QuestionFormAnswers xmlns:q="${QUESTION_FORM_ANSWERS_NAMESPACE}"><q:Answer><q:QuestionIdentifier>a</q:QuestionIdentifier><q:FreeText>1</q:FreeText></q:Answer></q:QuestionFormAnswers>`;
    expect(parseQuestionFormAnswers(xml)).toEqual([{ questionIdentifier: 'a', freeText: '1' }]);
  });

  it('throws clear errors on malformed input', () => {
    expect(() => parseQuestionFormAnswers('<QuestionFormAnswers><Answer></QuestionFormAnswers>')).toThrow(/not well-formed XML: .*line 1/);
    expect(() => parseQuestionFormAnswers('<Answers/>')).toThrow(/root element must be <QuestionFormAnswers>/);
    expect(() => parseQuestionFormAnswers('<QuestionFormAnswers><Answer><FreeText>x</FreeText></Answer></QuestionFormAnswers>')).toThrow(
      /answer 1 has no <QuestionIdentifier>/,
    );
    expect(() =>
      parseQuestionFormAnswers('<QuestionFormAnswers><Answer><QuestionIdentifier>a</QuestionIdentifier><FreeText><b>x</b></FreeText></Answer></QuestionFormAnswers>'),
    ).toThrow(/<FreeText> of answer 1 must contain only text/);
    expect(() =>
      parseQuestionFormAnswers(
        '<QuestionFormAnswers><Answer><QuestionIdentifier>a</QuestionIdentifier><UploadedFileSizeInBytes>big</UploadedFileSizeInBytes></Answer></QuestionFormAnswers>',
      ),
    ).toThrow(/not a whole number: 'big'/);
    expect(() =>
      parseQuestionFormAnswers('<QuestionFormAnswers><Answer><QuestionIdentifier>a</QuestionIdentifier><FreeText>1</FreeText><FreeText>2</FreeText></Answer></QuestionFormAnswers>'),
    ).toThrow(/answer 1 has more than one <FreeText>/);
    expect(() => parseQuestionFormAnswers('<QuestionFormAnswers/><QuestionFormAnswers/>')).toThrow(/more than one root element/);
    expect(() => parseQuestionFormAnswers('plain text')).toThrow(/not well-formed XML/);
  });

  it('never expands DOCTYPE entities (no entity bombs, no external files)', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<QuestionFormAnswers><Answer><QuestionIdentifier>q</QuestionIdentifier><FreeText>&b;</FreeText></Answer></QuestionFormAnswers>';
    expect(parseQuestionFormAnswers(bomb)).toEqual([{ questionIdentifier: 'q', freeText: '&b;' }]);
    const external =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><QuestionFormAnswers><Answer><QuestionIdentifier>q</QuestionIdentifier><FreeText>&e;</FreeText></Answer></QuestionFormAnswers>';
    expect(() => parseQuestionFormAnswers(external)).toThrow(/could not be read: .*External entities/);
  });

  it('tolerates a byte-order mark, unknown elements and empty selections', () => {
    const xml =
      '\uFEFF<QuestionFormAnswers><Answer><QuestionIdentifier>a</QuestionIdentifier><SelectionIdentifier></SelectionIdentifier><Extra>1</Extra></Answer></QuestionFormAnswers>';
    expect(parseQuestionFormAnswers(xml)).toEqual([{ questionIdentifier: 'a', selectionIdentifiers: [''] }]);
  });
});

describe('buildQuestionFormAnswers', () => {
  const tricky: AnswerField[] = [
    { questionIdentifier: 'q<1>&"\'', freeText: 'a & b < c > d "quoted" \'single\' ]]> end' },
    { questionIdentifier: 'multi', selectionIdentifiers: ['x', 'y', 'z'], otherSelectionText: 'other & more' },
    { questionIdentifier: 'lines', freeText: 'line1\nline2\r\nline3\ttab  ' },
    { questionIdentifier: 'unicode', freeText: 'émoji 😀 中文' },
    { questionIdentifier: 'file', uploadedFileKey: 'KEY1', uploadedFileSizeInBytes: 0 },
    { questionIdentifier: 'empty', freeText: '' },
  ];

  it('writes the 2005-10-01 namespace and an XML declaration', () => {
    const xml = buildQuestionFormAnswers([{ questionIdentifier: 'a', freeText: 'b' }]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
    expect(xml).toContain(`<QuestionFormAnswers xmlns="${QUESTION_FORM_ANSWERS_NAMESPACE}">`);
  });

  it('escapes markup characters', () => {
    const xml = buildQuestionFormAnswers([tricky[0] as AnswerField]);
    expect(xml).toContain('a &amp; b &lt; c &gt; d &quot;quoted&quot; &apos;single&apos; ]]&gt; end');
  });

  it('round-trips through parse, preserving whitespace, CR, unicode, multiple selections and empty text', () => {
    expect(parseQuestionFormAnswers(buildQuestionFormAnswers(tricky))).toEqual(tricky);
  });

  it('drops characters XML cannot carry instead of producing an unparsable document', () => {
    const xml = buildQuestionFormAnswers([{ questionIdentifier: 'a', freeText: 'bell\u0007here\u0000' }]);
    expect(parseQuestionFormAnswers(xml)).toEqual([{ questionIdentifier: 'a', freeText: 'bellhere' }]);
  });

  it('round-trips 300 seeded random answer sets (markup, whitespace, CR/LF, astral characters)', () => {
    let seed = 20261123;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['a', 'Z', '0', ' ', '  ', '\t', '\n', '\r\n', '&', '<', '>', '"', "'", ']]>', '&amp;', 'é', '中', '😀', '|', '.', '{', '}'];
    const text = (max: number): string =>
      Array.from({ length: Math.floor(random() * max) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 300; i += 1) {
      const fields: AnswerField[] = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, n) => {
        const field: AnswerField = { questionIdentifier: `q${n}_${text(5).trim() || 'x'}` };
        const kind = random();
        if (kind < 0.5) field.freeText = text(30);
        else if (kind < 0.8) field.selectionIdentifiers = Array.from({ length: 1 + Math.floor(random() * 3) }, () => text(6).trim() || 'opt');
        else field.otherSelectionText = text(10);
        return field;
      });
      expect(parseQuestionFormAnswers(buildQuestionFormAnswers(fields))).toEqual(fields);
    }
  });

  it('builds an empty document for no answers', () => {
    expect(parseQuestionFormAnswers(buildQuestionFormAnswers([]))).toEqual([]);
  });
});

describe('flattenAnswers', () => {
  it('flattens plain QuestionForm answers', () => {
    expect(flattenAnswers(parseQuestionFormAnswers(SPEC_EXAMPLE))).toEqual({
      nextmove: 'C3',
      colors: 'red|blue',
      fruit: 'apple',
      'fruit.other': 'quince',
      photo: 'F3X9EXAMPLEKEY',
      'photo.sizeInBytes': '48213',
    });
  });

  it('joins repeated form fields and keeps unanswered questions as empty columns', () => {
    expect(
      flattenAnswers([
        { questionIdentifier: 'tag', freeText: 'a' },
        { questionIdentifier: 'tag', freeText: 'b' },
        { questionIdentifier: 'skipped' },
      ]),
    ).toEqual({ tag: 'a|b', skipped: '' });
  });

  it('expands crowd-html-elements taskAnswers into dotted fields', () => {
    const taskAnswers = JSON.stringify([
      {
        sentiment: { label: 'positive' },
        animal: { cat: true, dog: false },
        toppings: { cheese: true, ham: true, olive: false },
        comment: 'fine',
        count: 3,
        agreed: true,
        nothing: null,
        tags: ['a', 'b'],
        annotatedResult: {
          boundingBoxes: [{ height: 10, label: 'car', left: 1, top: 2, width: 3 }],
          inputImageProperties: { height: 100, width: 200 },
        },
      },
    ]);
    expect(flattenAnswers([{ questionIdentifier: 'taskAnswers', freeText: taskAnswers }])).toEqual({
      'sentiment.label': 'positive',
      animal: 'cat',
      toppings: 'cheese|ham',
      comment: 'fine',
      count: '3',
      agreed: 'true',
      nothing: '',
      tags: 'a|b',
      'annotatedResult.boundingBoxes': '[{"height":10,"label":"car","left":1,"top":2,"width":3}]',
      'annotatedResult.inputImageProperties.height': '100',
      'annotatedResult.inputImageProperties.width': '200',
    });
  });

  it('keeps a taskAnswers that is not a one-object JSON array verbatim', () => {
    for (const text of ['not json', '[]', '[{"a":1},{"a":2}]', '{"a":1}', '["x"]']) {
      expect(flattenAnswers([{ questionIdentifier: 'taskAnswers', freeText: text }])).toEqual({ taskAnswers: text });
    }
  });

  it('survives a full crowd-form round trip through XML', () => {
    const fields = [{ questionIdentifier: 'taskAnswers', freeText: '[{"q":"It\'s <raining> & cold"}]' }];
    expect(flattenAnswers(parseQuestionFormAnswers(buildQuestionFormAnswers(fields)))).toEqual({ q: "It's <raining> & cold" });
  });
});
