import { afterEach, describe, expect, it } from 'vitest';
import { ArchiveInputError } from '../../../electron/archive/repos/archive-input-error';
import { getJournalEntryByToken, listUnfinished, markOutcome, markSent, recordIntent } from '../../../electron/archive/repos/journal';
import { finishSyncRun, getSyncState, listSyncRuns, markInterruptedRuns, recordSyncError, recordSyncPage, recordSyncProblem, startSyncRun } from '../../../electron/archive/repos/sync';
import { openTestArchive, T0, type TestArchive } from './fixtures';

let t: TestArchive;
afterEach(() => t.archive.close());

const bonusIntent = (token: string): Parameters<typeof recordIntent>[1] => ({
  connectionId: t.connectionId,
  kind: 'send-bonus',
  idempotencyToken: token,
  request: { WorkerId: 'AW1', AssignmentId: '3ASG1', BonusAmount: '1.25', Reason: 'Thanks' },
  costCents: 150,
});

describe('operations journal', () => {
  it('walks pending → sent → confirmed and lists only unfinished work', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const a = recordIntent(db, bonusIntent('tok-a'), T0).entry;
    const b = recordIntent(db, bonusIntent('tok-b'), T0 + 1).entry;
    const c = recordIntent(db, bonusIntent('tok-c'), T0 + 2).entry;
    markSent(db, a.id, T0 + 10);
    const done = markOutcome(db, a.id, 'confirmed', { ok: true }, T0 + 20);
    expect(done).toMatchObject({ state: 'confirmed', outcome: { ok: true }, updatedAt: T0 + 20, createdAt: T0, costCents: 150 });
    markSent(db, b.id, T0 + 30);
    markOutcome(db, b.id, 'unknown', { error: 'socket hang up' }, T0 + 40);
    expect(listUnfinished(db, t.connectionId).map((e) => [e.idempotencyToken, e.state])).toEqual([
      ['tok-b', 'unknown'],
      ['tok-c', 'pending'],
    ]);
    expect(c.request).toEqual(bonusIntent('tok-c').request);
  });

  it('treats a repeated token as the same operation', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const first = recordIntent(db, bonusIntent('tok-1'), T0);
    const again = recordIntent(db, { ...bonusIntent('tok-1'), costCents: 999 }, T0 + 5);
    expect(first.created).toBe(true);
    expect(again).toEqual({ entry: first.entry, created: false });
    expect(getJournalEntryByToken(db, t.connectionId, 'tok-1')?.costCents).toBe(150);
  });

  it('refuses illegal transitions with a conflict error', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const { entry } = recordIntent(db, bonusIntent('tok-x'), T0);
    expect(() => markOutcome(db, entry.id, 'confirmed', null, T0)).toThrow('Journal entry 1 cannot go from pending to confirmed.');
    markSent(db, entry.id, T0);
    markOutcome(db, entry.id, 'failed', { code: 'InsufficientFunds' }, T0);
    try {
      markSent(db, entry.id, T0);
      expect.unreachable();
    } catch (error) {
      expect((error as ArchiveInputError).appError).toEqual({ kind: 'conflict', message: 'Journal entry 1 cannot go from failed to sent.', field: 'state' });
    }
  });
});

describe('sync state and log', () => {
  it('keeps a checkpoint per page, clears it on success and keeps it on failure', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const run = startSyncRun(db, t.connectionId, 'hits', T0);
    recordSyncPage(db, run.id, { items: 100, checkpoint: { nextToken: 'p2' } });
    recordSyncPage(db, run.id, { items: 40, checkpoint: { nextToken: 'p3' } });
    recordSyncError(db, run.id, 'ThrottlingException');
    expect(getSyncState(db, t.connectionId, 'hits')).toMatchObject({ status: 'running', items: 140, checkpoint: { nextToken: 'p3' } });
    finishSyncRun(db, run.id, 'failed', T0 + 50);
    expect(getSyncState(db, t.connectionId, 'hits')).toMatchObject({ status: 'failed', checkpoint: { nextToken: 'p3' }, finishedAt: T0 + 50 });
    const retry = startSyncRun(db, t.connectionId, 'hits', T0 + 100);
    expect(getSyncState(db, t.connectionId, 'hits')?.checkpoint).toEqual({ nextToken: 'p3' });
    finishSyncRun(db, retry.id, 'succeeded', T0 + 200);
    expect(getSyncState(db, t.connectionId, 'hits')).toMatchObject({ status: 'succeeded', checkpoint: null });
    expect(listSyncRuns(db, t.connectionId).map((r) => [r.status, r.items, r.pages, r.errors, r.lastError])).toEqual([
      ['succeeded', 0, 0, 0, null],
      ['failed', 140, 2, 1, 'ThrottlingException'],
    ]);
  });

  it('marks runs a kill left running as interrupted, keeping their checkpoint for the resume', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const done = startSyncRun(db, t.connectionId, 'blocks', T0);
    finishSyncRun(db, done.id, 'succeeded', T0 + 1);
    const killed = startSyncRun(db, t.connectionId, 'account', T0 + 2);
    recordSyncPage(db, killed.id, { items: 7, checkpoint: { nextToken: 'p2' } });
    expect(markInterruptedRuns(db)).toBe(1);
    expect(listSyncRuns(db, t.connectionId).map((r) => [r.resource, r.status, r.finishedAt])).toEqual([
      ['account', 'interrupted', null],
      ['blocks', 'succeeded', T0 + 1],
    ]);
    expect(getSyncState(db, t.connectionId, 'account')).toMatchObject({ status: 'interrupted', checkpoint: { nextToken: 'p2' } });
    expect(markInterruptedRuns(db)).toBe(0);
  });

  it('stores errors and problems redacted: an endpoint that echoes request headers must not put keys in the archive', () => {
    t = openTestArchive();
    const db = t.archive.write;
    const run = startSyncRun(db, t.connectionId, 'account', T0);
    const signature = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
    const echoed =
      `Listing HITs failed: 400 Bad request. Your headers: {"authorization":"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261201/us-east-1/mturk-requester/aws4_request, ` +
      `SignedHeaders=host;x-amz-date, Signature=${signature}"} key AKIAIOSFODNN7EXAMPLE short key Credential=AKIATESTTESTTEST/20261201/us-east-1`;
    recordSyncError(db, run.id, echoed);
    recordSyncProblem(db, run.id, { objectKind: 'HIT', objectId: '3HIT1', problem: `refused: Signature=${signature}`, skipped: true }, T0);
    const [stored] = listSyncRuns(db, t.connectionId);
    for (const text of [stored!.lastError!, stored!.problems[0]!.problem]) {
      expect(text).not.toContain(signature);
      expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
      expect(text).not.toContain('AKIATESTTESTTEST');
    }
    expect(stored!.lastError).toContain('Listing HITs failed: 400 Bad request.');
    expect(stored).toMatchObject({ skipped: 1, problems: [{ objectKind: 'HIT', objectId: '3HIT1', skipped: true }] });
  });
});
