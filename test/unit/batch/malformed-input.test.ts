/**
 * Malformed batch inputs: each is refused with where it is wrong (the row and column, or the encoding and line), and a
 * folder holding one builds no batch at all — no source, no cost, nothing a launch could send part of.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBatchFolder, type BatchCheck } from '../../../electron/services/batches/batch-folder';
import { launchRefusal } from '../../../electron/services/batches/batch-launcher';
import { readInputRows } from '../../../shared/batch/input-rows';

const BATCH = JSON.stringify({ Title: 'Label animals', Description: 'Pick one.', Reward: '0.05', MaxAssignments: 3 });
const TEMPLATE = '<crowd-form><img src="${image_url}" alt="${label}"></crowd-form>';

function folderWith(input: string | Buffer, name = 'input.csv'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tb-malformed-')), 'batch');
  mkdirSync(dir);
  writeFileSync(join(dir, 'batch.json'), BATCH);
  writeFileSync(join(dir, 'template.html'), TEMPLATE);
  writeFileSync(join(dir, name), input);
  return dir;
}

/** The folder is refused whole: one error naming the input, and nothing to launch. */
function refused(check: BatchCheck): string {
  expect(check).toMatchObject({ source: null, cost: null, launchable: false });
  const errors = check.findings.filter((f) => f.severity === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]!.file).toBe('input.csv');
  return errors[0]!.message;
}

const csvError = (text: string): string => {
  const read = readInputRows(text, 'csv');
  if (read.ok) throw new Error(`read ${read.value.rows.length} rows from a malformed file`);
  return read.error.message;
};

const GOOD = 'image_url,label\nhttps://a/1.png,one\nhttps://a/2.png,two\n';

describe('malformed batch input', () => {
  it('ragged rows: names the row, its line, and the columns it lacks or where its extra cells start', () => {
    expect(csvError('image_url,label,notes\nhttps://a/1.png,one,x\nhttps://a/2.png\n')).toBe(
      'Input row 2 (line 3) has 1 cells but the header names 3 columns: columns "label", "notes" are missing. A cell with a comma in it must be wrapped in double quotes.',
    );
    expect(csvError('image_url,label\nhttps://a/1.png,one\nhttps://a/2.png,cat, maybe\n')).toBe(
      'Input row 2 (line 3) has 3 cells but the header names 2 columns: cell 3 is past the last column, "label". A cell with a comma in it must be wrapped in double quotes.',
    );
    // Blank lines are not rows, so the row number is the one a spreadsheet shows under the header.
    expect(csvError('image_url,label\n\nhttps://a/1.png,one\n\nhttps://a/2.png\n')).toMatch(/^Input row 2 \(line 5\)/);
  });

  it('bad quoting: names the row and the column of the cell, in the header too', () => {
    expect(csvError('image_url,label\nhttps://a/1.png,one\nhttps://a/2.png,"two\nhttps://a/3.png,three\n')).toBe(
      'Input row 2 (line 3), column "label": a quoted cell starts here and is never closed (missing ").',
    );
    expect(csvError('image_url,label\nhttps://a/1.png,"one"x\n')).toBe('Input row 1 (line 2), column "label": unexpected character "x" after a closing quote.');
    expect(csvError('image_url,label\nhttps://a/1.png,one\nhttps://a/"2".png,two\n')).toBe(
      'Input row 2 (line 3), column "image_url": a double quote inside an unquoted cell; wrap the cell in quotes.',
    );
    expect(csvError('image_url,la"bel\nhttps://a/1.png,one\n')).toMatch(/^Input header \(line 1\), column 2: a double quote inside an unquoted cell/);
    // A quoted cell spanning lines before the fault: the row count follows records, not lines.
    expect(csvError('image_url,label\nhttps://a/1.png,"one\nand more"\nhttps://a/2.png,two,\n')).toMatch(/^Input row 2 \(line 4\) has 3 cells/);
    expect(csvError('image_url,label\nhttps://a/1.png,one,"x\n')).toMatch(/^Input row 1 \(line 2\), cell 3, past the header's 2 columns: a quoted cell starts here/);
  });

  it('a lone carriage return ends no line: named by row and column', () => {
    expect(csvError('image_url,label\nhttps://a/1.png,one\rhttps://a/2.png,two\n')).toMatch(/^Input row 1 \(line 2\), column "label": a carriage return \(CR\) on its own/);
  });

  it('UTF-16 with a byte order mark (either order) is read as such and said so; broken UTF-16 is refused naming the encoding', () => {
    for (const [encoding, bytes] of [
      ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD.replace('one', 'Zürich'), 'utf16le')])],
      ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(GOOD.replace('one', 'Zürich'), 'utf16le').swap16()])],
    ] as const) {
      const check = checkBatchFolder(folderWith(bytes));
      expect(check.launchable).toBe(true);
      expect(check.source?.input.columns).toEqual(['image_url', 'label']);
      expect(check.source?.input.rows.map((r) => r.values['label'])).toEqual(['Zürich', 'two']);
      expect(check.findings).toContainEqual(expect.objectContaining({ severity: 'info', file: 'input.csv', message: `input.csv: Read as ${encoding} (the file's byte order mark says so).` }));
    }
    // An unpaired surrogate (D800 followed by a letter) cannot be UTF-16 text.
    const broken = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    expect(refused(checkBatchFolder(folderWith(broken)))).toMatch(/^input\.csv: The file starts with a UTF-16LE byte order mark but is not valid UTF-16LE text\./);
    // Cut in the middle of a character: an odd number of bytes.
    const cut = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(GOOD, 'utf16le').swap16(), Buffer.from([0x00])]);
    expect(refused(checkBatchFolder(folderWith(cut)))).toMatch(/not valid UTF-16BE text/);
  });

  it('a UTF-8 byte order mark is not part of the first column name', () => {
    const check = checkBatchFolder(folderWith(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD)])));
    expect(check.launchable).toBe(true);
    expect(check.source?.input.columns).toEqual(['image_url', 'label']);
    expect(check.findings.filter((f) => f.rule === 'unknown-placeholder')).toEqual([]);
  });

  it('invalid UTF-8 is refused with the line of the first bad byte, not guessed at', () => {
    const damaged = Buffer.concat([Buffer.from('image_url,label\nhttps://a/1.png,café\nhttps://a/2.png,naïve\nhttps://a/3.png,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    expect(refused(checkBatchFolder(folderWith(damaged)))).toMatch(/^input\.csv: The file is UTF-8 text with invalid bytes in it \(the first is on line 4\)/);
  });

  it('a header-only file and an empty file are refused, saying what to add', () => {
    expect(refused(checkBatchFolder(folderWith('image_url,label\n')))).toBe('input.csv: The input file has a header but no rows: add one row per HIT.');
    expect(refused(checkBatchFolder(folderWith('')))).toMatch(/^input\.csv: The input file is empty: its first line must name the columns/);
  });

  it('duplicate header names are refused naming both columns', () => {
    expect(refused(checkBatchFolder(folderWith('image_url,label,image_url \nhttps://a/1.png,one,x\n')))).toBe(
      'input.csv: Input header (line 1): the column "image_url" appears twice (columns 1 and 3); each column needs its own name.',
    );
  });

  // Two reads of 50 MB on a shared two-core machine: allowed a minute, not for speed (the bench measures that).
  it('a 50 MB file is read whole, and one bad row at its very end refuses all of it', { timeout: 60_000 }, () => {
    const row = `https://images.example.org/photos/${'p'.repeat(60)}.jpg,${'A caption of some length. '.repeat(8)}\n`;
    const rows = Math.ceil((50 * 1024 * 1024) / row.length);
    const body = `image_url,label\n${row.repeat(rows)}`;
    const whole = readInputRows(body, 'csv');
    expect(whole.ok && whole.value.rows.length).toBe(rows);
    const dir = folderWith(`${body}https://a/last.png\n`);
    expect(refused(checkBatchFolder(dir))).toBe(
      `input.csv: Input row ${rows + 1} (line ${rows + 2}) has 1 cells but the header names 2 columns: column "label" is missing. A cell with a comma in it must be wrapped in double quotes.`,
    );
  });

  it('a launch of such a folder is refused with the same words, before anything is sent', () => {
    const check = checkBatchFolder(folderWith('image_url,label\nhttps://a/1.png,"one\n'));
    const plan = {
      folder: check.dir, name: 'Label animals', connection: { id: 'local', label: 'Local', production: false }, findings: check.findings, launchable: check.launchable,
      cost: check.cost, resumes: null, launchedBefore: [], toSpendCents: 0, balance: null, typeToConfirm: null,
    };
    expect(launchRefusal(plan, {})).toMatchObject({
      kind: 'validation',
      message: 'The batch cannot be launched: input.csv: Input row 1 (line 2), column "label": a quoted cell starts here and is never closed (missing "). Run "turkbench batch check" to see every problem.',
    });
  });
});
