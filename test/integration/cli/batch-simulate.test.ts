/**
 * `turkbench batch simulate` as a user runs it: a folder launched on the built-in Local MTurk (the active connection of
 * a new data folder), worked by its simulated crowd, its results written — each step a new process on one data folder.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';
import { parseCsv } from '../../../shared/domain/csv';
import { PHOTO_CATEGORIES, photoBatch } from '../batches/batch-folders';


const turkbench = (dataDir: string, ...args: string[]): Promise<Ran> => runTurkbench(['--data-dir', dataDir, ...args]);

beforeAll(() => {
  requireBuiltCli();
});

describe('turkbench batch simulate', { timeout: 120_000 }, () => {
  it('lets the built-in Local MTurk crowd work a batch launched there, then its results are there to write', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-simulate-'));
    const launched = await turkbench(dataDir, 'batch', 'launch', photoBatch(3), '--yes', '--json');
    expect(launched.code).toBe(0);
    const { batchId } = JSON.parse(launched.stdout) as { batchId: string };

    const simulated = await turkbench(dataDir, 'batch', 'simulate', batchId, '--json');
    expect(simulated.code).toBe(0);
    expect(JSON.parse(simulated.stdout)).toMatchObject({ submitted: 6, archivedAssignments: 6 });

    const out = join(dataDir, 'results.csv');
    expect(await turkbench(dataDir, 'batch', 'results', batchId, '--out', out)).toMatchObject({ code: 0, stdout: expect.stringContaining('Wrote 6 assignments') });
    const parsed = parseCsv(readFileSync(out, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [header, ...rows] = parsed.value.records.map((r) => r.cells);
    expect(rows).toHaveLength(6);
    for (const cells of rows) expect(PHOTO_CATEGORIES).toContain(cells[header!.indexOf('Answer.animal.label')]);

    expect(await turkbench(dataDir, 'batch', 'simulate')).toMatchObject({ code: 2, stderr: expect.stringContaining('Say which batch') });
    expect(await turkbench(dataDir, 'batch', 'simulate', 'bnope')).toMatchObject({ code: 1, stderr: expect.stringContaining('No batch bnope') });
  });
});
