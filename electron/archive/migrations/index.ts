/** The ordered list of schema steps. To add one: new file `NNNN-what.ts`, append it here, add its test. */
import type { WriteDb } from '../db-types';
import { up as connectionsAndHits } from './0010-connections-and-hits';
import { up as assignmentsAndBonuses } from './0020-assignments-and-bonuses';
import { up as qualificationsBlocksMessages } from './0030-qualifications-blocks-messages';
import { up as syncAndJournal } from './0040-sync-and-journal';
import { up as csvImports } from './0050-csv-imports';
import { up as typeSortIndexes } from './0060-type-sort-indexes';
import { up as disposalRadarIndex } from './0070-disposal-radar-index';
import { up as hitSortIndexes } from './0080-hit-sort-indexes';
import { up as syncMode } from './0090-sync-mode';
import { up as syncProblems } from './0100-sync-problems';
import { up as actionsEngine } from './0120-actions-engine';
import { up as batches } from './0150-batches';
import { up as review } from './0160-review';
import { up as batchExclusions } from './0170-batch-exclusions';
import { up as batchTagIndex } from './0180-batch-tag-index';
import { up as bonusLedgers } from './0190-bonus-ledgers';
import { up as workerNotes } from './0200-worker-notes';
import { up as compensations } from './0210-compensations';
import { up as participantRegistry } from './0220-participant-registry';
import { up as notificationSettings } from './0260-notification-settings';
import { up as spendIndexes } from './0270-spend-indexes';
import { up as spendByDayIndex } from './0280-spend-by-day-index';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: WriteDb) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'connections-and-hits', up: connectionsAndHits },
  { version: 20, name: 'assignments-and-bonuses', up: assignmentsAndBonuses },
  { version: 30, name: 'qualifications-blocks-messages', up: qualificationsBlocksMessages },
  { version: 40, name: 'sync-and-journal', up: syncAndJournal },
  { version: 50, name: 'csv-imports', up: csvImports },
  { version: 60, name: 'type-sort-indexes', up: typeSortIndexes },
  { version: 70, name: 'disposal-radar-index', up: disposalRadarIndex },
  { version: 80, name: 'hit-sort-indexes', up: hitSortIndexes },
  { version: 90, name: 'sync-mode', up: syncMode },
  { version: 100, name: 'sync-problems', up: syncProblems },
  { version: 120, name: 'actions-engine', up: actionsEngine },
  { version: 150, name: 'batches', up: batches },
  { version: 160, name: 'review', up: review },
  { version: 170, name: 'batch-exclusions', up: batchExclusions },
  { version: 180, name: 'batch-tag-index', up: batchTagIndex },
  { version: 190, name: 'bonus-ledgers', up: bonusLedgers },
  { version: 200, name: 'worker-notes', up: workerNotes },
  { version: 210, name: 'compensations', up: compensations },
  { version: 220, name: 'participant-registry', up: participantRegistry },
  { version: 260, name: 'notification-settings', up: notificationSettings },
  { version: 270, name: 'spend-indexes', up: spendIndexes },
  { version: 280, name: 'spend-by-day-index', up: spendByDayIndex },
];
