import {
  ApproveAssignmentCommand,
  GetAccountBalanceCommand,
  ListBonusPaymentsCommand,
  RejectAssignmentCommand,
  SendBonusCommand,
  UpdateExpirationForHITCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hitCostCents, requiresMasters } from '../../shared/domain/fees';
import type { LocalMTurk } from '../src/index';
import { createHit, rejection, startTestServer } from './helpers';

let server: LocalMTurk;
let client: MTurkClient;
beforeEach(async () => ({ server, client } = await startTestServer({ startingBalanceCents: 10_000 })));
afterEach(() => server.close());

const balance = async () => {
  const { AvailableBalance, OnHoldBalance } = await client.send(new GetAccountBalanceCommand({}));
  return [AvailableBalance, OnHoldBalance];
};

function work(hitId: string): { assignmentId: string; workerId: string } {
  const worker = server.control.createWorker();
  const { AssignmentId } = server.control.accept(worker.workerId, hitId);
  server.control.submit(AssignmentId, { label: 'x' });
  return { assignmentId: AssignmentId, workerId: worker.workerId };
}

describe('balance and fees', () => {
  it('holds reward + 20 % fee per assignment, pays on approval, releases on rejection', async () => {
    expect(await balance()).toEqual(['100.00', '0.00']);
    const hit = await createHit(client, { Reward: '0.50', MaxAssignments: 3 });
    expect(await balance()).toEqual(['98.20', '1.80']);
    const a = work(hit.HITId!);
    const b = work(hit.HITId!);
    await client.send(new ApproveAssignmentCommand({ AssignmentId: a.assignmentId }));
    expect(await balance()).toEqual(['98.20', '1.20']);
    await client.send(new RejectAssignmentCommand({ AssignmentId: b.assignmentId, RequesterFeedback: 'no' }));
    expect(await balance()).toEqual(['98.80', '0.60']);
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }));
    expect(await balance()).toEqual(['99.40', '0.00']);
  });

  it('charges 40 % on rewards of HITs with 10 or more assignments and the 1-cent minimum', async () => {
    await createHit(client, { Reward: '0.50', MaxAssignments: 10 });
    expect(await balance()).toEqual(['93.00', '7.00']);
    await createHit(client, { Reward: '0.01', MaxAssignments: 1, Title: 'tiny' });
    expect(await balance()).toEqual(['92.98', '7.02']);
  });

  it('adds 5 % for a Masters requirement (sandbox id on a sandbox server)', async () => {
    const masters = { QualificationTypeId: '2ARFPLSP75KLA8M8DH1HTEQVJT3SY6', Comparator: 'Exists' as const };
    await createHit(client, { Reward: '1.00', MaxAssignments: 2, QualificationRequirements: [masters] });
    expect(await balance()).toEqual(['97.50', '2.50']);
    const unknown = await rejection(
      createHit(client, { QualificationRequirements: [{ QualificationTypeId: '3NOSUCHQUALTYPE', Comparator: 'Exists' }] }),
    );
    expect(unknown.TurkErrorCode).toBe('AWS.MechanicalTurk.QualificationTypeDoesNotExist');
  });

  it('holds 40 % with Masters kept out (DoesNotExist) and 45 % with Masters required, as the app estimates', async () => {
    // 10 × $1.00: 40 % for ten or more assignments, +5 % only when Masters are required.
    const cases = [
      { comparator: 'DoesNotExist' as const, held: 1400 },
      { comparator: 'Exists' as const, held: 1450 },
    ];
    for (const [n, { comparator, held }] of cases.entries()) {
      const requirements = [{ QualificationTypeId: '2ARFPLSP75KLA8M8DH1HTEQVJT3SY6', Comparator: comparator }];
      const [before] = await balance();
      await createHit(client, { Reward: '1.00', MaxAssignments: 10, Title: `masters ${n}`, QualificationRequirements: requirements });
      const [after] = await balance();
      expect(Math.round((Number(before) - Number(after)) * 100), comparator).toBe(held);
      expect(hitCostCents(100, 10, { masters: requiresMasters(requirements) }).totalCents, `the app, ${comparator}`).toBe(held);
    }
  });
});

describe('overriding a rejection', () => {
  it('pays from the available balance only, so the money held for other work still pays for it', async () => {
    await server.close();
    ({ server, client } = await startTestServer({ startingBalanceCents: 100 }));
    const first = await createHit(client, { Reward: '0.50', MaxAssignments: 1 });
    const a = work(first.HITId!);
    await client.send(new RejectAssignmentCommand({ AssignmentId: a.assignmentId, RequesterFeedback: 'no' }));
    const second = await createHit(client, { Reward: '0.50', MaxAssignments: 1, Title: 'second' });
    expect(await balance()).toEqual(['0.40', '0.60']);
    const b = work(second.HITId!);

    const override = await rejection(client.send(new ApproveAssignmentCommand({ AssignmentId: a.assignmentId, OverrideRejection: true })));
    expect(override.TurkErrorCode).toBe('AWS.MechanicalTurk.InsufficientFunds');
    expect(await balance()).toEqual(['0.40', '0.60']);
    await client.send(new ApproveAssignmentCommand({ AssignmentId: b.assignmentId }));
    expect(await balance()).toEqual(['0.40', '0.00']);
  });

  it('succeeds when the available balance covers the reward and its fee', async () => {
    const hit = await createHit(client, { Reward: '0.50', MaxAssignments: 1 });
    const a = work(hit.HITId!);
    await client.send(new RejectAssignmentCommand({ AssignmentId: a.assignmentId, RequesterFeedback: 'no' }));
    expect(await balance()).toEqual(['100.00', '0.00']);
    await client.send(new ApproveAssignmentCommand({ AssignmentId: a.assignmentId, OverrideRejection: true }));
    expect(await balance()).toEqual(['99.40', '0.00']);
  });
});

describe('SendBonus and ListBonusPayments', () => {
  it('pays bonus + 20 % fee once per token, listed by assignment and by HIT', async () => {
    const hit = await createHit(client, { Reward: '0.10', MaxAssignments: 2 });
    const a = work(hit.HITId!);
    const b = work(hit.HITId!);
    const [before] = await balance();
    await client.send(new SendBonusCommand({ WorkerId: a.workerId, AssignmentId: a.assignmentId, BonusAmount: '1.00', Reason: 'Great', UniqueRequestToken: 'bonus-a' }));
    const [after] = await balance();
    expect(Number(before) - Number(after)).toBeCloseTo(1.2, 5);
    const repeat = await rejection(
      client.send(new SendBonusCommand({ WorkerId: a.workerId, AssignmentId: a.assignmentId, BonusAmount: '1.00', Reason: 'Great', UniqueRequestToken: 'bonus-a' })),
    );
    expect(repeat.TurkErrorCode).toBe('AWS.MechanicalTurk.DuplicateRequest');
    expect(repeat.message).toMatch(/request [0-9a-f-]{36}/);
    await client.send(new SendBonusCommand({ WorkerId: b.workerId, AssignmentId: b.assignmentId, BonusAmount: '0.03', Reason: 'Thanks' }));
    const [last] = await balance();
    expect(Number(after) - Number(last)).toBeCloseTo(0.04, 5);
    const byAssignment = await client.send(new ListBonusPaymentsCommand({ AssignmentId: a.assignmentId }));
    expect(byAssignment.BonusPayments).toEqual([
      { WorkerId: a.workerId, AssignmentId: a.assignmentId, BonusAmount: '1.00', Reason: 'Great', GrantTime: expect.any(Date) },
    ]);
    const byHit = await client.send(new ListBonusPaymentsCommand({ HITId: hit.HITId, MaxResults: 1 }));
    expect(byHit.NumResults).toBe(1);
    const rest = await client.send(new ListBonusPaymentsCommand({ HITId: hit.HITId, MaxResults: 1, NextToken: byHit.NextToken }));
    expect(rest.BonusPayments![0]!.WorkerId).toBe(b.workerId);
    expect(rest.NextToken).toBeUndefined();
    const neither = await rejection(client.send(new ListBonusPaymentsCommand({})));
    expect(neither.name).toBe('RequestError');
  });

  it('refuses a bonus for another worker, for in-flight work, or beyond the balance', async () => {
    const hit = await createHit(client, { Reward: '0.10', MaxAssignments: 2 });
    const a = work(hit.HITId!);
    const stranger = server.control.createWorker();
    const wrong = await rejection(client.send(new SendBonusCommand({ WorkerId: stranger.workerId, AssignmentId: a.assignmentId, BonusAmount: '1', Reason: 'r' })));
    expect(wrong.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    const { AssignmentId: inFlight } = server.control.accept(stranger.workerId, hit.HITId!);
    const early = await rejection(client.send(new SendBonusCommand({ WorkerId: stranger.workerId, AssignmentId: inFlight, BonusAmount: '1', Reason: 'r' })));
    expect(early.TurkErrorCode).toBe('AWS.MechanicalTurk.AssignmentDoesNotExist');
    const broke = await rejection(client.send(new SendBonusCommand({ WorkerId: a.workerId, AssignmentId: a.assignmentId, BonusAmount: '500.00', Reason: 'r' })));
    expect(broke.TurkErrorCode).toBe('AWS.MechanicalTurk.InsufficientFunds');
    const badAmount = await rejection(client.send(new SendBonusCommand({ WorkerId: a.workerId, AssignmentId: a.assignmentId, BonusAmount: '$1', Reason: 'r' })));
    expect(badAmount.name).toBe('RequestError');
    expect((await client.send(new ListBonusPaymentsCommand({ HITId: hit.HITId }))).NumResults).toBe(0);
  });
});
