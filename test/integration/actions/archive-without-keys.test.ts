import { afterEach, describe, expect, it } from 'vitest';
import { startLocalMTurk } from '../../../local-mturk/src/index';
import { clientFor } from '../../../local-mturk/test/helpers';
import { seedLocalMTurk } from '../../helpers/seed-local-mturk';
import { syncFully, workbenchFor } from './workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Synced once with keys; then reopened with no keys at all and the endpoint gone. */
async function archivedThenOffline(options: { dropLinks?: boolean } = {}) {
  const server = await startLocalMTurk({ port: 0 });
  await seedLocalMTurk(server, clientFor(server), { hits: 6, assignmentsPerHit: 2, workers: 3 });
  const first = workbenchFor(server);
  await syncFully(first);
  if (options.dropLinks) first.archiveDb.write.exec('DELETE FROM connection_links');
  await first.dispose();
  await server.close();
  const offline = workbenchFor(server, { dataDir: first.dataDir, env: {} });
  cleanups.push(() => offline.dispose());
  return offline;
}

describe('the archive without keys and with the endpoint down', () => {
  it('shows the grid, the overview and exports', async () => {
    const bench = await archivedThenOffline();
    expect((await bench.contexts.active().gateway()).ok).toBe(false);
    const hits = await bench.browse.hits({ limit: 50 });
    expect(hits).toMatchObject({ ok: true, value: { archived: true } });
    expect(hits.ok && hits.value.rows).toHaveLength(6);
    const overview = await bench.archive.overview();
    expect(overview).toMatchObject({ ok: true, value: { known: true, counts: { hits: 6, assignments: 12 } } });
    expect(overview.ok && overview.value.lastSync?.status).toBe('succeeded');
    const exported = await bench.archive.exportFile('csv', undefined);
    expect(exported).toMatchObject({ ok: true, value: { rows: 12 } });
  });

  it('finds an archive written before connections were linked to it, by its endpoint', async () => {
    const bench = await archivedThenOffline({ dropLinks: true });
    const hits = await bench.browse.hits({ limit: 50 });
    expect(hits.ok && hits.value.rows).toHaveLength(6);
  });
});
