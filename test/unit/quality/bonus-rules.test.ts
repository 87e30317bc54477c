import { describe, expect, it } from 'vitest';
import { ledgerFromRule, type RuleWork } from '../../../shared/quality/bonus-rules';
import type { WorkerQuality } from '../../../shared/quality/report';

const worker = (workerId: string, goldCorrect: number, goldAnswers: number, agreement: number): WorkerQuality => ({
  workerId,
  answers: 10,
  agreement,
  accuracy: agreement,
  goldAnswers,
  goldCorrect,
  goldAccuracy: goldAnswers === 0 ? null : goldCorrect / goldAnswers,
  fields: [],
});

const work = (workerId: string, assignmentId: string, status: RuleWork['status'], submitTime: number | null): RuleWork => ({ workerId, assignmentId, status, submitTime });

const WORKERS = [worker('WB', 3, 5, 0.6), worker('WA', 7, 8, 0.8), worker('WC', 0, 4, 0.95), worker('WD', 2, 2, 4 / 5)];
const WORK = [
  work('WA', 'A1', 'Submitted', 300),
  work('WA', 'A2', 'Approved', 100),
  work('WA', 'A3', 'Approved', 200),
  work('WB', 'B1', 'Submitted', 50),
  work('WB', 'B2', 'Submitted', 50),
  work('WC', 'C1', 'Approved', 10),
  work('WD', 'D1', 'Rejected', 10),
];

describe('a ledger from "an amount per gold answered correctly"', () => {
  const ledger = ledgerFromRule({ kind: 'per-gold', centsPerGold: 10 }, WORKERS, WORK, 'Animals');

  it('pays each worker count × amount in cents, one row each, sorted by worker, nothing for no gold right', () => {
    expect(ledger.rows.map((r) => [r.workerId, r.amountCents, r.goldCorrect])).toEqual([
      ['WA', 70, 7],
      ['WB', 30, 3],
    ]);
    expect(ledger.totalCents).toBe(100);
    expect(ledger.workersConsidered).toBe(4);
  });

  it('puts the bonus on the latest approved assignment, else the latest submitted one, ties broken by id', () => {
    expect(ledger.rows.find((r) => r.workerId === 'WA')!.assignmentId).toBe('A3');
    expect(ledger.rows.find((r) => r.workerId === 'WB')!.assignmentId).toBe('B1');
  });

  it('names a worker the rule pays whose work was all rejected instead of skipping them silently', () => {
    expect(ledger.skipped).toEqual([{ workerId: 'WD', why: expect.stringContaining('rejected') as string }]);
  });

  it('writes the reason with the count, the amount each and the batch', () => {
    expect(ledger.rows[0]!.reason).toBe('Bonus for 7 check questions answered correctly ($0.10 each) in "Animals". Thank you!');
  });

  it('multiplies in whole cents: 3 × $0.07 is exactly 21 cents', () => {
    const sevens = ledgerFromRule({ kind: 'per-gold', centsPerGold: 7 }, [worker('WB', 3, 5, 0.6)], WORK, 'Animals');
    expect(sevens.rows[0]!.amountCents).toBe(21);
  });
});

describe('a ledger from "an amount to everyone whose agreement is at least a threshold"', () => {
  const ledger = ledgerFromRule({ kind: 'agreement', atLeast: 0.8, cents: 50 }, WORKERS, WORK, 'Animals');

  it('pays the same amount to every worker at or above the threshold, 4 of 5 included', () => {
    expect(ledger.rows.map((r) => [r.workerId, r.amountCents])).toEqual([
      ['WA', 50],
      ['WC', 50],
    ]);
    expect(ledger.skipped.map((s) => s.workerId)).toEqual(['WD']);
    expect(ledger.totalCents).toBe(100);
  });

  it('counts a ratio a hair under the threshold by floating point as meeting it', () => {
    const hair = ledgerFromRule({ kind: 'agreement', atLeast: 0.7, cents: 50 }, [worker('WB', 0, 0, 0.7 - 1e-12)], WORK, 'Animals');
    expect(hair.rows).toHaveLength(1);
    const under = ledgerFromRule({ kind: 'agreement', atLeast: 0.7, cents: 50 }, [worker('WB', 0, 0, 0.69)], WORK, 'Animals');
    expect(under.rows).toHaveLength(0);
  });

  it('gives the agreement and threshold in the reason', () => {
    expect(ledger.rows[1]!.reason).toBe('Bonus for high-quality work in "Animals": 95% of your answers matched the consensus (80% or more earns it). Thank you!');
  });
});

it('refuses an amount that is not a positive whole number of cents', () => {
  expect(() => ledgerFromRule({ kind: 'per-gold', centsPerGold: 0.5 }, WORKERS, WORK, 'x')).toThrow(RangeError);
  expect(() => ledgerFromRule({ kind: 'agreement', atLeast: 0.8, cents: 0 }, WORKERS, WORK, 'x')).toThrow(RangeError);
});
