/**
 * One row of a bonus ledger as a journaled SendBonus. Its UniqueRequestToken is derived from (ledger, row), so MTurk
 * itself refuses a second payment within 24 hours; a lost answer is settled by reading the assignment's payments
 * (ListBonusPayments), never by paying again; and a row the archive shows paid is skipped by any later job.
 */
import { z } from 'zod';
import { ok, type Result } from '../../../shared/result';
import { ledgerRow, markRowPaid } from '../../archive/repos/bonus-ledgers';
import type { BonusPayment, MTurkGateway } from '../../mturk/types';
import { defineAction, type AnyActionDefinition, type Produced, type SendContext, type Verdict } from './action-definition';

const mturkId = z.string().regex(/^[A-Z0-9]{1,64}$/);

const bonusRequest = z
  .object({
    ledgerId: z.string().regex(/^l[0-9a-f]{12}$/),
    rowNumber: z.number().int().min(1),
    workerId: mturkId,
    assignmentId: mturkId,
    amountCents: z.number().int().min(1),
    reason: z.string().min(1),
    uniqueRequestToken: z.string().min(1).max(64),
  })
  .strict();
export type BonusRequest = z.infer<typeof bonusRequest>;

const callOptions = (context: SendContext): { signal?: AbortSignal; lane: SendContext['lane']; onSend?: () => void } => ({
  signal: context.signal,
  lane: context.lane,
  onSend: context.onSend,
});

/** MTurk's UniqueRequestToken of one ledger row: the same on every send of that row, at most 64 characters. */
export const bonusToken = (ledgerId: string, rowNumber: number): string => `${ledgerId}-${rowNumber}`;

/** The journal target of one ledger row. */
export const bonusTarget = (ledgerId: string, rowNumber: number): string => `${ledgerId}:r${rowNumber}`;

/** Whether a payment MTurk lists is the one this row asked for. */
export const paysRow = (payment: BonusPayment, row: { workerId: string; amountCents: number; reason: string }): boolean =>
  payment.workerId === row.workerId && payment.amountCents === row.amountCents && payment.reason.trim() === row.reason.trim();

/** Every payment MTurk lists for one assignment, through all pages. */
export async function assignmentPayments(gateway: MTurkGateway, assignmentId: string, context: Pick<SendContext, 'lane' | 'signal'>): Promise<Result<BonusPayment[]>> {
  const payments: BonusPayment[] = [];
  for await (const page of gateway.listBonusPayments({ assignmentId }, { lane: context.lane, signal: context.signal })) {
    if (!page.ok) return page;
    payments.push(...page.value.items);
  }
  return ok(payments);
}

export const sendBonus = defineAction<BonusRequest>({
  kind: 'send-bonus',
  parse: (request) => bonusRequest.parse(request),
  target: (request) => bonusTarget(request.ledgerId, request.rowNumber),
  send: (gateway, request, context) =>
    gateway.sendBonus(
      { workerId: request.workerId, assignmentId: request.assignmentId, amountCents: request.amountCents, reason: request.reason, uniqueRequestToken: request.uniqueRequestToken },
      callOptions(context),
    ),
  // A ledger's rows are checked to repeat no earlier payment, so a matching payment on the assignment is this row's.
  verify: async (gateway, request, _sentAt, context): Promise<Result<Verdict | Produced>> => {
    const payments = await assignmentPayments(gateway, request.assignmentId, context);
    if (!payments.ok) return payments;
    const found = payments.value.find((p) => paysRow(p, request));
    return ok(found ? { verdict: 'applied', produced: { grantTime: found.grantTime } } : 'not-applied');
  },
  recorded: (db, _connectionId, request) => ledgerRow(db, request.ledgerId, request.rowNumber)?.state === 'paid',
  record: (db, _connectionId, request, now, produced) => {
    const grantTime = (produced as { grantTime?: unknown } | null)?.grantTime;
    markRowPaid(db, request.ledgerId, request.rowNumber, typeof grantTime === 'number' ? grantTime : now);
    return ['bonus_ledgers'];
  },
});

export const BONUS_ACTIONS: readonly AnyActionDefinition[] = [sendBonus];
