import { describe, expect, it } from 'vitest';
import { KeysetSource } from '../../../renderer/src/grid/keyset-source';

/** A fake keyset endpoint over 0..n-1 that records which cursors it was asked for. */
function numbers(n: number) {
  const calls: (string | null)[] = [];
  const fetchPage = async (after: string | null, limit: number) => {
    calls.push(after);
    const start = after === null ? 0 : Number(after) + 1;
    const rows = Array.from({ length: Math.max(0, Math.min(limit, n - start)) }, (_, i) => start + i);
    const last = rows.at(-1);
    return { rows, nextCursor: last !== undefined && last < n - 1 ? String(last) : null };
  };
  return { fetchPage, calls };
}

describe('KeysetSource', () => {
  it('serves consecutive blocks from the cursor chain', async () => {
    const api = numbers(250);
    const source = new KeysetSource(api.fetchPage, 100);
    expect((await source.range(0, 100)).rows).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const second = await source.range(100, 200);
    expect(second.rows[0]).toBe(100);
    expect(second.lastRow).toBeUndefined();
    const third = await source.range(200, 300);
    expect(third.rows).toHaveLength(50);
    expect(third.lastRow).toBe(250);
    expect(api.calls).toEqual([null, '99', '199']);
  });

  it('walks the missing cursors in order when the grid jumps ahead', async () => {
    const api = numbers(1000);
    const source = new KeysetSource(api.fetchPage, 100);
    const block = await source.range(500, 600);
    expect(block.rows[0]).toBe(500);
    expect(api.calls).toEqual([null, '99', '199', '299', '399', '499']);
    await source.range(300, 400);
    expect(api.calls.at(-1)).toBe('299');
    expect(api.calls).toHaveLength(7);
  });

  it('reports the end when a jump lands past the last row', async () => {
    const api = numbers(150);
    const source = new KeysetSource(api.fetchPage, 100);
    const past = await source.range(300, 400);
    expect(past.rows).toEqual([]);
    expect(past.lastRow).toBe(150);
  });

  it('handles an empty result', async () => {
    const source = new KeysetSource(numbers(0).fetchPage, 100);
    expect(await source.range(0, 100)).toEqual({ rows: [], lastRow: 0 });
  });
});
