/**
 * The gateway against a real Local MTurk over HTTP with the real SDK: paging, throttling,
 * transient faults and connection checks, as the app will see them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk, type LocalMTurkOptions } from '../../../local-mturk/src/index';
import { createGateway } from '../../../electron/mturk/gateway';
import type { SchedulerOptions } from '../../../electron/mturk/scheduler';
import type { Hit, MTurkGateway, Page } from '../../../electron/mturk/types';
import type { Result } from '../../../shared/result';

const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
  <HTMLContent><![CDATA[<!DOCTYPE html><html><body><form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit">
  <input type="hidden" name="assignmentId" value=""/><input name="label"/><input type="submit"/></form></body></html>]]></HTMLContent>
  <FrameHeight>600</FrameHeight>
</HTMLQuestion>`;
const FAST: SchedulerOptions = { ratePerSecond: 500, burst: 50, concurrency: 8, transientBaseDelayMs: 5, throttleBaseDelayMs: 20 };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startLocal(options: Omit<LocalMTurkOptions, 'port'> = {}): Promise<LocalMTurk> {
  const local = await startLocalMTurk({ port: 0, seed: 7, ...options });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= local.close());
  cleanups.push(close);
  return { ...local, close };
}

function gatewayFor(
  local: Pick<LocalMTurk, 'url' | 'credentials'>,
  scheduler: SchedulerOptions = FAST,
  credentials = local.credentials,
): MTurkGateway {
  const created = createGateway({
    connection: { id: 'local', label: 'Local', kind: 'local', endpoint: local.url, region: 'us-east-1', credentials: { type: 'local' } },
    credentials,
    scheduler,
    requestTimeoutMs: 5_000,
  });
  if (!created.ok) throw new Error(created.error.message);
  cleanups.push(() => created.value.close());
  return created.value;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function createHits(gateway: MTurkGateway, count: number): Promise<string[]> {
  const { hitTypeId } = value(
    await gateway.createHitType({ title: 'Label an image', description: 'Say what it shows', rewardCents: 5, assignmentDurationSeconds: 600 }),
  );
  const created = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      gateway.createHitWithHitType({ hitTypeId, question: QUESTION, lifetimeSeconds: 3600, maxAssignments: 2, uniqueRequestToken: `row-${i}` }),
    ),
  );
  return created.map((result) => value(result).hit.hitId);
}

async function collect<T>(pages: AsyncIterable<Result<Page<T>>>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  for await (const page of pages) out.push(value(page));
  return out;
}

describe('gateway against Local MTurk', () => {
  it('lists 530 HITs over six pages without losing or repeating one, and resumes from a saved token', async () => {
    const local = await startLocal();
    const gateway = gatewayFor(local);
    const ids = await createHits(gateway, 530);

    const pages = await collect<Hit>(gateway.listHits());
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 100, 100, 100, 30]);
    const listed = pages.flatMap((p) => p.items.map((hit) => hit.hitId));
    expect(new Set(listed).size).toBe(530);
    expect([...listed].sort()).toEqual([...ids].sort());
    expect(pages[0]?.items[0]).toMatchObject({ rewardCents: 5, maxAssignments: 2, status: 'Assignable' });

    const saved = pages[2]?.nextToken ?? undefined;
    const resumed = await collect<Hit>(gateway.listHits({ resumeFrom: saved, startIndex: 3 }));
    expect(resumed.map((p) => p.index)).toEqual([3, 4, 5]);
    expect(resumed.flatMap((p) => p.items.map((hit) => hit.hitId))).toEqual(listed.slice(300));
  });

  it('slows down under a 20 req/s ceiling and completes every call with no error surfaced', async () => {
    const local = await startLocal({ rateLimitPerSecond: 20 });
    // Deliberately too fast for the server so throttling must happen.
    const gateway = gatewayFor(local, { ratePerSecond: 80, burst: 20, concurrency: 6, throttleBaseDelayMs: 100 });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 90 }, () => gateway.getAccountBalance()));
    const elapsedMs = performance.now() - started;
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const stats = gateway.stats();
    expect(stats.throttles).toBeGreaterThan(0);
    expect(stats.currentRatePerSecond).toBeLessThan(80);
    expect(stats).toMatchObject({ calls: 90, succeeded: 90, failed: 0, queueLength: 0, inFlight: 0 });
    // 90 calls at ≤ 20/s after a burst of 20 take at least 3.5 s.
    expect(elapsedMs).toBeGreaterThan(3_000);
    console.info(`throttling: 90 calls in ${Math.round(elapsedMs)} ms, ${stats.throttles} throttles, rate now ${stats.currentRatePerSecond.toFixed(2)}/s`);
  });

  it('retries reads through injected ServiceFaults and dropped connections', async () => {
    const local = await startLocal({ faultRate: 0.1, dropRate: 0.1 });
    // Eight attempts make a spurious failure (eight bad draws for one call) vanishingly unlikely.
    const gateway = gatewayFor(local, { ...FAST, maxAttempts: { read: 8 } });
    const results = await Promise.all(Array.from({ length: 40 }, () => gateway.getAccountBalance()));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(gateway.stats().retries).toBeGreaterThan(0);
  });

  it('never re-sends a bonus without a token after a dropped connection', async () => {
    const local = await startLocal({ dropRate: 1 });
    const gateway = gatewayFor(local);
    const bonus = await gateway.sendBonus({ workerId: 'AWORKER0000001', assignmentId: '3ASSIGNMENT', amountCents: 100, reason: 'r' });
    expect(bonus.ok ? null : bonus.error).toMatchObject({ kind: 'network', delivery: 'maybe-executed' });
    expect(gateway.stats()).toMatchObject({ calls: 1, retries: 0, failed: 1 });
  });

  it('tests the connection: balance and latency, a bad key, a bad secret, and nothing listening', async () => {
    const local = await startLocal();
    const check = value(await gatewayFor(local).testConnection());
    expect(check).toMatchObject({ balanceCents: 1_000_000, endpoint: local.url });
    expect(check.latencyMs).toBeLessThan(2_000);

    const unknownKey = await gatewayFor(local, FAST, { accessKeyId: 'AKIANOTKNOWN00000', secretAccessKey: 'x' }).testConnection();
    expect(unknownKey.ok ? null : unknownKey.error).toMatchObject({ kind: 'auth', mturkCode: 'UnrecognizedClientException' });
    expect(unknownKey.ok ? '' : unknownKey.error.message).toContain('does not recognise this access key ID');

    const wrongSecret = await gatewayFor(local, FAST, { ...local.credentials, secretAccessKey: 'wrong-secret' }).testConnection();
    expect(wrongSecret.ok ? null : wrongSecret.error).toMatchObject({ kind: 'auth', mturkCode: 'InvalidSignatureException' });
    expect(wrongSecret.ok ? '' : wrongSecret.error.message).toContain('secret access key does not match');

    const gone = gatewayFor({ url: local.url, credentials: local.credentials });
    await local.close();
    const offline = await gone.testConnection();
    expect(offline.ok ? null : offline.error).toMatchObject({ kind: 'network', delivery: 'not-sent' });
    expect(offline.ok ? '' : offline.error.message).toContain(local.url);
  });

  it('maps a real MTurk refusal (unknown HIT) to not-found with the TurkErrorCode', async () => {
    const local = await startLocal();
    const missing = await gatewayFor(local).getHit('3NOSUCHHIT000000000000000000000');
    expect(missing.ok ? null : missing.error).toMatchObject({ kind: 'not-found' });
    expect(missing.ok ? '' : missing.error.message).not.toMatch(/\(\d{13}\)$/);
    expect(missing.ok ? '' : missing.error.mturkCode).toMatch(/DoesNotExist$/);
  });
});

