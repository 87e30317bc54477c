import type { DeadlineWindow } from '../../../../shared/contract/dashboard';

/**
 * What to tell the requester on the desktop after the archive changed: new work in the batches they watch, and work
 * MTurk is about to approve by itself. Pure: the previous and the current counts in, notifications out — the hook
 * that shows them only reads the archive and calls the Notification API.
 */

/** The counts one look at the archive gives. */
export interface WatchSnapshot {
  /** Work received so far (every archived assignment) per watched batch. */
  readonly watched: ReadonlyMap<string, { readonly name: string; readonly received: number }>;
  /** Work MTurk approves by itself within 24 hours, per group (a batch, or everything outside batches). */
  readonly dueSoon: ReadonlyMap<string, { readonly name: string; readonly assignments: number }>;
}

export interface DesktopNotification {
  /** Replaces an older notification with the same tag instead of stacking. */
  readonly tag: string;
  readonly title: string;
  readonly body: string;
}

/** Groups already warned about; a group is warned again only after its due work went to zero and came back. */
export type WarnedGroups = ReadonlySet<string>;

export const OUTSIDE_BATCHES = '(outside batches)';

/** The 24-hour window of the deadline windows as due-soon groups: per batch, the rest under one group. */
export function dueSoonGroups(windows: readonly DeadlineWindow[]): Map<string, { name: string; assignments: number }> {
  const groups = new Map<string, { name: string; assignments: number }>();
  const day = windows[0];
  if (!day) return groups;
  let inBatches = 0;
  for (const batch of day.batches) {
    groups.set(batch.batchId, { name: batch.name, assignments: batch.assignments });
    inBatches += batch.assignments;
  }
  if (day.assignments > inBatches) groups.set(OUTSIDE_BATCHES, { name: 'work outside batches', assignments: day.assignments - inBatches });
  return groups;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The notifications between two looks, and the groups warned after them. The first look is the baseline: nothing
 * counts as new in it, and a batch just added to the watch list starts its own baseline. Muted, nothing is shown
 * but the warned groups still advance, so unmuting does not replay old news.
 */
export function notificationsBetween(
  previous: WatchSnapshot | null,
  current: WatchSnapshot,
  warned: WarnedGroups,
  muted: boolean,
): { notifications: DesktopNotification[]; warned: Set<string> } {
  const notifications: DesktopNotification[] = [];
  for (const [batchId, now] of current.watched) {
    const before = previous?.watched.get(batchId);
    if (before === undefined || now.received <= before.received) continue;
    const added = now.received - before.received;
    notifications.push({ tag: `submitted:${batchId}`, title: `${plural(added, 'new submission')} in ${now.name}`, body: `${plural(now.received, 'assignment')} received so far. Open Review to decide on them.` });
  }
  const nextWarned = new Set<string>();
  for (const [group, due] of current.dueSoon) {
    if (due.assignments === 0) continue;
    nextWarned.add(group);
    if (warned.has(group)) continue;
    notifications.push({
      tag: `due:${group}`,
      title: `${plural(due.assignments, 'assignment')} auto-approve within 24 hours`,
      body: `In ${due.name}. MTurk approves and pays them by itself unless you review them first.`,
    });
  }
  return { notifications: muted ? [] : notifications, warned: nextWarned };
}
