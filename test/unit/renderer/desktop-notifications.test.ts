import { describe, expect, it } from 'vitest';
import { dueSoonGroups, notificationsBetween, OUTSIDE_BATCHES, type WatchSnapshot } from '../../../renderer/src/features/notifications/desktop-notifications';

const snapshot = (watched: [string, number][], due: [string, number][] = []): WatchSnapshot => ({
  watched: new Map(watched.map(([id, received]) => [id, { name: `Batch ${id}`, received }])),
  dueSoon: new Map(due.map(([id, assignments]) => [id, { name: `Batch ${id}`, assignments }])),
});

describe('desktop notifications', () => {
  it('takes the first look as the baseline: no submission is new in it', () => {
    expect(notificationsBetween(null, snapshot([['B1', 5]]), new Set(), false).notifications).toEqual([]);
  });

  it('announces new submissions in a watched batch once, with how many', () => {
    const { notifications } = notificationsBetween(snapshot([['B1', 5], ['B2', 1]]), snapshot([['B1', 8], ['B2', 1]]), new Set(), false);
    expect(notifications).toEqual([{ tag: 'submitted:B1', title: '3 new submissions in Batch B1', body: '8 assignments received so far. Open Review to decide on them.' }]);
    expect(notificationsBetween(snapshot([['B1', 1]]), snapshot([['B1', 2]]), new Set(), false).notifications[0]?.title).toBe('1 new submission in Batch B1');
  });

  it('says nothing for a batch just added to the watch list, or whose count fell', () => {
    expect(notificationsBetween(snapshot([]), snapshot([['B1', 9]]), new Set(), false).notifications).toEqual([]);
    expect(notificationsBetween(snapshot([['B1', 9]]), snapshot([['B1', 4]]), new Set(), false).notifications).toEqual([]);
  });

  it('warns about work due within 24 hours once per group, and again only after it cleared', () => {
    const first = notificationsBetween(null, snapshot([], [['B1', 2], ['B2', 0]]), new Set(), false);
    expect(first.notifications).toEqual([{ tag: 'due:B1', title: '2 assignments auto-approve within 24 hours', body: 'In Batch B1. MTurk approves and pays them by itself unless you review them first.' }]);
    expect([...first.warned]).toEqual(['B1']);
    const again = notificationsBetween(null, snapshot([], [['B1', 5]]), first.warned, false);
    expect(again.notifications).toEqual([]);
    const cleared = notificationsBetween(null, snapshot([], []), again.warned, false);
    expect([...cleared.warned]).toEqual([]);
    expect(notificationsBetween(null, snapshot([], [['B1', 1]]), cleared.warned, false).notifications).toHaveLength(1);
  });

  it('shows nothing muted, yet moves on so unmuting does not replay what happened meanwhile', () => {
    const muted = notificationsBetween(snapshot([['B1', 1]]), snapshot([['B1', 4]], [['B1', 1]]), new Set(), true);
    expect(muted.notifications).toEqual([]);
    expect(notificationsBetween(snapshot([['B1', 4]]), snapshot([['B1', 4]], [['B1', 1]]), muted.warned, false).notifications).toEqual([]);
  });

  it('groups the 24-hour window per batch, the rest as work outside batches', () => {
    const groups = dueSoonGroups([
      { label: 'Within 24 hours', before: 1, assignments: 7, costCents: 0, batches: [{ batchId: 'B1', name: 'Photos', assignments: 4 }] },
      { label: 'Within 3 days', before: 2, assignments: 9, costCents: 0, batches: [] },
    ]);
    expect([...groups]).toEqual([['B1', { name: 'Photos', assignments: 4 }], [OUTSIDE_BATCHES, { name: 'work outside batches', assignments: 3 }]]);
    expect(dueSoonGroups([])).toEqual(new Map());
  });
});
