/**
 * The demo account: what fillDemo creates, read back through the MTurk API with the SDK; that a second fill adds
 * nothing; and that the pages and pictures it points at are served by the Local MTurk itself.
 */
import {
  GetQualificationTypeCommand,
  ListAssignmentsForHITCommand,
  ListBonusPaymentsCommand,
  ListHITsCommand,
  ListQualificationTypesCommand,
  ListWorkerBlocksCommand,
  type Assignment,
  type HIT,
} from '@aws-sdk/client-mturk';
import { parseQuestionFormAnswers } from '../../shared/mturk/answers';
import { classifierLabel } from '../src/demo/review';
import { SIGN_LABELS, SIGN_PICTURES } from '../src/demo/sign-images';
import { LocalMTurkApp } from '../src/app';
import { createControl } from '../src/control/control';
import { ContinuousCrowd } from '../src/crowd/continuous';
import { fillDemo } from '../src/demo/fill-demo';
import { DEMO_CROWD, DEMO_FIRST_WAVE } from '../src/index';
import { runOperation } from '../src/server/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.server.close();
});

async function allHits(): Promise<HIT[]> {
  const { HITs } = await t.client.send(new ListHITsCommand({ MaxResults: 100 }));
  return HITs ?? [];
}

const batchOf = (hit: HIT): string => (hit.RequesterAnnotation ?? '').split(':')[1] ?? '';

const freeTexts = (answerXml: string): Record<string, string> =>
  Object.fromEntries(parseQuestionFormAnswers(answerXml).map((a) => [a.questionIdentifier, a.freeText ?? (a.selectionIdentifiers ?? []).join('|')]));

async function assignmentsOf(hit: HIT): Promise<Assignment[]> {
  const { Assignments } = await t.client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId, MaxResults: 100 }));
  return Assignments ?? [];
}

describe('the demo account', () => {
  it('creates three batches in the three question formats and two qualification types', async () => {
    const summary = await t.server.fillDemo({ firstWave: false });
    expect(summary).toMatchObject({ alreadyThere: false, qualificationTypes: 2, hits: 14 });

    const hits = await allHits();
    expect(hits).toHaveLength(14);
    const byBatch = new Map<string, HIT[]>();
    for (const hit of hits) byBatch.set(batchOf(hit), [...(byBatch.get(batchOf(hit)) ?? []), hit]);
    expect([...byBatch.keys()].sort()).toEqual(['commute', 'shopping', 'signs']);
    expect(new Set(hits.map((h) => h.HITTypeId)).size).toBe(3);

    const sign = byBatch.get('signs')![0]!;
    expect(sign.Question).toContain('<HTMLQuestion');
    expect(sign.Question).toContain('<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>');
    expect(sign.Question).toMatch(/<crowd-form>[\s\S]*<crowd-classifier name="category"/);
    expect(sign.Question).toContain(`${t.server.url}/demo/signs/sign-01.svg`);
    expect(sign.Reward).toBe('0.05');
    expect(sign.QualificationRequirements?.[0]).toMatchObject({ Comparator: 'GreaterThanOrEqualTo', IntegerValues: [66] });

    const shopping = byBatch.get('shopping')![0]!;
    expect(shopping.Question).toContain('<QuestionForm');
    expect(shopping.Question).toContain('<AnswerFormatRegex regex="^[0-9]{5}$"');
    expect(shopping.Question).toContain('<IsNumeric minValue="0" maxValue="200"/>');

    const commute = byBatch.get('commute')![0]!;
    expect(commute.Question).toContain(`<ExternalURL>${t.server.url}/demo/commute-survey.html</ExternalURL>`);

    const { QualificationTypes } = await t.client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true }));
    expect(QualificationTypes?.map((q) => q.Name).sort()).toEqual(['Road sign recognition (test)', 'Transport study panel']);
    const testType = QualificationTypes!.find((q) => q.Name === 'Road sign recognition (test)')!;
    const { QualificationType } = await t.client.send(new GetQualificationTypeCommand({ QualificationTypeId: testType.QualificationTypeId }));
    expect(QualificationType?.Test).toContain('<QuestionForm');
    expect(t.server.control.listWorkers()).toHaveLength(0);
  });

  it('runs a first wave of the demo crowd, within each question\'s rules, and reviews the sign labels against the pictures', async () => {
    const summary = await t.server.fillDemo();
    expect(summary.workers).toBe(DEMO_FIRST_WAVE.workers);
    expect(summary.submitted).toBeGreaterThan(30);
    const hits = await allHits();
    const work = new Map(await Promise.all(hits.map(async (hit) => [hit, await assignmentsOf(hit)] as const)));
    expect([...work.values()].flat()).toHaveLength(summary.submitted);

    const truth = new Map(SIGN_PICTURES.map((p) => [`${t.server.url}/demo/signs/${p.file}`, p.label]));
    let checked = 0;
    for (const [hit, assignments] of work) {
      if (batchOf(hit) !== 'signs') continue;
      const shown = truth.get(/src="([^"]+\.svg)"/.exec(hit.Question ?? '')![1]!)!;
      for (const assignment of assignments) {
        const label = classifierLabel(assignment.Answer ?? '');
        expect(SIGN_LABELS).toContain(label);
        if (assignment.AssignmentStatus === 'Approved') expect(label).toBe(shown);
        if (assignment.AssignmentStatus === 'Rejected') expect(label).not.toBe(shown);
        if (assignment.AssignmentStatus !== 'Submitted') checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(summary.rejected).toBe([...work.values()].flat().filter((a) => a.AssignmentStatus === 'Rejected').length);

    const survey = [...work].find(([hit]) => batchOf(hit) === 'shopping')![1];
    expect(survey.length).toBeGreaterThan(5);
    for (const assignment of survey) {
      const answers = freeTexts(assignment.Answer ?? '');
      expect(answers.zip_code).toMatch(/^[0-9]{5}$/);
      expect(Number(answers.orders_per_month)).toBeGreaterThanOrEqual(0);
      expect(Number(answers.orders_per_month)).toBeLessThanOrEqual(200);
    }
    const commute = [...work].find(([hit]) => batchOf(hit) === 'commute')!;
    expect(commute[1].length).toBeGreaterThan(0);
    for (const assignment of commute[1]) expect(['car', 'public_transport', 'bicycle', 'walk', 'remote']).toContain(freeTexts(assignment.Answer ?? '').commute_mode);

    const { BonusPayments } = await t.client.send(new ListBonusPaymentsCommand({ HITId: commute[0].HITId }));
    expect(BonusPayments?.map((b) => b.BonusAmount)).toEqual(['0.50']);
    const { WorkerBlocks } = await t.client.send(new ListWorkerBlocksCommand({}));
    expect(WorkerBlocks).toHaveLength(summary.rejected > 0 ? 1 : 0);
  });

  it('gives the same first wave for the same seed', async () => {
    const first = await t.server.fillDemo({ seed: 7 });
    const other = await startTestServer();
    try {
      const second = await other.server.fillDemo({ seed: 7 });
      expect(second).toMatchObject({ submitted: first.submitted, approved: first.approved, rejected: first.rejected });
    } finally {
      await other.server.close();
    }
  });

  it('adds nothing when the demo is already there', async () => {
    await t.server.fillDemo({ firstWave: false });
    const again = await t.server.fillDemo();
    expect(again).toMatchObject({ alreadyThere: true, hits: 14, submitted: 0 });
    expect(await allHits()).toHaveLength(14);
    const { QualificationTypes } = await t.client.send(new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true }));
    expect(QualificationTypes).toHaveLength(2);
  });

  it('lets the demo crowd keep working: one crowd at a time, until stopped', () => {
    expect(t.server.crowd()).toBeNull();
    t.server.startCrowd({ ...DEMO_CROWD });
    t.server.startCrowd({ workers: 5, speed: 60, seed: 1 });
    expect(t.server.crowd()).toEqual({ ...DEMO_CROWD });
    t.server.stopCrowd();
    expect(t.server.crowd()).toBeNull();
  });
});

describe('the demo pages under /demo/', () => {
  it('serves every sign picture a HIT shows, as SVG', async () => {
    await t.server.fillDemo({ firstWave: false });
    const urls = (await allHits()).flatMap((h) => [...(h.Question ?? '').matchAll(/src="(http:[^"]+\.svg)"/g)].map((m) => m[1]!));
    expect(urls).toHaveLength(12);
    for (const url of urls) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/svg+xml');
      expect(await response.text()).toMatch(/^<svg /);
    }
    expect((await fetch(`${t.server.url}/demo/nothing.svg`)).status).toBe(404);
  });

  it('serves the survey page with a script-locked CSP, and its form fields become the answer', async () => {
    await t.server.fillDemo({ firstWave: false });
    const page = await fetch(`${t.server.url}/demo/commute-survey.html?assignmentId=X&turkSubmitTo=${encodeURIComponent(t.server.url)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+';/);
    const html = await page.text();
    for (const field of ['commute_mode', 'commute_minutes', 'remote_days', 'improvement']) expect(html).toContain(`name="${field}"`);

    const commute = (await allHits()).find((h) => batchOf(h) === 'commute')!;
    const worker = t.server.control.createWorker({ country: 'US' });
    const accepted = t.server.control.accept(worker.workerId, commute.HITId!);
    const form = new URLSearchParams({ assignmentId: accepted.AssignmentId, commute_mode: 'bicycle', commute_minutes: '18', remote_days: '2', improvement: 'A bike lane' });
    const posted = await fetch(`${t.server.url}/mturk/externalSubmit`, { method: 'POST', body: form });
    expect(posted.status).toBe(200);
    const { Assignments } = await t.client.send(new ListAssignmentsForHITCommand({ HITId: commute.HITId }));
    expect(Assignments?.[0]?.Answer).toContain('<FreeText>bicycle</FreeText>');
  });
});

describe('the demo crowd after the first wave', () => {
  it('keeps taking and submitting the demo work at real-time pace until the batches are done', async () => {
    let wall = Date.UTC(2026, 11, 1, 9);
    const app = new LocalMTurkApp({ credentials: [], env: 'sandbox', startingBalanceCents: 1_000_000, verifySignatures: true, wallClock: () => wall });
    const control = createControl(app);
    const accessKeyId = app.credentials[0]!.accessKeyId;
    const requester = { call: (operation: string, input: Record<string, unknown> = {}) => runOperation(app, app.context(accessKeyId), operation, input) };
    // Whole ticks (no slice limit): the counts below are exact, and a slow moment must not leave work for later.
    const crowd = new ContinuousCrowd(app, { ...DEMO_CROWD, tickMs: 3_600_000, sliceMs: Infinity });
    try {
      const first = await fillDemo({ url: 'http://127.0.0.1:9', requester, control });
      const submittedSoFar = (): number =>
        ((requester.call('ListHITs', { MaxResults: 100 }).HITs ?? []) as HIT[]).reduce(
          (sum, hit) => sum + ((requester.call('ListAssignmentsForHIT', { HITId: hit.HITId, MaxResults: 100 }).Assignments ?? []) as unknown[]).length,
          0,
        );
      expect(submittedSoFar()).toBe(first.submitted);
      crowd.start();
      const minutes = (n: number): void => {
        for (let i = 0; i < n * 4; i++) {
          wall += 15_000;
          crowd.tick();
        }
      };
      const virtualStart = app.clock.now();
      minutes(10);
      // At real-time pace the virtual clock follows real time.
      expect(app.clock.now() - virtualStart).toBe(10 * 60_000);
      const afterTen = submittedSoFar();
      expect(afterTen).toBeGreaterThan(first.submitted + 20);
      minutes(80);
      // 12 sign HITs × 3, 60 shopping and 40 commute responses.
      expect(submittedSoFar()).toBe(12 * 3 + 60 + 40);
    } finally {
      crowd.stop();
      app.close();
    }
  });
});
