/**
 * UniqueRequestToken bookkeeping: a token repeated within 24 hours is refused with an error naming
 * the original result; after 24 hours it may be used again. Tokens are scoped to the requester and operation family.
 */
import type { OpContext } from '../ops/types';
import { sql } from '../store/statements';

export const TOKEN_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface PriorUse {
  requestId: string;
  resultRef: string;
}

export function findRecentToken(ctx: OpContext, family: string, token: string): PriorUse | undefined {
  const row = sql(
    ctx.db,
    'SELECT request_id, result_ref, created_ms FROM idempotency_tokens WHERE requester = ? AND operation = ? AND token = ?',
  ).get(ctx.accessKeyId, family, token) as { request_id: string; result_ref: string; created_ms: number } | undefined;
  if (!row || ctx.now() - row.created_ms >= TOKEN_WINDOW_MS) return undefined;
  return { requestId: row.request_id, resultRef: row.result_ref };
}

export function rememberToken(ctx: OpContext, family: string, token: string, resultRef: string): void {
  sql(
    ctx.db,
    `INSERT INTO idempotency_tokens (requester, operation, token, created_ms, request_id, result_ref)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (requester, operation, token) DO UPDATE SET created_ms = excluded.created_ms,
       request_id = excluded.request_id, result_ref = excluded.result_ref`,
  ).run(ctx.accessKeyId, family, token, ctx.now(), ctx.requestId ?? 'unknown', resultRef);
}
