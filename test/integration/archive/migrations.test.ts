import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { asWriteDb, configure, openArchive } from '../../../electron/archive/connection';
import type { WriteDb } from '../../../electron/archive/db-types';
import type { Migration } from '../../../electron/archive/migrations/index';
import { MIGRATIONS } from '../../../electron/archive/migrations/index';
import { TAGGED_HITS_SQL } from '../../../electron/archive/repos/batch-progress';
import { APPROVED_WORK_SQL, SUBMITTED_WORK_SQL } from '../../../electron/services/dashboard/spend-queries';
import { findUnfinishedBatch, insertBatch, listBatchHits, setBatchHitId } from '../../../electron/archive/repos/batches';
import { clearDrafts, draftCounts, setDrafts } from '../../../electron/archive/repos/review';
import type { BatchProperties } from '../../../shared/batch/properties';
import {
  ArchiveFromFutureError,
  assertMonotonic,
  LATEST_SCHEMA_VERSION,
  migrate,
  schemaVersion,
} from '../../../electron/archive/migrations/runner';

const T = Date.UTC(2026, 10, 1);
const open: Database.Database[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh database brought to exactly `version`. */
function atVersion(version: number): WriteDb {
  const raw = new Database(':memory:');
  open.push(raw);
  configure(raw);
  const db = asWriteDb(raw);
  migrate(db, undefined, version);
  expect(schemaVersion(db)).toBe(version);
  return db;
}

const columns = (db: WriteDb, table: string): string[] =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

function seedConnectionAndHit(db: WriteDb): void {
  db.prepare(`INSERT INTO connections (id, kind, endpoint, label, account_fingerprint, created_at) VALUES (1, 'production', 'https://mturk-requester.us-east-1.amazonaws.com', 'Lab', 'fp1', ?)`).run(T);
  db.prepare(
    `INSERT INTO hits (connection_id, hit_id, hit_type_id, title, description, reward_cents, max_assignments,
      assignment_duration_s, auto_approval_delay_s, status, creation_time, expiration, first_seen_at, last_seen_at)
     VALUES (1, '3HIT1', '3TYPE1', 'Tag images', 'Tag 10 images', 25, 3, 600, 86400, 'Assignable', ?, ?, ?, ?)`,
  ).run(T, T + 86_400_000, T, T);
}

describe('migration runner', () => {
  it('numbers migrations in increasing steps of 10 and ends at the latest version', () => {
    expect(() => assertMonotonic(MIGRATIONS)).not.toThrow();
    expect(MIGRATIONS.map((m) => m.version % 10)).toEqual(MIGRATIONS.map(() => 0));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
  });

  it('rejects a list whose versions do not increase', () => {
    const up = (): void => undefined;
    const bad: Migration[] = [{ version: 20, name: 'b', up }, { version: 20, name: 'c', up }];
    expect(() => assertMonotonic(bad)).toThrow(/must increase: 20 \(b\) then 20 \(c\)/);
  });

  it('refuses a file written by a newer Turkbench and leaves it untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-future-'));
    dirs.push(dir);
    const file = join(dir, 'archive.sqlite');
    const future = new Database(file);
    future.pragma('user_version = 990');
    future.close();
    let caught: unknown;
    try {
      openArchive(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ArchiveFromFutureError);
    expect((caught as Error).message).toBe(
      `This archive was written by a newer Turkbench (schema v990); this version understands up to v${LATEST_SCHEMA_VERSION}. ` +
        'Update Turkbench to open it; the file has not been changed.',
    );
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(990);
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(after.prepare(`SELECT COUNT(*) AS n FROM sqlite_master`).get()).toEqual({ n: 0 });
    after.close();
  });

  it('rolls back every step of a failing upgrade, version included', () => {
    const db = atVersion(10);
    const failing: Migration[] = [
      ...MIGRATIONS.slice(0, 1),
      { version: 20, name: 'ok', up: (d) => d.exec('CREATE TABLE extra (x)') },
      { version: 30, name: 'boom', up: () => { throw new Error('boom'); } },
    ];
    expect(() => migrate(db, undefined, 30, failing)).toThrow('boom');
    expect(schemaVersion(db)).toBe(10);
    expect(columns(db, 'extra')).toEqual([]);
  });

  it('opens a file with WAL, NORMAL sync and foreign keys on, and reopening is a no-op', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-open-'));
    dirs.push(dir);
    const file = join(dir, 'archive.sqlite');
    const first = openArchive(file);
    expect(first.read.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.read.pragma('synchronous', { simple: true })).toBe(1);
    expect(first.read.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.read.pragma('temp_store', { simple: true })).toBe(2);
    first.close();
    const second = openArchive(file);
    expect(schemaVersion(second.write)).toBe(LATEST_SCHEMA_VERSION);
    second.close();
  });
});

describe('each migration from the version before it', () => {
  it('v10 creates connections, hits and records the first status in history', () => {
    const db = atVersion(0);
    migrate(db, undefined, 10);
    seedConnectionAndHit(db);
    db.prepare(`UPDATE hits SET status = 'Reviewable', last_seen_at = ? WHERE hit_id = '3HIT1'`).run(T + 5);
    db.prepare(`UPDATE hits SET title = 'Tag images (v2)' WHERE hit_id = '3HIT1'`).run();
    expect(db.prepare(`SELECT status, seen_at FROM hit_status_history ORDER BY id`).all()).toEqual([
      { status: 'Assignable', seen_at: T },
      { status: 'Reviewable', seen_at: T + 5 },
    ]);
    expect(() => db.prepare(`INSERT INTO connections (kind, endpoint, label, created_at) VALUES ('moon', 'x', 'y', 1)`).run()).toThrow(/CHECK/);
  });

  it('v20 adds assignments against existing v10 HITs, and maintains workers', () => {
    const db = atVersion(10);
    seedConnectionAndHit(db);
    migrate(db, undefined, 20);
    const insert = db.prepare(
      `INSERT INTO assignments (connection_id, assignment_id, hit_id, hit_type_id, worker_id, status, accept_time, submit_time, first_seen_at, last_seen_at)
       VALUES (1, ?, '3HIT1', '3TYPE1', 'AWORKER1', ?, ?, ?, ?, ?)`,
    );
    insert.run('3ASG1', 'Submitted', T + 10, T + 20, T + 30, T + 30);
    insert.run('3ASG2', 'Approved', T + 40, T + 50, T + 60, T + 60);
    db.prepare(`UPDATE assignments SET status = 'Rejected' WHERE assignment_id = '3ASG1'`).run();
    expect(db.prepare(`SELECT * FROM workers`).get()).toEqual({
      connection_id: 1, worker_id: 'AWORKER1', first_seen_at: T + 10, last_seen_at: T + 50,
      assignments: 2, approved: 1, rejected: 1, bonuses: 0, bonus_cents: 0,
    });
    expect(() => insert.run('3ASG3', 'Submitted', 1, 2, 3, 3)).not.toThrow();
    expect(() =>
      db.prepare(`INSERT INTO assignments (connection_id, assignment_id, hit_id, worker_id, status, first_seen_at, last_seen_at) VALUES (1, 'X', '3HIT-UNKNOWN', 'W', 'Submitted', 1, 1)`).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('v30 adds qualifications, blocks and messages beside existing assignments', () => {
    const db = atVersion(20);
    seedConnectionAndHit(db);
    migrate(db, undefined, 30);
    db.prepare(`INSERT INTO worker_blocks (connection_id, worker_id, reason, first_seen_at, last_seen_at) VALUES (1, 'AW1', 'spam', ?, ?)`).run(T, T);
    expect(() =>
      db.prepare(`INSERT INTO qualification_grants (connection_id, qualification_type_id, worker_id, status, grant_time, first_seen_at, last_seen_at) VALUES (1, 'Q1', 'AW1', 'Pending', 1, 1, 1)`).run(),
    ).toThrow(/CHECK/);
    expect(columns(db, 'qualification_grants')).toContain('locale_subdivision');
    expect(db.prepare(`SELECT COUNT(*) AS n FROM hits`).get()).toEqual({ n: 1 });
  });

  it('v40 adds the journal with one idempotency token per connection', () => {
    const db = atVersion(30);
    seedConnectionAndHit(db);
    migrate(db, undefined, 40);
    const intent = db.prepare(
      `INSERT INTO operations_journal (connection_id, kind, idempotency_token, request_json, state, created_at, updated_at) VALUES (1, 'send-bonus', ?, '{}', 'pending', 1, 1)`,
    );
    intent.run('tok-1');
    expect(() => intent.run('tok-1')).toThrow(/UNIQUE/);
    expect(columns(db, 'sync_state')).toEqual(['connection_id', 'resource', 'checkpoint_json', 'status', 'started_at', 'finished_at', 'items']);
  });

  it('v50 adds CSV import provenance without touching earlier data', () => {
    const db = atVersion(40);
    seedConnectionAndHit(db);
    migrate(db, undefined, 50);
    expect(columns(db, 'csv_import_rows')).toEqual(['import_id', 'row_number', 'hit_id', 'assignment_id', 'cells_json', 'quoted']);
    expect(db.prepare(`SELECT hit_id FROM hits`).all()).toEqual([{ hit_id: '3HIT1' }]);
  });

  it('v60 indexes existing assignments so a HIT-type filter sorted by HIT or worker seeks instead of scanning', () => {
    const db = atVersion(50);
    seedConnectionAndHit(db);
    db.prepare(
      `INSERT INTO assignments (connection_id, assignment_id, hit_id, hit_type_id, worker_id, status, first_seen_at, last_seen_at)
       VALUES (1, '3ASG1', '3HIT1', '3TYPE1', 'AW1', 'Submitted', 1, 1)`,
    ).run();
    migrate(db, undefined, 60);
    const plan = (orderBy: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM assignments WHERE connection_id = 1 AND hit_type_id = '3TYPE1' ORDER BY ${orderBy} LIMIT 100`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');
    expect(plan('hit_id, id')).toMatch(/assignments_by_type_hit/);
    expect(plan('hit_id, id')).not.toMatch(/TEMP B-TREE/);
    expect(plan('worker_id, id')).toMatch(/assignments_by_type_worker/);
    expect(db.prepare(`SELECT assignment_id FROM assignments INDEXED BY assignments_by_type_worker WHERE connection_id = 1 AND hit_type_id = '3TYPE1'`).all()).toEqual([{ assignment_id: '3ASG1' }]);
  });

  it('v90 records each sync run\'s mode, leaving earlier runs without one', () => {
    const db = atVersion(80);
    seedConnectionAndHit(db);
    db.prepare(`INSERT INTO sync_log (connection_id, resource, started_at, status) VALUES (1, 'account', 1, 'succeeded')`).run();
    migrate(db, undefined, 90);
    expect(db.prepare(`SELECT mode FROM sync_log`).all()).toEqual([{ mode: null }]);
    db.prepare(`INSERT INTO sync_log (connection_id, resource, started_at, status, mode) VALUES (1, 'account', 2, 'running', 'full')`).run();
    expect(() => db.prepare(`INSERT INTO sync_log (connection_id, resource, started_at, status, mode) VALUES (1, 'account', 3, 'running', 'partial')`).run()).toThrow(/CHECK/);
  });

  it('v100 keeps every sync run, allows the interrupted state, and adds sync problems and answer problems', () => {
    const db = atVersion(90);
    seedConnectionAndHit(db);
    db.prepare(`INSERT INTO sync_log (connection_id, resource, started_at, status, items, mode, last_error) VALUES (1, 'account', 1, 'failed', 7, 'full', 'boom')`).run();
    db.prepare(`INSERT INTO sync_state (connection_id, resource, checkpoint_json, status, started_at, items) VALUES (1, 'account', '{"x":1}', 'running', 1, 7)`).run();
    expect(() => db.prepare(`UPDATE sync_log SET status = 'interrupted'`).run()).toThrow(/CHECK/);
    migrate(db, undefined, 100);
    expect(db.prepare(`SELECT id, status, items, mode, last_error, skipped FROM sync_log`).all()).toEqual([{ id: 1, status: 'failed', items: 7, mode: 'full', last_error: 'boom', skipped: 0 }]);
    expect(db.prepare(`SELECT checkpoint_json, status FROM sync_state`).all()).toEqual([{ checkpoint_json: '{"x":1}', status: 'running' }]);
    db.prepare(`UPDATE sync_log SET status = 'interrupted'`).run();
    db.prepare(`UPDATE sync_state SET status = 'interrupted'`).run();
    db.prepare(`INSERT INTO sync_problems (run_id, object_kind, object_id, problem, seen_at, skipped) VALUES (1, 'HIT', '3HIT9', 'bad', 2, 1)`).run();
    expect(() => db.prepare(`INSERT INTO sync_problems (run_id, object_kind, object_id, problem, seen_at, skipped) VALUES (99, 'HIT', '3HIT9', 'bad', 2, 1)`).run()).toThrow(/FOREIGN KEY/);
    expect(columns(db, 'assignments')).toContain('answers_problem');
    expect(db.prepare(`PRAGMA index_list(sync_log)`).all()).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'sync_log_by_time' })]));
  });

  it('v70 indexes existing status history by status and time for the disposal radar', () => {
    const db = atVersion(60);
    seedConnectionAndHit(db);
    db.prepare(`UPDATE hits SET status = 'Reviewable', last_seen_at = ? WHERE hit_id = '3HIT1'`).run(T + 9);
    migrate(db, undefined, 70);
    const query = `SELECT hit_row_id FROM hit_status_history WHERE status IN ('Reviewable', 'Reviewing') AND seen_at <= ?`;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all(T + 10) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan).toMatch(/hit_status_history_by_status/);
    expect(db.prepare(query).all(T + 10)).toEqual([{ hit_row_id: 1 }]);
  });

  it('v80 lets the HIT grid sort existing HITs by status, reward and title without sorting them all', () => {
    const db = atVersion(70);
    seedConnectionAndHit(db);
    migrate(db, undefined, 80);
    for (const column of ['status', 'reward_cents', 'title']) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM hits WHERE connection_id = 1 AND ${column} IS NOT NULL ORDER BY ${column} DESC, id DESC LIMIT 101`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');
      expect(plan, column).not.toMatch(/TEMP B-TREE/);
    }
    expect(db.prepare(`SELECT hit_id FROM hits INDEXED BY hits_sorted_by_reward WHERE connection_id = 1 AND reward_cents >= 0`).all()).toEqual([{ hit_id: '3HIT1' }]);
  });

  it('v150 records batches and the HITs each wants; a batch HIT never becomes a second HIT', () => {
    const db = atVersion(120);
    seedConnectionAndHit(db);
    migrate(db, undefined, 150);
    const properties = { title: 'Rate', rewardCents: 10 } as unknown as BatchProperties;
    const batch = insertBatch(db, { id: 'b1', connectionId: 1, configId: 'lab', name: 'Rate', folder: '/tmp/rate', properties, kind: 'html', template: '${s}', inputColumns: ['s'] }, [
      { rowNumber: 1, part: 0, maxAssignments: 3, input: { s: 'one' } },
      { rowNumber: 2, part: 0, maxAssignments: 3, input: { s: 'two' } },
    ], T);
    expect(batch).toMatchObject({ id: 'b1', state: 'launching', hitTypeId: null, launchJobId: null, inputColumns: ['s'], properties });
    setBatchHitId(db, 'b1', 1, 0, '3HIT1');
    setBatchHitId(db, 'b1', 1, 0, '3HIT1');
    expect(() => setBatchHitId(db, 'b1', 1, 0, '3HIT2')).toThrow(/already HIT 3HIT1, not 3HIT2/);
    expect(listBatchHits(db, 'b1').map((h) => [h.rowNumber, h.input, h.hitId])).toEqual([
      [1, { s: 'one' }, '3HIT1'],
      [2, { s: 'two' }, null],
    ]);
    expect(findUnfinishedBatch(db, 1, '/tmp/rate')?.id).toBe('b1');
    expect(() => db.prepare(`INSERT INTO batch_hits (batch_id, row_number, part, max_assignments, input_json) VALUES ('nope', 1, 0, 1, '{}')`).run()).toThrow(/FOREIGN KEY/);
  });

  it('v160 keeps one draft verdict per assignment, and orders the queue by auto-approval time with an index', () => {
    const db = atVersion(150);
    seedConnectionAndHit(db);
    migrate(db, undefined, 160);
    setDrafts(db, 1, ['A1', 'A2'], 'approve', null, T);
    setDrafts(db, 1, ['A2'], 'reject', 'Blank answer', T);
    expect(draftCounts(db, 1)).toEqual({ approve: 1, reject: 1 });
    clearDrafts(db, 1, ['A1']);
    expect(draftCounts(db, 1)).toEqual({ approve: 0, reject: 1 });
    expect(() => db.prepare(`INSERT INTO review_drafts (connection_id, assignment_id, verdict, updated_at) VALUES (1, 'A3', 'maybe', 0)`).run()).toThrow(/CHECK/);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM assignments WHERE connection_id = 1 AND status = 'Submitted' ORDER BY auto_approval_time, id`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('assignments_by_auto_approval');
  });

  it('v180 finds batch-tagged HITs through a partial index, not a scan of every HIT', () => {
    const db = atVersion(180);
    seedConnectionAndHit(db);
    db.prepare(`UPDATE hits SET requester_annotation = 'mine tb:bx1:r4' WHERE hit_id = '3HIT1'`).run();
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${TAGGED_HITS_SQL}`).all(1, '%') as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toContain('USING INDEX hits_batch_tagged');
    expect((db.prepare(TAGGED_HITS_SQL).all(1, '%tb:bx1:r%') as { hit_id: string }[]).map((r) => r.hit_id)).toEqual(['3HIT1']);
    expect(db.prepare(TAGGED_HITS_SQL).all(1, '%tb:bx2:r%')).toEqual([]);
  });

  it('v200 adds worker notes and tags, and keeps message deliveries while allowing Unknown', () => {
    const db = atVersion(190);
    seedConnectionAndHit(db);
    const { id } = db.prepare(`INSERT INTO messages (connection_id, subject, body, sent_at) VALUES (1, 'Hi', 'Body', ?) RETURNING id`).get(T) as { id: number };
    db.prepare(`INSERT INTO message_recipients (message_id, worker_id, delivery, failure_message) VALUES (?, 'AW1', 'HardFailure', 'gone')`).run(id);
    migrate(db, undefined, 200);
    expect(db.prepare(`SELECT worker_id, delivery, failure_message FROM message_recipients`).all()).toEqual([{ worker_id: 'AW1', delivery: 'HardFailure', failure_message: 'gone' }]);
    db.prepare(`INSERT INTO message_recipients (message_id, worker_id, delivery) VALUES (?, 'AW2', 'Unknown')`).run(id);
    expect(() => db.prepare(`INSERT INTO message_recipients (message_id, worker_id, delivery) VALUES (?, 'AW3', 'Lost')`).run(id)).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO message_recipients (message_id, worker_id, delivery) VALUES (999, 'AW3', 'Sent')`).run()).toThrow(/FOREIGN KEY/);
    db.prepare(`INSERT INTO worker_notes (connection_id, worker_id, kind, text, created_at) VALUES (1, 'AW1', 'soft-block', 'pilot', ?)`).run(T);
    expect(() => db.prepare(`INSERT INTO worker_notes (connection_id, worker_id, kind, text, created_at) VALUES (1, 'AW1', 'gossip', 'x', ?)`).run(T)).toThrow(/CHECK/);
    expect(columns(db, 'worker_tags')).toEqual(['connection_id', 'worker_id', 'tag']);
  });

  it('v260 keeps one notification specification per HIT type, with a known transport', () => {
    const db = atVersion(200);
    seedConnectionAndHit(db);
    migrate(db, undefined, 260);
    const insert = db.prepare(`INSERT INTO notification_settings (connection_id, hit_type_id, destination, transport, version, event_types, active, updated_at) VALUES (1, '3T', ?, ?, '2014-08-15', '[]', 1, ?)`);
    insert.run('lab@example.org', 'Email', T);
    expect(() => insert.run('lab@example.org', 'Email', T)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare(`INSERT INTO notification_settings (connection_id, hit_type_id, destination, transport, version, event_types, active, updated_at) VALUES (1, '3U', 'x', 'HTTP', 'v', '[]', 1, ?)`).run(T)).toThrow(/CHECK/);
  });

  it('v280 re-indexes existing work for spend so the Dashboard counts it per HIT and day in index order, index only', () => {
    const db = atVersion(270);
    seedConnectionAndHit(db);
    const day = 86_400_000;
    const insert = db.prepare(
      `INSERT INTO assignments (connection_id, assignment_id, hit_id, hit_type_id, worker_id, status, submit_time, approval_time, auto_approval_time, first_seen_at, last_seen_at)
       VALUES (1, ?, '3HIT1', '3TYPE1', ?, ?, ?, ?, ?, 1, 1)`,
    );
    // Two approved on the first day, one on the second; two submitted with one deadline, one with another.
    insert.run('3ASG1', 'AW1', 'Approved', T, T + 1000, T + 3 * day);
    insert.run('3ASG2', 'AW2', 'Approved', T, T + 2000, T + 3 * day);
    insert.run('3ASG3', 'AW3', 'Approved', T, T + day, T + 3 * day);
    insert.run('3ASG4', 'AW4', 'Submitted', T + 5, null, T + 5 + 3 * day);
    insert.run('3ASG5', 'AW5', 'Submitted', T + 5, null, T + 5 + 3 * day);
    insert.run('3ASG6', 'AW6', 'Submitted', T + 9, null, T + 9 + 3 * day);
    migrate(db, undefined, 280);
    const plan = (sql: string): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[]).map((row) => row.detail).join('; ');
    for (const sql of [APPROVED_WORK_SQL, SUBMITTED_WORK_SQL]) {
      expect(plan(sql)).toMatch(/USING COVERING INDEX assignments_for_spend/);
      expect(plan(sql)).not.toMatch(/TEMP B-TREE/);
    }
    expect(db.prepare(APPROVED_WORK_SQL).all(1)).toEqual([
      { hit_id: '3HIT1', day: Math.floor((T + 1000) / day), n: 2 },
      { hit_id: '3HIT1', day: Math.floor((T + day) / day), n: 1 },
    ]);
    expect(db.prepare(SUBMITTED_WORK_SQL).all(1)).toEqual([
      { hit_id: '3HIT1', auto_approval_time: T + 5 + 3 * day, n: 2 },
      { hit_id: '3HIT1', auto_approval_time: T + 9 + 3 * day, n: 1 },
    ]);
  });

  it('v210 adds compensations and their workers, refusing a non-positive amount and a worker of no compensation', () => {
    const db = atVersion(200);
    seedConnectionAndHit(db);
    migrate(db, undefined, 210);
    db.prepare(`INSERT INTO compensations (id, connection_id, config_id, amount_cents, reason, created_at, updated_at) VALUES ('c1', 1, 'lab', 100, 'Broken link', ?, ?)`).run(T, T);
    expect(() => db.prepare(`INSERT INTO compensations (id, connection_id, config_id, amount_cents, reason, created_at, updated_at) VALUES ('c2', 1, 'lab', 0, 'x', ?, ?)`).run(T, T)).toThrow(/CHECK/);
    db.prepare(`INSERT INTO compensation_workers (compensation_id, worker_id) VALUES ('c1', 'AW1')`).run();
    expect(() => db.prepare(`INSERT INTO compensation_workers (compensation_id, worker_id) VALUES ('c9', 'AW1')`).run()).toThrow(/FOREIGN KEY/);
    expect(columns(db, 'compensation_workers')).toEqual(['compensation_id', 'worker_id', 'assignment_id', 'paid_at']);
  });
});
