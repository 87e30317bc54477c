/**
 * Workers bench: an archive of 100,000 workers (300,000 assignments, a few prolific workers with thousands), then the
 * reads behind the Workers area timed as the grid makes them — the first page, a page deep in the list, a prefix
 * search, a pasted list of 1,000 ids — and a dossier opened for an ordinary and for a prolific worker; and the gold and
 * agreement figures of every worker, computed once as the Workers area opens (reported, not held to a target).
 * Run alone with `npx tsx bench/workers.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchive } from '../electron/archive/connection';
import { upsertAssignments, type AssignmentRecord } from '../electron/archive/repos/assignments';
import { ensureConnection } from '../electron/archive/repos/connections';
import { upsertHits, type HitRecord } from '../electron/archive/repos/hits';
import { workerPage } from '../electron/archive/repos/worker-dossier';
import { workersQuality } from '../electron/services/quality/worker-quality';
import { readWorkerDossier } from '../electron/services/workers/workers-service';
import { buildQuestionFormAnswers } from '../shared/mturk/answers';
import { fmt, loadLine, type Figure } from './support/report';

const WORKERS = Number(process.env.BENCH_WORKERS ?? 100_000);
const PER_WORKER = 3;
const PER_HIT = 10;
/** Every 50th assignment goes to one of these, so each has thousands: the dossiers that would be slow. */
const PROLIFIC = 5;
const PAGE = 100;
const RUNS = 60;
const GRID_TARGET_MS = 300;
const DOSSIER_TARGET_MS = 100;
const T0 = Date.UTC(2026, 0, 1);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const workerIdOf = (n: number): string => `A${pad(n, 13)}`;
const prolificIdOf = (n: number): string => `AZPROLIFIC${pad(n, 4)}`;

function hit(n: number): HitRecord {
  const created = T0 + n * 30_000;
  return {
    hitId: `3WHIT${pad(n, 25)}`, hitTypeId: `3WTYPE${pad(n % 20, 24)}`, hitGroupId: null, hitLayoutId: null,
    title: `Label photo ${n}`, description: 'Pick the label that fits the photo.', keywords: 'labelling', question: '<HTMLQuestion/>',
    rewardCents: 10 + (n % 5) * 5, maxAssignments: PER_HIT, assignmentDurationSeconds: 600, autoApprovalDelaySeconds: 259_200,
    requesterAnnotation: null, qualificationRequirements: [], status: 'Reviewable', reviewStatus: 'NotReviewed',
    assignmentsPending: 0, assignmentsAvailable: 0, assignmentsCompleted: PER_HIT, creationTime: created, expiration: created + 604_800_000,
  };
}

function assignment(n: number): AssignmentRecord {
  const submit = T0 + n * 3_000;
  const status = n % 17 === 0 ? 'Rejected' : n % 3 === 0 ? 'Submitted' : 'Approved';
  return {
    assignmentId: `3WASG${pad(n, 25)}`, hitId: `3WHIT${pad(Math.floor(n / PER_HIT), 25)}`,
    workerId: n % 50 === 0 ? prolificIdOf(n % PROLIFIC) : workerIdOf(n % WORKERS), status,
    acceptTime: submit - 120_000, submitTime: submit, autoApprovalTime: submit + 259_200_000,
    approvalTime: status === 'Approved' ? submit + 3_600_000 : null, rejectionTime: status === 'Rejected' ? submit + 3_600_000 : null,
    deadline: submit + 480_000, answerXml: buildQuestionFormAnswers([{ questionIdentifier: 'label', freeText: ['cat', 'dog', 'bird'][n % 3]! }]),
    requesterFeedback: status === 'Rejected' ? 'Wrong label.' : null,
  };
}

/** Runs `read` RUNS times (after one warm-up) and returns the p95 in ms. */
function p95(read: (run: number) => unknown): number {
  read(-1);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    read(run);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.ceil(0.95 * times.length) - 1]!;
}

export function benchWorkers(): Figure[] {
  console.log(`workers: ${loadLine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'turkbench-workers-'));
  const archive = openArchive(join(dir, 'archive.sqlite'));
  try {
    const db = archive.write;
    const connection = ensureConnection(db, { kind: 'local', endpoint: 'http://127.0.0.1:0', label: 'bench', accountFingerprint: null }, T0);
    const total = WORKERS * PER_WORKER;
    const started = performance.now();
    for (let from = 0; from < total; from += 10_000) {
      const to = Math.min(total, from + 10_000);
      const hits: HitRecord[] = [];
      for (let h = Math.floor(from / PER_HIT); h < Math.ceil(to / PER_HIT); h++) hits.push(hit(h));
      const assignments: AssignmentRecord[] = [];
      for (let n = from; n < to; n++) assignments.push(assignment(n));
      upsertHits(db, connection.id, hits, T0);
      upsertAssignments(db, connection.id, assignments, T0);
    }
    const read = archive.read;
    const workers = (read.prepare('SELECT COUNT(*) AS n FROM workers').get() as { n: number }).n;
    console.log(`workers: archive of ${fmt(workers)} workers, ${fmt(total)} assignments built in ${fmt((performance.now() - started) / 1000, 1)} s`);

    const middle = workerIdOf(Math.floor(WORKERS / 2));
    const pasted = Array.from({ length: 1_000 }, (_, i) => workerIdOf((i * 97) % WORKERS));
    const timed = (name: string, ms: number): number => {
      console.log(`workers: … ${name} p95 ${fmt(ms, 2)} ms`);
      return ms;
    };
    const grid = {
      first: timed('first', p95(() => workerPage(read, connection.id, { limit: PAGE }))),
      deep: timed('deep', p95((run) => workerPage(read, connection.id, { limit: PAGE, after: workerIdOf(Math.floor(WORKERS / 2) + Math.max(run, 0) * 7) }))),
      search: timed('search', p95((run) => workerPage(read, connection.id, { limit: PAGE, search: `A${pad(Math.max(run, 0) % 10, 9)}` }))),
      pasted: timed('pasted', p95(() => workerPage(read, connection.id, { limit: PAGE, workerIds: pasted }))),
    };
    const ordinary = p95((run) => readWorkerDossier(read, connection.id, run < 0 ? middle : workerIdOf((run * 1_013) % WORKERS)));
    const prolificAssignments = readWorkerDossier(read, connection.id, prolificIdOf(0)).assignments.length;
    const prolific = p95((run) => readWorkerDossier(read, connection.id, prolificIdOf(Math.max(run, 0) % PROLIFIC)));
    const qualityStarted = performance.now();
    const rated = workersQuality(read, connection.id).length;
    const qualityMs = performance.now() - qualityStarted;
    console.log(`workers: gold and agreement of ${fmt(rated)} workers over ${fmt(total)} assignments, once per view: ${fmt(qualityMs, 0)} ms`);
    for (const [name, ms] of Object.entries(grid)) console.log(`workers: grid page of ${PAGE} (${name}): p95 ${fmt(ms, 2)} ms`);
    console.log(`workers: dossier of an ordinary worker (${PER_WORKER} assignments): p95 ${fmt(ordinary, 2)} ms`);
    console.log(`workers: dossier of a prolific worker (${fmt(prolificAssignments)} assignments): p95 ${fmt(prolific, 2)} ms`);
    const slowestGrid = Math.max(...Object.values(grid));
    return [
      {
        figure: `Workers grid at ${fmt(workers)} workers: first page, deep page, prefix search, 1,000 pasted ids (slowest p95)`,
        measured: `${fmt(slowestGrid, 2)} ms (first ${fmt(grid.first, 1)}, deep ${fmt(grid.deep, 1)}, search ${fmt(grid.search, 1)}, pasted ${fmt(grid.pasted, 1)})`,
        target: `< ${GRID_TARGET_MS} ms`,
        met: slowestGrid < GRID_TARGET_MS,
      },
      {
        figure: `Worker dossier at ${fmt(total)} assignments (ordinary / prolific with ${fmt(prolificAssignments)})`,
        measured: `p95 ${fmt(ordinary, 2)} ms / ${fmt(prolific, 2)} ms`,
        target: `< ${DOSSIER_TARGET_MS} ms`,
        met: Math.max(ordinary, prolific) < DOSSIER_TARGET_MS,
      },
    ];
  } finally {
    archive.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const figure of benchWorkers()) console.log(`${figure.figure}: ${figure.measured} (target ${figure.target})`);
}
