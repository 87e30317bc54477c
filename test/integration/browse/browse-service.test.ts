import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/core/services';
import { startLocalMTurk } from '../../../local-mturk/src/index';
import { clientFor } from '../../../local-mturk/test/helpers';
import { memoryLogger } from '../../helpers/memory-log';
import { seedLocalMTurk } from '../../helpers/seed-local-mturk';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function syncedWorkbench() {
  const server = await startLocalMTurk({ port: 0 });
  cleanups.push(() => server.close());
  const seeded = await seedLocalMTurk(server, clientFor(server), { hits: 25, assignmentsPerHit: 2, workers: 4 });
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-browse-'));
  const services = createServices({
    dataDir,
    log: memoryLogger().log,
    keychain: { unavailable: 'none' },
    env: { AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey },
    homeDir: dataDir,
  });
  cleanups.push(() => services.dispose());
  const { connections, archive: archiveService, sync, browse } = services;
  connections.save({ id: 'lab', label: 'Lab', kind: 'custom', endpoint: server.url, region: 'us-east-1', credentials: { type: 'env' }, requestsPerSecond: 500 });
  await connections.activate('lab', false);
  return { server, seeded, connections, archiveService, sync, browse };
}

describe('browsing the archive', () => {
  it('says when the active connection has never been synced', async () => {
    const { browse } = await syncedWorkbench();
    expect(await browse.hits({ limit: 10 })).toEqual({ ok: true, value: { rows: [], nextCursor: null, archived: false } });
  });

  it('pages every archived HIT once, filtered and sorted, and the assignments of one HIT', async () => {
    const { browse, archiveService, sync, seeded } = await syncedWorkbench();
    expect((await archiveService.startSync('full')).ok).toBe(true);
    expect(await sync.whenDone('lab')).toMatchObject({ state: 'succeeded' });

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await browse.hits({ limit: 10, after, sort: { column: 'hitId', direction: 'asc' } });
      if (!page.ok) throw new Error(page.error.message);
      expect(page.value.archived).toBe(true);
      seen.push(...page.value.rows.map((h) => h.hitId));
      after = page.value.nextCursor;
    } while (after);
    expect(seen).toEqual([...seeded.hitIds].sort());

    const row7 = await browse.hits({ limit: 10, filter: { text: 'row 7' } });
    expect(row7.ok && row7.value.rows.map((h) => h.requesterAnnotation)).toEqual(['batch-1 row 7']);

    const assignments = await browse.assignments({ limit: 50, filter: { hitId: seeded.hitIds[0]! } });
    expect(assignments.ok && assignments.value.rows).toHaveLength(2);
    expect(assignments.ok && assignments.value.rows.every((a) => a.answers.label?.startsWith('answer 0-'))).toBe(true);
    const first = assignments.ok ? assignments.value.rows[0]! : null;
    expect(await browse.answer({ assignmentId: first!.assignmentId, field: 'label' })).toEqual({ ok: true, value: first!.answers.label });
    expect(await browse.answer({ assignmentId: first!.assignmentId, field: 'no such field' })).toEqual({ ok: true, value: null });
    expect(await browse.answer({ assignmentId: 'NOSUCHASSIGNMENT', field: 'label' })).toEqual({ ok: true, value: null });
  });

  it('keeps serving the archive when MTurk is unreachable', async () => {
    const { browse, archiveService, sync, server, connections } = await syncedWorkbench();
    await archiveService.startSync('full');
    await sync.whenDone('lab');
    await server.close();
    cleanups.shift();
    expect((await connections.refreshStatus()).state).toBe('offline');
    const page = await browse.hits({ limit: 100 });
    expect(page.ok && page.value.rows).toHaveLength(25);
    const overview = await archiveService.overview();
    expect(overview).toMatchObject({ ok: true, value: { offline: true, known: true, counts: { hits: 25, assignments: 50 } } });
  });

  it('answers a tampered cursor with a validation error, not a crash', async () => {
    const { browse, archiveService, sync } = await syncedWorkbench();
    await archiveService.startSync('full');
    await sync.whenDone('lab');
    expect(await browse.hits({ limit: 10, after: 'not-a-cursor' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});
