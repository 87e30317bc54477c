/**
 * The worker site's routes over HTTP (no browser): sign-in cookie, Host/Origin refusals, the HIT list with search,
 * sort and the qualification explanation, QuestionForm submission with its checks, and the CSPs of pages and task
 * documents. The browser flow is test/e2e/worker-site.test.ts.
 */
import { request } from 'node:http';
import { CreateQualificationTypeCommand, ListAssignmentsForHITCommand, type MTurkClient } from '@aws-sdk/client-mturk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildQuestionFormAnswers } from '../../shared/mturk/answers';
import type { LocalMTurk } from '../src/index';
import { SYSTEM_QUALIFICATION_IDS } from '../src/rules/requirements';
import { createHit, startTestServer } from './helpers';
import { EVERY_ANSWER_FORM, signInCookie } from './worker-site-fixtures';

let server: LocalMTurk;
let client: MTurkClient;
let workerId: string;
let cookie: string;

beforeEach(async () => {
  ({ server, client } = await startTestServer());
  workerId = server.control.createWorker({ country: 'US' }).workerId;
  cookie = await signInCookie(server, workerId);
});
afterEach(() => server.close());

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}${path}`, { headers: { cookie, ...headers }, redirect: 'manual' });

const post = (path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const one of [value].flat()) body.append(name, one);
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: body.toString(),
    redirect: 'manual',
  });
};

/** A GET with a chosen Host header (fetch cannot set Host). */
function rawGet(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { Host: host, cookie } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The HIT list's rows as [title, qualification cell text]. */
async function listedHits(query = ''): Promise<[string, string][]> {
  const page = await (await get(`/worker/hits${query}`)).text();
  return [...page.matchAll(/<tr data-hit-group="[^"]+">\s*<td><a href="[^"]+">([^<]*)<\/a>[\s\S]*?<td>(<span class="(?:ok|bad)">[\s\S]*?)<\/td>\s*<td>/g)].map(
    (m) => [m[1] ?? '', (m[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim()],
  );
}

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie scoped to /worker, and refuses unknown workers', async () => {
    const response = await post('/worker/signin', { workerId }, { cookie: '' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/worker/hits');
    expect(response.headers.get('set-cookie')).toMatch(/^lmturk_worker=[A-Za-z0-9_-]{32}; Path=\/worker; HttpOnly; SameSite=Strict$/);
    expect((await post('/worker/signin', { workerId: 'ANOBODY' }, { cookie: '' })).status).toBe(400);
  });

  it('shows the sign-in page without a session and 401 on the site API', async () => {
    const page = await (await get('/worker/hits', { cookie: '' })).text();
    expect(page).toContain(workerId);
    expect(page).toContain('Create a worker');
    expect((await get('/worker/api/assignments/3ABC', { cookie: '' })).status).toBe(401);
  });

  it('creates a worker with the given country and signs it in', async () => {
    const response = await post('/worker/workers', { country: 'de', approvalRatePercent: '97', masters: 'true' }, { cookie: '' });
    expect(response.status).toBe(303);
    const created = server.control.listWorkers().at(-1);
    expect(created).toMatchObject({ country: 'DE', approvalRatePercent: 97, masters: true });
    const session = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(await (await get('/worker/dashboard', { cookie: session })).text()).toContain(created?.workerId ?? '?');
  });

  it('signs out: the old cookie no longer names a worker', async () => {
    expect((await post('/worker/signout', {})).status).toBe(303);
    expect((await get('/worker/api/assignments/3ABC')).status).toBe(401);
  });
});

describe('Host and Origin guards', () => {
  it('refuses a foreign Host on the worker routes (DNS rebinding), static files included', async () => {
    for (const path of ['/worker/hits', '/worker/static/site.js', '/worker/task/submit']) {
      const answer = await rawGet(path, 'attacker.example');
      expect(answer.status, path).toBe(403);
      expect(answer.body).toContain("Host 'attacker.example' is not this server");
    }
    expect((await rawGet('/worker/hits', `localhost:${server.port}`)).status).toBe(200);
  });

  it('refuses state changes without an Origin, from another origin and from an opaque one', async () => {
    const hit = await createHit(client);
    for (const origin of [undefined, 'http://attacker.example', 'null', 'http://127.0.0.1:1']) {
      const headers: Record<string, string> = origin === undefined ? {} : { Origin: origin };
      const response = await fetch(`${server.url}/worker/hits/${hit.HITId}/accept`, { method: 'POST', headers: { cookie, ...headers }, redirect: 'manual' });
      expect(response.status, `Origin ${origin}`).toBe(403);
    }
    expect((await post(`/worker/hits/${hit.HITId}/accept`, {})).status).toBe(303);
  });

  it('lets sandboxed task documents (Origin: null, no cookie) post only to the task-frame targets', async () => {
    const response = await post('/worker/task/submit', { assignmentId: 'ASSIGNMENT_ID_NOT_AVAILABLE' }, { Origin: 'null', cookie: '' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('accept it before submitting');
  });

  it("serves the site's pages under a strict CSP and task documents sandboxed", async () => {
    const hit = await createHit(client);
    const pageCsp = (await get('/worker/hits')).headers.get('content-security-policy') ?? '';
    expect(pageCsp).toContain("script-src 'self'");
    expect(pageCsp).toContain("frame-ancestors 'none'");
    expect(pageCsp).not.toContain('unsafe-inline');
    const task = await get(`/worker/task/${hit.HITId}?assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE`);
    expect(task.headers.get('content-security-policy')).toBe(`sandbox allow-scripts allow-forms allow-modals; frame-ancestors ${server.url}; base-uri 'none'`);
    expect(await task.text()).toContain('<input name="label"/>');
  });
});

describe('the HIT list', () => {
  it('groups HITs of one HIT type, escapes requester text, searches and sorts', async () => {
    await createHit(client, { Title: 'Tag <script>alert(1)</script> photos', Reward: '0.05', MaxAssignments: 2 });
    await createHit(client, { Title: 'Tag <script>alert(1)</script> photos', Reward: '0.05', MaxAssignments: 2 });
    await createHit(client, { Title: 'Transcribe a receipt', Keywords: 'receipts, ocr', Reward: '0.80' });
    await createHit(client, { Title: 'Short survey', Reward: '0.30' });
    const page = await (await get('/worker/hits')).text();
    expect(page).toContain('Tag &lt;script&gt;alert(1)&lt;/script&gt; photos');
    expect(page).not.toContain('<script>alert(1)');
    expect((await listedHits('?sort=reward&order=desc')).map(([title]) => title)).toEqual([
      'Transcribe a receipt',
      'Short survey',
      'Tag &lt;script&gt;alert(1)&lt;/script&gt; photos',
    ]);
    expect(page).toMatch(/<td class="num">\$0\.05<\/td><td class="num">4<\/td>/); // two HITs × two assignments in one group
    expect((await listedHits('?sort=title&order=asc')).map(([title]) => title)[0]).toBe('Short survey');
    expect((await listedHits('?q=OCR')).map(([title]) => title)).toEqual(['Transcribe a receipt']);
    expect((await listedHits('?minReward=0.50')).map(([title]) => title)).toEqual(['Transcribe a receipt']);
  });

  it('names the requirement a worker misses, and hides HITs whose requirements guard discovery', async () => {
    const locale = SYSTEM_QUALIFICATION_IDS.sandbox.Locale;
    await createHit(client, { Title: 'Germany only', QualificationRequirements: [{ QualificationTypeId: locale, Comparator: 'EqualTo', LocaleValues: [{ Country: 'DE' }] }] });
    await createHit(client, {
      Title: 'Invisible to the US',
      QualificationRequirements: [{ QualificationTypeId: locale, Comparator: 'EqualTo', LocaleValues: [{ Country: 'DE' }], ActionsGuarded: 'DiscoverPreviewAndAccept' }],
    });
    await createHit(client, { Title: 'Anyone' });
    expect(await listedHits('?sort=title&order=asc')).toEqual([
      ['Anyone', 'You qualify'],
      ['Germany only', "Not qualified Worker_Locale: requires EqualTo DE, but the worker's locale is US"],
    ]);
    expect((await listedHits('?qualified=1')).map(([title]) => title)).toEqual(['Anyone']);
  });

  it('explains without granting: an AutoGranted qualification is only granted when the worker accepts', async () => {
    const { QualificationType } = await client.send(
      new CreateQualificationTypeCommand({ Name: 'Auto', Description: 'granted on request', QualificationTypeStatus: 'Active', AutoGranted: true, AutoGrantedValue: 5 }),
    );
    const typeId = QualificationType?.QualificationTypeId ?? '';
    const hit = await createHit(client, { Title: 'Needs auto', QualificationRequirements: [{ QualificationTypeId: typeId, Comparator: 'EqualTo', IntegerValues: [5] }] });
    expect(await listedHits()).toEqual([['Needs auto', 'You qualify']]);
    expect(await (await get('/worker/qualifications')).text()).toContain('No qualifications yet.');
    expect((await post(`/worker/hits/${hit.HITId}/accept`, {})).status).toBe(303);
    expect(await (await get('/worker/qualifications')).text()).toMatch(/<td>Auto<\/td><td class="num">5<\/td><td>Granted<\/td>/);
  });
});

describe('qualifications', () => {
  it('requests a test-less qualification: pending until the requester decides, then shown with its outcome', async () => {
    const { QualificationType } = await client.send(
      new CreateQualificationTypeCommand({ Name: 'Trusted <worker>', Description: 'Ask us', QualificationTypeStatus: 'Active' }),
    );
    const typeId = QualificationType?.QualificationTypeId ?? '';
    const before = await (await get('/worker/qualifications')).text();
    expect(before).toContain('Trusted &lt;worker&gt;');
    expect(before).toContain(`action="/worker/qualifications/${typeId}/request"`);
    const requested = await post(`/worker/qualifications/${typeId}/request`, {});
    expect(requested.status).toBe(303);
    expect(await (await get('/worker/qualifications')).text()).toContain('Request pending: the requester decides');
    const again = await post(`/worker/qualifications/${typeId}/request`, {});
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('already has a pending request');
  });

  it('hands a qualification test a one-time token that only its worker can open', async () => {
    const { QualificationType } = await client.send(
      new CreateQualificationTypeCommand({ Name: 'Quiz', Description: 'd', QualificationTypeStatus: 'Active', Test: EVERY_ANSWER_FORM, TestDurationInSeconds: 60 }),
    );
    const page = await (await get(`/worker/qualifications/${QualificationType?.QualificationTypeId}/test`)).text();
    const frameUrl = /<iframe class="task" title="Qualification test" src="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(frameUrl).toMatch(/^\/worker\/qualification-test\/[A-Za-z0-9_-]{24}$/);
    expect((await get(frameUrl)).status).toBe(200);
    const otherCookie = await signInCookie(server, server.control.createWorker({}).workerId);
    expect((await get(frameUrl, { cookie: otherCookie })).status).toBe(404);
    const submitted = await post(`${frameUrl}/submit`, { 'answer.colour': 'red', 'answer.pets': ['cat', 'dog'], 'answer.size': 's', 'answer.zip': '02139' }, { Origin: 'null', cookie: '' });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toContain('data-outcome="Pending"');
    expect((await post(`${frameUrl}/submit`, {}, { Origin: 'null', cookie: '' })).status).toBe(404); // used up
  });
});

describe('QuestionForm work', () => {
  async function acceptedFormHit(): Promise<{ hitId: string; assignmentId: string }> {
    const hit = await createHit(client, { Question: EVERY_ANSWER_FORM, MaxAssignments: 1 });
    const accepted = await post(`/worker/hits/${hit.HITId}/accept`, {});
    const assignmentId = /\/worker\/assignments\/([A-Z0-9]+)$/.exec(accepted.headers.get('location') ?? '')?.[1] ?? '';
    return { hitId: hit.HITId ?? '', assignmentId };
  }

  const GOOD = { 'answer.colour': 'red', 'answer.pets': ['cat', 'dog'], 'answer.size': 's', 'answer.zip': '02139', 'answer.comment': 'No fruit' };

  it('frames the form from the work page with the four parameters pointing back at this server', async () => {
    const { hitId, assignmentId } = await acceptedFormHit();
    const page = await (await get(`/worker/assignments/${assignmentId}`)).text();
    const src = /<iframe class="task" title="Task" src="([^"]+)" sandbox="allow-scripts allow-forms allow-modals"/.exec(page)?.[1] ?? '';
    const url = new URL(src.replace(/&amp;/g, '&'));
    expect(url.pathname).toBe(`/worker/task/${hitId}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ assignmentId, hitId, turkSubmitTo: server.url, workerId });
    const task = await get(`${url.pathname}${url.search}`);
    expect(task.headers.get('content-security-policy')).toMatch(/^sandbox allow-scripts allow-forms allow-modals; default-src 'none'; script-src http:\/\/127\.0\.0\.1:\d+\/worker\/static\/question-form\.js;/);
    expect(await task.text()).toContain(`<input type="hidden" name="assignmentId" value="${assignmentId}">`);
  });

  it('refuses answers that break a constraint, naming the question, and keeps the assignment in progress', async () => {
    const { assignmentId } = await acceptedFormHit();
    const response = await post('/worker/task/submit', { assignmentId, ...GOOD, 'answer.zip': '0213x', 'answer.pets': ['cat'] }, { Origin: 'null', cookie: '' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('Pets: Choose at least 2.');
    expect(text).toContain('ZIP code: Five digits, please.');
    expect(await (await get(`/worker/api/assignments/${assignmentId}`)).json()).toEqual({ status: 'Accepted' });
  });

  it('submits the answers as QuestionFormAnswers, leaving out unanswered optional questions', async () => {
    const { hitId, assignmentId } = await acceptedFormHit();
    const response = await post('/worker/task/submit', { assignmentId, ...GOOD, 'answer.days': ['tue'], 'other.shape': 'oval', 'answer.age': '' }, { Origin: 'null', cookie: '' });
    expect(response.status).toBe(200);
    const { Assignments } = await client.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
    expect(Assignments?.[0]?.Answer).toBe(
      buildQuestionFormAnswers([
        { questionIdentifier: 'colour', selectionIdentifiers: ['red'] },
        { questionIdentifier: 'pets', selectionIdentifiers: ['cat', 'dog'] },
        { questionIdentifier: 'size', selectionIdentifiers: ['s'] },
        { questionIdentifier: 'days', selectionIdentifiers: ['tue'] },
        { questionIdentifier: 'shape', otherSelectionText: 'oval' },
        { questionIdentifier: 'zip', freeText: '02139' },
        { questionIdentifier: 'comment', freeText: 'No fruit' },
      ]),
    );
    expect(await (await get(`/worker/api/assignments/${assignmentId}`)).json()).toEqual({ status: 'Submitted' });
  });

  it("does not let one worker read or return another worker's assignment", async () => {
    const { assignmentId } = await acceptedFormHit();
    const other = server.control.createWorker({}).workerId;
    const otherCookie = await signInCookie(server, other);
    expect((await get(`/worker/api/assignments/${assignmentId}`, { cookie: otherCookie })).status).toBe(404);
    expect((await post(`/worker/assignments/${assignmentId}/return`, {}, { cookie: otherCookie })).status).toBe(404);
    expect(await (await get(`/worker/api/assignments/${assignmentId}`)).json()).toEqual({ status: 'Accepted' });
  });
});
