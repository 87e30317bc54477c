import type { DemoFillResult } from '../../../../shared/contract/local-mturk';

/** What the demo fill did, in one sentence. */
export function describeDemoResult(result: DemoFillResult): string {
  const syncing = result.syncJobId ? ' Syncing it into the archive…' : ' Sync the archive to see it.';
  const crowd = result.crowd ? ` ${result.crowd.workers} simulated workers keep working; sync to see their new submissions.` : '';
  if (result.alreadyThere) return `The demo account is already there (${result.hits} HITs); nothing was added.${syncing}${crowd}`;
  return (
    // "kinds", not "batches": they are plain HITs, and the Batches area lists only folders launched or imported.
    `Demo account created: ${result.hits} HITs of ${result.batches.length} kinds and ${result.qualificationTypes} qualification types; ` +
    `the crowd submitted ${result.submitted} assignments in its first minutes.${syncing}${crowd}`
  );
}
