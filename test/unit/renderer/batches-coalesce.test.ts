import { describe, expect, it } from 'vitest';
import { coalesce } from '../../../renderer/src/features/batches/coalesce';

/** A fetch whose answers the test releases one by one, counting the calls. */
function gatedFetch() {
  const releases: ((value: number) => void)[] = [];
  let calls = 0;
  const run = (): Promise<number> => {
    calls++;
    return new Promise<number>((resolve) => releases.push(resolve));
  };
  return { run, calls: () => calls, release: (value: number) => releases.shift()!(value) };
}

const noWait = (): Promise<void> => Promise.resolve();
const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('coalesced refetches', () => {
  it('send one follow-up for every ask made while a fetch is in flight, and answer those asks with it', async () => {
    const fetch = gatedFetch();
    const ask = coalesce(fetch.run, 0, noWait);
    const first = ask();
    const during = [ask(), ask(), ask()];
    expect(fetch.calls()).toBe(1);
    fetch.release(1);
    expect(await first).toBe(1);
    await settle();
    expect(fetch.calls()).toBe(2);
    fetch.release(2);
    expect(await Promise.all(during)).toEqual([2, 2, 2]);
    // Idle again: the next ask goes out at once.
    const later = ask();
    expect(fetch.calls()).toBe(3);
    fetch.release(3);
    expect(await later).toBe(3);
  });

  it('still follows up after a failed fetch', async () => {
    let calls = 0;
    const ask = coalesce(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return calls;
    }, 0, noWait);
    const first = ask();
    const second = ask();
    await expect(first).rejects.toThrow('offline');
    expect(await second).toBe(2);
  });

  it('waits the gap before the follow-up', async () => {
    const fetch = gatedFetch();
    const gaps: number[] = [];
    let openGap: () => void = () => undefined;
    const ask = coalesce(fetch.run, 250, (ms) => {
      gaps.push(ms);
      return new Promise<void>((resolve) => (openGap = resolve));
    });
    void ask();
    const follow = ask();
    fetch.release(1);
    await settle();
    expect(gaps).toEqual([250]);
    expect(fetch.calls()).toBe(1);
    openGap();
    await settle();
    expect(fetch.calls()).toBe(2);
    fetch.release(2);
    expect(await follow).toBe(2);
  });
});
