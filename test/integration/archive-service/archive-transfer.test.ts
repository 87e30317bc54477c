import { afterEach, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { MAX_IMPORT_BYTES } from '../../../shared/contract/archive';
import { archiveServiceHarness, type ArchiveServiceHarness } from './harness';
import { assignmentIdOf, upload, websiteFile, websiteRow } from './website-file';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function harness(lab?: LocalMTurk): ArchiveServiceHarness {
  const h = archiveServiceHarness(lab);
  cleanups.push(() => h.close());
  return h;
}

async function overview(h: ArchiveServiceHarness, probe = false) {
  const result = await h.call('archive.overview', probe ? { probe } : undefined);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const FILE = websiteFile([websiteRow(0), websiteRow(1), websiteRow(2)]);
const changes = (h: ArchiveServiceHarness) => h.events.filter((e) => e.name === 'archive.changed');

describe('archive.import', () => {
  it('imports a website results file into the active connection and announces the change', async () => {
    const h = harness();
    expect((await overview(h)).known).toBe(false);
    const result = await h.call('archive.import', { fileName: 'Batch_77_batch_results.csv', base64: upload(FILE) });
    expect(result).toEqual({ ok: true, value: { fileName: 'Batch_77_batch_results.csv', rows: 3, hits: 2, assignments: 3, encoding: 'UTF-8', notes: [] } });
    const after = await overview(h);
    expect(after).toMatchObject({ connectionId: 'local', connectionLabel: 'Local MTurk', known: true });
    expect(after.counts).toMatchObject({ hits: 2, assignments: 3, workers: 3 });
    expect(changes(h)).toEqual([{ name: 'archive.changed', payload: { connectionId: 'local', tables: ['hits', 'assignments', 'csv_imports'] } }]);
  });

  it('refuses a malformed file naming row, column and value, and writes nothing at all', async () => {
    const h = harness();
    const text = websiteFile([websiteRow(0), websiteRow(1), websiteRow(2, { Reward: 'forty cents' })]);
    const result = await h.call('archive.import', { fileName: 'bad.csv', base64: upload(text) });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'validation', message: 'Row 4, column Reward: "forty cents" is not a dollar amount like "$0.50".', field: 'row 4, column Reward' },
    });
    const after = await overview(h);
    // Rows 2 and 3 were valid, yet none of them is in the archive: all or nothing.
    expect(after.known).toBe(false);
    expect([after.counts.hits, after.counts.assignments, after.counts.workers]).toEqual([0, 0, 0]);
    expect(changes(h)).toEqual([]);
  });

  it('refuses a ragged row and a file that is not a results file, with where the problem is', async () => {
    const h = harness();
    const ragged = await h.call('archive.import', { fileName: 'ragged.csv', base64: upload(websiteFile([websiteRow(0), websiteRow(1).slice(0, 5)])) });
    expect(ragged).toMatchObject({ ok: false, error: { kind: 'validation', field: 'row 3' } });
    const notResults = await h.call('archive.import', { fileName: 'contacts.csv', base64: upload('name,email\r\nAda,ada@example.com\r\n') });
    expect(notResults).toMatchObject({ ok: false, error: { kind: 'validation', field: 'row 1, column HITId' } });
    expect((await overview(h)).counts.assignments).toBe(0);
  });

  it('imports off the main thread: another call is answered while a large file is still being imported', async () => {
    const h = harness();
    await overview(h);
    const big = upload(websiteFile(Array.from({ length: 5_000 }, (_, n) => websiteRow(n))));
    const order: string[] = [];
    const importing = h.call('archive.import', { fileName: 'big.csv', base64: big }).then((result) => {
      order.push('import finished');
      return result;
    });
    // A few turns of the event loop: an import on the main thread would run to its end within them.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect((await h.call('archive.overview')).ok).toBe(true);
    order.push('other call answered');
    expect(await importing).toMatchObject({ ok: true, value: { rows: 5_000, assignments: 5_000 } });
    expect(order).toEqual(['other call answered', 'import finished']);
    expect((await overview(h)).counts.assignments).toBe(5_000);
  }, 60_000);

  it('refuses a file over the size limit before reading it, and an empty file name', async () => {
    const h = harness();
    const huge = await h.call('archive.import', { fileName: 'huge.csv', base64: upload('x'.repeat(MAX_IMPORT_BYTES + 4)) });
    expect(huge).toMatchObject({ ok: false, error: { kind: 'validation', field: 'base64' } });
    if (!huge.ok) expect(huge.error.message).toContain('split it');
    // One byte over fits the same base64 length; the importer itself counts the bytes.
    const justOver = await h.call('archive.import', { fileName: 'huge.csv', base64: upload('x'.repeat(MAX_IMPORT_BYTES + 1)) });
    expect(justOver).toMatchObject({ ok: false, error: { kind: 'validation', field: 'file', message: expect.stringMatching(/^The file is 33,554,433 bytes; Turkbench imports files up to 32 MB \(33,554,432 bytes\)\. Split it/) } });
    expect(await h.call('archive.import', { fileName: '  ', base64: upload(FILE) })).toMatchObject({ ok: false, error: { field: 'fileName' } });
  }, 60_000); // two 32 MB files through the contract, one of them into the import worker
});

describe('archive.export', () => {
  it('round-trips an imported file: the CSV export of everything is the same bytes', async () => {
    const h = harness();
    await h.call('archive.import', { fileName: 'Batch_77_batch_results.csv', base64: upload(FILE) });
    const exported = await h.call('archive.export', { format: 'csv' });
    if (!exported.ok) throw new Error(exported.error.message);
    expect(exported.value.text).toBe(FILE);
    expect(exported.value).toMatchObject({ mimeType: 'text/csv', rows: 3 });
    expect(exported.value.fileName).toMatch(/^turkbench-local-mturk-\d{4}-\d\d-\d\d\.csv$/);
  });

  it('exports JSON with answers, inputs, cents and the HIT, and honours a filter and an id list', async () => {
    const h = harness();
    await h.call('archive.import', { fileName: 'Batch_77_batch_results.csv', base64: upload(FILE) });
    const json = await h.call('archive.export', { format: 'json', selection: { filter: { status: 'Submitted' } } });
    if (!json.ok) throw new Error(json.error.message);
    expect(json.value.fileName).toMatch(/^turkbench-local-mturk-submitted-\d{4}-\d\d-\d\d\.json$/);
    const rows = JSON.parse(json.value.text) as { assignmentId: string; answers: Record<string, string>; inputs: Record<string, string>; hit: { rewardCents: number } }[];
    expect(rows.map((r) => [r.assignmentId, r.answers.sentiment, r.hit.rewardCents])).toEqual([
      [assignmentIdOf(0), 'positive', 40],
      [assignmentIdOf(1), 'negative', 40],
    ]);
    expect(rows[0]!.inputs.tweet).toBe('"Quoted", with a comma\nand a second line 0');

    const picked = await h.call('archive.export', { format: 'csv', selection: { assignmentIds: [assignmentIdOf(2)] } });
    expect(picked).toMatchObject({ ok: true, value: { rows: 1 } });
    if (picked.ok) expect(picked.value.text).toBe(websiteFile([websiteRow(2)]));
  });

  it('names an unknown assignment id, and refuses an empty selection or an empty archive with what to do', async () => {
    const h = harness();
    const empty = await h.call('archive.export', { format: 'csv' });
    expect(empty).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    if (!empty.ok) expect(empty.error.message).toContain('Sync now or import');

    await h.call('archive.import', { fileName: 'Batch_77_batch_results.csv', base64: upload(FILE) });
    const unknown = await h.call('archive.export', { format: 'csv', selection: { assignmentIds: [assignmentIdOf(0), 'NOPE'] } });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'validation', field: 'assignmentIds[1]' } });
    if (!unknown.ok) expect(unknown.error.message).toContain('NOPE');
    const none = await h.call('archive.export', { format: 'json', selection: { filter: { status: 'Rejected' } } });
    expect(none).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await h.call('archive.export', { format: 'xlsx' })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'format' } });
  });
});

describe('offline', () => {
  it('says offline when the endpoint is gone, and still imports and exports from the archive', async () => {
    const lab = await startLocalMTurk({ port: 0 });
    const h = harness(lab);
    expect(await overview(h, true)).toMatchObject({ connectionId: 'lab', offline: false, known: false });
    // Probing an endpoint that is still there announces nothing: an "online" event would start an automatic sync.
    const announced = h.events.filter((e) => e.name === 'connection.changed').length;
    await overview(h, true);
    expect(h.events.filter((e) => e.name === 'connection.changed')).toHaveLength(announced);
    await lab.close();

    expect(await overview(h, true)).toMatchObject({ connectionId: 'lab', offline: true });
    expect(h.events.some((e) => e.name === 'connection.changed' && (e.payload as { state: string }).state === 'offline')).toBe(true);
    expect(await h.call('archive.import', { fileName: 'Batch_77_batch_results.csv', base64: upload(FILE) })).toMatchObject({ ok: true, value: { rows: 3 } });
    const exported = await h.call('archive.export', { format: 'csv' });
    expect(exported).toMatchObject({ ok: true, value: { text: FILE } });
    expect(await overview(h)).toMatchObject({ offline: true, known: true, counts: { assignments: 3 } });
  });

  it('switches to offline when a sync fails because the endpoint went away', async () => {
    const lab = await startLocalMTurk({ port: 0 });
    const h = harness(lab);
    expect(await overview(h, true)).toMatchObject({ offline: false });
    await lab.close();
    expect(await h.call('sync.start', { mode: 'full' })).toMatchObject({ ok: true, value: { state: 'running' } });
    await expect.poll(() => h.connections.status().state, { timeout: 15_000 }).toBe('offline');
    expect(await overview(h)).toMatchObject({ offline: true, lastSync: { status: 'failed' } });
  });
});
