/**
 * Review bench: moving to the next assignment as the review queue does it — the queue's keyset page (with agreement
 * and gold figures) whenever the cursor crosses into a new page, then the assignment replayed in its own HIT's
 * question (an HTMLQuestion with a crowd classifier) and its document fetched from the sandboxed preview host as the
 * frame fetches it — over an archive of 100,000 submitted assignments, through the real services. The browser's
 * rendering of the frame is not included.
 * Run alone with `npx tsx bench/review-next.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices } from '../electron/core/services';
import { upsertAssignments, type AssignmentRecord } from '../electron/archive/repos/assignments';
import { ensureConnection } from '../electron/archive/repos/connections';
import { upsertHits, type HitRecord } from '../electron/archive/repos/hits';
import { createLogger } from '../electron/logging/logger';
import { buildQuestionFormAnswers } from '../shared/mturk/answers';
import { fmt, loadLine, type Figure } from './support/report';

const ASSIGNMENTS = Number(process.env.BENCH_REVIEW_ASSIGNMENTS ?? 100_000);
const PER_HIT = 10;
const PAGE = 100;
const MOVES = Number(process.env.BENCH_REVIEW_MOVES ?? 500);
const T0 = Date.UTC(2026, 0, 1);
const LABELS = ['Stop', 'Yield', 'Merge'];
const HQ = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd';
const TEMPLATE = `<!DOCTYPE html><html><head><script src="https://assets.crowd.aws/crowd-html-elements.js"></script></head><body>
<crowd-form><crowd-classifier name="category" categories="['Stop', 'Yield', 'Merge']" header="Which sign is \${sign}?"><classification-target>\${sign}</classification-target></crowd-classifier>
<crowd-text-area name="comment"></crowd-text-area></crowd-form></body></html>`;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function hit(n: number): HitRecord {
  return {
    hitId: `3HIT${pad(n, 26)}`, hitTypeId: `3TYPE${pad(n % 20, 25)}`, hitGroupId: null, hitLayoutId: null, title: `Classify sign ${n}`, description: 'Which sign?',
    keywords: null, question: `<HTMLQuestion xmlns="${HQ}"><HTMLContent><![CDATA[${TEMPLATE.replaceAll('${sign}', `sign ${n}`)}]]></HTMLContent><FrameHeight>500</FrameHeight></HTMLQuestion>`,
    rewardCents: 5, maxAssignments: PER_HIT, assignmentDurationSeconds: 600, autoApprovalDelaySeconds: 259_200, requesterAnnotation: null,
    qualificationRequirements: [], status: 'Reviewable', reviewStatus: 'NotReviewed', assignmentsPending: 0, assignmentsAvailable: 0, assignmentsCompleted: PER_HIT,
    creationTime: T0 + n * 1000, expiration: T0 + n * 1000 + 86_400_000,
  };
}

function assignment(n: number): AssignmentRecord {
  const h = Math.floor(n / PER_HIT);
  const submit = T0 + h * 1000 + (n % PER_HIT) * 60_000;
  const label = LABELS[(n % 7 === 0 ? h + 1 : h) % 3]!;
  return {
    assignmentId: `3ASG${pad(n, 26)}`, hitId: `3HIT${pad(h, 26)}`, workerId: `A${pad((n * 7919) % 3000, 13)}`, status: 'Submitted',
    acceptTime: submit - 60_000, submitTime: submit, autoApprovalTime: submit + 259_200_000, approvalTime: null, rejectionTime: null, deadline: null,
    answerXml: buildQuestionFormAnswers([{ questionIdentifier: 'taskAnswers', freeText: JSON.stringify([{ category: { label }, comment: `looked at sign ${h}` }]) }]),
    requesterFeedback: null,
  };
}

const percentile = (xs: readonly number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.ceil((q / 100) * xs.length) - 1]!;

export async function benchReviewNext(): Promise<Figure[]> {
  console.log(`review-next: ${loadLine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'turkbench-review-next-'));
  const services = createServices({ dataDir: dir, log: createLogger('bench', () => undefined), keychain: { unavailable: 'bench' }, env: {}, homeDir: dir });
  try {
    const db = services.archiveDb.write;
    const archiveId = ensureConnection(db, { kind: 'local', endpoint: 'http://127.0.0.1:0', label: 'bench', accountFingerprint: null }, T0).id;
    for (let first = 0; first < ASSIGNMENTS; first += 10_000) {
      upsertHits(db, archiveId, Array.from({ length: 10_000 / PER_HIT }, (_, i) => hit(first / PER_HIT + i)), T0);
      upsertAssignments(db, archiveId, Array.from({ length: 10_000 }, (_, i) => assignment(first + i)), T0);
    }
    // The preview host starts on first use, as in the app before the first replay.
    const warm = await services.replay.replay({ assignmentId: assignment(0).assignmentId, archiveId });
    if (!warm.ok || warm.value.frameUrl === null) throw new Error(warm.ok ? `no frame: ${warm.value.problem}` : warm.error.message);

    const moves: number[] = [];
    const pages: number[] = [];
    let rows: readonly { assignmentId: string }[] = [];
    let cursor: string | null = null;
    let at = 0;
    for (let move = 0; move < MOVES; move++) {
      const started = performance.now();
      if (at >= rows.length) {
        const page = await services.review.queue({ filter: { status: 'Submitted' }, sort: { column: 'autoApprovalTime', direction: 'asc' }, after: cursor, limit: PAGE, archiveId });
        if (!page.ok) throw new Error(page.error.message);
        rows = page.value.rows;
        cursor = page.value.nextCursor;
        at = 0;
        pages.push(performance.now() - started);
      }
      const replay = await services.replay.replay({ assignmentId: rows[at]!.assignmentId, archiveId });
      if (!replay.ok || replay.value.kind !== 'html' || replay.value.frameUrl === null) throw new Error(replay.ok ? `not replayed: ${replay.value.problem}` : replay.error.message);
      const document = await fetch(replay.value.frameUrl);
      if (!document.ok || !(await document.text()).includes('crowd-classifier')) throw new Error(`the replay document was not served (${document.status})`);
      at += 1;
      moves.push(performance.now() - started);
    }
    const p50 = percentile(moves, 50);
    const p95 = percentile(moves, 95);
    console.log(
      `review-next: ${fmt(MOVES)} moves over ${fmt(ASSIGNMENTS)} assignments: p50 ${fmt(p50, 2)} ms, p95 ${fmt(p95, 2)} ms, max ${fmt(Math.max(...moves), 1)} ms; ` +
        `a new page of ${PAGE} (with quality figures) p50 ${fmt(percentile(pages, 50), 1)} ms p95 ${fmt(percentile(pages, 95), 1)} ms`,
    );
    return [
      {
        figure: `Next assignment in the review queue (page + replay), ${fmt(ASSIGNMENTS)} assignments`,
        measured: `p95 ${fmt(p95, 1)} ms (p50 ${fmt(p50, 1)} ms; a move that loads a new page of ${PAGE}: p95 ${fmt(percentile(pages, 95), 1)} ms)`,
        target: '< 100 ms p95',
        met: p95 < 100,
      },
    ];
  } finally {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  benchReviewNext().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
