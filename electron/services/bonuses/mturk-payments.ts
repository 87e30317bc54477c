/**
 * The bonus payments MTurk holds for a ledger's assignments: asked per HIT where a HIT has several of them (one
 * listing instead of one call each), per assignment otherwise, a bounded number of questions at a time.
 */
import { ok, type Result } from '../../../shared/result';
import type { BonusPayment, MTurkGateway } from '../../mturk/types';
import { assignmentPayments } from '../actions/bonus-actions';

/** Questions to MTurk in flight at once while looking up payments: enough to hide latency, within any pace. */
const LOOKUPS_IN_FLIGHT = 32;

/**
 * MTurk's payments on each assignment, a few questions at a time; the first failure ends the lookup. Assignments of one
 * HIT are asked about together (one listing per HIT), so a ledger over a batch of 9-assignment HITs needs a ninth of
 * the calls — which matters at the AWS-safe pace.
 */
export async function paymentsOf(gateway: MTurkGateway, assignments: readonly { assignmentId: string; hitId: string | null }[]): Promise<Result<Map<string, BonusPayment[]>>> {
  const byHit = new Map<string, string[]>();
  for (const a of assignments) if (a.hitId !== null) byHit.set(a.hitId, [...(byHit.get(a.hitId) ?? []), a.assignmentId]);
  const questions: { target: { hitId: string } | { assignmentId: string }; assignmentIds: string[] }[] = [];
  for (const [hitId, ids] of byHit) {
    if (ids.length > 1) questions.push({ target: { hitId }, assignmentIds: ids });
    else questions.push({ target: { assignmentId: ids[0]! }, assignmentIds: ids });
  }
  for (const a of assignments) if (a.hitId === null) questions.push({ target: { assignmentId: a.assignmentId }, assignmentIds: [a.assignmentId] });

  const found = new Map<string, BonusPayment[]>();
  let failure: Result<never> | null = null;
  const worker = async (): Promise<void> => {
    for (let question = questions.shift(); question !== undefined && failure === null; question = questions.shift()) {
      const payments = await listedPayments(gateway, question.target);
      if (!payments.ok) {
        failure = payments;
        continue;
      }
      for (const id of question.assignmentIds) found.set(id, payments.value.filter((p) => p.assignmentId === id));
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUPS_IN_FLIGHT, questions.length) }, worker));
  return failure ?? ok(found);
}

async function listedPayments(gateway: MTurkGateway, target: { hitId: string } | { assignmentId: string }): Promise<Result<BonusPayment[]>> {
  if ('assignmentId' in target) return assignmentPayments(gateway, target.assignmentId, { lane: 'interactive' });
  const payments: BonusPayment[] = [];
  for await (const page of gateway.listBonusPayments(target, { lane: 'interactive' })) {
    if (!page.ok) return page;
    payments.push(...page.value.items);
  }
  return ok(payments);
}
