import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { batchFolderMethods } from '../../../shared/contract/batch-folders';
import { BatchEditorService } from '../../../electron/services/batches/batch-editor';
import { sentenceBatch } from './batch-folders';

const services: BatchEditorService[] = [];
const editor = (deps?: ConstructorParameters<typeof BatchEditorService>[0]): BatchEditorService => {
  const service = new BatchEditorService(deps);
  services.push(service);
  return service;
};
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
});

const filesOf = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

describe('the batch editor service', () => {
  it('opens a folder as texts, with its findings and cost', () => {
    const dir = sentenceBatch(3);
    const opened = editor().open(dir);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.batchJson.text).toBe(readFileSync(join(dir, 'batch.json'), 'utf8'));
    expect(opened.value.question).toEqual({ name: 'template.html', text: readFileSync(join(dir, 'template.html'), 'utf8') });
    expect(opened.value.input?.name).toBe('input.csv');
    expect(opened.value.cost?.rows).toBe(3);
    expect(opened.value.launchable).toBe(true);
  });

  it('still opens the question of a folder whose batch.json has problems, so it can be fixed', () => {
    const dir = sentenceBatch(2, { Reward: 'lots' });
    const opened = editor().open(dir);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.question?.name).toBe('template.html');
    expect(opened.value.findings.find((f) => f.key === 'Reward')?.message).toContain('dollar amount');
    expect(opened.value.launchable).toBe(false);
  });

  it('saves edited files and checks the folder again', () => {
    const dir = sentenceBatch(2);
    const saved = editor().save(dir, [{ name: 'template.html', text: '<crowd-form><p>${sentence} ${nope}</p></crowd-form>' }]);
    if (!saved.ok) throw new Error(saved.error.message);
    expect(readFileSync(join(dir, 'template.html'), 'utf8')).toBe('<crowd-form><p>${sentence} ${nope}</p></crowd-form>');
    expect(saved.value.findings.find((f) => f.rule === 'unknown-placeholder')?.line).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['batch.json', 'input.csv', 'template.html']);
  });

  it('leaves the folder exactly as it was when one file of a save cannot be written', () => {
    const dir = sentenceBatch(2);
    const before = filesOf(dir);
    let writes = 0;
    const failing = editor({
      writeNewFile: (path, text) => {
        if (++writes === 2) throw new Error('No space left on device');
        writeFileSync(path, text);
      },
    });
    const saved = failing.save(dir, [
      { name: 'batch.json', text: '{"Title": "changed"}' },
      { name: 'template.html', text: 'changed' },
    ]);
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.error.message).toBe('Nothing was saved: No space left on device');
    expect(filesOf(dir)).toEqual(before);
  });

  it('refuses names that would reach outside the folder, in the contract and in the service', () => {
    const dir = sentenceBatch(1);
    const schema = batchFolderMethods['batchFolders.save'].input;
    for (const name of ['../template.html', 'sub/template.html', '/etc/passwd', '..\\x.html', '.hidden.html', 'notes.txt']) {
      expect(schema.safeParse({ dir, files: [{ name, text: 'x' }] }).success).toBe(false);
      const saved = editor().save(dir, [{ name, text: 'x' }]);
      expect(saved.ok).toBe(false);
    }
    expect(schema.safeParse({ dir, files: [{ name: 'question.xml', text: 'x' }] }).success).toBe(true);
    expect(editor().save(join(dir, 'nowhere'), [{ name: 'batch.json', text: '{}' }]).ok).toBe(false);
  });

  it('creates a new folder from the starting template, and refuses one that holds a batch', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tb-editor-')), 'new-batch');
    const created = editor().create(dir);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.question?.text).toContain('crowd-classifier');
    expect(existsSync(join(dir, 'input.csv'))).toBe(true);
    const again = editor().create(dir);
    expect(again.ok).toBe(false);
  });
});

describe('row previews', () => {
  it('substitutes the row (escaped) into the unsaved template and hosts it under its own policy', async () => {
    const dir = sentenceBatch(3);
    const service = editor();
    const template = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script><crowd-form><p>${sentence}</p></crowd-form>';
    const preview = await service.previewRow({ dir, row: 1, template });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.kind).toBe('html');
    expect(preview.value.content).toContain('<p>Sentence number 1 &lt;b&gt;</p>');
    const url = new URL(preview.value.frameUrl!);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('assignmentId')).toBe('ASSIGNMENT_ID_NOT_AVAILABLE');

    const response = await fetch(url);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain('sandbox allow-scripts;');
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain('frame-ancestors app://turkbench http://127.0.0.1:*');
    expect(response.headers.get('x-frame-options')).toBeNull();
    const html = await response.text();
    // The loader points at the preview host's own copy of the crowd elements, which it serves.
    expect(html).toContain(`<script src="${url.origin}/crowd-elements.js"></script>`);
    const script = await fetch(`${url.origin}/crowd-elements.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await script.text()).length).toBeGreaterThan(10_000);
  });

  it('reads the rows once while the folder files keep their size and time, and again as soon as one changes', async () => {
    const dir = sentenceBatch(3);
    const input = join(dir, 'input.csv');
    const service = editor();
    const template = '<crowd-form><p>${sentence}</p></crowd-form>';
    const shown = async (): Promise<string> => {
      const preview = await service.previewRow({ dir, row: 2, template, questionFile: 'template.html', trustedColumns: [] });
      if (!preview.ok) throw new Error(preview.error.message);
      return preview.value.content;
    };
    const settled = (path: string, seconds: number): void => utimesSync(path, seconds, seconds);
    const rewrite = (from: string, to: string): void => writeFileSync(input, readFileSync(input, 'utf8').replace(from, to));

    // Just written: read afresh every time (file times tick too coarsely to tell two quick writes apart).
    rewrite('Sentence number 2', 'Sentence NUMBER 2');
    expect(await shown()).toContain('Sentence NUMBER 2');
    // Settled: a same-size rewrite that keeps the file's time is not seen (the rows were kept)…
    for (const name of readdirSync(dir)) settled(join(dir, name), 1_700_000_000);
    expect(await shown()).toContain('Sentence NUMBER 2');
    rewrite('Sentence NUMBER 2', 'Sentence number 2');
    settled(input, 1_700_000_000);
    expect(await shown()).toContain('Sentence NUMBER 2');
    // …and any change of time, size or file is.
    settled(input, 1_700_000_100);
    expect(await shown()).toContain('Sentence number 2 &lt;i&gt;');
    rewrite('Sentence number 2', 'The second sentence');
    expect(await shown()).toContain('The second sentence');
  });

  it('answers nothing for an unknown address or another host name', async () => {
    const dir = sentenceBatch(1);
    const preview = await editor().previewRow({ dir, row: 1 });
    if (!preview.ok) throw new Error(preview.error.message);
    const url = new URL(preview.value.frameUrl!);
    expect((await fetch(`${url.origin}/p/${'0'.repeat(32)}`)).status).toBe(404);
    // A page on another name that resolves to loopback (DNS rebinding) sends that name as Host.
    const rebound = await new Promise<number>((resolve, reject) => {
      get({ host: '127.0.0.1', port: Number(url.port), path: url.pathname, headers: { Host: `evil.example:${url.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on('error', reject);
    });
    expect(rebound).toBe(403);
  });

  it('names the rows there are when asked for one past the end, and reports a placeholder with no column', async () => {
    const dir = sentenceBatch(2);
    const past = await editor().previewRow({ dir, row: 3 });
    expect(past.ok ? null : past.error.message).toBe('There is no row 3: the input has 2 rows (1 to 2).');
    const unknown = await editor().previewRow({ dir, row: 1, template: '<p>${nope}</p>' });
    expect(unknown.ok ? null : unknown.error.message).toContain('nope');
  });

  it('previews a row with its unsaved values from the grid, also one past the saved rows', async () => {
    const dir = sentenceBatch(1);
    const preview = await editor().previewRow({ dir, row: 2, values: { sentence: 'Typed in the grid <i>' } });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.content).toContain('Typed in the grid &lt;i&gt;');
  });

  it('frames a QuestionForm rendered as the worker site renders it, under the worker stylesheet; an unreadable one is named', async () => {
    const dir = sentenceBatch(1, { question: 'question.xml' });
    writeFileSync(join(dir, 'question.xml'), '<QuestionForm><Question><QuestionIdentifier>q</QuestionIdentifier><QuestionContent><Text>${sentence}</Text></QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question></QuestionForm>');
    const preview = await editor().previewRow({ dir, row: 1 });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ row: 1, kind: 'question-form', content: expect.stringContaining('<Text>Sentence number 1 &lt;b&gt;</Text>') as unknown as string });
    const page = await fetch(preview.value.frameUrl!);
    expect(page.headers.get('content-security-policy')).toContain('/worker/static/site.css');
    const body = await page.text();
    expect(body).toContain('Sentence number 1 &lt;b&gt;');
    expect(body).toContain('name="answer.q"');
    expect(body).not.toContain('<QuestionForm');

    const broken = await editor().previewRow({ dir, row: 1, template: '<Form>${sentence}</Form>', questionFile: 'question.xml' });
    expect(broken.ok ? null : broken.error.message).toMatch(/^question\.xml cannot be shown for row 1: not a QuestionForm document/);
  });
});
