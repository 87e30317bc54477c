/**
 * ListReviewPolicyResultsForHIT: the policies' names and the stored reports (results and actions) per level,
 * in the order they were produced.
 */
import { loadHit } from '../domain/rows';
import { sql } from '../store/statements';
import { optBoolean, optStringList, reqString, seqKey } from './input';
import { paginate } from './paginate';
import type { OperationHandler, OpContext } from './types';

interface ReportRow {
  seq: number;
  level: 'Assignment' | 'HIT';
  kind: 'result' | 'action';
  body: string;
}

function policyName(json: string | null): Record<string, string> | undefined {
  if (!json) return undefined;
  const policy = JSON.parse(json) as { PolicyName?: unknown };
  return typeof policy.PolicyName === 'string' ? { PolicyName: policy.PolicyName } : undefined;
}

function reportOf(rows: ReportRow[], withResults: boolean, withActions: boolean): Record<string, unknown> {
  const parse = (kind: ReportRow['kind']): unknown[] =>
    rows.filter((r) => r.kind === kind).map((r) => JSON.parse(r.body) as unknown);
  return {
    ...(withResults ? { ReviewResults: parse('result') } : {}),
    ...(withActions ? { ReviewActions: parse('action') } : {}),
  };
}

function reportRows(ctx: OpContext, hitId: string, levels: string[]): ReportRow[] {
  return sql(
    ctx.db,
    'SELECT seq, level, kind, body FROM review_reports WHERE hit_id = ? AND level IN (SELECT value FROM json_each(?)) ORDER BY seq',
  ).all(hitId, JSON.stringify(levels)) as ReportRow[];
}

export const listReviewPolicyResultsForHIT: OperationHandler = (input, ctx) => {
  const hit = loadHit(ctx, reqString(input, 'HITId'));
  const levels = optStringList(input, 'PolicyLevels') ?? ['Assignment', 'HIT'];
  const withResults = optBoolean(input, 'RetrieveResults') ?? true;
  const withActions = optBoolean(input, 'RetrieveActions') ?? true;
  // Pages run over the report entries: a page holds up to MaxResults results/actions across both levels.
  const { page, NextToken } = paginate('ListReviewPolicyResultsForHIT', input, reportRows(ctx, hit.hit_id, levels), (row) => seqKey(row.seq));
  const out: Record<string, unknown> = { HITId: hit.hit_id };
  if (levels.includes('Assignment')) {
    const policy = policyName(hit.assignment_review_policy);
    if (policy) out.AssignmentReviewPolicy = policy;
    if (policy) out.AssignmentReviewReport = reportOf(page.filter((r) => r.level === 'Assignment'), withResults, withActions);
  }
  if (levels.includes('HIT')) {
    const policy = policyName(hit.hit_review_policy);
    if (policy) out.HITReviewPolicy = policy;
    if (policy) out.HITReviewReport = reportOf(page.filter((r) => r.level === 'HIT'), withResults, withActions);
  }
  if (NextToken) out.NextToken = NextToken;
  return out;
};
