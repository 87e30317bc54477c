/**
 * Simulated workers: their attributes are what the system qualifications read (locale, approval rate,
 * HITs approved, Masters, adult).
 */
import type { OpContext } from '../ops/types';
import type { WorkerAttributes } from '../rules/requirements';
import { sql } from '../store/statements';
import { impliedRejections } from '../domain/worker-record';
import { ControlError } from './errors';

export interface NewWorker {
  workerId?: string;
  country?: string;
  subdivision?: string;
  approvalRatePercent?: number;
  hitsApproved?: number;
  masters?: boolean;
  adult?: boolean;
}

interface WorkerRow {
  worker_id: string;
  country: string;
  subdivision: string | null;
  approval_rate: number;
  hits_approved: number;
  hits_rejected: number;
  masters: number;
  adult: number;
}

const WORKER_ID = /^A[A-Z0-9]{1,63}$/;
const COUNTRY = /^[A-Z]{2}$/;

function toAttributes(row: WorkerRow): WorkerAttributes {
  return {
    workerId: row.worker_id,
    country: row.country,
    ...(row.subdivision ? { subdivision: row.subdivision } : {}),
    approvalRatePercent: row.approval_rate,
    hitsApproved: row.hits_approved,
    masters: row.masters === 1,
    adult: row.adult === 1,
  };
}

function checkNewWorker(spec: NewWorker): void {
  if (spec.workerId !== undefined && !WORKER_ID.test(spec.workerId)) {
    throw new ControlError(400, 'InvalidWorker', `workerId must match ^A[A-Z0-9]+$ (got ${spec.workerId}).`);
  }
  if (spec.country !== undefined && !COUNTRY.test(spec.country)) {
    throw new ControlError(400, 'InvalidWorker', `country must be an ISO 3166-1 alpha-2 code such as US (got ${spec.country}).`);
  }
  const rate = spec.approvalRatePercent;
  if (rate !== undefined && (!Number.isInteger(rate) || rate < 0 || rate > 100)) {
    throw new ControlError(400, 'InvalidWorker', `approvalRatePercent must be an integer 0–100 (got ${rate}).`);
  }
  if (spec.hitsApproved !== undefined && (!Number.isInteger(spec.hitsApproved) || spec.hitsApproved < 0)) {
    throw new ControlError(400, 'InvalidWorker', `hitsApproved must be a whole number ≥ 0 (got ${spec.hitsApproved}).`);
  }
}

/** Creates (or replaces the attributes of) a worker. Defaults: US, 100 % approval, 1,000 HITs approved. */
export function createWorker(ctx: OpContext, spec: NewWorker): WorkerAttributes {
  checkNewWorker(spec);
  const row: WorkerRow = {
    worker_id: spec.workerId ?? ctx.newId('worker'),
    country: spec.country ?? 'US',
    subdivision: spec.subdivision ?? null,
    approval_rate: spec.approvalRatePercent ?? 100,
    hits_approved: spec.hitsApproved ?? 1000,
    hits_rejected: impliedRejections(spec.approvalRatePercent ?? 100, spec.hitsApproved ?? 1000),
    masters: spec.masters ? 1 : 0,
    adult: spec.adult ? 1 : 0,
  };
  sql(
    ctx.db,
    `INSERT INTO workers (worker_id, country, subdivision, approval_rate, hits_approved, hits_rejected, masters, adult, created_ms)
     VALUES (@worker_id, @country, @subdivision, @approval_rate, @hits_approved, @hits_rejected, @masters, @adult, @created_ms)
     ON CONFLICT (worker_id) DO UPDATE SET country = excluded.country, subdivision = excluded.subdivision,
       approval_rate = excluded.approval_rate, hits_approved = excluded.hits_approved,
       hits_rejected = excluded.hits_rejected, masters = excluded.masters,
       adult = excluded.adult`,
  ).run({ ...row, created_ms: ctx.now() });
  return toAttributes(row);
}

export function listWorkers(ctx: OpContext): WorkerAttributes[] {
  return (sql(ctx.db, 'SELECT * FROM workers ORDER BY created_ms, rowid').all() as WorkerRow[]).map(toAttributes);
}

export function loadWorker(ctx: OpContext, workerId: string): WorkerAttributes {
  const row = sql(ctx.db, 'SELECT * FROM workers WHERE worker_id = ?').get(workerId) as WorkerRow | undefined;
  if (!row) throw new ControlError(404, 'WorkerNotFound', `Worker ${workerId} does not exist; create it first.`);
  return toAttributes(row);
}
