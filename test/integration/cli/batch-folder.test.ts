import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lockDataFolder } from '../../../electron/core/data-folder-lock';
import { checkBatchFolder } from '../../../electron/services/batches/batch-folder';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';


async function turkbench(...args: string[]): Promise<Ran> {
  return runTurkbench(args);
}

let root: string;
beforeAll(() => {
  requireBuiltCli();
  root = mkdtempSync(join(tmpdir(), 'tb-batch-'));
});

function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, body] of Object.entries(files)) writeFileSync(join(dir, file), body);
  return dir;
}

const BATCH = JSON.stringify({ Title: 'Rate a sentence', Description: 'Read one sentence and rate it.', Reward: '0.10', MaxAssignments: 2 });
const TEMPLATE = '<crowd-form>\n  <p>${sentence}</p>\n  <crowd-slider name="rating" min="1" max="5" required></crowd-slider>\n</crowd-form>\n';

describe('turkbench batch new | check | preview', { timeout: 60_000 }, () => {
  it('scaffolds a folder that checks clean, costs what MTurk charges, and previews any row as text', async () => {
    const dir = join(root, 'animals');
    expect((await turkbench('batch', 'new', dir)).code).toBe(0);
    const checked = await turkbench('batch', 'check', dir, '--json');
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ launchable: true, rows: 2, findings: [], cost: { hits: 2, assignments: 6, rewardsCents: 30, feesCents: 6, totalCents: 36 } });
    const human = await turkbench('batch', 'check', dir);
    expect(human.stdout).toContain('2 rows → 2 HITs, 6 assignments at $0.05');
    expect(human.stdout).toContain('total      $0.36');

    writeFileSync(join(dir, 'input.csv'), 'image_url,description\nhttps://img.example/1.jpg,"<script>alert(1)</script> & more"\n');
    const out = join(root, 'row1.html');
    expect((await turkbench('batch', 'preview', dir, '--row', '1', '--out', out)).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('src="https://img.example/1.jpg"');
    expect(html).toContain('alt="&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"');
    expect(html).not.toContain('<script>alert(1)');
    // The crowd elements load from a copy beside the preview, not from the internet.
    expect(html).toContain('<script src="crowd-html-elements.js"></script>');
    expect(html).not.toContain('assets.crowd.aws');
    expect(readFileSync(join(root, 'crowd-html-elements.js'), 'utf8')).toContain('crowd-classifier');
  });

  it('lists every problem at once, naming key, file and line or rows, and exits 1', async () => {
    const dir = folder('broken', {
      'batch.json': JSON.stringify({ Title: 'Rate', Description: 'Rate it.', Reward: 0.1, Rewrad: '0.10' }),
      'template.html': TEMPLATE.replace('${sentence}', '${Sentence}'),
      'input.csv': 'sentence\nGood.\nGood.\n',
    });
    const checked = await turkbench('batch', 'check', dir, '--json');
    expect(checked.code).toBe(1);
    const result = JSON.parse(checked.stdout.slice(0, checked.stdout.lastIndexOf('}\n{') + 2)) as { launchable: boolean; findings: { rule: string; message: string }[] };
    expect(result.launchable).toBe(false);
    expect(result.findings.map((f) => f.message)).toEqual([
      'Rewrad is not a property Turkbench knows; it is ignored.',
      'Reward must be a dollar amount written as text, such as "0.50" (found 0.1).',
    ]);
    expect(checked.stderr).toMatch(/1 problem stops this batch from launching/);

    writeFileSync(join(dir, 'batch.json'), BATCH);
    const human = await turkbench('batch', 'check', dir);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('error    template.html line 2: ${Sentence} names no column of input.csv (did you mean ${sentence}?).');
    expect(human.stdout).toContain('warning  Column "sentence" of input.csv is used by no placeholder in template.html');
    expect(human.stdout).toContain('warning  Input row 2 repeats row 1 exactly');
  });

  it('refuses what it cannot do, saying why', async () => {
    const dir = folder('clean', { 'batch.json': BATCH, 'template.html': TEMPLATE, 'input.csv': 'sentence\nOne.\nTwo.\n' });
    expect(await turkbench('batch', 'new', dir)).toMatchObject({ code: 1, stderr: expect.stringContaining('already holds a batch') });
    expect(await turkbench('batch', 'preview', dir, '--row', '9', '--out', join(root, 'x.html'))).toMatchObject({ code: 2, stderr: expect.stringContaining('There is no row 9: the input has 2 rows (1 to 2).') });
    expect(await turkbench('batch', 'check', join(root, 'nowhere'))).toMatchObject({ code: 1, stdout: expect.stringContaining('There is no folder') });
  });

  it('works while the app holds the data folder: a batch folder needs no connection', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-batch-data-'));
    const release = lockDataFolder(dataDir, 'app');
    try {
      const dir = folder('while-locked', { 'batch.json': BATCH, 'template.html': TEMPLATE, 'input.csv': 'sentence\nOne.\n' });
      expect((await turkbench('--data-dir', dataDir, 'batch', 'check', dir)).code).toBe(0);
    } finally {
      release();
    }
  });
});

describe('checkBatchFolder', () => {
  it('names missing and ambiguous files', () => {
    const none = checkBatchFolder(folder('no-input', { 'batch.json': BATCH, 'template.html': TEMPLATE }));
    expect(none.findings).toEqual([expect.objectContaining({ rule: 'folder', message: expect.stringMatching(/has no input rows: add input\.csv/) })]);
    const two = checkBatchFolder(folder('two-inputs', { 'batch.json': BATCH, 'template.html': TEMPLATE, 'input.csv': 'sentence\nA\n', 'input.jsonl': '{"sentence":"A"}\n' }));
    expect(two.findings[0]?.message).toMatch(/has input\.csv and input\.jsonl: keep one input file/);
    const noTemplate = checkBatchFolder(folder('no-template', { 'batch.json': BATCH, 'input.csv': 'sentence\nA\n' }));
    expect(noTemplate.findings[0]?.message).toBe('template.html is missing from the batch folder.');
    const badJson = checkBatchFolder(folder('bad-json', { 'batch.json': '{"Title": ', 'template.html': TEMPLATE, 'input.csv': 'sentence\nA\n' }));
    expect(badJson.findings[0]?.message).toMatch(/^batch\.json is not valid JSON/);
  });

  it('reads Windows-1252 and UTF-16 inputs knowingly, saying how they were read', () => {
    const latin = checkBatchFolder(folder('latin1', { 'batch.json': BATCH, 'template.html': TEMPLATE, 'input.csv': Buffer.from('sentence\ncaf\xe9 na\xefve\n', 'latin1') }));
    expect(latin.launchable).toBe(true);
    expect(latin.source?.input.rows[0]?.values['sentence']).toBe('café naïve');
    expect(latin.findings).toEqual([expect.objectContaining({ severity: 'info', message: expect.stringMatching(/^input\.csv: Read as Windows-1252/) })]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sentence\nZürich\n', 'utf16le')]);
    expect(checkBatchFolder(folder('utf16', { 'batch.json': BATCH, 'template.html': TEMPLATE, 'input.csv': utf16 })).source?.input.rows[0]?.values['sentence']).toBe('Zürich');
  });

  it('builds no source from a QuestionForm folder with an unreadable input, and says which row', () => {
    const check = checkBatchFolder(folder('qf', { 'batch.json': JSON.stringify({ ...JSON.parse(BATCH), question: 'question.xml' }), 'question.xml': '<QuestionForm/>', 'input.csv': 'a,b\n1\n' }));
    expect(check.source).toBeNull();
    expect(check.findings).toEqual([expect.objectContaining({ file: 'input.csv', message: 'input.csv: Input row 1 (line 2) has 1 cells but the header names 2 columns: column "b" is missing. A cell with a comma in it must be wrapped in double quotes.' })]);
  });
});
