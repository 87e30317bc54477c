/**
 * Scheduler lanes on virtual time: how long a click (an interactive call) waits while a sync
 * saturates a connection at AWS pace (2 requests/s, 2 in flight, 300 ms per call), with lanes and
 * with every call in one queue as before lanes; and how long the rate takes to recover from one
 * throttle at 2/s and at 100/s. Virtual time makes the figures exact and the run instant; they
 * measure the scheduling policy, not the network.
 */
import { Scheduler, type FailureClass, type Lane } from '../electron/mturk/scheduler';
import { VirtualClock } from '../test/unit/mturk/virtual-clock';
import { fmt, type Figure } from './support/report';

const SYNC_CALLS = 240;
const CLICKS = 10;
const CLICK_EVERY_MS = 9_000;
const CALL_MS = 300;

class Throttle extends Error {}
const classify = (error: unknown): FailureClass => (error instanceof Throttle ? 'throttled' : 'permanent');

interface ClickWaits {
  readonly waitsMs: readonly number[];
  readonly syncDoneMs: number;
}

async function clicksDuringSync(clickLane: Lane): Promise<ClickWaits> {
  const clock = new VirtualClock();
  const scheduler = new Scheduler(classify, { clock, ratePerSecond: 2, burst: 2, concurrency: 2, random: () => 0.5 });
  let syncDoneMs = 0;
  const sync = Promise.all(
    Array.from({ length: SYNC_CALLS }, () => scheduler.run(() => clock.sleep(CALL_MS), { retry: 'read', lane: 'sync' })),
  ).then(() => {
    syncDoneMs = clock.now();
  });
  const waitsMs: number[] = [];
  const clicks = Array.from({ length: CLICKS }, (_, i) =>
    // Spread over the 500 ms between tokens, so clicks do not all land just as a token frees up.
    clock.sleep((i + 1) * CLICK_EVERY_MS + i * 50).then(async () => {
      const clicked = clock.now();
      await scheduler.run(async () => {
        waitsMs.push(clock.now() - clicked);
        await clock.sleep(CALL_MS);
      }, { retry: 'unsafe-write', lane: clickLane });
    }),
  );
  await clock.settle(Promise.all([sync, ...clicks]), 24 * 3_600_000);
  return { waitsMs, syncDoneMs };
}

/** Virtual seconds from a throttle until the rate is back at the configured one, under saturating load. */
async function recoverySeconds(ratePerSecond: number): Promise<number> {
  const clock = new VirtualClock();
  const scheduler = new Scheduler(classify, { clock, ratePerSecond, concurrency: 4, random: () => 0.5 });
  let throttled = false;
  await clock.settle(
    scheduler.run(async () => {
      if (!throttled) {
        throttled = true;
        throw new Throttle();
      }
    }, { retry: 'read' }),
  );
  const from = clock.now();
  while (scheduler.stats().currentRatePerSecond < ratePerSecond) {
    await clock.settle(Promise.all(Array.from({ length: 8 }, () => scheduler.run(async () => undefined, { retry: 'read', lane: 'sync' }))));
  }
  return (clock.now() - from) / 1000;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function benchSchedulerLanes(): Promise<Figure[]> {
  const lanes = await clicksDuringSync('interactive');
  const oneQueue = await clicksDuringSync('sync');
  for (const [label, run] of [['lanes', lanes], ['one queue', oneQueue]] as const) {
    console.log(
      `scheduler-lanes (${label}): ${CLICKS} clicks during a ${SYNC_CALLS}-call sync at 2 req/s: wait median ${fmt(median(run.waitsMs))} ms, ` +
        `max ${fmt(Math.max(...run.waitsMs))} ms; sync finished at ${fmt(run.syncDoneMs / 1000, 1)} s (virtual)`,
    );
  }
  const slow = await recoverySeconds(2);
  const fast = await recoverySeconds(100);
  console.log(`scheduler-lanes: recovery from one throttle: ${fmt(slow, 1)} s at 2 req/s, ${fmt(fast, 1)} s at 100 req/s (virtual)`);
  const maxWait = Math.max(...lanes.waitsMs);
  return [
    {
      figure: 'Click wait during a saturating sync at 2 req/s (max of 10, virtual time)',
      measured: `${fmt(maxWait)} ms (one queue: ${fmt(Math.max(...oneQueue.waitsMs) / 1000, 1)} s)`,
      target: '≤ 1 s',
      met: maxWait <= 1000,
    },
    { figure: 'Throttle recovery to the configured rate, 2 req/s / 100 req/s', measured: `${fmt(slow, 1)} s / ${fmt(fast, 1)} s`, target: '— (reported)', met: null },
  ];
}
