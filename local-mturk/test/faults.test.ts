import { GetAccountBalanceCommand } from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import type { LocalMTurkOptions } from '../src/index';
import { startTestServer } from './helpers';

/** Outcome names of `count` sequential calls against a fresh server. */
async function outcomes(options: LocalMTurkOptions, count: number): Promise<string[]> {
  const { server, client } = await startTestServer(options);
  const seen: string[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      seen.push(
        await client.send(new GetAccountBalanceCommand({})).then(
          () => 'ok',
          (error: Error) => error.name,
        ),
      );
    }
  } finally {
    await server.close();
  }
  return seen;
}

describe('fault injection', () => {
  it('injects ServiceFaults deterministically for a seed', async () => {
    const first = await outcomes({ faultRate: 0.3, seed: 42 }, 40);
    const again = await outcomes({ faultRate: 0.3, seed: 42 }, 40);
    const other = await outcomes({ faultRate: 0.3, seed: 7 }, 40);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'ServiceFault']));
    const faults = first.filter((o) => o === 'ServiceFault').length;
    expect(faults).toBeGreaterThan(4);
    expect(faults).toBeLessThan(24);
  });

  it('drops connections at the drop rate', async () => {
    const seen = await outcomes({ dropRate: 1, seed: 1 }, 2);
    expect(seen.every((o) => o !== 'ok' && o !== 'ServiceFault')).toBe(true);
  });

  it('throttles above the per-key rate with ThrottlingException "Rate exceeded"', async () => {
    const { server, client } = await startTestServer({ rateLimitPerSecond: 5 });
    try {
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.send(new GetAccountBalanceCommand({}))));
      const throttled = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as Error);
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(5);
      expect(throttled.length).toBeGreaterThanOrEqual(10);
      expect(throttled.every((e) => e.name === 'ThrottlingException' && e.message === 'Rate exceeded')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await expect(client.send(new GetAccountBalanceCommand({}))).resolves.toHaveProperty('AvailableBalance');
    } finally {
      await server.close();
    }
  });

  it('adds latency to every API call', async () => {
    const { server, client } = await startTestServer({ latencyMs: 150 });
    try {
      const started = performance.now();
      await client.send(new GetAccountBalanceCommand({}));
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    } finally {
      await server.close();
    }
  });
});
