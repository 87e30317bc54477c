import { describe, expect, it } from 'vitest';
import { checkQuestionXml } from '../../../local-mturk/src/formats/question';
import { batchCost, microBatchingNote, subHitSizes } from '../../../shared/batch/cost';
import { inputFormatOf, readInputRows } from '../../../shared/batch/input-rows';
import { externalQuestion, htmlQuestion, questionBytes } from '../../../shared/batch/question';

describe('readInputRows', () => {
  it('reads CSV rows as column → text with their row and line numbers, skipping blank lines', () => {
    const table = readInputRows('image_url,label\r\nhttps://a/1.png,"cat, maybe"\r\n\r\nhttps://a/2.png,"two\nlines"\r\n', 'csv');
    expect(table).toEqual({
      ok: true,
      value: {
        columns: ['image_url', 'label'],
        rows: [
          { number: 1, line: 2, values: { image_url: 'https://a/1.png', label: 'cat, maybe' } },
          { number: 2, line: 4, values: { image_url: 'https://a/2.png', label: 'two\nlines' } },
        ],
      },
    });
  });

  it('keeps JSON numbers as written: long ids and prices with trailing zeros are not rounded', () => {
    const line = '{"id": 12345678901234567890, "price": 1.10, "n": -0.5e3, "ok": true, "none": null}';
    for (const [text, format] of [[line, 'jsonl'], [`[${line}]`, 'json']] as const) {
      const table = readInputRows(text, format);
      expect(table.ok && table.value.rows[0]!.values).toEqual({ id: '12345678901234567890', price: '1.10', n: '-0.5e3', ok: 'true', none: '' });
    }
  });

  it.each([
    ['', 'csv', /empty/],
    ['a,b\n', 'csv', /header but no rows/],
    ['a,a\n1,2', 'csv', /line 1\): the column "a" appears twice/],
    ['a,,c\n1,2,3', 'csv', /column 2 has no name/],
    ['a,b\n1,2\n3\n', 'csv', /^Input row 2 \(line 3\) has 1 cells but the header names 2 columns: column "b" is missing\./],
    ['a,b\n1,"2\n', 'csv', /line 2/],
    ['{"a":1}', 'json', /must hold a JSON array/],
    ['[{"a":1}, 2]', 'json', /^Input row 2 must be an object/],
    ['[{"a":[1]}]', 'json', /row 1, column "a": a value must be text/],
    ['[', 'json', /not valid JSON/],
    ['{"a":1}\n\n{"a":', 'jsonl', /^Input line 3 is not valid JSON/],
    ['\n\n', 'jsonl', /no rows/],
  ] as const)('refuses %j (%s) naming what is wrong', (text, format, message) => {
    const read = readInputRows(text, format);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.message).toMatch(message);
  });

  it('reads JSON and JSONL rows, filling a column missing from some rows with empty text', () => {
    const json = readInputRows('[{"id": 1, "ok": true}, {"id": 2, "note": null, "extra": "x"}]', 'json');
    expect(json.ok && json.value.columns).toEqual(['id', 'ok', 'note', 'extra']);
    expect(json.ok && json.value.rows[1]!.values).toEqual({ id: '2', ok: '', note: '', extra: 'x' });
    const lines = readInputRows('\uFEFF{"id":"a"}\n\n{"id":"b"}\n', 'jsonl');
    expect(lines.ok && lines.value.rows.map((r) => [r.number, r.line, r.values['id']])).toEqual([
      [1, 1, 'a'],
      [2, 3, 'b'],
    ]);
  });

  it('refuses JSON rows naming more than 1,000 different columns, naming the row and the key past the limit', () => {
    const wide = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i]));
    const accepted = readInputRows(JSON.stringify([wide, { k0: 'x' }]), 'json');
    expect(accepted.ok && accepted.value.columns.length).toBe(1_000);
    const over = readInputRows(JSON.stringify([wide, { k0: 'x', extra: 'y' }]), 'json');
    expect(over).toMatchObject({ ok: false, error: { field: 'row 2', message: expect.stringMatching(/^Input row 2, column "extra": the rows name more than 1,000 different columns\. Every row of a batch should have the same keys/) } });
    // Each row with a key of its own: once made one column per row, silently (and slower with every row).
    const ownKeys = Array.from({ length: 1_100 }, (_, i) => JSON.stringify({ [`note_${i}`]: 'x' })).join('\n');
    const lines = readInputRows(ownKeys, 'jsonl');
    expect(lines).toMatchObject({ ok: false, error: { field: 'row 1001', message: expect.stringMatching(/^Input row 1001 \(line 1001\), column "note_1000": the rows name more than 1,000 different columns/) } });
  });

  it('refuses JSON rows sharing so few keys that over 5,000,000 cells would be empty, naming the row', () => {
    const rows = [...Array.from({ length: 1_000 }, (_, i) => JSON.stringify({ [`k${i}`]: i })), ...Array.from({ length: 4_100 }, () => '{}')];
    const read = readInputRows(rows.join('\n'), 'jsonl');
    expect(read).toMatchObject({
      ok: false,
      error: { field: 'row 5002', message: expect.stringMatching(/^Input row 5002 \(line 5002\): by this row, 5,001,000 cells are empty because rows lack keys other rows have \(1,000 columns in all\)/) },
    });
  });

  it('knows its formats by extension', () => {
    expect([inputFormatOf('input.CSV'), inputFormatOf('rows.jsonl'), inputFormatOf('x.json'), inputFormatOf('x.xlsx')]).toEqual(['csv', 'jsonl', 'json', null]);
  });
});

describe('batchCost', () => {
  it('charges 20 % below 10 assignments and 40 % from 10, per HIT', () => {
    expect(batchCost({ rows: 100, rewardCents: 50, maxAssignments: 3, masters: false, microBatching: true })).toMatchObject({
      hits: 100, assignments: 300, rewardsCents: 15_000, feesCents: 3_000, totalCents: 18_000, feePercent: 20, savingCents: 0, withoutMicroBatching: null,
    });
    expect(batchCost({ rows: 10, rewardCents: 50, maxAssignments: 10, masters: false, microBatching: false })).toMatchObject({
      hits: 10, rewardsCents: 5_000, feesCents: 2_000, totalCents: 7_000, feePercent: 40,
    });
  });

  it('adds 5 % for Masters and never charges less than a cent per assignment', () => {
    expect(batchCost({ rows: 1, rewardCents: 100, maxAssignments: 2, masters: true, microBatching: false })).toMatchObject({ feesCents: 50, feePercent: 25 });
    expect(batchCost({ rows: 1, rewardCents: 1, maxAssignments: 5, masters: false, microBatching: false })).toMatchObject({ feesCents: 5, totalCents: 10 });
  });

  it('micro-batches 10+ assignments into even sub-HITs of at most 9 and shows the saving', () => {
    expect(subHitSizes(9)).toEqual([9]);
    expect(subHitSizes(10)).toEqual([5, 5]);
    expect(subHitSizes(100)).toEqual([9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]);
    for (let n = 10; n <= 500; n++) {
      const sizes = subHitSizes(n);
      expect(sizes.reduce((a, b) => a + b)).toBe(n);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(9);
      expect(sizes.length).toBe(Math.ceil(n / 9));
    }
    const cost = batchCost({ rows: 20, rewardCents: 100, maxAssignments: 10, masters: false, microBatching: true });
    expect(cost).toMatchObject({
      hits: 40, subHitSizes: [5, 5], assignments: 200, rewardsCents: 20_000, feesCents: 4_000, totalCents: 24_000, feePercent: 20,
      withoutMicroBatching: { feesCents: 8_000, totalCents: 28_000, feePercent: 40 }, savingCents: 4_000,
    });
  });

  it('says that a micro-batched batch needs a different worker for every assignment, and nothing when it is not split', () => {
    const split = batchCost({ rows: 120, rewardCents: 10, maxAssignments: 20, masters: false, microBatching: true });
    expect(microBatchingNote(split)).toBe(
      'Each worker can do one HIT of this batch: a worker who submitted any part of any row no longer sees the batch, so its 2,400 assignments need 2,400 different workers.',
    );
    expect(microBatchingNote(batchCost({ rows: 120, rewardCents: 10, maxAssignments: 20, masters: false, microBatching: false }))).toBeNull();
    expect(microBatchingNote(batchCost({ rows: 120, rewardCents: 10, maxAssignments: 9, masters: false, microBatching: true }))).toBeNull();
  });
});

describe('questions', () => {
  it('wraps HTML in an HTMLQuestion MTurk accepts, even when the page holds "]]>"', () => {
    const html = '<!DOCTYPE html><html><body><crowd-form><p>a]]>b</p></crowd-form></body></html>';
    const xml = htmlQuestion(html, 0);
    expect(checkQuestionXml(xml)).toBe('HTMLQuestion');
    expect(xml).toContain('a]]]]><![CDATA[>b');
  });

  it('builds an ExternalQuestion with the URL escaped for XML', () => {
    const xml = externalQuestion('https://x.example/t?a=1&b=2', 600);
    expect(checkQuestionXml(xml)).toBe('ExternalQuestion');
    expect(xml).toContain('<ExternalURL>https://x.example/t?a=1&amp;b=2</ExternalURL><FrameHeight>600</FrameHeight>');
  });

  it('counts bytes, not characters', () => {
    expect(questionBytes('é€😀')).toBe(2 + 3 + 4);
  });
});
