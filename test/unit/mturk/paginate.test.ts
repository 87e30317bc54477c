import { describe, expect, it } from 'vitest';
import { paginate, PaginationLoopError, type RawPage } from '../../../electron/mturk/paginate';
import { Scheduler, type FailureClass } from '../../../electron/mturk/scheduler';
import type { Page } from '../../../electron/mturk/types';
import { VirtualClock } from './virtual-clock';

class Throttle extends Error {}
const classify = (error: unknown): FailureClass => (error instanceof Throttle ? 'throttled' : 'permanent');

/** A listing of `total` numbers served in pages of `size` with opaque tokens. */
function listing(total: number, size: number, opts: { throttleEvery?: number; repeatAt?: number } = {}) {
  let calls = 0;
  const tokenFor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');
  const fetch = async (token: string | undefined): Promise<RawPage<number>> => {
    calls += 1;
    if (opts.throttleEvery && calls % opts.throttleEvery === 0) throw new Throttle('Rate exceeded');
    const offset = token === undefined ? 0 : Number(Buffer.from(token, 'base64').toString().split(':')[1]);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => offset + i);
    const next = offset + size < total ? tokenFor(offset === opts.repeatAt ? offset : offset + size) : null;
    return { items, nextToken: next };
  };
  return { fetch, tokenFor, calls: () => calls };
}

async function collect<T>(clock: VirtualClock, pages: AsyncGenerator<Page<T>>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  await clock.settle(
    (async () => {
      for await (const page of pages) out.push(page);
    })(),
  );
  return out;
}

function setup() {
  const clock = new VirtualClock();
  return { clock, scheduler: new Scheduler(classify, { clock, random: () => 0.5, ratePerSecond: 5 }) };
}

describe('paginate', () => {
  it('yields every page once, in order, with indexes and tokens, even when throttled', async () => {
    const { clock, scheduler } = setup();
    const source = listing(1050, 100, { throttleEvery: 3 });
    const pages = await collect(clock, paginate(scheduler, source.fetch));
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pages.flatMap((p) => p.items)).toEqual(Array.from({ length: 1050 }, (_, i) => i));
    expect(pages[0]?.requestToken).toBeNull();
    expect(pages[1]?.requestToken).toBe(pages[0]?.nextToken);
    expect(pages.at(-1)?.nextToken).toBeNull();
    expect(scheduler.stats().throttles).toBeGreaterThan(0);
  });

  it('resumes from a saved NextToken and keeps the page numbering', async () => {
    const { clock, scheduler } = setup();
    const source = listing(500, 100);
    const pages = await collect(clock, paginate(scheduler, source.fetch, { resumeFrom: source.tokenFor(300), startIndex: 3 }));
    expect(pages.map((p) => p.index)).toEqual([3, 4]);
    expect(pages.flatMap((p) => p.items)).toEqual(Array.from({ length: 200 }, (_, i) => 300 + i));
    expect(source.calls()).toBe(2);
  });

  it('fails loudly when the server repeats a NextToken', async () => {
    const { clock, scheduler } = setup();
    const source = listing(1000, 100, { repeatAt: 200 });
    const seen: number[] = [];
    const run = (async () => {
      for await (const page of paginate(scheduler, source.fetch)) seen.push(page.index);
    })();
    await expect(clock.settle(run)).rejects.toBeInstanceOf(PaginationLoopError);
    expect(seen).toEqual([0, 1, 2]);
  });

  it('paces page requests by the scheduler rate', async () => {
    const { clock, scheduler } = setup();
    await collect(clock, paginate(scheduler, listing(2000, 100).fetch));
    // 20 pages at 5/s with a burst of 5: the last starts at (20 - 5) / 5 s.
    expect(clock.now()).toBe(3000);
  });
});
