import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveDb } from '../../../electron/archive/connection';
import { importOffThread } from '../../../electron/archive/import-off-thread';
import { getAssignment } from '../../../electron/archive/repos/assignments';
import { ensureConnection } from '../../../electron/archive/repos/connections';
import { assignmentIdOf, websiteFile, websiteRow } from '../archive-service/website-file';
import { T0 } from './fixtures';

const dirs: string[] = [];
const archives: ArchiveDb[] = [];
afterEach(() => {
  for (const archive of archives.splice(0)) archive.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileArchive(): { archive: ArchiveDb; file: string; connectionId: number } {
  const dir = mkdtempSync(join(tmpdir(), 'tb-import-thread-'));
  dirs.push(dir);
  const file = join(dir, 'archive.sqlite');
  const archive = openArchive(file);
  archives.push(archive);
  const { id } = ensureConnection(archive.write, { kind: 'local', endpoint: 'http://127.0.0.1:1', label: 'Local', accountFingerprint: null }, T0);
  return { archive, file, connectionId: id };
}

describe('importOffThread', () => {
  it('imports in a worker on its own connection; the main connection reads the rows once it answers', async () => {
    const { archive, file, connectionId } = fileArchive();
    const bytes = Buffer.from(websiteFile([websiteRow(0), websiteRow(1), websiteRow(2)]));
    const result = await importOffThread({ file, connectionId, bytes, options: { fileName: 'Batch_77.csv', now: T0 } });
    expect(result).toMatchObject({ ok: true, value: { rows: 3, hits: 2, assignments: 3 } });
    expect(getAssignment(archive.read, connectionId, assignmentIdOf(2))).toMatchObject({ status: 'Approved', answers: { sentiment: 'positive' } });
  });

  it('answers a refused file with the reason, and the archive keeps nothing of it', async () => {
    const { archive, file, connectionId } = fileArchive();
    const bytes = Buffer.from(websiteFile([websiteRow(0), websiteRow(1, { Reward: '0.50 USD' })]));
    const result = await importOffThread({ file, connectionId, bytes, options: { fileName: 'Batch_77.csv', now: T0 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/Row 3, column Reward/);
    expect(getAssignment(archive.read, connectionId, assignmentIdOf(0))).toBeNull();
  });

  it('answers with the reason when the archive file cannot be opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-import-thread-'));
    dirs.push(dir);
    const result = await importOffThread({ file: join(dir, 'missing', 'archive.sqlite'), connectionId: 1, bytes: Buffer.from('x'), options: { fileName: 'x.csv', now: T0 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/could not be opened for the import, so nothing was saved/);
  });
});
