/**
 * Words and numbers for the Archive screen. Pure functions (no DOM, no clock of their own) so they are
 * unit-tested under Node; `now` is always passed in.
 */
import { MAX_IMPORT_BYTES, type ExportSelectionInput, type SyncPhase, type SyncProgress } from '../../../../shared/contract/archive';
import type { ArchiveCounts, AssignmentStatus, SyncRun, SyncStatus } from '../../../../shared/domain/archive-types';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Nothing archived at all: a sync may have run and found an empty account. */
export const isEmptyArchive = (counts: ArchiveCounts): boolean => Object.values(counts).every((n) => n === 0);

export const count = (n: number): string => n.toLocaleString('en-US');

export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

/** 850 → "0.9 s", 42 000 → "42 s", 185 000 → "3 min 5 s", 3 720 000 → "1 h 2 min". */
export function formatDuration(ms: number): string {
  // Rounded in integers first: 850 / 1000 is 0.8499… in binary and toFixed alone would print 0.8.
  if (ms < 10 * SECOND) return `${(Math.round(Math.max(0, ms) / 100) / 10).toFixed(1)} s`;
  if (ms < MINUTE) return `${Math.round(ms / SECOND)} s`;
  if (ms < HOUR) {
    const seconds = Math.round((ms % MINUTE) / SECOND);
    return seconds === 0 ? `${Math.floor(ms / MINUTE)} min` : `${Math.floor(ms / MINUTE)} min ${seconds} s`;
  }
  const minutes = Math.round((ms % HOUR) / MINUTE);
  return minutes === 0 ? `${Math.floor(ms / HOUR)} h` : `${Math.floor(ms / HOUR)} h ${minutes} min`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago"; and for the future "in 4 h", "in 3 days". */
export function formatRelative(at: number, now: number): string {
  const delta = at - now;
  const span = Math.abs(delta);
  if (span < MINUTE) return 'just now';
  const words =
    span < HOUR ? `${Math.floor(span / MINUTE)} min` : span < DAY ? `${Math.floor(span / HOUR)} h` : plural(Math.floor(span / DAY), 'day');
  return delta < 0 ? `${words} ago` : `in ${words}`;
}

/** A fixed, unambiguous format ("Nov 23, 2026, 04:31"); the time zone is the user's unless a test pins it. */
export function formatDateTime(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-US', {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone,
  }).format(at);
}

export function formatEta(seconds: number | null): string {
  if (seconds === null) return 'estimating time left…';
  if (seconds < 5) return 'almost done';
  return `about ${formatDuration(seconds * SECOND)} left`;
}

const PHASES: Record<SyncPhase, string> = {
  hits: 'Listing HITs',
  details: 'Fetching assignments and bonuses',
  qualifications: 'Fetching qualifications',
  blocks: 'Fetching worker blocks',
  finishing: 'Finishing',
};

export const phaseLabel = (phase: SyncPhase): string => PHASES[phase];

/** The line under the progress bar: what it is doing, how far, how fast, how long. */
export function progressDetails(p: SyncProgress): string[] {
  const parts = [phaseLabel(p.phase)];
  if (p.hitsTotal > 0) parts.push(`${count(p.hitsDone)} of ${plural(p.hitsTotal, 'HIT')}`);
  parts.push(plural(p.items, 'item'), plural(p.pages, 'page'), p.callsPerSecond === null ? 'measuring pace…' : `${p.callsPerSecond.toFixed(1)} calls/s`, formatEta(p.etaSeconds));
  return parts;
}

export const percent = (fraction: number): string => `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;

const STATUS: Record<SyncStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};
export const statusLabel = (status: SyncStatus): string => STATUS[status];

/** "Succeeded 5 min ago · took 2.1 s · 1,234 items" for the last-sync line. */
export function lastSyncSummary(run: SyncRun, now: number): string {
  const parts = [`${statusLabel(run.status)} ${formatRelative(run.finishedAt ?? run.startedAt, now)}`];
  if (run.finishedAt !== null) parts.push(`took ${formatDuration(run.finishedAt - run.startedAt)}`);
  parts.push(plural(run.items, 'item'));
  if (run.skipped > 0) parts.push(`${plural(run.skipped, 'record')} skipped`);
  if (run.errors > 0) parts.push(plural(run.errors, 'error'));
  return parts.join(' · ');
}

export function disposalHeadline(hits: number, days: number): string {
  return `${plural(hits, 'HIT')} will be disposed by MTurk within ${days} days`;
}

/** Whether the archive already holds what MTurk is about to delete, said plainly. */
export function disposalReassurance(risks: readonly { resultsArchived: boolean }[]): string {
  const missing = risks.filter((risk) => !risk.resultsArchived).length;
  if (missing === 0) {
    return risks.length === 1
      ? 'It is safely archived: its results stay here after MTurk deletes them.'
      : `All ${count(risks.length)} are safely archived: their results stay here after MTurk deletes them.`;
  }
  return `${plural(missing, 'HIT')} still ${missing === 1 ? 'has' : 'have'} assignments the archive does not hold yet. Sync now, before MTurk deletes them.`;
}

/** Checked before reading the file, so a huge file fails at once with what to do instead of after a long upload. */
export function importSizeProblem(bytes: number): string | null {
  if (bytes === 0) return 'The file is empty. Choose the batch results CSV you downloaded from the requester website.';
  if (bytes <= MAX_IMPORT_BYTES) return null;
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `The file is ${mb(bytes)}; Turkbench imports files up to ${mb(MAX_IMPORT_BYTES)}. Split it into smaller files (keep the header row in each) and import them one by one.`;
}

/** The export form's choices as a selection; nothing chosen means everything (no selection at all). */
export function exportSelection(status: AssignmentStatus | '', hitTypeId: string): ExportSelectionInput | undefined {
  const filter = { ...(status ? { status } : {}), ...(hitTypeId.trim() ? { hitTypeId: hitTypeId.trim() } : {}) };
  return Object.keys(filter).length > 0 ? { filter } : undefined;
}
