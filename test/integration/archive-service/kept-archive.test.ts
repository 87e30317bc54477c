import { afterEach, describe, expect, it } from 'vitest';
import type { MethodName, MethodOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { dispatch } from '../../../electron/core/dispatch';
import type { Handlers } from '../../../electron/core/handlers';
import { createArchiveHandlers } from '../../../electron/handlers/archive-handlers';
import { createBrowseHandlers } from '../../../electron/handlers/browse-handlers';
import { startLocalMTurk } from '../../../local-mturk/src/index';
import { clientFor } from '../../../local-mturk/test/helpers';
import { memoryLogger } from '../../helpers/memory-log';
import { seedLocalMTurk } from '../../helpers/seed-local-mturk';
import { syncFully, workbenchFor } from '../actions/workbench';
import { websiteFile, websiteRow } from './website-file';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A lab account synced into the archive, then its connection removed in Settings: only the archive is left. */
async function removedAfterSync() {
  const lab = await startLocalMTurk({ port: 0 });
  cleanups.push(() => lab.close());
  await seedLocalMTurk(lab, clientFor(lab), { hits: 6, assignmentsPerHit: 2, workers: 3 });
  const bench = workbenchFor(lab);
  cleanups.push(() => bench.dispose());
  await syncFully(bench);
  const archiveId = bench.contexts.active().archiveId!;
  const removed = bench.connections.remove('lab');
  if (!removed.ok) throw new Error(removed.error.message);
  const handlers = { ...createArchiveHandlers(bench.archive, bench.contexts), ...createBrowseHandlers(bench.browse) };
  const log = memoryLogger().log;
  /** Through the app's real dispatch: the contract's zod schema, then the handler. */
  const call = async <M extends MethodName>(name: M, input?: unknown): Promise<Result<MethodOutput<M>>> =>
    (await dispatch(handlers as unknown as Handlers, name, input, log)) as Result<MethodOutput<M>>;
  return { lab, bench, archiveId, call };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('the archive of a removed connection', () => {
  it('is listed as kept on this computer, with its counts and last sync, and used by no connection', async () => {
    const { call, archiveId, lab } = await removedAfterSync();
    const listed = value(await call('archive.list'));
    const kept = listed.find((a) => a.archiveId === archiveId);
    expect(kept).toMatchObject({ label: 'Lab', kind: 'custom', endpoint: lab.url, usedBy: [], counts: { hits: 6, assignments: 12, workers: 3 } });
    expect(kept?.lastSync).toMatchObject({ status: 'succeeded', mode: 'full' });
  });

  it('opens read-only: its overview, HITs, assignments, answers, record grids and export read it without a connection', async () => {
    const { call, archiveId } = await removedAfterSync();
    const overview = value(await call('archive.overview', { archiveId }));
    expect(overview).toMatchObject({ connectionLabel: 'Lab', known: true, offline: false, running: null, counts: { hits: 6, assignments: 12 } });
    expect(overview.readOnly).toMatch(/^No connection uses this archive \(Lab\), so it is read-only/);
    // The active connection (now the built-in Local MTurk) has none of these HITs: the id is what selects the archive.
    expect(value(await call('hits.page', { limit: 50 })).rows).toHaveLength(0);

    const hits = value(await call('hits.page', { limit: 50, archiveId }));
    expect(hits.archived).toBe(true);
    expect(hits.rows).toHaveLength(6);
    const hitId = hits.rows[0]!.hitId;
    expect(value(await call('hits.detail', { hitId, archiveId }))?.hit.hitId).toBe(hitId);
    const assignments = value(await call('assignments.page', { filter: { hitId }, limit: 50, archiveId }));
    expect(assignments.rows).toHaveLength(2);
    const [field, answer] = Object.entries(assignments.rows[0]!.answers)[0]!;
    expect(value(await call('assignments.answer', { assignmentId: assignments.rows[0]!.assignmentId, field, archiveId }))).toBe(answer);
    expect(value(await call('workers.page', { limit: 50, archiveId })).rows).toHaveLength(3);
    expect(value(await call('bonuses.page', { limit: 50, archiveId })).rows).toHaveLength(1);

    const exported = value(await call('archive.export', { format: 'csv', archiveId }));
    expect(exported.rows).toBe(12);
    expect(exported.fileName).toMatch(/^turkbench-lab-\d{4}-\d\d-\d\d\.csv$/);
    const approved = value(await call('archive.export', { format: 'json', selection: { filter: { status: 'Approved' } }, archiveId }));
    expect((JSON.parse(approved.text) as { status: string }[]).every((row) => row.status === 'Approved')).toBe(true);
  });

  it('refuses every write with the reason: no sync, no import, no MTurk call', async () => {
    const { bench, archiveId, call } = await removedAfterSync();
    const kept = value(bench.contexts.forArchive(archiveId));
    const sync = await bench.archive.startSync('full', kept);
    expect(sync.ok || sync.error.message).toMatch(/so it is read-only: nothing can be sent to MTurk or synced from it/);
    const gateway = await kept.gateway();
    expect(gateway.ok).toBe(false);
    const file = Buffer.from(websiteFile([websiteRow(0)])).toString('base64');
    const imported = await bench.archive.importBatchFile('Batch_1_batch_results.csv', file, kept);
    expect(imported.ok || imported.error.message).toMatch(/read-only/);
    expect(value(await call('archive.overview', { archiveId })).counts.hits).toBe(6);
    // The contract has no way to import into a kept archive at all.
    const viaContract = await call('archive.import', { fileName: 'Batch_1_batch_results.csv', base64: file, archiveId });
    expect(viaContract.ok).toBe(false);
  });

  it('is found again, and used, when a connection to the same endpoint is added', async () => {
    const { bench, archiveId, call, lab } = await removedAfterSync();
    value(bench.connections.save({ id: 'lab-again', label: 'Lab again', kind: 'custom', endpoint: lab.url, region: 'us-east-1', credentials: { type: 'env' } }));
    expect(value(bench.contexts.get('lab-again')).archiveId).toBe(archiveId);
    const kept = value(await call('archive.list')).find((a) => a.archiveId === archiveId);
    expect(kept?.usedBy).toEqual([{ id: 'lab-again', label: 'Lab again' }]);
  });

  it('refuses an archive id that does not exist, or is not an id, in words', async () => {
    const { call } = await removedAfterSync();
    const missing = await call('hits.page', { limit: 10, archiveId: 999 });
    expect(missing.ok || missing.error).toMatchObject({ kind: 'not-found', message: expect.stringContaining('No archive with id 999') });
    const exportMissing = await call('archive.export', { format: 'csv', archiveId: 999 });
    expect(exportMissing.ok || exportMissing.error.kind).toBe('not-found');
    const bad = await call('hits.page', { limit: 10, archiveId: -1 });
    expect(bad.ok || bad.error).toMatchObject({ kind: 'validation', message: expect.stringContaining('archiveId') });
  });
});

