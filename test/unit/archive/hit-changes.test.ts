import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveDb } from '../../../electron/archive/connection';
import { ensureConnection } from '../../../electron/archive/repos/connections';
import { setHitExpiration } from '../../../electron/archive/repos/hit-changes';
import { getHit, upsertHits, type HitRecord } from '../../../electron/archive/repos/hits';

const NOW = Date.UTC(2026, 11, 1, 12);
const LATER = NOW + 86_400_000;

const dbs: ArchiveDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

/** One archived HIT wanting 3 assignments, with what MTurk last said of its slots. */
function archiveWithHit(slots: { available: number; pending: number; completed: number }) {
  const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'tb-hit-changes-')), 'a.sqlite'));
  dbs.push(archive);
  const connectionId = ensureConnection(archive.write, { kind: 'custom', endpoint: 'http://x', label: 'X', accountFingerprint: 'f' }, NOW).id;
  const hit = {
    hitId: 'HIT1', hitTypeId: 'T1', title: 'T', description: 'D', rewardCents: 10, maxAssignments: 3, assignmentDurationSeconds: 60, autoApprovalDelaySeconds: 60,
    creationTime: NOW - 1000, expiration: NOW + 3_600_000, status: 'Assignable', qualificationRequirements: [],
    assignmentsAvailable: slots.available, assignmentsPending: slots.pending, assignmentsCompleted: slots.completed,
  } as unknown as HitRecord;
  upsertHits(archive.write, connectionId, [hit], NOW);
  const read = () => {
    const stored = getHit(archive.read, connectionId, 'HIT1')!;
    return { status: stored.status, available: stored.assignmentsAvailable, expiration: stored.expiration };
  };
  return { archive, connectionId, read };
}

describe('setHitExpiration', () => {
  it('expires a HIT: no slots left, Reviewable once nothing is pending', () => {
    const { archive, connectionId, read } = archiveWithHit({ available: 3, pending: 0, completed: 0 });
    setHitExpiration(archive.write, connectionId, 'HIT1', NOW, NOW);
    expect(read()).toEqual({ status: 'Reviewable', available: 0, expiration: NOW });
  });

  it('reopens an expired HIT on an extension: the slots not taken or done are available again', () => {
    const { archive, connectionId, read } = archiveWithHit({ available: 2, pending: 0, completed: 1 });
    setHitExpiration(archive.write, connectionId, 'HIT1', NOW, NOW);
    setHitExpiration(archive.write, connectionId, 'HIT1', LATER, NOW + 1);
    expect(read()).toEqual({ status: 'Assignable', available: 2, expiration: LATER });
  });

  it('leaves a HIT whose every assignment is done expired-looking on an extension', () => {
    const { archive, connectionId, read } = archiveWithHit({ available: 0, pending: 0, completed: 3 });
    setHitExpiration(archive.write, connectionId, 'HIT1', NOW, NOW);
    setHitExpiration(archive.write, connectionId, 'HIT1', LATER, NOW + 1);
    expect(read()).toEqual({ status: 'Reviewable', available: 0, expiration: LATER });
  });

  it('keeps the slots MTurk reported on an extension of an open HIT', () => {
    const { archive, connectionId, read } = archiveWithHit({ available: 1, pending: 2, completed: 0 });
    setHitExpiration(archive.write, connectionId, 'HIT1', LATER, NOW);
    expect(read()).toEqual({ status: 'Assignable', available: 1, expiration: LATER });
  });
});
