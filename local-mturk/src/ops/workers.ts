/**
 * Worker blocks and NotifyWorkers. A block stops the worker from discovering, previewing or accepting the
 * requester's HITs (enforced by the worker actions). NotifyWorkers reports per-worker failures instead of failing.
 */
import { deliverToWorker } from '../domain/inbox';
import { sql } from '../store/statements';
import { optStringList, reqString, seqKey } from './input';
import { paginate } from './paginate';
import type { OperationHandler, OpContext } from './types';

export const createWorkerBlock: OperationHandler = (input, ctx) => {
  // Re-blocking succeeds and replaces the reason.
  sql(
    ctx.db,
    `INSERT INTO worker_blocks (requester, worker_id, reason, created_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (requester, worker_id) DO UPDATE SET reason = excluded.reason`,
  ).run(ctx.accessKeyId, reqString(input, 'WorkerId'), reqString(input, 'Reason'), ctx.now());
  return {};
};

/** Unblocking a worker who is not blocked succeeds. */
export const deleteWorkerBlock: OperationHandler = (input, ctx) => {
  sql(ctx.db, 'DELETE FROM worker_blocks WHERE requester = ? AND worker_id = ?').run(
    ctx.accessKeyId,
    reqString(input, 'WorkerId'),
  );
  return {};
};

export const listWorkerBlocks: OperationHandler = (input, ctx) => {
  const rows = sql(
    ctx.db,
    'SELECT rowid AS seq, worker_id, reason FROM worker_blocks WHERE requester = ? ORDER BY rowid',
  ).all(ctx.accessKeyId) as { seq: number; worker_id: string; reason: string }[];
  const { page, NextToken, NumResults } = paginate('ListWorkerBlocks', input, rows, (row) => seqKey(row.seq));
  return {
    ...(NextToken ? { NextToken } : {}),
    NumResults,
    WorkerBlocks: page.map((row) => ({ WorkerId: row.worker_id, Reason: row.reason })),
  };
};

export function isBlocked(ctx: OpContext, requester: string, workerId: string): boolean {
  return (
    sql(ctx.db, 'SELECT 1 FROM worker_blocks WHERE requester = ? AND worker_id = ?').get(requester, workerId) !==
    undefined
  );
}

function failureFor(ctx: OpContext, workerId: string): Record<string, string> | undefined {
  if (!sql(ctx.db, 'SELECT 1 FROM workers WHERE worker_id = ?').get(workerId)) {
    return {
      NotifyWorkersFailureCode: 'HardFailure',
      NotifyWorkersFailureMessage: `Worker ${workerId} does not exist.`,
      WorkerId: workerId,
    };
  }
  // Messages only reach workers whose work the requester has approved or rejected.
  const decided = sql(
    ctx.db,
    `SELECT 1 FROM assignments a JOIN hits h ON h.hit_id = a.hit_id
     WHERE a.worker_id = ? AND h.requester = ? AND a.status IN ('Approved', 'Rejected') LIMIT 1`,
  ).get(workerId, ctx.accessKeyId);
  if (!decided) {
    return {
      NotifyWorkersFailureCode: 'SoftFailure',
      NotifyWorkersFailureMessage: `Worker ${workerId} has not done work for you that you approved or rejected.`,
      WorkerId: workerId,
    };
  }
  return undefined;
}

/** Workers without a failure get the message in their inbox (what MTurk would have e-mailed them). */
export const notifyWorkers: OperationHandler = (input, ctx) => {
  const subject = reqString(input, 'Subject');
  const text = reqString(input, 'MessageText');
  const workerIds = optStringList(input, 'WorkerIds') ?? [];
  const failures: Record<string, string>[] = [];
  for (const id of new Set(workerIds)) {
    const failure = failureFor(ctx, id);
    if (failure) failures.push(failure);
    else deliverToWorker(ctx, id, 'NotifyWorkers', subject, text);
  }
  return { NotifyWorkersFailureStatuses: failures };
};
