/** Every table's row count and a checksum of its rows: two equal fingerprints mean nothing in the archive changed. */
import { createHash } from 'node:crypto';
import type { ReadDb } from '../../../electron/archive/db-types';

export function archiveFingerprint(db: ReadDb, except: readonly string[] = []): Record<string, { rows: number; sha1: string }> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
  const out: Record<string, { rows: number; sha1: string }> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const rows = (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort();
    out[name] = { rows: rows.length, sha1: createHash('sha1').update(rows.join('\n')).digest('hex') };
  }
  return out;
}
