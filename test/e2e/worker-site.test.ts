import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApproveAssignmentCommand,
  AssociateQualificationWithWorkerCommand,
  CreateQualificationTypeCommand,
  ListAssignmentsForHITCommand,
  NotifyWorkersCommand,
  RejectAssignmentCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQuestionFormAnswers, parseQuestionFormAnswers } from '../../shared/mturk/answers';
import type { LocalMTurk } from '../../local-mturk/src/index';
import { createHit, startTestServer } from '../../local-mturk/test/helpers';
import { EVERY_ANSWER_FORM, QUALIFICATION_ANSWER_KEY, QUALIFICATION_TEST } from '../../local-mturk/test/worker-site-fixtures';

/**
 * The Local MTurk worker site in Chromium, as a worker uses it: sign in, find HITs, preview, accept, do the work in the
 * sandboxed task frame, submit; the requester's API then returns the answers exactly as MTurk would. A hostile
 * template must not reach the control API, the site's API or the worker's session.
 */
const SHOTS = join(__dirname, '..', '..', 'test-results', 'worker-site');
const HTML_NS = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd';
const EXTERNAL_NS = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd';

const htmlQuestion = (document: string, height = 500): string =>
  `<HTMLQuestion xmlns="${HTML_NS}"><HTMLContent><![CDATA[${document}]]></HTMLContent><FrameHeight>${height}</FrameHeight></HTMLQuestion>`;

/** Probes everything a requester's script might try against the site and the control API, and reports in its DOM. */
const hostileTemplate = (otherHitId: string): string => `<!DOCTYPE html><html><body><h1>Nothing to see</h1><pre id="out"></pre><script>
const results = {};
const query = new URLSearchParams(location.search);
const base = query.get('turkSubmitTo');
async function probe(name, url, init) {
  try { const r = await fetch(url, init); results[name] = 'status ' + r.status; }
  catch (e) { results[name] = 'blocked ' + e.name; }
}
(async () => {
  results.origin = String(self.origin);
  try { results.cookie = 'read ' + document.cookie; } catch (e) { results.cookie = 'blocked ' + e.name; }
  try { results.parentDom = 'read ' + parent.document.title; } catch (e) { results.parentDom = 'blocked ' + e.name; }
  try { top.location.href = base + '/worker/dashboard?hijacked=1'; results.topNavigation = 'attempted'; } catch (e) { results.topNavigation = 'blocked ' + e.name; }
  await probe('controlGet', base + '/_local/workers');
  await probe('controlGetWithCredentials', base + '/_local/workers', { credentials: 'include' });
  await probe('controlPost', base + '/_local/workers', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"workerId":"AHOSTILE"}' });
  await probe('siteGet', base + '/worker/queue', { credentials: 'include' });
  await probe('siteApi', base + '/worker/api/assignments/' + query.get('assignmentId'), { credentials: 'include' });
  await probe('siteAccept', base + '/worker/hits/${otherHitId}/accept', { method: 'POST', mode: 'no-cors', credentials: 'include' });
  await probe('siteSignOut', base + '/worker/signout', { method: 'POST', mode: 'no-cors', credentials: 'include' });
  document.getElementById('out').textContent = JSON.stringify(results, null, 1);
  document.body.setAttribute('data-done', '1');
})();
</script></body></html>`;

/** An 800×600 picture for the bounding box, inline so the test needs no image server. */
const PICTURE = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#cde"/><rect x="10" y="20" width="30" height="40" fill="#a33"/></svg>')}`;

/** A crowd-html-elements template as requesters write it: the loader from assets.crowd.aws, three elements. */
const CROWD_TEMPLATE = `<!DOCTYPE html><html><head><script src="https://assets.crowd.aws/crowd-html-elements.js"></script></head><body>
<crowd-form>
  <crowd-classifier name="sentiment" categories="['Negative', 'Neutral', 'Positive']" header="What is the sentiment?">
    <classification-target>The service was quick and friendly.</classification-target>
  </crowd-classifier>
  <p>How does it make you feel?</p>
  <crowd-radio-group>
    <crowd-radio-button name="happy" value="yes">Happy</crowd-radio-button>
    <crowd-radio-button name="sad">Sad</crowd-radio-button>
  </crowd-radio-group>
  <crowd-bounding-box name="annotatedResult" src="${PICTURE}" header="Box the red square" labels="['Square', 'Circle']"></crowd-bounding-box>
</crowd-form></body></html>`;

/** The requester's own task page on another origin (https, as MTurk requires), posting to turkSubmitTo. */
const EXTERNAL_PAGE = `<!DOCTYPE html><html><body><h1>External task</h1><form id="f" method="post">
<input type="hidden" name="assignmentId"><label>Sentiment <input name="sentiment"></label><button type="submit">Send</button></form>
<script>const q = new URLSearchParams(location.search);
document.querySelector('[name=assignmentId]').value = q.get('assignmentId');
document.getElementById('f').action = q.get('turkSubmitTo') + '/mturk/externalSubmit';</script></body></html>`;

let lab: LocalMTurk;
let client: MTurkClient;
let external: Server;
let externalUrl: string;
let browser: Browser;
let page: Page;
const hits: Record<'form' | 'crowd' | 'external' | 'hostile' | 'victim' | 'qualified', string> = { form: '', crowd: '', external: '', hostile: '', victim: '', qualified: '' };
let workerId = '';

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

function startExternalServer(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'worker-site-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  external = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(EXTERNAL_PAGE);
  });
  return new Promise((resolve) => external.listen(0, '127.0.0.1', () => {
    externalUrl = `https://127.0.0.1:${(external.address() as AddressInfo).port}/task?campaign=7`;
    resolve();
  }));
}

async function answerOf(hitId: string): Promise<string> {
  const { Assignments } = await client.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
  expect(Assignments).toHaveLength(1);
  return Assignments?.[0]?.Answer ?? '';
}

/** Accepts the HIT from its preview page and waits for the work page. */
async function acceptFromPreview(hitId: string): Promise<void> {
  await page.goto(`${lab.url}/worker/hits/${hitId}`);
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.waitForURL(/\/worker\/assignments\/[A-Z0-9]+$/);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ server: lab, client } = await startTestServer());
  lab.control.createWorker({ workerId: 'AEXISTINGWORKER', country: 'DE', approvalRatePercent: 97, masters: true });
  await startExternalServer();
  const testType = await client.send(new CreateQualificationTypeCommand({
    Name: 'Geography basics', Description: 'Two quick questions', QualificationTypeStatus: 'Active',
    Test: QUALIFICATION_TEST, AnswerKey: QUALIFICATION_ANSWER_KEY, TestDurationInSeconds: 600,
  }));
  const typeId = testType.QualificationType?.QualificationTypeId ?? '';
  hits.form = (await createHit(client, { Title: 'Fruit survey', Description: 'Questions about fruit', Keywords: 'survey, fruit', Reward: '0.25', MaxAssignments: 1, Question: EVERY_ANSWER_FORM })).HITId ?? '';
  hits.crowd = (await createHit(client, { Title: 'Label a review', Reward: '0.15', MaxAssignments: 1, Question: htmlQuestion(CROWD_TEMPLATE, 900) })).HITId ?? '';
  hits.external = (await createHit(client, { Title: 'Rate a sentence', Reward: '0.10', MaxAssignments: 1,
    Question: `<ExternalQuestion xmlns="${EXTERNAL_NS}"><ExternalURL>${externalUrl.replace('&', '&amp;')}</ExternalURL><FrameHeight>400</FrameHeight></ExternalQuestion>` })).HITId ?? '';
  hits.victim = (await createHit(client, { Title: 'Victim HIT', Reward: '0.05', MaxAssignments: 1 })).HITId ?? '';
  hits.hostile = (await createHit(client, { Title: 'Innocent looking HIT', Reward: '0.01', MaxAssignments: 1, Question: htmlQuestion(hostileTemplate(hits.victim)) })).HITId ?? '';
  hits.qualified = (await createHit(client, {
    Title: 'Geography experts only', Reward: '1.00', MaxAssignments: 2,
    QualificationRequirements: [{ QualificationTypeId: typeId, Comparator: 'GreaterThanOrEqualTo', IntegerValues: [80] }],
  })).HITId ?? '';
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The external task server's certificate is self-signed for 127.0.0.1.
    args: ['--no-sandbox', '--disable-gpu', '--ignore-certificate-errors', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => external?.close(resolve));
  await lab?.close();
});

describe('the worker site in Chromium', () => {
  it('creates a worker and signs in with an HttpOnly SameSite=Strict cookie', async () => {
    await page.goto(`${lab.url}/worker/`);
    await expect.poll(() => page.locator('.workers form').textContent()).toContain('AEXISTINGWORKER');
    await shot('01-sign-in');
    await page.getByLabel('Country').fill('US');
    await page.getByRole('button', { name: 'Create and sign in' }).click();
    await page.waitForURL(/\/worker\/hits$/);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/worker' });
    workerId = (await page.locator('header .who strong').textContent()) ?? '';
    expect(workerId).toMatch(/^A[A-Z0-9]+$/);
  });

  it('lists HIT groups with the qualification verdict, and searches and sorts them', async () => {
    const rows = page.locator('table.hits tbody tr');
    await expect.poll(() => rows.count()).toBe(6);
    const expert = rows.filter({ hasText: 'Geography experts only' });
    await expect.poll(() => expert.textContent()).toMatch(/Not qualified.*requires GreaterThanOrEqualTo 80, but the worker does not have it/s);
    await expect.poll(() => expert.getByRole('link', { name: 'Request “Geography basics”' }).count()).toBe(1);
    await shot('02-hit-list');
    await page.getByLabel('Search HITs').fill('fruit');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Search HITs').fill('');
    await page.getByLabel('Sort by').selectOption('reward');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(async () => (await rows.locator('td:first-child a').allTextContents())[0]).toBe('Geography experts only');
    await page.getByLabel('only HITs I qualify for').check();
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rows.count()).toBe(5);
  });

  it('previews a QuestionForm, refuses a wrong regex in the page, and submits QuestionFormAnswers', async () => {
    await page.goto(`${lab.url}/worker/hits/${hits.form}`);
    const frame = page.frameLocator('iframe.task');
    await expect.poll(() => frame.getByRole('button', { name: 'Submit' }).isDisabled()).toBe(true);
    await shot('03-question-form-preview');
    await acceptFromPreview(hits.form);
    await frame.getByLabel('Blue').check();
    await frame.getByLabel('Cat').check();
    await frame.getByLabel('Fish').check();
    await frame.getByLabel('size').selectOption('l');
    await frame.getByLabel('days').selectOption(['mon', 'wed']);
    await frame.getByLabel('shape other').fill('oval');
    await frame.getByLabel('Age').fill('42');
    await frame.getByLabel('Comment').fill('I like FRUIT');
    const zip = frame.getByLabel('ZIP code');
    await zip.fill('1234a');
    await frame.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => zip.evaluate((input) => (input as unknown as { validationMessage: string }).validationMessage)).toBe('Five digits, please.');
    await shot('04-question-form-regex-refused');
    expect((await client.send(new ListAssignmentsForHITCommand({ HITId: hits.form }))).Assignments).toEqual([]);
    await zip.fill('98101');
    await frame.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/worker\/queue\?submitted=/);
    expect(await answerOf(hits.form)).toBe(buildQuestionFormAnswers([
      { questionIdentifier: 'colour', selectionIdentifiers: ['blue'] },
      { questionIdentifier: 'pets', selectionIdentifiers: ['cat', 'fish'] },
      { questionIdentifier: 'size', selectionIdentifiers: ['l'] },
      { questionIdentifier: 'days', selectionIdentifiers: ['mon', 'wed'] },
      { questionIdentifier: 'shape', otherSelectionText: 'oval' },
      { questionIdentifier: 'zip', freeText: '98101' },
      { questionIdentifier: 'age', freeText: '42' },
      { questionIdentifier: 'comment', freeText: 'I like FRUIT' },
    ]));
  });

  it('serves crowd-html-elements offline and submits a crowd-form as the single taskAnswers answer', async () => {
    await acceptFromPreview(hits.crowd);
    const frame = page.frameLocator('iframe.task');
    await frame.getByRole('radio', { name: 'Positive' }).click();
    await frame.getByRole('radio', { name: 'Happy' }).click();
    await expect.poll(() => frame.locator('crowd-bounding-box svg.overlay').getAttribute('viewBox')).toBe('0 0 800 600');
    const coordinates = frame.getByRole('textbox', { name: /Coordinates/ });
    await coordinates.fill('10, 20, 30, 40');
    await coordinates.press('Enter');
    await expect.poll(() => frame.locator('crowd-bounding-box .shapes li').count()).toBe(1);
    await shot('05-crowd-elements');
    await frame.locator('crowd-form .submit').click();
    await page.waitForURL(/\/worker\/queue\?submitted=/);
    const [answer, ...others] = parseQuestionFormAnswers(await answerOf(hits.crowd));
    expect(others).toEqual([]);
    expect(answer?.questionIdentifier).toBe('taskAnswers');
    expect(JSON.parse(answer?.freeText ?? '')).toEqual([
      {
        annotatedResult: { boundingBoxes: [{ height: 40, label: 'Square', left: 10, top: 20, width: 30 }], inputImageProperties: { height: 600, width: 800 } },
        happy: { yes: true },
        sad: { on: false },
        sentiment: { label: 'Positive' },
      },
    ]);
  });

  it('frames an ExternalQuestion with the four parameters and takes its post through externalSubmit', async () => {
    await acceptFromPreview(hits.external);
    const src = new URL((await page.locator('iframe.task').getAttribute('src')) ?? '');
    expect(src.origin).toBe(new URL(externalUrl).origin);
    expect(src.searchParams.get('campaign')).toBe('7');
    expect(src.searchParams.get('turkSubmitTo')).toBe(lab.url);
    expect(src.searchParams.get('workerId')).toBe(workerId);
    expect(src.searchParams.get('hitId')).toBe(hits.external);
    const frame = page.frameLocator('iframe.task');
    await frame.getByLabel('Sentiment').fill('positive');
    await shot('06-external-question');
    await frame.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/worker\/queue\?submitted=/);
    expect(await answerOf(hits.external)).toBe(buildQuestionFormAnswers([{ questionIdentifier: 'sentiment', freeText: 'positive' }]));
  });

  it('keeps a hostile template away from the control API, the site API and the session', async () => {
    await acceptFromPreview(hits.hostile);
    const workUrl = page.url();
    const frame = page.frameLocator('iframe.task');
    await expect.poll(() => frame.locator('body').getAttribute('data-done')).toBe('1');
    const results = JSON.parse((await frame.locator('#out').textContent()) ?? '{}') as Record<string, string>;
    await shot('07-hostile-template');
    expect(results).toMatchObject({
      origin: 'null',
      cookie: 'blocked SecurityError',
      parentDom: 'blocked SecurityError',
      controlGet: 'blocked TypeError',
      controlGetWithCredentials: 'blocked TypeError',
      siteGet: 'blocked TypeError',
      siteApi: 'blocked TypeError',
      topNavigation: 'blocked SecurityError',
      // no-cors posts leave the page an opaque answer; the server refused them (checked below)
      controlPost: 'status 0',
      siteAccept: 'status 0',
      siteSignOut: 'status 0',
    });
    expect(page.url()).toBe(workUrl); // no top navigation
    // The no-cors posts were sent but refused: nothing changed.
    expect(lab.control.listWorkers().map((w) => w.workerId)).not.toContain('AHOSTILE');
    const queue = await page.goto(`${lab.url}/worker/queue`);
    expect(queue?.status()).toBe(200);
    expect(await page.locator('header .who strong').textContent()).toBe(workerId);
    expect(await page.locator('main table').textContent()).not.toContain('Victim HIT');
    // Opened on its own (here: a plain HTMLQuestion in preview), a task document is still an opaque origin: the CSP's sandbox directive.
    const alone = await browser.newPage();
    await alone.context().addCookies(await page.context().cookies());
    const response = await alone.goto(`${lab.url}/worker/task/${hits.victim}?assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE`);
    expect(response?.headers()['content-security-policy']).toContain('sandbox allow-scripts allow-forms');
    expect(await alone.evaluate(() => String((globalThis as unknown as { origin: string }).origin))).toBe('null');
    await alone.close();
    await page.goto(workUrl);
    await page.getByRole('button', { name: 'Return' }).click();
    await page.waitForURL(/\/worker\/queue$/);
  });

  it('takes a qualification test and then qualifies for the HIT that requires it', async () => {
    await page.goto(`${lab.url}/worker/qualifications`);
    await shot('08-qualifications');
    await page.getByRole('link', { name: 'Take the test' }).click();
    const frame = page.frameLocator('iframe.task');
    await frame.getByLabel('Paris').check();
    await frame.getByLabel('sum').selectOption('four');
    await shot('09-qualification-test');
    await frame.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => frame.locator('[data-outcome]').textContent()).toBe('You were granted “Geography basics” with the value 100.');
    await page.goto(`${lab.url}/worker/hits?qualified=1`);
    await expect.poll(() => page.locator('table.hits').textContent()).toContain('Geography experts only');
  });

  it('shows earnings, counts and the approval rate on the dashboard, and requester messages in the inbox', async () => {
    const [formAssignment] = (await client.send(new ListAssignmentsForHITCommand({ HITId: hits.form }))).Assignments ?? [];
    const [externalAssignment] = (await client.send(new ListAssignmentsForHITCommand({ HITId: hits.external }))).Assignments ?? [];
    await client.send(new ApproveAssignmentCommand({ AssignmentId: formAssignment?.AssignmentId }));
    await client.send(new RejectAssignmentCommand({ AssignmentId: externalAssignment?.AssignmentId, RequesterFeedback: 'Sentiment was not about the sentence.' }));
    const notify = await client.send(new NotifyWorkersCommand({ WorkerIds: [workerId], Subject: 'Thanks <3', MessageText: 'New batch tomorrow.\nSame rules.' }));
    expect(notify.NotifyWorkersFailureStatuses).toEqual([]);
    await page.goto(`${lab.url}/worker/dashboard`);
    const figure = (name: string): Promise<string | null> => page.locator(`[data-figure="${name}"]`).textContent();
    expect(await figure('approved-earnings')).toBe('$0.25');
    expect(await figure('submitted')).toBe('3');
    expect(await figure('approved')).toBe('1');
    expect(await figure('rejected')).toBe('1');
    expect(await figure('pending')).toBe('1');
    expect(await figure('approval-rate')).toBe('50.0%');
    await shot('10-dashboard');
    await page.goto(`${lab.url}/worker/inbox`);
    const messages = page.locator('article.message');
    expect(await messages.count()).toBe(1);
    expect(await messages.first().textContent()).toContain('Thanks <3');
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: (await typeIdOf()) ?? '', WorkerId: workerId, IntegerValue: 90 }));
    await page.reload();
    expect(await messages.count()).toBe(2);
    expect(await messages.first().getAttribute('data-kind')).toBe('QualificationGranted');
    await shot('11-inbox');
  });
});

async function typeIdOf(): Promise<string | undefined> {
  const response = await fetch(`${lab.url}/worker/qualifications`, { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
  return /id="([A-Z0-9]+)"/.exec(await response.text())?.[1];
}
