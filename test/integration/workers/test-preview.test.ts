import { afterEach, describe, expect, it } from 'vitest';
import { BatchEditorService } from '../../../electron/services/batches/batch-editor';
import { TestPreviewService } from '../../../electron/services/workers/test-preview-service';
import type { TestSpec } from '../../../shared/qualifications/test-spec';
import { buildTestXml, type TestXml } from '../../../shared/qualifications/test-xml';

const editors: BatchEditorService[] = [];
afterEach(async () => {
  while (editors.length) await editors.pop()!.dispose();
});

function previews(): TestPreviewService {
  const editor = new BatchEditorService();
  editors.push(editor);
  return new TestPreviewService(() => editor.sharedPreviewHost());
}

const SPEC: TestSpec = {
  title: 'Quiz',
  overview: 'Pick <one>.',
  questions: [
    { id: 'q1', text: 'Which is a bird?', style: 'radiobutton', options: [{ id: 'robin', text: 'Robin', score: 5 }, { id: 'bat', text: 'Bat', score: 0 }] },
    { id: 'q2', text: 'Which bird cannot fly?', style: 'dropdown', options: [{ id: 'kiwi', text: 'Kiwi', score: 5 }, { id: 'crow', text: 'Crow', score: -5 }] },
  ],
  mapping: { kind: 'range', ranges: [{ lower: 10, upper: 10, value: 2 }, { lower: 0, upper: 9, value: 1 }], outOfRangeValue: 0 },
};

function built(spec: TestSpec): TestXml {
  const result = buildTestXml(spec);
  if (!result.ok) throw new Error('does not build');
  return result.value;
}

const post = (url: string, body: string): Promise<Response> => fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null' } });

describe('taking a test in the preview', () => {
  it('serves the test as the worker site renders it, under a sandboxed policy only the app may frame', async () => {
    const preview = await previews().preview({ title: 'Quiz', ...built(SPEC) });
    if (!preview.ok) throw new Error(preview.error.message);
    const response = await fetch(preview.value.frameUrl);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain('sandbox allow-scripts allow-forms allow-modals');
    expect(csp).toContain('frame-ancestors app://turkbench http://127.0.0.1:*');
    const html = await response.text();
    expect(html).toContain('<input type="radio" name="answer.q1" value="robin">');
    expect(html).toContain('Pick &lt;one&gt;.');
    expect(html).toContain(`action="${preview.value.frameUrl}/submit"`);
    const origin = new URL(preview.value.frameUrl).origin;
    expect((await fetch(`${origin}/worker/static/question-form.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('scores a submitted form with the answer key, or lists what is missing', async () => {
    const preview = await previews().preview({ title: 'Quiz', ...built(SPEC) });
    if (!preview.ok) throw new Error(preview.error.message);
    const submit = `${preview.value.frameUrl}/submit`;
    expect(await (await post(submit, 'answer.q1=robin&answer.q2=kiwi')).text()).toContain('data-score="2"');
    expect(await (await post(submit, 'answer.q1=bat&answer.q2=kiwi')).text()).toContain('data-score="1"');
    expect(await (await post(submit, 'answer.q1=bat&answer.q2=crow')).text()).toContain('data-score="0"');
    const missing = await (await post(submit, 'answer.q1=robin')).text();
    expect(missing).toContain('q2: Choose an answer.');
    expect(missing).not.toContain('data-score');
    // Only the form's own submit address takes a post.
    expect((await post(preview.value.frameUrl, 'answer.q1=robin')).status).toBe(403);
    expect((await post(`${new URL(preview.value.frameUrl).origin}/worker/test/${'0'.repeat(32)}/submit`, '')).status).toBe(404);
  });

  it('refuses a test or answer key MTurk would refuse, saying which', async () => {
    const xml = built(SPEC);
    expect(await previews().preview({ title: 'Quiz', test: '<QuestionForm>', answerKey: xml.answerKey })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'test' } });
    const wrongKey = xml.answerKey.replace('<SelectionIdentifier>kiwi</SelectionIdentifier>', '<SelectionIdentifier>emu</SelectionIdentifier>');
    expect(await previews().preview({ title: 'Quiz', test: xml.test, answerKey: wrongKey })).toMatchObject({
      ok: false,
      error: { field: 'answerKey', message: "The answer key is not one MTurk accepts: The AnswerKey option 'emu' of question 'q2' is not a selection of that question in the Test." },
    });
  });
});
