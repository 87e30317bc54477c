import { describe, expect, it } from 'vitest';
import { findPlaceholders, placeholderNames } from '../../../shared/batch/placeholders';
import { substitute } from '../../../shared/batch/substitute';

describe('placeholders', () => {
  it('finds every ${column} with its line and column, names kept exactly as written', () => {
    const template = '<img src="${image_url}">\n<p>${ label }</p>\n\n  ${image_url}';
    expect(findPlaceholders(template).map(({ name, line, column }) => ({ name, line, column }))).toEqual([
      { name: 'image_url', line: 1, column: 11 },
      { name: ' label ', line: 2, column: 4 },
      { name: 'image_url', line: 4, column: 3 },
    ]);
    expect(placeholderNames(template)).toEqual(['image_url', ' label ']);
  });

  it('counts lines across placeholders several to a line, lines with none, and CRLF endings', () => {
    const template = '${a}${b} ${c}\r\n\n<p>\n  x${d}\n${e}${f}';
    expect(findPlaceholders(template).map(({ name, line, column }) => [name, line, column])).toEqual([
      ['a', 1, 1],
      ['b', 1, 5],
      ['c', 1, 10],
      ['d', 4, 4],
      ['e', 5, 1],
      ['f', 5, 5],
    ]);
  });

  it('finds a million placeholders on one line, and the line after them, in one pass', () => {
    // Searching for the next line break from every placeholder took about a minute here (quadratic in the line).
    const found = findPlaceholders(`${'${a}'.repeat(1_000_000)}\n<p>\${b}`);
    expect(found).toHaveLength(1_000_001);
    expect(found[999_999]).toMatchObject({ name: 'a', line: 1, column: 3_999_997 });
    expect(found[1_000_000]).toMatchObject({ name: 'b', line: 2, column: 4, index: 4_000_004 });
  });

  it('does not take a placeholder across a line break or nested braces', () => {
    expect(findPlaceholders('${a\nb} ${{x}} $x {y} ${}')).toEqual([expect.objectContaining({ name: '' })]);
  });
});

describe('substitute', () => {
  const row = { text: '<b>"Tom" & Jerry\'s</b>', html: '<i>fine</i>', id: 'a b&c' };

  it('inserts values as text: markup characters are escaped', () => {
    const out = substitute('<p>${text}</p>', row, { escaping: 'html' });
    expect(out).toEqual({ ok: true, value: '<p>&lt;b&gt;&quot;Tom&quot; &amp; Jerry&#39;s&lt;/b&gt;</p>' });
  });

  it('inserts a trusted column as markup, and only that one', () => {
    const out = substitute('${html}|${text}', row, { escaping: 'html', trustedColumns: new Set(['html']) });
    expect(out.ok && out.value).toBe('<i>fine</i>|&lt;b&gt;&quot;Tom&quot; &amp; Jerry&#39;s&lt;/b&gt;');
  });

  it('encodes values for a URL, trusted or not, except one that opens it (the address itself)', () => {
    const out = substitute('https://x.example/t?id=${id}', row, { escaping: 'url', trustedColumns: new Set(['id']) });
    expect(out.ok && out.value).toBe('https://x.example/t?id=a%20b%26c');
    const based = substitute('${base}/t/${id}', { base: 'https://x.example', id: 'a/b' }, { escaping: 'url' });
    expect(based.ok && based.value).toBe('https://x.example/t/a%2Fb');
  });

  it('refuses a placeholder that names no column, naming it and its line', () => {
    const out = substitute('ok\n${missing}', row, { escaping: 'html' });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatchObject({ kind: 'validation', field: '${missing}', message: expect.stringMatching(/^Line 2: the placeholder \$\{missing\}/) });
  });

  it('does not read inherited properties as columns', () => {
    expect(substitute('${constructor}', {}, { escaping: 'html' }).ok).toBe(false);
  });
});
