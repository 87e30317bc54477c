import { describe, expect, it } from 'vitest';
import { paginate } from '../src/ops/paginate';
import { MTurkRequestError } from '../src/ops/types';

const key = (n: number): string => String(n).padStart(15, '0');
const rows = (count: number): number[] => Array.from({ length: count }, (_, i) => i + 1);

/** Follows NextToken to the end, returning every page. */
function allPages(data: () => readonly number[], maxResults?: number): number[][] {
  const pages: number[][] = [];
  let token: string | undefined;
  do {
    const input = { ...(maxResults === undefined ? {} : { MaxResults: maxResults }), ...(token ? { NextToken: token } : {}) };
    const result = paginate('ListHITs', input, data(), key);
    pages.push(result.page);
    expect(result.NumResults).toBe(result.page.length);
    token = result.NextToken;
  } while (token !== undefined);
  return pages;
}

describe('paginate', () => {
  it('defaults to 10 per page and omits NextToken on the last page', () => {
    const first = paginate('ListHITs', {}, rows(25), key);
    expect(first.page).toEqual(rows(10));
    expect(first.NextToken).toBeDefined();
    expect(allPages(() => rows(25)).map((p) => p.length)).toEqual([10, 10, 5]);
  });

  it('omits NextToken when everything fits, including an exact fit and an empty list', () => {
    expect(paginate('ListHITs', { MaxResults: 5 }, rows(5), key)).toEqual({ page: rows(5), NumResults: 5 });
    expect(paginate('ListHITs', {}, [], key)).toEqual({ page: [], NumResults: 0 });
  });

  it('honours MaxResults up to 100 and returns tokens that differ every page, each ≤255 chars', () => {
    const tokens = new Set<string>();
    let token: string | undefined;
    let seen = 0;
    do {
      const result = paginate('ListHITs', { MaxResults: 100, ...(token ? { NextToken: token } : {}) }, rows(450), key);
      seen += result.page.length;
      token = result.NextToken;
      if (token) {
        expect(token.length).toBeLessThanOrEqual(255);
        expect(tokens.has(token)).toBe(false);
        tokens.add(token);
      }
    } while (token);
    expect(seen).toBe(450);
    expect(tokens.size).toBe(4);
  });

  it('neither repeats nor loses rows when rows are inserted before the cursor between pages', () => {
    let data = rows(20).map((n) => n * 10); // 10, 20, … 200
    const first = paginate('ListHITs', { MaxResults: 5 }, data, key);
    expect(first.page).toEqual([10, 20, 30, 40, 50]);
    data = [...data, 5, 15, 55, 205].sort((a, b) => a - b); // two before the cursor, two after
    const rest: number[] = [];
    let token = first.NextToken;
    while (token) {
      const page = paginate('ListHITs', { MaxResults: 5, NextToken: token }, data, key);
      rest.push(...page.page);
      token = page.NextToken;
    }
    expect(rest).toEqual([55, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 205]);
  });

  it('continues correctly when the last row of a page was deleted', () => {
    let data = rows(10);
    const first = paginate('ListHITs', { MaxResults: 3 }, data, key);
    data = data.filter((n) => n !== 3);
    expect(paginate('ListHITs', { MaxResults: 3, NextToken: first.NextToken }, data, key).page).toEqual([4, 5, 6]);
  });

  it('rejects tokens it did not issue', () => {
    // The last two: a token without the list it was made for, and an older server's (version 1, before lists were named).
    for (const bad of ['garbage!', 'e30', Buffer.from('{"v":2,"after":"x"}').toString('base64url'), Buffer.from('{"v":1,"after":"000000000000001"}').toString('base64url')]) {
      expect(() => paginate('ListHITs', { NextToken: bad }, rows(3), key)).toThrow(MTurkRequestError);
    }
    try {
      paginate('ListHITs', { NextToken: 'nope' }, rows(3), key);
    } catch (error) {
      expect((error as MTurkRequestError).turkErrorCode).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    }
  });

  it('accepts a token only for the list and the filters it was made for; page size may change', () => {
    const forHitA = paginate('ListAssignmentsForHIT', { HITId: 'A', AssignmentStatuses: ['Submitted'], MaxResults: 2 }, rows(6), key).NextToken;
    const refused = (operation: string, input: Record<string, unknown>): string => {
      try {
        paginate(operation, { ...input, NextToken: forHitA }, rows(6), key);
        return 'accepted';
      } catch (error) {
        return (error as MTurkRequestError).turkErrorCode;
      }
    };
    expect(refused('ListAssignmentsForHIT', { HITId: 'B', AssignmentStatuses: ['Submitted'] })).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    expect(refused('ListAssignmentsForHIT', { HITId: 'A' })).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    expect(refused('ListBonusPayments', { HITId: 'A', AssignmentStatuses: ['Submitted'] })).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    // The same filters in another member order, with another page size: the next page.
    expect(paginate('ListAssignmentsForHIT', { MaxResults: 3, AssignmentStatuses: ['Submitted'], HITId: 'A', NextToken: forHitA }, rows(6), key).page).toEqual([3, 4, 5]);
  });

  it('rejects MaxResults outside 1..100 with ParameterOutOfRange', () => {
    for (const bad of [0, 101, 2.5]) {
      try {
        paginate('ListHITs', { MaxResults: bad }, rows(3), key);
        throw new Error('accepted');
      } catch (error) {
        expect((error as MTurkRequestError).turkErrorCode).toBe('AWS.ParameterOutOfRange');
      }
    }
  });
});
