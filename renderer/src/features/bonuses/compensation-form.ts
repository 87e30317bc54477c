/**
 * The compensation dialog's form without React (pure, unit-tested): worker ids pasted in any separator, each bad one
 * named; the amount read as the service reads it; the plan's money in words.
 */
import type { CompensationPlan } from '../../../../shared/contract/compensation';
import { MAX_COMPENSATED_WORKERS } from '../../../../shared/contract/compensation';
import { readBonusAmount } from '../../../../shared/domain/bonus-amount';
import { displayMoney } from '../../../../shared/domain/money';

export interface CompensationForm {
  readonly workers: string;
  readonly amount: string;
  readonly reason: string;
  readonly message: string;
}

export type FormReading =
  | { readonly ok: true; readonly input: { workerIds: string[]; amount: string; reason: string; message?: string } }
  | { readonly ok: false; readonly problems: Readonly<Partial<Record<keyof CompensationForm, string>>> };

const WORKER_ID = /^[A-Z0-9]{1,64}$/;

export function readForm(form: CompensationForm): FormReading {
  const problems: Partial<Record<keyof CompensationForm, string>> = {};
  const ids = [...new Set(form.workers.split(/[\s,;]+/).map((w) => w.trim().toUpperCase()).filter((w) => w !== ''))];
  const bad = ids.filter((id) => !WORKER_ID.test(id));
  if (ids.length === 0) problems.workers = 'Name at least one worker.';
  else if (bad.length) problems.workers = `Not a worker id: ${bad.slice(0, 3).map((b) => `"${b}"`).join(', ')}${bad.length > 3 ? '…' : ''} (capital letters and digits).`;
  else if (ids.length > MAX_COMPENSATED_WORKERS) problems.workers = `At most ${MAX_COMPENSATED_WORKERS} workers in one compensation.`;
  const amount = readBonusAmount(form.amount);
  if (!amount.ok) problems.amount = amount.message;
  if (form.reason.trim() === '') problems.reason = 'Say why: the workers read it.';
  if (Object.keys(problems).length) return { ok: false, problems };
  const message = form.message.trim();
  return { ok: true, input: { workerIds: ids, amount: form.amount.trim(), reason: form.reason.trim(), ...(message ? { message } : {}) } };
}

export function planLines(plan: CompensationPlan): { cost: string; balance: string | null; short: boolean } {
  const n = plan.workerIds.length;
  const cost = plan.existing?.hitId
    ? 'Made before: its HIT exists, so nothing new is paid for; only missing steps and approvals are done.'
    : `${n} × ${displayMoney(plan.amountCents)} = ${displayMoney(plan.rewardsCents)} + ${displayMoney(plan.feesCents)} MTurk fee = ${displayMoney(plan.totalCents)}`;
  const balance = plan.balance ? `Balance ${displayMoney(plan.balance.availableCents)} now → ${displayMoney(plan.balance.afterCents)} after` : null;
  return { cost, balance, short: plan.balance !== null && plan.balance.afterCents < 0 };
}
