/**
 * v180: HITs carrying a Turkbench batch tag (`tb:<batch>:r<row>` in their RequesterAnnotation), through a partial
 * index. The Batches area looks for tagged HITs no recorded batch explains on every refresh; without the index that
 * is a scan of every archived HIT (about 0.4 s at a million HITs), with it a read of the tagged ones only. A query
 * uses it only when it repeats the index's condition word for word (`TAGGED_CONDITION` in repos/batch-progress.ts).
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`CREATE INDEX hits_batch_tagged ON hits (connection_id, creation_time) WHERE requester_annotation LIKE '%tb:%:r%';`);
}
