/**
 * A batch folder's reads, kept while its files are unchanged: previewing row after row of a 100,000-row folder then
 * substitutes one row instead of decoding, parsing and linting the whole input each time. A folder counts as unchanged
 * while every file in it has the same name, size, inode and modification time; the editor's own saves forget it too.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkBatchFolder, readBatchInput, type BatchCheck } from './batch-folder';

/** Folders kept (the editor shows one at a time; the CLI and tests may touch a few). */
const KEPT_FOLDERS = 4;

interface Kept {
  readonly stamp: string;
  input?: ReturnType<typeof readBatchInput>;
  check?: BatchCheck;
}

/**
 * A file written in the last second is not trusted to be settled: file times tick coarsely, so a second write of the
 * same size within one tick would leave the same stamp. Such a folder is read afresh until its files are older.
 */
const SETTLE_MS = 1_000;

/**
 * Every file's name, size, inode and modification time (changes whenever a file is written, added, renamed or
 * removed), or null when the folder cannot be listed or a file in it was written too recently to tell.
 */
function stampOf(dir: string, now: number): string | null {
  try {
    const parts: string[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const stat = statSync(join(dir, entry.name), { bigint: true });
      if (Number(stat.mtimeMs) > now - SETTLE_MS) return null;
      parts.push(`${entry.name}\u0000${stat.size}\u0000${stat.mtimeNs}\u0000${stat.ino}`);
    }
    return parts.sort().join('\u0001');
  } catch {
    return null;
  }
}

export class FolderReads {
  readonly #kept = new Map<string, Kept>();

  /** The folder's input rows (or why they cannot be read), as readBatchInput gives them. */
  input(dir: string): ReturnType<typeof readBatchInput> {
    const kept = this.#current(dir);
    if (!kept) return readBatchInput(dir);
    kept.input ??= readBatchInput(dir);
    return kept.input;
  }

  /** The folder's check (properties, files, lint, cost), as checkBatchFolder gives it. */
  check(dir: string): BatchCheck {
    const kept = this.#current(dir);
    if (!kept) return checkBatchFolder(dir);
    kept.check ??= checkBatchFolder(dir);
    return kept.check;
  }

  forget(dir: string): void {
    this.#kept.delete(dir);
  }

  #current(dir: string): Kept | null {
    const stamp = stampOf(dir, Date.now());
    if (stamp === null) {
      this.#kept.delete(dir);
      return null;
    }
    const kept = this.#kept.get(dir);
    if (kept?.stamp === stamp) return kept;
    this.#kept.delete(dir);
    const fresh: Kept = { stamp };
    this.#kept.set(dir, fresh);
    if (this.#kept.size > KEPT_FOLDERS) this.#kept.delete(this.#kept.keys().next().value!);
    return fresh;
  }
}
