import { describe, expect, it } from 'vitest';
import { readInputRows, type InputTable } from '../../../shared/batch/input-rows';
import { hasErrors, lintBatch, type BatchSource, type LintRule } from '../../../shared/batch/lint';
import { readBatchProperties } from '../../../shared/batch/properties';
import { buildQuestion } from '../../../shared/batch/question';

const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form answer-format="flatten-objects">
  <crowd-classifier name="animal" categories="['Cat', 'Dog']" header="What is in the photo?">
    <classification-target><img src="\${image_url}" alt="\${alt}"></classification-target>
  </crowd-classifier>
</crowd-form>`;

function table(csv: string): InputTable {
  const read = readInputRows(csv, 'csv');
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

function source(overrides: Partial<BatchSource> & { batch?: Record<string, unknown> } = {}): BatchSource {
  const { batch, ...rest } = overrides;
  const props = readBatchProperties({ Title: 'Label animals', Description: 'Pick one.', Reward: '0.05', MaxAssignments: 3, ...batch });
  if (!props.properties) throw new Error(JSON.stringify(props.problems));
  return {
    properties: props.properties,
    kind: 'html',
    questionFile: 'template.html',
    template: TEMPLATE,
    inputFile: 'input.csv',
    input: table('image_url,alt\nhttps://img.example/1.png,one\nhttps://img.example/2.png,two\n'),
    masters: false,
    ...rest,
  };
}

const rules = (s: BatchSource): LintRule[] => lintBatch(s).map((f) => f.rule);

describe('lintBatch', () => {
  it('finds nothing in a clean batch', () => {
    expect(lintBatch(source())).toEqual([]);
  });

  it('unknown-placeholder: an error naming file, line and the near column', () => {
    const findings = lintBatch(source({ template: TEMPLATE.replace('${alt}', '${Alt}') }));
    expect(findings).toContainEqual({
      severity: 'error',
      rule: 'unknown-placeholder',
      file: 'template.html',
      line: 4,
      message: 'template.html line 4: ${Alt} names no column of input.csv (did you mean ${alt}?).',
    });
    expect(hasErrors(findings)).toBe(true);
  });

  it('unused-column: a warning naming the column', () => {
    const findings = lintBatch(source({ input: table('image_url,alt,notes\nhttps://a/1.png,one,x\n') }));
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', rule: 'unused-column', column: 'notes' })]);
    expect(hasErrors(findings)).toBe(false);
  });

  it('no-submit-path: a page with no form, or a form that posts nowhere MTurk listens', () => {
    const input = table('x\n1\n');
    expect(lintBatch(source({ template: '<p>${x}</p>', input }))[0]).toMatchObject({ severity: 'error', rule: 'no-submit-path', message: expect.stringMatching(/no <crowd-form> and no <form>/) });
    expect(lintBatch(source({ template: '<form action="/save">${x}</form>', input }))[0]?.message).toMatch(/has a <form> but nothing sends it to MTurk/);
    expect(rules(source({ template: '<form method="post" action="https://www.mturk.com/mturk/externalSubmit">${x}</form>', input }))).toEqual([]);
    expect(rules(source({ kind: 'question-form', template: '<QuestionForm>${x}</QuestionForm>', input }))).toEqual([]);
  });

  it('insecure-resource: http: in the template (by line) and in values placed in it (by rows)', () => {
    const findings = lintBatch(
      source({
        template: TEMPLATE.replace('<crowd-form', '<link href="http://cdn.example/x.css">\n<crowd-form'),
        input: table('image_url,alt\nhttp://img.example/1.png,one\nhttps://img.example/2.png,two\nHTTP://img.example/3.png,three\n'),
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'insecure-resource', file: 'template.html', line: 2 }),
      expect.objectContaining({ rule: 'insecure-resource', file: 'input.csv', column: 'image_url', rows: [1, 3], message: expect.stringContaining('rows 1, 3') }),
    ]);
  });

  it.each([
    ['<img src="http://a.example/1.png">', true],
    ["<img src='http://a.example/1.png'>", true],
    ['<img src=http://a.example/1.png>', true],
    ['<img SRC = " http://a.example/1.png">', true],
    ["<link href =\t' \thttp://a.example/x.css'>", true],
    ['<form action=   http://a.example/save>', true],
    ['<object data="HTTP://a.example/x.svg">', true],
    ['<img data-src="http://a.example/1.png">', true],
    ['<img src="https://a.example/1.png">', false],
    ['<img xsrc="http://a.example/1.png">', false],
    ['<img src"http://a.example/1.png">', false],
    ['<img src="" alt="http://a.example/1.png">', false],
    ['<img src=""http://a.example/1.png">', false],
    ['<img src= " " http://a.example/1.png>', false],
    ['<p>See http://a.example/</p>', false],
  ] as const)('insecure-resource: %j in the template is flagged: %s', (line, flagged) => {
    const findings = lintBatch(source({ template: `<crowd-form>\${image_url} \${alt}\n${line}\n</crowd-form>` }));
    expect(findings).toEqual(flagged ? [expect.objectContaining({ rule: 'insecure-resource', file: 'template.html', line: 2 })] : []);
  });

  it('insecure-resource: reads a line with a long run of spaces after "src=" in one pass', () => {
    // Two `\s*` around an optional quote tried every split of the run: 300,000 spaces took minutes.
    const spaces = ' '.repeat(300_000);
    const template = `<crowd-form>\${image_url} \${alt}\n<img src=${spaces}>\n<img src=${spaces}'http://a.example/1.png'>\n</crowd-form>`;
    const findings = lintBatch(source({ template })).filter((f) => f.rule === 'insecure-resource');
    expect(findings).toEqual([expect.objectContaining({ file: 'template.html', line: 3 })]);
  });

  it('empty-cell: names the column and rows', () => {
    const findings = lintBatch(source({ input: table('image_url,alt\nhttps://a/1.png,\nhttps://a/2.png,two\nhttps://a/3.png,  \n') }));
    expect(findings).toEqual([expect.objectContaining({ rule: 'empty-cell', column: 'alt', rows: [1, 3] })]);
  });

  it('duplicate-row: names the original and each copy', () => {
    const findings = lintBatch(source({ input: table('image_url,alt\nhttps://a/1.png,one\nhttps://a/2.png,two\nhttps://a/1.png,one\nhttps://a/1.png,one\n') }));
    expect(findings).toEqual([expect.objectContaining({ rule: 'duplicate-row', rows: [1, 3, 4], message: 'Input rows 3, 4 repeat row 1 exactly: each copy becomes another HIT, paid again.' })]);
  });

  it('duplicate-row: rows whose cells only join to the same text are not copies; many rows are grouped by their original', () => {
    const split = lintBatch(source({ input: table('image_url,alt\nab,c\na,bc\nabc,\n') })).filter((f) => f.rule === 'duplicate-row');
    expect(split).toEqual([]);
    const lines = Array.from({ length: 5_000 }, (_, i) => `https://a/${i % 2_500}.png,${i % 2_500 === 7 ? 'seven' : 'x'}`);
    const many = lintBatch(source({ input: table(`image_url,alt\n${lines.join('\n')}\n`) })).filter((f) => f.rule === 'duplicate-row');
    expect(many).toHaveLength(2_500);
    expect(many.find((f) => f.rows?.[0] === 8)).toMatchObject({ rows: [8, 2_508] });
  });

  it('question-too-large: names exactly the rows whose question passes 65,535 bytes', () => {
    const big = 'é'.repeat(33_000); // 66,000 bytes
    const edge = 'a'.repeat(65_535 - 600); // near the limit: measured exactly, and under it
    const input = table(`image_url,alt\nhttps://a/1.png,one\nhttps://a/2.png,${big}\nhttps://a/3.png,${edge}\n`);
    const findings = lintBatch(source({ input }));
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', rule: 'question-too-large', rows: [2] })]);
  });

  it('external-not-https: names the rows whose URL is not https', () => {
    const findings = lintBatch(
      source({ kind: 'external', questionFile: 'batch.json', template: '${base}/task?item=${id}', input: table('base,id\nhttps://x.example,1\nhttp://x.example,2\n') }),
    );
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', rule: 'external-not-https', rows: [2] })]);
  });

  it('fee-tier: warns at 10+ assignments without micro-batching and says what it saves; informs when on', () => {
    const off = lintBatch(source({ batch: { MaxAssignments: 10, microBatching: false } }));
    expect(off).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'fee-tier', message: expect.stringMatching(/charges its 40 % fee\. Turn on micro-batching .* pay 20 % and save \$0\.20\./) }),
    ]);
    const on = lintBatch(source({ batch: { MaxAssignments: 10, microBatching: true } }));
    expect(on).toEqual([expect.objectContaining({ severity: 'info', rule: 'fee-tier', message: expect.stringMatching(/2 HITs of 5 \+ 5 assignments/) })]);
    expect(rules(source({ batch: { MaxAssignments: 9, microBatching: false } }))).toEqual([]);
  });

  describe.each([
    ['csv', 'input.csv', 'image_url,__proto__,constructor\nhttps://a/1.png,<b>one</b>,c1\nhttps://a/2.png,,\n'],
    ['json', 'input.json', '[{"image_url": "https://a/1.png", "__proto__": "<b>one</b>", "constructor": "c1"}, {"image_url": "https://a/2.png"}]'],
    ['jsonl', 'input.jsonl', '{"image_url": "https://a/1.png", "__proto__": "<b>one</b>", "constructor": "c1"}\n{"image_url": "https://a/2.png"}\n'],
  ] as const)('a column called __proto__ or constructor (%s)', (format, inputFile, text) => {
    const template = '<crowd-form><img src="${image_url}"><p>${__proto__}</p><p>${constructor}</p></crowd-form>';
    const read = readInputRows(text, format);
    if (!read.ok) throw new Error(read.error.message);
    const [first, second] = read.value.rows;

    it('is read as a column like any other, empty where a row lacks it', () => {
      expect(read.value.columns).toEqual(['image_url', '__proto__', 'constructor']);
      expect(Object.entries(first!.values)).toEqual([
        ['image_url', 'https://a/1.png'],
        ['__proto__', '<b>one</b>'],
        ['constructor', 'c1'],
      ]);
      expect(Object.entries(second!.values)).toEqual([
        ['image_url', 'https://a/2.png'],
        ['__proto__', ''],
        ['constructor', ''],
      ]);
    });

    it('is linted: its empty cells are named, nothing else is found', () => {
      expect(lintBatch(source({ template, inputFile, input: read.value }))).toEqual([
        expect.objectContaining({ rule: 'empty-cell', file: inputFile, column: '__proto__', rows: [2] }),
        expect.objectContaining({ rule: 'empty-cell', file: inputFile, column: 'constructor', rows: [2] }),
      ]);
    });

    it('fills its placeholder in the question, escaped as text', () => {
      const options = { frameHeight: 400, trustedColumns: [] };
      const built = buildQuestion('html', template, first!.values, options);
      expect(built.ok && built.value.content).toBe('<crowd-form><img src="https://a/1.png"><p>&lt;b&gt;one&lt;/b&gt;</p><p>c1</p></crowd-form>');
      const empty = buildQuestion('html', template, second!.values, options);
      expect(empty.ok && empty.value.content).toBe('<crowd-form><img src="https://a/2.png"><p></p><p></p></crowd-form>');
    });
  });

  it('lints 100,000 rows without building each question', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `https://img.example/${i}.png,animal ${i}`).join('\n');
    const findings = lintBatch(source({ input: table(`image_url,alt\n${rows}\n`) }));
    expect(findings).toEqual([]);
  });
});
