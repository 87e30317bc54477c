import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataFolder } from '../../../electron/core/data-folder-lock';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';



let lab: TestServer;
let dataDir: string;
let hitIds: string[];


async function turkbench(...args: string[]): Promise<Ran> {
  return runTurkbench(['--data-dir', dataDir, ...args], { LAB_KEY_ID: lab.server.credentials.accessKeyId, LAB_SECRET: lab.server.credentials.secretAccessKey });
}

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
  hitIds = [];
  for (let i = 0; i < 4; i++) hitIds.push((await createHit(lab.client, { MaxAssignments: 3, Title: `Label ${i}` })).HITId!);
  const worker = lab.server.control.createWorker({ country: 'US' });
  lab.server.control.submit(lab.server.control.accept(worker.workerId, hitIds[1]!).AssignmentId, { label: 'cat' });
  dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-'));
});
afterAll(() => lab.server.close());

describe('the turkbench CLI against a standalone Local MTurk', { timeout: 60_000 }, () => {
  it('adds, uses and tests a connection whose keys come from named environment variables', async () => {
    const added = await turkbench('connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100', '--access-key-id-env', 'LAB_KEY_ID', '--secret-access-key-env', 'LAB_SECRET');
    expect(added).toMatchObject({ code: 0 });
    expect((await turkbench('connections', 'use', 'Lab')).code).toBe(0);
    const listed = JSON.parse((await turkbench('connections', 'list', '--json')).stdout) as { name: string; active: boolean }[];
    expect(listed.find((c) => c.name === 'Lab')).toMatchObject({ active: true });
    const tested = await turkbench('connections', 'test', '--json');
    expect(JSON.parse(tested.stdout)).toMatchObject({ endpoint: lab.server.url });
  });

  it('removes a connection as Settings does: not the one in use, and a production one only by its typed name', async () => {
    expect((await turkbench('connections', 'remove', 'Lab', '--yes'))).toMatchObject({ code: 1, stderr: expect.stringContaining('"Lab" is the connection in use. Switch first') });
    expect((await turkbench('connections', 'add', '--name', 'Spare', '--endpoint', 'http://127.0.0.1:9'))).toMatchObject({ code: 0 });
    expect((await turkbench('connections', 'add', '--name', 'Real', '--kind', 'production'))).toMatchObject({ code: 0 });
    // Edited as in Settings' form: each change checked, each problem naming its option.
    const edited = await turkbench('connections', 'edit', 'Spare', '--requests-per-second', '7', '--region', 'eu-west-1', '--json');
    expect(edited.code, edited.stderr).toBe(0);
    expect(JSON.parse(edited.stdout)).toMatchObject({ label: 'Spare', endpoint: 'http://127.0.0.1:9', region: 'eu-west-1', requestsPerSecond: 7 });
    expect(await turkbench('connections', 'edit', 'Spare', '--requests-per-second', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('--requests-per-second:') });
    expect(await turkbench('connections', 'edit', 'Real', '--endpoint', 'http://127.0.0.1:9')).toMatchObject({ code: 2, stderr: expect.stringContaining('only a custom endpoint') });
    expect(await turkbench('connections', 'edit', 'Spare', '--access-key-id-env', 'ONLY_ONE')).toMatchObject({ code: 2, stderr: expect.stringContaining('Give both') });
    expect(await turkbench('connections', 'edit', 'Spare')).toMatchObject({ code: 2, stderr: expect.stringContaining('Nothing to change') });
    expect(await turkbench('connections', 'edit', 'Spare', '--name', 'real')).toMatchObject({ code: 2, stderr: expect.stringContaining('another connection is called "Real"') });
    expect(await turkbench('connections', 'remove', 'Local MTurk', '--yes')).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot be removed') });
    expect((await turkbench('connections', 'remove', 'Spare'))).toMatchObject({ code: 2, stderr: expect.stringContaining('Add --yes to confirm') });
    expect((await turkbench('connections', 'remove', 'Real', '--yes'))).toMatchObject({ code: 2, stderr: expect.stringContaining('add --confirm-name "Real"') });
    expect((await turkbench('connections', 'remove', 'Real', '--yes', '--confirm-name', 'Rea'))).toMatchObject({ code: 1, stderr: expect.stringContaining('does not match') });
    expect((await turkbench('connections', 'remove', 'Spare', '--yes'))).toMatchObject({ code: 0, stdout: expect.stringContaining('Removed "Spare". Its archive is kept.') });
    expect((await turkbench('connections', 'remove', 'Real', '--yes', '--confirm-name', 'Real'))).toMatchObject({ code: 0 });
    const names = (JSON.parse((await turkbench('connections', 'list', '--json')).stdout) as { name: string }[]).map((c) => c.name);
    expect(names).not.toContain('Spare');
    expect(names).not.toContain('Real');
    expect(names).toContain('Lab');
  });

  it('refuses bad input with a message that names the option, and exits 2', async () => {
    const badRate = await turkbench('connections', 'add', '--name', 'X', '--endpoint', lab.server.url, '--requests-per-second', 'fast');
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toMatch(/--requests-per-second/);
    expect((await turkbench('hits', 'extend', '--by', '3x', hitIds[0]!)).stderr).toMatch(/--by 3x: write a duration like/);
    expect((await turkbench('nonsense')).code).toBe(2);
    expect((await turkbench('connections', 'use', 'Nowhere')).stderr).toMatch(/No connection named "Nowhere"/);
  });

  it('syncs, lists, exports the archive and imports the export again', async () => {
    const synced = await turkbench('sync', '--full', '--json');
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({ state: 'succeeded', hitsTotal: 4 });
    const hits = JSON.parse((await turkbench('hits', 'list', '--json')).stdout) as { hitId: string }[];
    expect(hits.map((h) => h.hitId).sort()).toEqual([...hitIds].sort());
    const out = join(dataDir, 'export.json');
    expect((await turkbench('archive', 'export', '--format', 'json', '--out', out)).code).toBe(0);
    expect(JSON.stringify(JSON.parse(readFileSync(out, 'utf8')))).toContain('cat');
    // The website-format CSV goes back in unchanged (the import runs in the built worker thread).
    const csv = join(dataDir, 'export.csv');
    expect((await turkbench('archive', 'export', '--format', 'csv', '--out', csv)).code).toBe(0);
    const imported = await turkbench('archive', 'import', csv, '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 1, assignments: 1 });
    expect((await turkbench('archive', 'import', join(dataDir, 'missing.csv'))).stderr).toMatch(/no such file/);
  });

  it('asks before acting, acts with --yes as a journaled job, and shows it in jobs list', async () => {
    const unconfirmed = await turkbench('hits', 'extend', '--by', '2d', hitIds[0]!);
    expect(unconfirmed).toMatchObject({ code: 2 });
    expect(unconfirmed.stderr).toMatch(/Add --yes to confirm/);
    // Below MTurk's minute an extension changes nothing, yet would be a real call: refused before any plan.
    const tooShort = await turkbench('hits', 'extend', '--by', '5s', hitIds[0]!, '--yes');
    expect(tooShort).toMatchObject({ code: 2 });
    expect(tooShort.stderr).toContain('--by 5s: extend by a minute (1m) to 365 days (365d).');

    const idsFile = join(dataDir, 'ids.txt');
    writeFileSync(idsFile, `${hitIds[0]}\n${hitIds[1]}\n`);
    const extended = await turkbench('hits', 'extend', '--by', '2d', '--from-file', idsFile, '--yes', '--json');
    expect(extended.code).toBe(0);
    expect(JSON.parse(extended.stdout).job).toMatchObject({ state: 'succeeded', done: 2, failed: 0 });

    const added = await turkbench('hits', 'add-assignments', '--count', '2', hitIds[2]!, '--yes');
    expect(added.code).toBe(0);
    expect(added.stderr).toMatch(/Cost: \$1\.00 in rewards \+ \$0\.20 MTurk fees = \$1\.20\./);
    // Past the 10-assignment line: refused per HIT before any call, exit non-zero.
    const refused = await turkbench('hits', 'add-assignments', '--count', '9', hitIds[3]!, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/fewer than 10 to 10 or more/);

    const jobs = JSON.parse((await turkbench('jobs', 'list', '--json')).stdout) as { kind: string; state: string }[];
    expect(jobs.filter((j) => j.kind !== 'sync').map((j) => j.state)).toEqual(['succeeded', 'succeeded']);
    expect(jobs.filter((j) => j.kind === 'sync').map((j) => j.state)).toEqual(['succeeded']);
    // As text: failures and answers still not known are counted apart.
    const listed = (await turkbench('jobs', 'list')).stdout.trim().split('\n');
    expect(listed[0]).toMatch(/^ID\s+STATE\s+DONE\s+FAILED\s+UNKNOWN\s+STARTED \(UTC\)\s+LABEL$/);
    expect(listed.find((line) => line.includes('Extend'))).toMatch(/succeeded\s+2\/2\s+0\s+0\s/);
    expect((await turkbench('jobs', 'resume', '--yes')).stdout).toMatch(/Nothing to resume/);
  });

  it('expires, sets Reviewing and deletes, each only where MTurk allows it', async () => {
    expect((await turkbench('hits', 'expire', hitIds[3]!, '--yes')).code).toBe(0);
    const reviewing = await turkbench('hits', 'set-reviewing', hitIds[3]!, '--yes');
    expect(reviewing.code).toBe(0);
    const deleted = await turkbench('hits', 'delete', hitIds[3]!, hitIds[0]!, '--yes', '--json');
    expect(deleted.code).toBe(0);
    const plan = JSON.parse(deleted.stdout).plan as { ready: { hitId: string }[]; skipped: { hitId: string; reason: string }[] };
    expect(plan.ready.map((h) => h.hitId)).toEqual([hitIds[3]]);
    expect(plan.skipped[0]).toMatchObject({ hitId: hitIds[0], reason: expect.stringMatching(/expire it first/) });
  });

  it('refuses to open a data folder another Turkbench holds, naming who holds it', async () => {
    const release = lockDataFolder(dataDir, 'the Turkbench app');
    try {
      const refused = await turkbench('jobs', 'list');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/the Turkbench app \(process \d+\) is using the data folder/);
    } finally {
      release();
    }
  });
});
