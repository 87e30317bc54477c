/**
 * The app's requester flow over the contract's batch handlers: a Requester-website folder tried on the built-in Local
 * MTurk while another connection is active, its simulated crowd, and the results downloaded as the website's CSV.
 */
import { ListHITsCommand } from '@aws-sdk/client-mturk';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatchHandlers } from '../../../electron/handlers/batch-handlers';
import { parseCsv } from '../../../shared/domain/csv';
import { clientFor, startTestServer } from '../../../local-mturk/test/helpers';
import { workbenchFor } from '../actions/workbench';
import { PHOTO_CATEGORIES, photoBatch, photoUrl } from './batch-folders';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function bench() {
  const { server } = await startTestServer();
  cleanups.push(() => server.close());
  const services = workbenchFor(server);
  cleanups.push(() => services.dispose());
  const handlers = createBatchHandlers({
    archive: services.archiveDb,
    contexts: services.contexts,
    overview: services.batchOverview,
    launcher: services.batches,
    controls: services.batchControls,
    crowd: services.batchCrowd,
  });
  return { server, services, handlers };
}

const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('trying a batch on the built-in Local MTurk from the app', () => {
  it('launches there whatever connection is active, simulates its crowd, and downloads the results', { timeout: 90_000 }, async () => {
    const { server, services, handlers } = await bench();
    const rows = 4;
    const folder = photoBatch(rows);
    // A caption a spreadsheet would run as a formula: the download makes it inert.
    writeFileSync(join(folder, 'input.csv'), `image_url,caption\n${[1, 2, 3, 4].map((r) => `"${photoUrl(r)}",${r === 2 ? '"=HYPERLINK(""http://x"")"' : `Photo ${r}`}`).join('\n')}\n`);
    expect(services.contexts.active().config.id).toBe('lab');

    const plan = value(await handlers['batches.plan']({ folder, newBatch: false, connectionId: 'local' }));
    expect(plan.connection).toMatchObject({ id: 'local', production: false });
    expect(plan.typeToConfirm).toBeNull();
    const launched = value(await handlers['batches.launch']({ folder, newBatch: false, connectionId: 'local' }));
    expect((await services.jobs.whenDone(launched.job.id))?.state).toBe('succeeded');
    // Nothing reached the active connection's MTurk.
    expect((await clientFor(server).send(new ListHITsCommand({}))).NumResults).toBe(0);

    const detail = value(await handlers['batches.detail']({ batchId: launched.batchId }));
    expect(detail.connection).toEqual({ id: 'local', label: expect.any(String), localMTurk: true });
    expect(detail.hits.filter((h) => h.hitId !== null)).toHaveLength(rows);
    await expect(handlers['batches.results']({ batchId: launched.batchId, format: 'csv' })).resolves.toMatchObject({ ok: false, error: { kind: 'not-found' } });

    const crowd = value(await handlers['batches.simulateCrowd']({ batchId: launched.batchId }));
    expect(crowd.submitted).toBeGreaterThanOrEqual(rows * 2);
    expect(crowd.archivedAssignments).toBe(rows * 2);
    const after = value(await handlers['batches.detail']({ batchId: launched.batchId }));
    expect(after.batch.figures.assignments).toMatchObject({ submitted: rows * 2, total: rows * 2 });

    const file = value(await handlers['batches.results']({ batchId: launched.batchId, format: 'csv' }));
    expect(file.fileName).toMatch(new RegExp(`^turkbench-batch-animal-photos-${launched.batchId.toLowerCase()}-\\d{4}-\\d\\d-\\d\\d\\.csv$`));
    expect(file).toMatchObject({ mimeType: 'text/csv', rows: rows * 2 });
    const [header, ...records] = value(parseCsv(file.text)).records.map((r) => r.cells);
    const at = (name: string): number => header!.indexOf(name);
    expect(header).toEqual(expect.arrayContaining(['Input.image_url', 'Input.caption', 'Answer.animal.label']));
    expect(records).toHaveLength(rows * 2);
    for (const cells of records) expect(PHOTO_CATEGORIES).toContain(cells[at('Answer.animal.label')]);
    expect(records.map((cells) => cells[at('Input.image_url')]).sort()).toEqual([1, 1, 2, 2, 3, 3, 4, 4].map(photoUrl).sort());
    expect(records.filter((cells) => cells[at('Input.caption')] === `'=HYPERLINK("http://x")`)).toHaveLength(2);

    const json = value(await handlers['batches.results']({ batchId: launched.batchId, format: 'json' }));
    expect(json.mimeType).toBe('application/json');
    expect(JSON.parse(json.text)).toHaveLength(rows * 2);
  });

  it('simulates a crowd only on the built-in Local MTurk, and names the batch it does not know', { timeout: 60_000 }, async () => {
    const { services, handlers } = await bench();
    const launched = value(await handlers['batches.launch']({ folder: photoBatch(1), newBatch: false }));
    await services.jobs.whenDone(launched.job.id);
    await expect(handlers['batches.simulateCrowd']({ batchId: launched.batchId })).resolves.toMatchObject({
      ok: false,
      error: { kind: 'validation', message: expect.stringContaining('not on the built-in Local MTurk') },
    });
    await expect(handlers['batches.results']({ batchId: 'bnope', format: 'csv' })).resolves.toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('bnope') } });
    await expect(handlers['batches.plan']({ folder: photoBatch(1), newBatch: false, connectionId: 'gone' })).resolves.toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
