/**
 * Time-driven transitions, applied lazily before every request and control call (the virtual clock may have
 * jumped): lapsed assignments are abandoned, due submissions auto-approved, expired HITs settled and HITs past
 * retention disposed. Due transitions are replayed in time order, each *at its due time* — so an auto-approval's
 * ApprovalTime is its AutoApprovalTime and events keep their real order, however far the clock jumped.
 * All queries are index range scans, so an idle sweep costs a few microseconds.
 */
import { MTurkRequestError, type OpContext } from '../ops/types';
import { sql } from '../store/statements';
import { approveAssignment, asRequester } from './decisions';
import { emitEvent } from './events';
import { settleHit } from './lifecycle';
import { findAssignment, findHit } from './rows';

/** HITs are disposed of automatically 120 days after they expire. */
export const RETENTION_MS = 120 * 24 * 60 * 60 * 1000;

type DueKind = 'abandon' | 'auto-approve' | 'expire' | 'dispose';

interface Due {
  at: number;
  kind: DueKind;
  id: string;
}

function dueTransitions(ctx: OpContext, now: number): Due[] {
  const rows = (query: string, kind: DueKind, bound = now): Due[] =>
    (sql(ctx.db, query).all(bound) as { at: number; id: string }[]).map((row) => ({ ...row, kind }));
  const due = [
    ...rows("SELECT deadline_ms AS at, assignment_id AS id FROM assignments WHERE status = 'Accepted' AND deadline_ms <= ?", 'abandon'),
    ...rows(
      "SELECT auto_approval_ms AS at, assignment_id AS id FROM assignments WHERE status = 'Submitted' AND auto_approval_ms <= ?",
      'auto-approve',
    ),
    ...rows('SELECT expiration_ms AS at, hit_id AS id FROM hits WHERE expired_noted = 0 AND expiration_ms <= ? AND disposed = 0', 'expire'),
    ...rows(
      'SELECT expiration_ms AS at, hit_id AS id FROM hits WHERE disposed = 0 AND expiration_ms <= ?',
      'dispose',
      now - RETENTION_MS,
    ).map((d) => ({ ...d, at: d.at + RETENTION_MS })),
  ];
  return due.sort((a, b) => a.at - b.at);
}

function abandon(ctx: OpContext, assignmentId: string): void {
  const assignment = findAssignment(ctx, assignmentId);
  const hit = assignment ? findHit(ctx, assignment.hit_id) : undefined;
  if (assignment?.status !== 'Accepted' || !hit) return;
  sql(ctx.db, "UPDATE assignments SET status = 'Abandoned' WHERE assignment_id = ?").run(assignmentId);
  const owner = asRequester(ctx, hit.requester);
  emitEvent(owner, 'AssignmentAbandoned', { hitTypeId: hit.hit_type_id, hitId: hit.hit_id, assignmentId });
  settleHit(owner, hit.hit_id);
}

function autoApprove(ctx: OpContext, assignmentId: string): void {
  const assignment = findAssignment(ctx, assignmentId);
  const hit = assignment ? findHit(ctx, assignment.hit_id) : undefined;
  if (assignment?.status !== 'Submitted' || !hit) return;
  try {
    // A savepoint per approval: an account that cannot pay leaves that assignment Submitted, nothing else.
    ctx.db.transaction(() => approveAssignment(ctx, assignment, hit, undefined))();
  } catch (error) {
    if (!(error instanceof MTurkRequestError)) throw error;
  }
}

/** Work still in hand keeps a HIT alive past retention until it is decided. */
function dispose(ctx: OpContext, hitId: string): void {
  const hit = findHit(ctx, hitId);
  const busy = sql(ctx.db, "SELECT 1 FROM assignments WHERE hit_id = ? AND status IN ('Accepted', 'Submitted') LIMIT 1").get(hitId);
  if (!hit || hit.disposed || busy) return;
  const owner = asRequester(ctx, hit.requester);
  sql(ctx.db, 'UPDATE hits SET disposed = 1 WHERE hit_id = ?').run(hitId);
  settleHit(owner, hitId);
  emitEvent(owner, 'HITDisposed', { hitTypeId: hit.hit_type_id, hitId });
}

function apply(ctx: OpContext, due: Due): void {
  const at: OpContext = { ...ctx, now: () => due.at };
  switch (due.kind) {
    case 'abandon':
      return abandon(at, due.id);
    case 'auto-approve':
      return autoApprove(at, due.id);
    case 'expire': {
      const hit = findHit(at, due.id);
      if (hit && !hit.expired_noted) settleHit(asRequester(at, hit.requester), due.id);
      return;
    }
    case 'dispose':
      return dispose(at, due.id);
  }
}

export function sweep(ctx: OpContext): void {
  for (const due of dueTransitions(ctx, ctx.now())) apply(ctx, due);
}
