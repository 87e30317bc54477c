/**
 * Diagnostic, not part of `npm run bench`: what the archive's own SQL costs for the 1M-assignment ingest of
 * `archive.ts`, without any JavaScript per row. The HITs go through `upsertHits`; the assignments are inserted by
 * `INSERT … SELECT` from a table prepared once in another file (answers already flattened), 10,000 per transaction,
 * with the archive's triggers, foreign key and unique key, and checkpoints on their own thread as the app runs them.
 * Index variants (ARCHIVE_FLOOR_VARIANTS, comma-separated):
 *   as-is            every index the migrations create
 *   no-worker        without assignments_by_worker and assignments_by_type_worker
 *   integer-worker   those two keyed by an integer per worker instead of the worker id
 *   weekly-worker    those two led by the week of submission, so a transaction only touches recent weeks
 *   no-secondary     without any of the assignments' secondary indexes
 * Run with `npx tsx bench/archive-sql-floor.ts` (the prepared table, ~0.5 GB, is built once in the temp folder).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { answersFromXml } from '../electron/archive/answer-fields';
import { startCheckpointer } from '../electron/archive/checkpointer';
import { openArchive } from '../electron/archive/connection';
import type { WriteDb } from '../electron/archive/db-types';
import { ASSIGNMENT_INDEXES } from '../electron/archive/repos/assignment-indexes';
import { ensureConnection } from '../electron/archive/repos/connections';
import { upsertHits } from '../electron/archive/repos/hits';
import { assignmentRecord, hitRecord, rng } from './archive';

const ASSIGNMENTS = 1_000_000;
const PER_HIT = 10;
const CHUNK = 10_000;
const T0 = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const PREPARED = join(tmpdir(), `turkbench-sql-floor-${ASSIGNMENTS}.sqlite`);

function prepareRows(): void {
  if (existsSync(PREPARED)) return;
  const db = new Database(PREPARED);
  db.pragma('journal_mode = OFF');
  db.exec(`CREATE TABLE rows (n INTEGER PRIMARY KEY, assignment_id, hit_id, worker_id, worker_key, status, accept_time, submit_time,
    auto_approval_time, approval_time, rejection_time, deadline, answer_xml, answers_json, requester_feedback)`);
  const insert = db.prepare(`INSERT INTO rows VALUES (${Array(15).fill('?').join(', ')})`);
  // The same rows as archive.ts's ingest, from the same generator and seed.
  const random = rng(42);
  db.transaction(() => {
    for (let n = 0; n < ASSIGNMENTS; n++) {
      const a = assignmentRecord(n, random);
      insert.run(n, a.assignmentId, a.hitId, a.workerId, Number(a.workerId.slice(1)), a.status, a.acceptTime, a.submitTime, a.autoApprovalTime,
        a.approvalTime, a.rejectionTime, a.deadline, a.answerXml, JSON.stringify(answersFromXml(a.answerXml).answers), a.requesterFeedback);
    }
  })();
  db.close();
}

/** Reshapes the indexes for a variant; returns whether the rows carry the integer worker key. */
function applyVariant(db: WriteDb, variant: string): boolean {
  const dropWorkerKeyed = (): void => {
    db.exec('DROP INDEX assignments_by_worker; DROP INDEX assignments_by_type_worker;');
  };
  switch (variant) {
    case 'as-is':
      return false;
    case 'no-worker':
      dropWorkerKeyed();
      return false;
    case 'integer-worker':
      dropWorkerKeyed();
      db.exec(`ALTER TABLE assignments ADD COLUMN worker_key INTEGER;
        CREATE INDEX floor_by_worker_key ON assignments (connection_id, worker_key, submit_time);
        CREATE INDEX floor_by_type_worker_key ON assignments (connection_id, hit_type_id, worker_key);`);
      return true;
    case 'weekly-worker':
      dropWorkerKeyed();
      db.exec(`CREATE INDEX floor_by_week_worker ON assignments (connection_id, (submit_time / ${WEEK_MS}), worker_id, submit_time);
        CREATE INDEX floor_by_type_week_worker ON assignments (connection_id, hit_type_id, (submit_time / ${WEEK_MS}), worker_id);`);
      return false;
    case 'no-secondary':
      for (const index of ASSIGNMENT_INDEXES) db.exec(`DROP INDEX ${index.name}`);
      return false;
    default:
      throw new Error(`Unknown variant "${variant}".`);
  }
}

async function measure(variant: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'turkbench-sql-floor-'));
  const archive = openArchive(join(dir, 'archive.sqlite'));
  const checkpointer = startCheckpointer(archive);
  try {
    const db = archive.write;
    const connectionId = ensureConnection(db, { kind: 'local', endpoint: 'http://127.0.0.1:0', label: 'floor', accountFingerprint: null }, T0).id;
    const withKey = applyVariant(db, variant);
    db.exec(`ATTACH '${PREPARED}' AS prepared`);
    const insert = db.prepare(
      `INSERT INTO assignments (connection_id, assignment_id, hit_id, hit_type_id, worker_id, status, accept_time, submit_time,
         auto_approval_time, approval_time, rejection_time, deadline, answer_xml, answers_json, requester_feedback, first_seen_at,
         last_seen_at${withKey ? ', worker_key' : ''})
       SELECT ${connectionId}, r.assignment_id, r.hit_id,
         (SELECT hit_type_id FROM hits h WHERE h.connection_id = ${connectionId} AND h.hit_id = r.hit_id),
         r.worker_id, r.status, r.accept_time, r.submit_time, r.auto_approval_time, r.approval_time, r.rejection_time, r.deadline,
         r.answer_xml, r.answers_json, r.requester_feedback, ?, ?${withKey ? ', r.worker_key' : ''}
       FROM prepared.rows r WHERE r.n >= ? AND r.n < ? ORDER BY r.n
       ON CONFLICT (connection_id, assignment_id) DO UPDATE SET status = excluded.status, last_seen_at = MAX(last_seen_at, excluded.last_seen_at)`,
    );
    let writeMs = 0;
    const cpu = process.cpuUsage();
    for (let first = 0; first < ASSIGNMENTS; first += CHUNK) {
      const hits = Array.from({ length: CHUNK / PER_HIT }, (_, i) => hitRecord(first / PER_HIT + i));
      const seenAt = T0 + (first / PER_HIT + CHUNK / PER_HIT) * 60_000 + 8 * DAY_MS;
      const started = performance.now();
      db.transaction(() => {
        upsertHits(db, connectionId, hits, seenAt);
        insert.run(seenAt, seenAt, first, first + CHUNK);
      })();
      writeMs += performance.now() - started;
    }
    const used = process.cpuUsage(cpu);
    console.log(`${variant}: ${(writeMs / 1000).toFixed(1)} s = ${Math.round(ASSIGNMENTS / (writeMs / 1000)).toLocaleString('en-US')} assignments/s, ${((used.user + used.system) / 1e6).toFixed(1)} CPU-s (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  } finally {
    await checkpointer.stop();
    archive.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  prepareRows();
  for (const variant of (process.env.ARCHIVE_FLOOR_VARIANTS ?? 'as-is,no-worker,weekly-worker,no-secondary').split(',')) await measure(variant.trim());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
