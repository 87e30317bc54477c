/**
 * A simulation runs in slices: embedded in Turkbench's main process, a crowd working hundreds of HITs must leave room
 * for other calls. Between slices other requests are answered; simulations of one server run one after another; a
 * reset stops a running simulation with a clear error and leaves the clock running again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { crowdPopulation } from '../src/crowd/population';
import { ControlError } from '../src/worker/errors';
import { ANIMALS, crowdTestApp, questionForm, selectionQuestion, type CrowdTestApp } from './crowd-support';

const QUESTION = questionForm(selectionQuestion('label', ANIMALS));
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

let open: CrowdTestApp[] = [];
afterEach(() => {
  for (const t of open) t.app.close();
  open = [];
});

/** A server with `hits` HITs of `perHit` assignments on offer. */
function serverWithWork(hits: number, perHit: number): CrowdTestApp {
  const t = crowdTestApp();
  open.push(t);
  for (let i = 0; i < hits; i += 1) t.createHit({ Question: QUESTION, MaxAssignments: perHit, LifetimeInSeconds: 30 * 86_400 });
  return t;
}

/** Lets the event loop turn until the crowd has accepted work (it starts on a turn after the call). */
async function crowdAtWork(t: CrowdTestApp): Promise<void> {
  const accepted = t.app.db.prepare('SELECT count(*) FROM assignments').pluck();
  for (let turn = 0; turn < 100 && (accepted.get() as number) === 0; turn += 1) await nextTurn();
  expect(accepted.get()).toBeGreaterThan(0);
}

/** What the promise was rejected with (undefined when it resolved), caught as soon as it settles. */
const rejectionOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Watches a promise without awaiting it. */
function watch<T>(promise: Promise<T>): { readonly settled: () => boolean } {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { settled: () => settled };
}

describe('a simulation in slices', () => {
  it('answers other requests while the crowd works, and finishes the work', async () => {
    const t = serverWithWork(300, 3);
    const run = t.control.simulate({ workers: 100, seed: 3, until: 'done' });
    const progress = watch(run);
    await crowdAtWork(t);
    const answeredDuring: number[] = [];
    // Requests arriving while the crowd works: each is answered before the simulation ends.
    for (let i = 0; i < 3; i += 1) {
      await nextTurn();
      expect(progress.settled()).toBe(false);
      const balance = t.call<{ AvailableBalance: string }>('GetAccountBalance', {});
      expect(balance.AvailableBalance).toMatch(/^\d+\.\d\d$/);
      answeredDuring.push(t.control.listWorkers().length);
    }
    const result = await run;
    expect(result.submitted).toBe(900);
    // The crowd's workers were already enlisted when the first request came in.
    expect(answeredDuring.every((count) => count === 100)).toBe(true);
  });

  it('gives the same results in slices, run to run', async () => {
    const outcome = async (): Promise<unknown> => {
      const t = serverWithWork(120, 3);
      const result = await t.control.simulate({ workers: 40, seed: 12, until: 'done' });
      const rows = t.app.db.prepare('SELECT worker_id, status, answer FROM assignments ORDER BY rowid').all();
      return { result, rows };
    };
    expect(await outcome()).toEqual(await outcome());
  });

  it('runs simulations of one server one after another, never interleaved', async () => {
    const t = serverWithWork(200, 10);
    const first = t.control.simulate({ workers: 5, seed: 1, until: 'done' });
    const second = t.control.simulate({ workers: 5, seed: 2, until: 'done' });
    const [a, b] = await Promise.all([first, second]);
    expect(a.submitted).toBeGreaterThan(0);
    expect(b.submitted).toBeGreaterThan(0);
    const crowdOf = new Map([...crowdPopulation(1, 5).map((m) => [m.workerId, 1] as const), ...crowdPopulation(2, 5).map((m) => [m.workerId, 2] as const)]);
    const order = (t.app.db.prepare('SELECT worker_id FROM assignments ORDER BY rowid').all() as { worker_id: string }[]).map((r) => crowdOf.get(r.worker_id));
    // Every accept of the first crowd comes before any of the second.
    expect(order.lastIndexOf(1)).toBeLessThan(order.indexOf(2));
  });

  it('stops with a clear error when the server is reset mid-run, and the clock runs again', async () => {
    const t = serverWithWork(300, 3);
    const run = t.control.simulate({ workers: 100, seed: 4, until: 'done' });
    const outcome = rejectionOf(run);
    await crowdAtWork(t);
    t.control.reset();
    const error = await outcome;
    expect(error).toBeInstanceOf(ControlError);
    expect(error).toMatchObject({ status: 409, code: 'ServerReset', message: expect.stringContaining('reset while the crowd was working') });
    // Not frozen: the clock follows real time again.
    const before = t.app.clock.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.app.clock.now()).toBeGreaterThan(before);
    // And the server takes a new simulation.
    t.createHit({ Question: QUESTION });
    await expect(t.control.simulate({ workers: 10, seed: 4, until: 'done' })).resolves.toMatchObject({ submitted: 3 });
  });
});

describe('a simulation on a server that stops', () => {
  it('ends with ServerStopped instead of touching the closed store', async () => {
    const t = crowdTestApp();
    for (let i = 0; i < 300; i += 1) t.createHit({ Question: QUESTION, MaxAssignments: 3 });
    const run = t.control.simulate({ workers: 100, seed: 6, until: 'done' });
    const outcome = rejectionOf(run);
    await crowdAtWork(t);
    t.app.close();
    expect(await outcome).toMatchObject({ status: 503, code: 'ServerStopped' });
  });
});

describe('the clock under nested freezes', () => {
  it('stays frozen until the last thaw (a crowd ticking inside a simulation cannot thaw it)', async () => {
    const t = crowdTestApp();
    open.push(t);
    t.app.clock.freeze();
    t.app.clock.freeze();
    const frozen = t.app.clock.now();
    t.app.clock.thaw();
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(t.app.clock.now()).toBe(frozen);
    t.app.clock.thaw();
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(t.app.clock.now()).toBeGreaterThan(frozen);
    // A thaw too many changes nothing.
    t.app.clock.thaw();
    expect(t.app.clock.now()).toBeGreaterThan(frozen);
  });
});
