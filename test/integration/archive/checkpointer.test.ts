import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKSTOP_PAGES, DEFAULT_AUTOCHECKPOINT_PAGES, startCheckpointer, type Checkpointer } from '../../../electron/archive/checkpointer';
import { openArchive, type ArchiveDb } from '../../../electron/archive/connection';
import { ensureConnection } from '../../../electron/archive/repos/connections';
import { upsertHits } from '../../../electron/archive/repos/hits';
import { makeHit, T0 } from './fixtures';

const dirs: string[] = [];
const archives: ArchiveDb[] = [];
const checkpointers: Checkpointer[] = [];
afterEach(async () => {
  for (const checkpointer of checkpointers.splice(0)) await checkpointer.stop();
  for (const archive of archives.splice(0)) archive.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileArchive(): { archive: ArchiveDb; connectionId: number } {
  const dir = mkdtempSync(join(tmpdir(), 'tb-checkpointer-'));
  dirs.push(dir);
  const archive = openArchive(join(dir, 'archive.sqlite'));
  archives.push(archive);
  archive.write.pragma('wal_checkpoint(TRUNCATE)');
  const { id } = ensureConnection(archive.write, { kind: 'local', endpoint: 'http://127.0.0.1:1', label: 'Local', accountFingerprint: null }, T0);
  return { archive, connectionId: id };
}

const autocheckpoint = (archive: ArchiveDb): number => archive.write.pragma('wal_autocheckpoint', { simple: true }) as number;
const fileSize = (archive: ArchiveDb): number => statSync(archive.file).size;
/** ~2,000 HITs in one transaction: a few hundred pages in the WAL, far below the writer's backstop. */
const writeHits = (archive: ArchiveDb, connectionId: number): void => {
  upsertHits(archive.write, connectionId, Array.from({ length: 2_000 }, (_, n) => makeHit(n)), T0);
};

function started(archive: ArchiveDb, log = { info: vi.fn(), warn: vi.fn() }): Promise<Checkpointer> {
  return new Promise((resolve) => {
    const checkpointer = startCheckpointer(archive, { intervalMs: 10, log, onReady: () => resolve(checkpointer) });
    checkpointers.push(checkpointer);
  });
}

describe('startCheckpointer', () => {
  it('copies committed pages into the database file on its own thread; the writer only appends to the WAL', async () => {
    const { archive, connectionId } = fileArchive();
    await started(archive);
    expect(autocheckpoint(archive)).toBe(BACKSTOP_PAGES);
    const before = fileSize(archive);
    writeHits(archive, connectionId);
    await vi.waitFor(() => expect(fileSize(archive)).toBeGreaterThan(before), { timeout: 10_000, interval: 20 });
  });

  it('is what moves the pages: with the same backstop and no thread, the database file does not grow', () => {
    const { archive, connectionId } = fileArchive();
    archive.write.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    const before = fileSize(archive);
    writeHits(archive, connectionId);
    expect(fileSize(archive)).toBe(before);
  });

  it('gives the writer its own checkpoints back when stopped', async () => {
    const { archive } = fileArchive();
    const checkpointer = await started(archive);
    await checkpointer.stop();
    expect(autocheckpoint(archive)).toBe(DEFAULT_AUTOCHECKPOINT_PAGES);
    await checkpointer.stop(); // a second stop is harmless
  });

  it('logs why and gives the writer its checkpoints back when the thread cannot open the archive', async () => {
    const { archive } = fileArchive();
    const log = { info: vi.fn(), warn: vi.fn() };
    const elsewhere: ArchiveDb = { ...archive, file: join(dirs[0]!, 'missing', 'archive.sqlite') };
    checkpointers.push(startCheckpointer(elsewhere, { intervalMs: 10, log }));
    await vi.waitFor(() => expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/background checkpoints stopped, the writer checkpoints again: could not open the archive/)), { timeout: 10_000, interval: 20 });
    expect(autocheckpoint(archive)).toBe(DEFAULT_AUTOCHECKPOINT_PAGES);
  });
});
