/**
 * Review queue quality figures: a queue page of 100 rows with each assignment's agreement and gold score computed,
 * over an archive of 100,000 assignments (10 per HIT, a three-way categorical field); and Dawid–Skene over 100,000
 * labels. Prints figures; asserts nothing.
 * Run alone with `npx tsx bench/review-quality.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchive } from '../electron/archive/connection';
import { upsertAssignments, type AssignmentRecord } from '../electron/archive/repos/assignments';
import { ensureConnection } from '../electron/archive/repos/connections';
import { upsertHits, type HitRecord } from '../electron/archive/repos/hits';
import { reviewQueuePage } from '../electron/archive/repos/review';
import { withQuality } from '../electron/services/review/queue-quality';
import { buildQuestionFormAnswers } from '../shared/mturk/answers';
import { dawidSkene } from '../shared/quality/dawid-skene';
import type { Label } from '../shared/quality/labels';
import type { Figure } from './support/report';

const ASSIGNMENTS = Number(process.env.BENCH_REVIEW_ASSIGNMENTS ?? 100_000);
const PER_HIT = 10;
const RUNS = 100;
const T0 = Date.UTC(2026, 0, 1);
const LABELS = ['cat', 'dog', 'bird'];
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function hit(n: number): HitRecord {
  return {
    hitId: `3HIT${pad(n, 26)}`, hitTypeId: `3TYPE${pad(n % 20, 25)}`, hitGroupId: null, hitLayoutId: null, title: `Label photo ${n}`, description: 'Which animal?',
    keywords: null, question: null, rewardCents: 5, maxAssignments: PER_HIT, assignmentDurationSeconds: 600, autoApprovalDelaySeconds: 259_200, requesterAnnotation: null,
    qualificationRequirements: [], status: 'Reviewable', reviewStatus: 'NotReviewed', assignmentsPending: 0, assignmentsAvailable: 0, assignmentsCompleted: PER_HIT,
    creationTime: T0 + n * 1000, expiration: T0 + n * 1000 + 86_400_000,
  };
}

function assignment(n: number): AssignmentRecord {
  const h = Math.floor(n / PER_HIT);
  const submit = T0 + h * 1000 + (n % PER_HIT) * 60_000;
  return {
    assignmentId: `3ASG${pad(n, 26)}`, hitId: `3HIT${pad(h, 26)}`, workerId: `A${pad((n * 7919) % 3000, 13)}`, status: 'Submitted',
    acceptTime: submit - 60_000, submitTime: submit, autoApprovalTime: submit + 259_200_000, approvalTime: null, rejectionTime: null, deadline: null,
    answerXml: buildQuestionFormAnswers([{ questionIdentifier: 'label', freeText: LABELS[(n % 7 === 0 ? h + 1 : h) % 3]! }, { questionIdentifier: 'note', freeText: `note ${n}` }]),
    requesterFeedback: null,
  };
}

/** 20,000 items × 5 labels from workers of accuracy 50–95 %. */
function dawidSkeneTiming(): { labels: number; iterations: number; ms: number } {
  let seed = 1;
  const random = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
  const classes = ['a', 'b', 'c', 'd', 'e'];
  const accuracy = Array.from({ length: 500 }, () => 0.5 + random() * 0.45);
  const labels: Label[] = [];
  for (let i = 0; i < 20_000; i++) {
    const truth = classes[Math.floor(random() * 5)]!;
    for (let k = 0; k < 5; k++) {
      const w = Math.floor(random() * 500);
      labels.push({ item: `h${i}`, worker: `w${w}`, label: random() < accuracy[w]! ? truth : classes[Math.floor(random() * 5)]! });
    }
  }
  const started = performance.now();
  const { iterations } = dawidSkene(labels);
  return { labels: labels.length, iterations, ms: performance.now() - started };
}

export async function benchReviewQuality(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'turkbench-review-quality-'));
  const archive = openArchive(join(dir, 'archive.sqlite'));
  try {
    const connection = ensureConnection(archive.write, { kind: 'local', endpoint: 'http://127.0.0.1:0', label: 'bench', accountFingerprint: null }, T0).id;
    for (let first = 0; first < ASSIGNMENTS; first += 10_000) {
      upsertHits(archive.write, connection, Array.from({ length: 10_000 / PER_HIT }, (_, i) => hit(first / PER_HIT + i)), T0);
      upsertAssignments(archive.write, connection, Array.from({ length: 10_000 }, (_, i) => assignment(first + i)), T0);
    }
    const plain: number[] = [];
    const figures: number[] = [];
    let after: string | null = null;
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const page = reviewQueuePage(archive.read, connection, { filter: { status: 'Submitted' }, after, limit: 100 });
      const t1 = performance.now();
      withQuality(archive.read, connection, page.rows);
      const t2 = performance.now();
      plain.push(t1 - t0);
      figures.push(t2 - t1);
      after = page.nextCursor;
    }
    const p = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.ceil((q / 100) * xs.length) - 1]!;
    const line = `page p50 ${p(plain, 50).toFixed(2)} ms, + quality figures p50 ${p(figures, 50).toFixed(2)} ms / p95 ${p(figures, 95).toFixed(2)} ms`;
    console.log(`review queue page of 100 (${ASSIGNMENTS.toLocaleString('en-US')} assignments): page p50 ${p(plain, 50).toFixed(2)} ms p95 ${p(plain, 95).toFixed(2)} ms; quality figures added p50 ${p(figures, 50).toFixed(2)} ms p95 ${p(figures, 95).toFixed(2)} ms over ${RUNS} consecutive pages`);
    const ds = dawidSkeneTiming();
    console.log(`Dawid–Skene over ${ds.labels.toLocaleString('en-US')} labels (5 classes, 500 workers): ${ds.iterations} rounds, ${ds.ms.toFixed(0)} ms`);
    return [
      { figure: `Dawid–Skene, ${ds.labels.toLocaleString('en-US')} labels, 5 classes, 500 workers`, measured: `${ds.ms.toFixed(0)} ms (${ds.iterations} rounds)`, target: '—', met: null },
      { figure: `Review queue page of 100 with agreement/gold figures, ${ASSIGNMENTS.toLocaleString('en-US')} assignments`, measured: line, target: '— (within the < 100 ms next-assignment budget)', met: null },
    ];
  } finally {
    archive.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  benchReviewQuality().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
