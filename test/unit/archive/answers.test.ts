import { describe, expect, it } from 'vitest';
import { answersForResults, answersFromXml, nestedAnswers } from '../../../electron/archive/answer-fields';
import {
  buildQuestionFormAnswers,
  flattenAnswers,
  parseQuestionFormAnswers,
  parseWithXmlParser,
  QUESTION_FORM_ANSWERS_NAMESPACE,
  type AnswerField,
} from '../../../shared/mturk/answers';
import { scanQuestionFormAnswers } from '../../../shared/mturk/answers-scanner';

type Outcome = { ok: AnswerField[] } | { error: string };
const outcome = (parse: (xml: string) => AnswerField[], xml: string): Outcome => {
  try {
    return { ok: parse(xml) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};
/** The answers (or the error) the archive stores must not depend on which reader handled the document. */
const expectSameAsParser = (xml: string): void => {
  expect(outcome(parseQuestionFormAnswers, xml), xml).toEqual(outcome(parseWithXmlParser, xml));
  const scanned = scanQuestionFormAnswers(xml);
  if (scanned !== undefined) expect(scanned, xml).toEqual(parseWithXmlParser(xml));
};

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n';
const root = (body: string, attrs = ` xmlns="${QUESTION_FORM_ANSWERS_NAMESPACE}"`): string => `${DECL}<QuestionFormAnswers${attrs}>${body}</QuestionFormAnswers>`;
const answer = (inner: string): string => `<Answer><QuestionIdentifier>q1</QuestionIdentifier>${inner}</Answer>`;

/** Documents the scanner reads itself: the shapes MTurk sends. */
const PLAIN = [
  root(answer('<FreeText>cat</FreeText>')),
  root(answer('<FreeText></FreeText>')),
  root(answer('<FreeText>  two  spaces\n\tand a tab  </FreeText>')),
  root(answer('<FreeText>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &apos;x&apos;</FreeText>')),
  root(answer('<FreeText>&amp;lt; stays &amp;lt;, not &lt;</FreeText>')),
  root(answer('<FreeText>&#233;t&#xE9; &#x1F600; &#128512; &#13; &#0065;</FreeText>')),
  root(answer('<FreeText>é 😀 中文 \u2028 ></FreeText>')),
  root(answer('<SelectionIdentifier>a</SelectionIdentifier><SelectionIdentifier> b </SelectionIdentifier><OtherSelectionText> other </OtherSelectionText>')),
  root(answer('<UploadedFileSizeInBytes> 1024 </UploadedFileSizeInBytes><UploadedFileKey> uploads/key.png </UploadedFileKey>')),
  root('\n  ' + answer('<FreeText>x</FreeText>') + '\n  ' + '<Answer>\n <QuestionIdentifier> q2 </QuestionIdentifier>\n <FreeText>y</FreeText>\n</Answer>\n'),
  root(''),
  root('  \n '),
  `<QuestionFormAnswers/>`,
  `<QuestionFormAnswers xmlns='${QUESTION_FORM_ANSWERS_NAMESPACE}' xmlns:x="urn:x" />`,
  root(answer('<FreeText>x</FreeText>')).replace(DECL, ''),
  `<?xml version='1.0'?><QuestionFormAnswers>${answer('<FreeText>x</FreeText>')}</QuestionFormAnswers>\n`,
  root(`<Answer><QuestionIdentifier>__proto__</QuestionIdentifier><FreeText>p</FreeText></Answer>`),
  buildQuestionFormAnswers([{ questionIdentifier: 'taskAnswers', freeText: '[{"sentiment":{"label":"pos"},"ok":{"yes":true,"no":false}}]' }]),
];

/** Documents left to the XML parser (the scanner must decline them, and the result must still be the parser's). */
const UNUSUAL = [
  root(answer('<FreeText><![CDATA[<b>raw</b> & more]]></FreeText>')),
  root(answer('<FreeText>a<!-- comment -->b</FreeText>')),
  root(answer('<FreeText/>')),
  root(answer('<FreeText lang="en">x</FreeText>')),
  root(answer('<FreeText>a\r\nb\rc</FreeText>')),
  root(answer('<FreeText>&nbsp;&eacute;&copy;</FreeText>')),
  root(answer('<FreeText>&#0;&#xD800;&#1114112;</FreeText>')),
  root(answer('<FreeText>lone & ampersand</FreeText>')),
  root(answer('<FreeText>x</FreeText><FreeText>y</FreeText>')),
  root(answer('<FreeText>x</FreeText><Unknown>y</Unknown>')),
  root(answer('text between <FreeText>x</FreeText>')),
  root('<Answer><FreeText>no id</FreeText></Answer>'),
  root('<Answer><QuestionIdentifier>  </QuestionIdentifier></Answer>'),
  root(answer('<UploadedFileSizeInBytes>12kB</UploadedFileSizeInBytes>')),
  root(answer('<FreeText>x</FreeText >')),
  `<qfa:QuestionFormAnswers xmlns:qfa="${QUESTION_FORM_ANSWERS_NAMESPACE}"><qfa:Answer><qfa:QuestionIdentifier>q</qfa:QuestionIdentifier><qfa:FreeText>ns</qfa:FreeText></qfa:Answer></qfa:QuestionFormAnswers>`,
  `<!DOCTYPE QuestionFormAnswers><QuestionFormAnswers>${answer('<FreeText>x</FreeText>')}</QuestionFormAnswers>`,
  `\uFEFF<QuestionFormAnswers>${answer('<FreeText>x</FreeText>')}</QuestionFormAnswers>`,
  ` ${DECL}<QuestionFormAnswers/>`,
  `<QuestionFormAnswers a="1" a="2"/>`,
  `<QuestionFormAnswers>${answer('<FreeText>x</FreeText>')}</QuestionFormAnswers><Extra/>`,
  `<QuestionFormAnswers>${answer('<FreeText>x</FreeText>')}`,
  '<QuestionFormAnswers><Answer><QuestionIdentifier>q1',
  '<Other/>',
  'not xml at all',
  '',
  '   ',
  root(answer('<FreeText>x]]>y</FreeText>')),
  root(answer('<FreeText>bell\u0007</FreeText>')),
];

describe('QuestionFormAnswers: the fast scanner and the XML parser agree', () => {
  it('reads the plain shapes itself, with the same answers as the parser', () => {
    for (const xml of PLAIN) {
      expect(scanQuestionFormAnswers(xml), xml).toBeDefined();
      expectSameAsParser(xml);
    }
  });

  it('leaves anything unusual to the parser, so the answers or the error are the parser\'s', () => {
    for (const xml of UNUSUAL) {
      expect(scanQuestionFormAnswers(xml), xml).toBeUndefined();
      expectSameAsParser(xml);
    }
  });

  it('agrees with the parser on thousands of generated documents (random text, entities, layout)', () => {
    let seed = 20261201;
    const random = (): number => {
      seed = (seed * 1_664_525 + 1_013_904_223) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const PIECES = ['a', 'Z', '0', ' ', '  ', '\n', '\t', '\r', '\r\n', '&', '<', '>', '"', "'", ']]>', 'é', '😀', '\u00A0', '\u2028', '\uD800', '\uFFFE', '__proto__', 'constructor', '|', '.', 'x'.repeat(40), '&amp;', '&#233;', '\u0001'];
    const text = (): string => Array.from({ length: Math.floor(random() * 8) }, () => pick(PIECES)).join('');
    const field = (): AnswerField => {
      const f: AnswerField = { questionIdentifier: pick(['q1', 'q2', ' padded ', '__proto__', 'taskAnswers', text() || 'q']) };
      if (random() < 0.7) f.freeText = random() < 0.1 ? '[{"a":{"b":true},"c":[1,2]}]' : text();
      if (random() < 0.3) f.selectionIdentifiers = Array.from({ length: 1 + Math.floor(random() * 3) }, () => text());
      if (random() < 0.2) f.otherSelectionText = text();
      if (random() < 0.2) f.uploadedFileKey = text();
      if (random() < 0.2) f.uploadedFileSizeInBytes = Math.floor(random() * 1e6);
      return f;
    };
    let scanned = 0;
    for (let i = 0; i < 2000; i++) {
      let xml = buildQuestionFormAnswers(Array.from({ length: Math.floor(random() * 4) }, field));
      if (random() < 0.3) xml = xml.replace(/<Answer>/g, '\n  <Answer>\n    ').replace(/<\/Answer>/g, '\n  </Answer>');
      if (random() < 0.2) xml = xml.replace(DECL.trim(), '');
      expectSameAsParser(xml);
      if (scanQuestionFormAnswers(xml) !== undefined) scanned++;
      const expected = outcome(parseWithXmlParser, xml);
      expect(answersFromXml(xml)).toEqual('ok' in expected ? { answers: flattenAnswers(expected.ok), problem: null } : { answers: {}, problem: expected.error });
    }
    // The fast path must actually be the common one.
    expect(scanned).toBeGreaterThan(1000);
  });
});

describe('answers under any field name', () => {
  it('keeps a field called __proto__ (or constructor) through flattening and a JSON round trip', () => {
    const fields = parseQuestionFormAnswers(
      buildQuestionFormAnswers([
        { questionIdentifier: '__proto__', freeText: 'kept' },
        { questionIdentifier: 'constructor', freeText: 'also kept' },
        { questionIdentifier: 'taskAnswers', freeText: '[{"__proto__":{"polluted":true},"hasOwnProperty":"x"}]' },
      ]),
    );
    const flat = flattenAnswers(fields);
    expect(Object.entries(flat)).toEqual([
      ['__proto__', 'kept|polluted'],
      ['constructor', 'also kept'],
      ['hasOwnProperty', 'x'],
    ]);
    const stored = JSON.stringify(flat);
    expect(stored).toBe('{"__proto__":"kept|polluted","constructor":"also kept","hasOwnProperty":"x"}');
    const read = JSON.parse(stored) as Record<string, string>;
    expect(Object.entries(read)).toEqual(Object.entries(flat));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps a worker\'s deeply nested taskAnswers object whole under its key, and the answer\'s other fields with it', () => {
    const nested = (levels: number): string => `${'{"a":'.repeat(levels)}"deep"${'}'.repeat(levels)}`;
    const xml = (levels: number): string =>
      buildQuestionFormAnswers([
        { questionIdentifier: 'comment', freeText: 'fine' },
        { questionIdentifier: 'taskAnswers', freeText: `[{"label":"cat","tree":${nested(levels)}}]` },
      ]);
    // Forty levels: flattened to the 32nd, the rest kept as JSON text.
    const forty = answersFromXml(xml(40));
    expect(forty.problem).toBeNull();
    expect(forty.answers).toEqual({ comment: 'fine', label: 'cat', [`tree${'.a'.repeat(31)}`]: nested(9) });
    // Ten thousand levels (more than flattening or JSON.stringify could follow): the other answers still arrive.
    const deep = answersFromXml(xml(10_000));
    expect(deep.problem).toBeNull();
    expect(deep.answers).toMatchObject({ comment: 'fine', label: 'cat', [`tree${'.a'.repeat(31)}`]: '(nested too deeply to show: see the raw answer)' });
  });
});

describe('answers for a batch results file', () => {
  const xml = buildQuestionFormAnswers([
    { questionIdentifier: 'taskAnswers', freeText: '[{"topics":{"labels":["a|b","c"]},"sentiment":{"label":"pos"},"boxes":[{"left":1}],"ok":{"yes":true,"no":false},"n":7}]' },
  ]);

  it('writes crowd-form lists as JSON text, so a value holding | reads back unchanged', () => {
    expect(answersForResults(xml, {})).toEqual({ 'topics.labels': '["a|b","c"]', 'sentiment.label': 'pos', boxes: '[{"left":1}]', ok: 'yes', n: '7' });
    // The archive's own flattening (the grid's) joins them.
    expect(flattenAnswers(parseQuestionFormAnswers(xml))['topics.labels']).toBe('a|b|c');
  });

  it('keeps the archived values when the XML cannot be read, and nests a taskAnswers object for JSON', () => {
    expect(answersForResults('<nope', { q: 'kept' })).toEqual({ q: 'kept' });
    expect(nestedAnswers(xml)).toEqual({ topics: { labels: ['a|b', 'c'] }, sentiment: { label: 'pos' }, boxes: [{ left: 1 }], ok: { yes: true, no: false }, n: 7 });
    expect(nestedAnswers(buildQuestionFormAnswers([{ questionIdentifier: 'q1', freeText: 'x' }]))).toEqual({ q1: 'x' });
    expect(nestedAnswers('<nope')).toBeNull();
  });
});
