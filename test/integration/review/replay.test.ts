/**
 * The review replay through the real services: an archived assignment of each question format, and the replay
 * document the preview host serves for it — its own sandboxed policy, the answers only as a JSON data block.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../crowd-elements/test/support/task-server';
import type { Services } from '../../../electron/core/services';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { syncFully, workbenchFor } from '../actions/workbench';

const HQ = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd';
const QF = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd';
const EQ = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd';
const HOSTILE = `<img src=x onerror="window.__pwned('img')"></textarea><script>window.__pwned('script')</script>`;

const CROWD_TEMPLATE = `<!DOCTYPE html><html><head><script src="https://assets.crowd.aws/crowd-html-elements.js"></script></head><body>
<crowd-form><crowd-classifier name="category" categories="['Stop', 'Yield']" header="Which sign?"><classification-target>sign</classification-target></crowd-classifier>
<crowd-text-area name="comment"></crowd-text-area></crowd-form></body></html>`;
const SURVEY =
  `<QuestionForm xmlns="${QF}"><Question><QuestionIdentifier>size</QuestionIdentifier><IsRequired>true</IsRequired><QuestionContent><Text>Size?</Text></QuestionContent>` +
  '<AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>' +
  '<Selection><SelectionIdentifier>s</SelectionIdentifier><Text>Small</Text></Selection><Selection><SelectionIdentifier>l</SelectionIdentifier><Text>Large</Text></Selection>' +
  '</Selections></SelectionAnswer></AnswerSpecification></Question>' +
  '<Question><QuestionIdentifier>note</QuestionIdentifier><IsRequired>false</IsRequired><QuestionContent><Text>Note</Text></QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question></QuestionForm>';

let lab: TestServer;
let bench: Services & { dataDir: string };
let browser: Browser | undefined;
const ids: Record<'html' | 'form' | 'external', string> = { html: '', form: '', external: '' };

beforeAll(async () => {
  lab = await startTestServer();
  const questions = {
    html: `<HTMLQuestion xmlns="${HQ}"><HTMLContent><![CDATA[${CROWD_TEMPLATE}]]></HTMLContent><FrameHeight>500</FrameHeight></HTMLQuestion>`,
    form: SURVEY,
    external: `<ExternalQuestion xmlns="${EQ}"><ExternalURL>https://tasks.example.com/do?x=1</ExternalURL><FrameHeight>400</FrameHeight></ExternalQuestion>`,
  };
  const answers = {
    html: { taskAnswers: JSON.stringify([{ category: { label: 'Yield' }, comment: HOSTILE }]) },
    form: { size: ['l'], note: HOSTILE },
    external: { completionCode: HOSTILE },
  };
  for (const kind of ['html', 'form', 'external'] as const) {
    const hit = await createHit(lab.client, { Question: questions[kind], MaxAssignments: 1 });
    const { workerId } = lab.server.control.createWorker({ country: 'US' });
    const { AssignmentId } = lab.server.control.accept(workerId, hit.HITId!);
    lab.server.control.submit(AssignmentId, answers[kind]);
    ids[kind] = AssignmentId;
  }
  bench = workbenchFor(lab.server);
  await syncFully(bench);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await bench?.dispose();
  await lab?.server.close();
});

async function replayOf(assignmentId: string) {
  const result = await bench.replay.replay({ assignmentId });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('review.replay', () => {
  it('serves an HTMLQuestion with its answers as a JSON block, under a sandboxed policy of its own', async () => {
    const replay = await replayOf(ids.html);
    expect(replay).toMatchObject({ kind: 'html', frameHeight: 500, externalUrl: null, problem: null });
    expect(replay.fields).toEqual([{ name: 'taskAnswers', values: [JSON.stringify([{ category: { label: 'Yield' }, comment: HOSTILE }])] }]);
    const url = new URL(replay.frameUrl!);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toMatch(/^\/r\/[0-9a-f]{32}$/);
    expect(url.searchParams.get('assignmentId')).toBe('ASSIGNMENT_ID_NOT_AVAILABLE');

    const response = await fetch(url);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!.split('; ');
    expect(csp).toContain('sandbox allow-scripts');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain("frame-src 'none'");
    expect(csp).toContain(`script-src 'unsafe-inline' ${url.origin}/crowd-elements.js https:`);
    expect(csp).toContain('frame-ancestors app://turkbench http://127.0.0.1:*');
    const body = await response.text();
    // The worker's text is in the data block only, with no character that could end it or start markup.
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('</textarea><script>');
    const block = /<script type="application\/json" id="crowd-replay-data">([^<]*)<\/script>/.exec(body);
    expect(JSON.parse(block![1]!)).toEqual({ fields: { taskAnswers: replay.fields[0]!.values }, note: expect.stringContaining(`Replay of ${ids.html}`) });
    expect(body).toContain(`<script src="${url.origin}/crowd-elements.js"></script>`);
    expect(body).not.toContain('assets.crowd.aws');
  });

  it('renders a QuestionForm as the worker site does, with the answers under its control names', async () => {
    const replay = await replayOf(ids.form);
    expect(replay.kind).toBe('question-form');
    expect(replay.fields).toEqual([{ name: 'answer.size', values: ['l'] }, { name: 'answer.note', values: [HOSTILE] }]);
    const url = new URL(replay.frameUrl!);
    const body = await (await fetch(url)).text();
    expect(body).toContain('<input type="radio" name="answer.size" value="l">');
    expect(body).toContain(`<link rel="stylesheet" href="${url.origin}/worker/static/site.css">`);
    expect(body).not.toContain('<img src=x');
    const style = await fetch(`${url.origin}/worker/static/site.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await style.text()).toContain('body.task');
  });

  it('shows the QuestionForm answers in its controls in a browser, read-only, running none of the text', async () => {
    const replay = await replayOf(ids.form);
    browser = await launchBrowser();
    const page = await browser.newPage();
    const executed: string[] = [];
    await page.exposeFunction('__pwned', (tag: unknown) => executed.push(String(tag)));
    await page.goto(replay.frameUrl!);
    await page.waitForSelector('html[data-replayed]', { state: 'attached', timeout: 15_000 });
    expect(await page.locator('input[name="answer.size"]').evaluateAll((inputs) => inputs.map((i) => [(i as unknown as { value: string }).value, (i as unknown as { checked: boolean }).checked]))).toEqual([['s', false], ['l', true]]);
    expect(await page.locator('[name="answer.note"]').inputValue()).toBe(HOSTILE);
    expect(await page.locator('input, textarea, button').evaluateAll((controls) => controls.every((c) => (c as unknown as { disabled: boolean }).disabled))).toBe(true);
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(executed).toEqual([]);
  });

  it('gives an ExternalQuestion its fields and URL without hosting (or loading) the external page', async () => {
    const replay = await replayOf(ids.external);
    expect(replay).toMatchObject({ kind: 'external', frameUrl: null, externalUrl: 'https://tasks.example.com/do?x=1', frameHeight: 400 });
    expect(replay.fields).toEqual([{ name: 'completionCode', values: [HOSTILE] }]);
  });

  it('answers not-found for an assignment the archive does not hold, and 404 for an unknown replay address', async () => {
    const missing = await bench.replay.replay({ assignmentId: 'NOSUCHASSIGNMENT' });
    expect(missing.ok ? null : missing.error).toMatchObject({ kind: 'not-found', field: 'assignmentId' });
    const origin = new URL((await replayOf(ids.html)).frameUrl!).origin;
    expect((await fetch(`${origin}/r/${'0'.repeat(32)}`)).status).toBe(404);
  });
});
