import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/core/services';
import { parseCsv } from '../../../shared/domain/csv';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { memoryLogger } from '../../helpers/memory-log';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';


let lab: TestServer;
let dataDir: string;
let hitIds: string[];
/** The archive account the removed connection's data lives in. */
let archiveId: number;

async function turkbench(...args: string[]): Promise<Ran> {
  return runTurkbench(['--data-dir', dataDir, ...args], { LAB_KEY_ID: lab.server.credentials.accessKeyId, LAB_SECRET: lab.server.credentials.secretAccessKey });
}

/** Synced from the command line, then the connection removed as Settings → Remove does it: only its archive is left. */
beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
  hitIds = [];
  for (let i = 0; i < 3; i++) hitIds.push((await createHit(lab.client, { MaxAssignments: 2, Title: `Kept ${i}` })).HITId!);
  const worker = lab.server.control.createWorker({ country: 'US' });
  lab.server.control.submit(lab.server.control.accept(worker.workerId, hitIds[0]!).AssignmentId, { label: 'kept answer' });
  dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-kept-'));
  const add = ['connections', 'add', '--name', 'Old lab', '--endpoint', lab.server.url, '--requests-per-second', '100', '--access-key-id-env', 'LAB_KEY_ID', '--secret-access-key-env', 'LAB_SECRET'];
  expect((await turkbench(...add)).code).toBe(0);
  expect((await turkbench('connections', 'use', 'Old lab')).code).toBe(0);
  expect((await turkbench('sync', '--full')).code).toBe(0);
  const services = createServices({ dataDir, log: memoryLogger().log, keychain: { unavailable: 'tests use no keychain.' }, env: {}, homeDir: join(dataDir, 'home') });
  try {
    const old = services.contexts.byName('Old lab');
    if (!old.ok) throw new Error(old.error.message);
    archiveId = old.value.archiveId!;
    const removed = services.connections.remove(old.value.config.id);
    if (!removed.ok) throw new Error(removed.error.message);
  } finally {
    await services.dispose();
  }
}, 60_000);
afterAll(() => lab.server.close());

describe('the turkbench CLI on the archive of a removed connection', { timeout: 60_000 }, () => {
  it('lists the archives on this computer, the removed connection\'s as used by none', async () => {
    const listed = JSON.parse((await turkbench('archive', 'list', '--json')).stdout) as { archiveId: number; label: string; endpoint: string; usedBy: unknown[]; counts: { hits: number; assignments: number } }[];
    expect(listed.find((a) => a.archiveId === archiveId)).toMatchObject({ label: 'Old lab', endpoint: lab.server.url, usedBy: [], counts: { hits: 3, assignments: 1 } });
    const text = await turkbench('archive', 'list');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${archiveId}\\s+Old lab\\s+custom\\s+\\S+\\s+3\\s+1\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d succeeded\\s+— \\(read with --archive ID\\)$`, 'm'));
  });

  it('lists its HITs and exports it with --archive, without a connection or keys', async () => {
    const hits = await turkbench('hits', 'list', '--archive', String(archiveId), '--json');
    expect(hits.code).toBe(0);
    expect((JSON.parse(hits.stdout) as { hitId: string }[]).map((h) => h.hitId).sort()).toEqual([...hitIds].sort());
    // The active connection (the built-in Local MTurk) is not where these HITs are.
    expect((await turkbench('hits', 'list', '--json')).stdout).not.toContain(hitIds[0]);

    const out = join(dataDir, 'kept.csv');
    const exported = await turkbench('archive', 'export', '--archive', String(archiveId), '--format', 'csv', '--out', out);
    expect(exported).toMatchObject({ code: 0, stdout: `Wrote 1 assignments to ${out}.\n` });
    const csv = parseCsv(readFileSync(out, 'utf8'));
    if (!csv.ok) throw new Error(csv.error.message);
    expect(csv.value.records).toHaveLength(2);
    expect(csv.value.records[1]!.cells[0]).toBe(hitIds[0]);
  });

  it('refuses a wrong --archive in words, and any verb that would write to it', async () => {
    const missing = await turkbench('hits', 'list', '--archive', '999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No archive with id 999 on this computer/);
    expect((await turkbench('hits', 'list', '--archive', 'old')).stderr).toMatch(/--archive needs a whole number/);
    const both = await turkbench('hits', 'list', '--archive', String(archiveId), '--connection', 'Local MTurk');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--archive ID or --connection NAME, not both/);
    const importing = await turkbench('archive', 'import', join(dataDir, 'kept.csv'), '--archive', String(archiveId));
    expect(importing.code).toBe(2);
    expect(importing.stderr).toMatch(/"archive import" does not take --archive/);
    expect((await turkbench('hits', 'expire', hitIds[0]!, '--archive', String(archiveId), '--yes')).code).toBe(2);
  });
});
