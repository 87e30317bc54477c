/**
 * Dashboard bench: an archive of 120,000 assignments (12,000 HITs in 40 recorded batches, a quarter still submitted,
 * 1 HIT in 10 still open, a bonus on every 20th assignment over 90 days), then the Dashboard's reads timed as its
 * summary makes them — spend per day, per week and per batch, pending liabilities, the auto-approval radar — one by
 * one and all together. Run alone with `npx tsx bench/dashboard.ts` (BENCH_ASSIGNMENTS to change the size).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchive } from '../electron/archive/connection';
import { upsertAssignments, type AssignmentRecord } from '../electron/archive/repos/assignments';
import { upsertBonuses, type BonusRecord } from '../electron/archive/repos/bonuses';
import { ensureConnection } from '../electron/archive/repos/connections';
import { upsertHits, type HitRecord } from '../electron/archive/repos/hits';
import type { ReadDb, WriteDb } from '../electron/archive/db-types';
import { autoApprovalRadar, liabilities, spendBy } from '../electron/services/dashboard/spend';
import { approvedWork, hitFacts, openHits, paidBonuses, submittedWork } from '../electron/services/dashboard/spend-queries';
import { fmt, loadLine, type Figure } from './support/report';

const ASSIGNMENTS = Number(process.env.BENCH_ASSIGNMENTS ?? 120_000);
const PER_HIT = 10;
const BATCHES = 40;
const BONUS_EVERY = 20;
const RUNS = 30;
const TARGET_MS = 200;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 8, 1);
/** Ninety days of work end here; the radar looks ahead from it. */
const NOW = T0 + 90 * DAY;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const hitIdOf = (n: number): string => `3DHIT${pad(n, 25)}`;

function hit(n: number, hits: number): HitRecord {
  const created = T0 + Math.floor((n / hits) * 88 * DAY);
  const open = n % 10 === 0;
  return {
    hitId: hitIdOf(n), hitTypeId: `3DTYPE${pad(n % BATCHES, 24)}`, hitGroupId: null, hitLayoutId: null,
    title: `Label photo ${n}`, description: 'Pick the label.', keywords: 'labelling', question: '<HTMLQuestion/>',
    rewardCents: 5 + (n % 4) * 5, maxAssignments: PER_HIT + (open ? 5 : 0), assignmentDurationSeconds: 600, autoApprovalDelaySeconds: 259_200,
    requesterAnnotation: null, qualificationRequirements: [], status: open ? 'Assignable' : 'Reviewable', reviewStatus: 'NotReviewed',
    assignmentsPending: open ? 1 : 0, assignmentsAvailable: open ? 4 : 0, assignmentsCompleted: PER_HIT, creationTime: created, expiration: open ? NOW + 7 * DAY : created + 7 * DAY,
  };
}

function assignment(n: number): AssignmentRecord {
  const submit = T0 + Math.floor((n / ASSIGNMENTS) * 89 * DAY);
  const status = n % 4 === 0 ? 'Submitted' : n % 29 === 0 ? 'Rejected' : 'Approved';
  return {
    assignmentId: `3DASG${pad(n, 25)}`, hitId: hitIdOf(Math.floor(n / PER_HIT)), workerId: `A${pad(n % 5_000, 13)}`, status,
    acceptTime: submit - 120_000, submitTime: submit, autoApprovalTime: status === 'Submitted' ? NOW + (n % 72) * 3_600_000 : submit + 259_200_000,
    approvalTime: status === 'Approved' ? submit + 3_600_000 : null, rejectionTime: status === 'Rejected' ? submit + 3_600_000 : null,
    deadline: submit + 480_000, answerXml: '', requesterFeedback: null,
  };
}

/** Every HIT belongs to one of the recorded batches, as if Turkbench had launched them all. */
function recordBatches(db: WriteDb, connectionId: number, hits: number): void {
  const batch = db.prepare(`INSERT INTO batches (id, connection_id, config_id, name, folder, properties_json, question_kind, template, input_columns_json, state, created_at, updated_at)
    VALUES (?, ?, 'bench', ?, ?, '{}', 'html', '', '[]', 'launched', ?, ?)`);
  const row = db.prepare(`INSERT INTO batch_hits (batch_id, row_number, part, max_assignments, input_json, hit_id) VALUES (?, ?, 0, ?, '{}', ?)`);
  db.transaction(() => {
    for (let b = 0; b < BATCHES; b++) batch.run(`bench${b}`, connectionId, `Batch ${b}`, `/bench/${b}`, T0, T0);
    for (let h = 0; h < hits; h++) row.run(`bench${h % BATCHES}`, Math.floor(h / BATCHES) + 1, PER_HIT, hitIdOf(h));
  })();
}

function build(db: WriteDb): number {
  const connection = ensureConnection(db, { kind: 'local', endpoint: 'http://127.0.0.1:0', label: 'bench', accountFingerprint: null }, T0);
  const hits = Math.ceil(ASSIGNMENTS / PER_HIT);
  upsertHits(db, connection.id, Array.from({ length: hits }, (_, n) => hit(n, hits)), T0);
  for (let from = 0; from < ASSIGNMENTS; from += 10_000) {
    const chunk: AssignmentRecord[] = [];
    for (let n = from; n < Math.min(ASSIGNMENTS, from + 10_000); n++) chunk.push(assignment(n));
    upsertAssignments(db, connection.id, chunk, T0);
  }
  const bonuses: BonusRecord[] = [];
  for (let n = 1; n < ASSIGNMENTS; n += BONUS_EVERY) {
    const a = assignment(n);
    if (a.status === 'Approved') bonuses.push({ workerId: a.workerId, assignmentId: a.assignmentId, amountCents: 25 + (n % 3) * 25, reason: 'Good work', grantTime: (a.submitTime ?? T0) + DAY, uniqueRequestToken: null });
  }
  upsertBonuses(db, connection.id, bonuses, T0);
  recordBatches(db, connection.id, hits);
  return connection.id;
}

/** Runs `read` RUNS times (after one warm-up) and returns the median and p95 in ms. */
function time(read: () => unknown): { median: number; p95: number } {
  read();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    read();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.ceil(0.95 * times.length) - 1]! };
}

/** The Dashboard's reads, each as the Spend and Dashboard views make it (the summary reads approved work and bonuses once for all three groupings). */
function reads(db: ReadDb, id: number): Record<string, () => unknown> {
  return {
    'spend per day': () => spendBy('day', approvedWork(db, id), paidBonuses(db, id)),
    'spend per week': () => spendBy('week', approvedWork(db, id), paidBonuses(db, id)),
    'spend per batch': () => spendBy('batch', approvedWork(db, id), paidBonuses(db, id)),
    liabilities: () => liabilities(submittedWork(db, id), openHits(db, id, NOW)),
    radar: () => autoApprovalRadar(submittedWork(db, id), NOW),
  };
}

export function benchDashboard(): Figure[] {
  console.log(`dashboard: ${loadLine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'turkbench-dashboard-'));
  const archive = openArchive(join(dir, 'archive.sqlite'));
  try {
    const started = performance.now();
    const id = build(archive.write);
    console.log(`dashboard: archive of ${fmt(ASSIGNMENTS)} assignments in ${BATCHES} batches built in ${fmt((performance.now() - started) / 1000, 1)} s`);
    const each = reads(archive.read, id);
    const timed = Object.entries(each).map(([name, read]) => ({ name, ...time(read) }));
    for (const t of timed) console.log(`dashboard: ${t.name}: median ${fmt(t.median, 1)} ms, p95 ${fmt(t.p95, 1)} ms`);
    // As DashboardService.summary makes them: every HIT's pricing and batch read once and shared.
    const whole = time(() => {
      const hits = hitFacts(archive.read, id);
      const approved = approvedWork(archive.read, id, hits);
      const bonuses = paidBonuses(archive.read, id, hits);
      for (const by of ['day', 'week', 'batch'] as const) spendBy(by, approved, bonuses);
      const submitted = submittedWork(archive.read, id, hits);
      liabilities(submitted, openHits(archive.read, id, NOW));
      autoApprovalRadar(submitted, NOW);
    });
    console.log(`dashboard: every read of one summary: median ${fmt(whole.median, 1)} ms, p95 ${fmt(whole.p95, 1)} ms`);
    const slowest = timed.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    return [
      {
        figure: `Dashboard reads at ${fmt(ASSIGNMENTS)} assignments (slowest p95: ${slowest.name})`,
        measured: `${fmt(slowest.p95, 1)} ms (${timed.map((t) => `${t.name} ${fmt(t.p95, 0)}`).join(', ')})`,
        target: `< ${TARGET_MS} ms`,
        met: slowest.p95 < TARGET_MS,
      },
      { figure: `Dashboard summary, every read together, at ${fmt(ASSIGNMENTS)} assignments`, measured: `p95 ${fmt(whole.p95, 1)} ms`, target: `< ${TARGET_MS} ms`, met: whole.p95 < TARGET_MS },
    ];
  } finally {
    archive.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const figure of benchDashboard()) console.log(`${figure.figure}: ${figure.measured} (target ${figure.target})`);
}
