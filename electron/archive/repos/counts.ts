/** How much the archive holds for one connection (the status bar and the sync screen). */
import type { ArchiveCounts } from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { prepared } from './statements';

const TABLES: Record<keyof ArchiveCounts, string> = {
  hitTypes: 'hit_types',
  hits: 'hits',
  assignments: 'assignments',
  bonuses: 'bonuses',
  qualificationTypes: 'qualification_types',
  qualificationGrants: 'qualification_grants',
  qualificationRequests: 'qualification_requests',
  workerBlocks: 'worker_blocks',
  messages: 'messages',
  workers: 'workers',
};

export function countsFor(db: ReadDb, connectionId: number): ArchiveCounts {
  const entries = Object.entries(TABLES).map(([key, table]) => {
    const { n } = prepared(db, `SELECT COUNT(*) AS n FROM ${table} WHERE connection_id = ?`).get(connectionId) as { n: number };
    return [key, n] as const;
  });
  return Object.fromEntries(entries) as unknown as ArchiveCounts;
}
