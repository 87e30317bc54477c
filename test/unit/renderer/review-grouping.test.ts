import { describe, expect, it } from 'vitest';
import { groupLabel, groupTooltip, nextGrouping, startsGroup, workerHistoryLabel } from '../../../renderer/src/features/review/review-grouping';

const row = (workerId: string, hitId: string, approved = 0, rejected = 0) => ({ workerId, hitId, title: `Title of ${hitId}`, workerHistory: { assignments: approved + rejected + 1, approved, rejected } });

describe('queue groups', () => {
  it("labels a worker's group with their record and approval rate over decided work", () => {
    expect(groupLabel(row('W1', 'H1', 12, 3), 'worker')).toBe('W1 · 80 % approved');
    expect(groupLabel(row('W1', 'H1'), 'worker')).toBe('W1 · none decided');
    expect(groupTooltip(row('W1', 'H1', 12, 3), 'worker')).toBe('W1: 12 approved · 3 rejected · 80 % approved by you');
    expect(workerHistoryLabel({ assignments: 2, approved: 0, rejected: 0 })).toBe('0 approved · 0 rejected · nothing decided yet');
    expect(workerHistoryLabel({ assignments: 3, approved: 2, rejected: 1 })).toBe('2 approved · 1 rejected · 67 % approved by you');
  });

  it("labels a HIT's group with its title and id", () => {
    expect(groupLabel(row('W1', 'H1'), 'hit')).toBe('Title of H1 · H1');
  });

  it('starts a group at the first row and wherever the key changes', () => {
    expect(startsGroup(row('W1', 'H1'), null, 'worker')).toBe(true);
    expect(startsGroup(row('W1', 'H2'), row('W1', 'H1'), 'worker')).toBe(false);
    expect(startsGroup(row('W1', 'H2'), row('W1', 'H1'), 'hit')).toBe(true);
  });

  it('G cycles through no grouping, by HIT and by worker', () => {
    expect([nextGrouping(null), nextGrouping('hit'), nextGrouping('worker')]).toEqual(['hit', 'worker', null]);
  });
});
