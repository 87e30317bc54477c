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

/** A newest-first list of ids (like the audit's), keyed by id, that can grow on top while it is being read. */
function newestFirst(count: number) {
  let top = count;
  const fetchPage = async (after: string | null, limit: number) => {
    const below = after === null ? top + 1 : Number(after);
    const rows = Array.from({ length: Math.max(0, Math.min(limit, below - 1)) }, (_, i) => below - 1 - i);
    const last = rows.at(-1);
    return { rows, nextCursor: last !== undefined && last > 1 ? String(last) : null };
  };
  return { fetchPage, add: (n: number) => (top += n) };
}

/** A filtered endpoint over 0..n-1 keeping multiples of `every`, that stops after reading `scan` numbers per call. */
function sparse(n: number, every: number, scan: number) {
  const calls: (string | null)[] = [];
  const fetchPage = async (after: string | null, limit: number) => {
    calls.push(after);
    const rows: number[] = [];
    let at = after === null ? 0 : Number(after) + 1;
    const stop = Math.min(n, at + scan);
    for (; at < stop && rows.length < limit; at++) if (at % every === 0) rows.push(at);
    return { rows, nextCursor: at < n ? String(at - 1) : null };
  };
  return { fetchPage, calls };
}

describe('KeysetSource', () => {
  it('fills a block from short pages whose cursor leads on, so the grid shows no blank rows', async () => {
    // 1 in 50 matches and each call reads 1,000 numbers: 20 matches per call, 100 per block.
    const api = sparse(20_000, 50, 1_000);
    const source = new KeysetSource(api.fetchPage, 100);
    const first = await source.range(0, 100);
    expect(first.rows).toEqual(Array.from({ length: 100 }, (_, i) => i * 50));
    expect(first.lastRow).toBeUndefined();
    expect(api.calls).toHaveLength(5);
    const jump = await source.range(300, 400);
    expect(jump.rows[0]).toBe(300 * 50);
    expect(jump.rows).toHaveLength(100);
    const last = await source.range(300, 500);
    expect(last.rows.at(-1)).toBe(19_950);
  });

  it('ends a block early only where the rows end', async () => {
    const source = new KeysetSource(sparse(1_000, 50, 100).fetchPage, 100);
    expect(await source.range(0, 100)).toEqual({ rows: Array.from({ length: 20 }, (_, i) => i * 50), lastRow: 20 });
  });

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

  it('after restart, rows added on top push rows into the next block instead of past it', async () => {
    const list = newestFirst(250);
    const source = new KeysetSource(list.fetchPage, 100);
    await source.range(0, 100);
    await source.range(100, 200);
    list.add(3);
    source.restart();
    const first = await source.range(0, 100);
    const second = await source.range(100, 200);
    expect(first.rows[0]).toBe(253);
    // Rows 153..151 were the last of block 0 before; now they open block 1 instead of being skipped.
    expect(second.rows.slice(0, 4)).toEqual([153, 152, 151, 150]);
    const seen = [...first.rows, ...second.rows, ...(await source.range(200, 300)).rows];
    expect(seen).toEqual(Array.from({ length: 253 }, (_, i) => 253 - i));
  });

  it('a range asked for before a restart does not keep the cursors it read before it', async () => {
    const list = newestFirst(300);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = true;
    const source = new KeysetSource(async (after: string | null, limit: number) => {
      if (held && after !== null) await gate;
      return list.fetchPage(after, limit);
    }, 100);
    await source.range(0, 100);
    const pending = source.range(100, 200);
    list.add(5);
    source.restart();
    held = false;
    release();
    const second = await pending;
    expect(second.rows[0]).toBe(205);
    expect((await source.range(200, 300)).rows[0]).toBe(105);
  });
});
