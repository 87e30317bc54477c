/**
 * Time-driven transitions, applied lazily before every request and control call (the virtual clock may have
 * jumped): lapsed assignments are abandoned, due submissions auto-approved, and expired HITs settled.
 * All three queries are index range scans, so an idle sweep costs a few microseconds.
 */
import { MTurkRequestError, type OpContext } from '../ops/types';
import { sql } from '../store/statements';
import { approveAssignment, asRequester } from './decisions';
import { emitEvent } from './events';
import { settleHit } from './lifecycle';
import { findHit, type AssignmentRow } from './rows';

function abandonLapsed(ctx: OpContext, now: number): void {
  const lapsed = sql(
    ctx.db,
    "SELECT * FROM assignments WHERE status = 'Accepted' AND deadline_ms <= ? ORDER BY deadline_ms",
  ).all(now) as AssignmentRow[];
  for (const assignment of lapsed) {
    sql(ctx.db, "UPDATE assignments SET status = 'Abandoned' WHERE assignment_id = ?").run(assignment.assignment_id);
    const hit = findHit(ctx, assignment.hit_id);
    if (!hit) continue;
    const owner = asRequester(ctx, hit.requester);
    emitEvent(owner, 'AssignmentAbandoned', {
      hitTypeId: hit.hit_type_id,
      hitId: hit.hit_id,
      assignmentId: assignment.assignment_id,
    });
    settleHit(owner, hit.hit_id);
  }
}

function autoApproveDue(ctx: OpContext, now: number): void {
  const due = sql(
    ctx.db,
    "SELECT * FROM assignments WHERE status = 'Submitted' AND auto_approval_ms <= ? ORDER BY auto_approval_ms",
  ).all(now) as AssignmentRow[];
  for (const assignment of due) {
    const hit = findHit(ctx, assignment.hit_id);
    if (!hit) continue;
    try {
      // A savepoint per approval: an account that cannot pay leaves that assignment Submitted, nothing else.
      ctx.db.transaction(() => approveAssignment(ctx, assignment, hit, undefined))();
    } catch (error) {
      if (!(error instanceof MTurkRequestError)) throw error;
    }
  }
}

function settleExpired(ctx: OpContext, now: number): void {
  const expired = sql(
    ctx.db,
    'SELECT hit_id, requester FROM hits WHERE expired_noted = 0 AND expiration_ms <= ? AND disposed = 0',
  ).all(now) as { hit_id: string; requester: string }[];
  for (const hit of expired) settleHit(asRequester(ctx, hit.requester), hit.hit_id);
}

/** HITs are disposed of automatically 120 days after they expire (spec §3.8: counted from expiry, the safer reading). */
export const RETENTION_MS = 120 * 24 * 60 * 60 * 1000;

function disposeRetired(ctx: OpContext, now: number): void {
  const retired = sql(
    ctx.db,
    `SELECT hit_id, hit_type_id, requester FROM hits h WHERE disposed = 0 AND expiration_ms <= ?
       AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.hit_id = h.hit_id AND a.status IN ('Accepted', 'Submitted'))`,
  ).all(now - RETENTION_MS) as { hit_id: string; hit_type_id: string; requester: string }[];
  for (const hit of retired) {
    const owner = asRequester(ctx, hit.requester);
    sql(ctx.db, 'UPDATE hits SET disposed = 1 WHERE hit_id = ?').run(hit.hit_id);
    settleHit(owner, hit.hit_id);
    emitEvent(owner, 'HITDisposed', { hitTypeId: hit.hit_type_id, hitId: hit.hit_id });
  }
}

export function sweep(ctx: OpContext): void {
  const now = ctx.now();
  abandonLapsed(ctx, now);
  autoApproveDue(ctx, now);
  settleExpired(ctx, now);
  disposeRetired(ctx, now);
}
