/**
 * Whenever a bonus job ends — started by a ledger send, resumed from the jobs panel or by `turkbench jobs resume` after
 * a restart, or a retry of its failures — each ledger row MTurk refused shows MTurk's message. Listening to the jobs'
 * own end (rather than to the job a send started) covers the jobs no ledger send is waiting for.
 */
import type { JobProgress } from '../../../shared/contract/jobs';
import type { ArchiveDb } from '../../archive/connection';
import { markRowFailed } from '../../archive/repos/bonus-ledgers';
import { journalForJob } from '../../archive/repos/journal';
import type { EventBus } from '../../core/event-bus';

const ROW_TARGET = /^(l[0-9a-f]{12}):r(\d+)$/;

export function recordBonusRefusals(archive: ArchiveDb, jobId: string): void {
  for (const entry of journalForJob(archive.read, jobId)) {
    const row = entry.kind === 'send-bonus' && entry.state === 'failed' ? ROW_TARGET.exec(entry.target ?? '') : null;
    if (!row) continue;
    const message = (entry.outcome as { error?: { message?: string } } | null)?.error?.message ?? 'MTurk refused it.';
    markRowFailed(archive.write, row[1]!, Number(row[2]), message);
  }
}

/** Returns the function that stops listening. */
export function recordRefusalsWhenBonusJobsEnd(events: EventBus, archive: ArchiveDb): () => void {
  return events.subscribe((name, payload) => {
    if (name !== 'job.progress') return;
    const job = payload as JobProgress;
    if (job.kind === 'send-bonus' && job.state !== 'running') recordBonusRefusals(archive, job.id);
  });
}
