/**
 * `POST /_local/simulate`: a seeded crowd works the HITs on offer as fast as the machine allows, the virtual clock
 * jumping from one worker action to the next, until nothing more can be done or for a number of virtual minutes.
 * The clock is frozen meanwhile, so the same seed and the same calls give the same results.
 *
 * The work runs in slices of about 10 ms of real time (CROWD_SLICE_MS), and other requests are answered in between
 * (at the frozen time; what they change, the crowd sees, as on MTurk): embedded in Turkbench's main process, a crowd
 * working thousands of HITs must not stall every other call for seconds. Simulations of one server run one after
 * another.
 */
import type { LocalMTurkApp } from '../app';
import { ControlError } from '../worker/errors';
import { crowdPopulation } from './population';
import { CROWD_SLICE_MS, CrowdSimulation, type SimulationCounts } from './simulation';

export interface SimulateOptions {
  /** Crowd size (default 200). */
  workers?: number;
  /** Seed of the population and of every choice its workers make (default 1). */
  seed?: number;
  /** 'done': until no worker can do anything more; {minutes}: that much virtual time, then stop. */
  until: 'done' | { minutes: number };
}

export interface SimulateResult extends SimulationCounts {
  virtualMinutes: number;
}

const DEFAULT_CROWD_SIZE = 200;
const MAX_CROWD_SIZE = 10_000;
/** 'done' never runs past this much virtual time (a year): a crowd that keeps finding work would otherwise never stop. */
const DONE_LIMIT_MINUTES = 366 * 24 * 60;

const bad = (message: string): ControlError => new ControlError(400, 'InvalidInput', message);

/** Checks options from JSON (the control API) or from code; names the field and the value it refuses. */
export function checkSimulateOptions(body: Readonly<Record<string, unknown>>): SimulateOptions {
  const workers = body.workers ?? DEFAULT_CROWD_SIZE;
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1 || workers > MAX_CROWD_SIZE) {
    throw bad(`workers must be a whole number from 1 to ${MAX_CROWD_SIZE} (got ${JSON.stringify(workers)}).`);
  }
  const seed = body.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw bad(`seed must be a whole number from 0 to 4294967295 (got ${JSON.stringify(seed)}).`);
  }
  const until = body.until;
  if (until === 'done') return { workers, seed, until };
  const minutes = typeof until === 'object' && until !== null ? (until as Record<string, unknown>).minutes : undefined;
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0 || minutes > DONE_LIMIT_MINUTES) {
    throw bad(`until must be "done" or {"minutes": N} with 0 < N ≤ ${DONE_LIMIT_MINUTES} (got ${JSON.stringify(until)}).`);
  }
  return { workers, seed, until: { minutes } };
}

/**
 * Continues after other work had its turn. From a callback of I/O, the first one continues in the same turn of the
 * event loop (timers wait for the next); from then on each one waits for the next turn.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The simulation each server is running or has queued last: the next one starts when it ends. */
const queued = new WeakMap<LocalMTurkApp, Promise<unknown>>();

export function simulateCrowd(app: LocalMTurkApp, options: SimulateOptions): Promise<SimulateResult> {
  const checked = checkSimulateOptions(options as unknown as Record<string, unknown>);
  const previous = queued.get(app) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => runSimulation(app, checked));
  queued.set(app, run);
  const forget = (): void => {
    if (queued.get(app) === run) queued.delete(app);
  };
  run.then(forget, forget);
  return run;
}

async function runSimulation(app: LocalMTurkApp, checked: SimulateOptions): Promise<SimulateResult> {
  // Setting up the crowd is a slice of its own, begun after the caller's turn (see nextTurn).
  await nextTurn();
  const seed = checked.seed ?? 1;
  const simulation = new CrowdSimulation(app, crowdPopulation(seed, checked.workers ?? DEFAULT_CROWD_SIZE), seed);
  const resets = app.resets;
  app.clock.freeze();
  try {
    const start = app.clock.now();
    simulation.enlist();
    simulation.start(start);
    const stopWhenDone = checked.until === 'done';
    const end = checked.until === 'done' ? start + DONE_LIMIT_MINUTES * 60_000 : start + Math.round(checked.until.minutes * 60_000);
    for (;;) {
      await nextTurn();
      if (!app.isOpen) throw new ControlError(503, 'ServerStopped', 'The server stopped while the crowd was working.');
      if (app.resets !== resets) {
        throw new ControlError(409, 'ServerReset', `The server was reset while the crowd was working; it stopped after ${simulation.counts.submitted} submissions.`);
      }
      if (simulation.runUntil(end, stopWhenDone, performance.now() + CROWD_SLICE_MS)) break;
    }
    if (!stopWhenDone) simulation.moveClockTo(end);
    const virtualMinutes = Math.round(((app.clock.now() - start) / 60_000) * 100) / 100;
    return { ...simulation.counts, virtualMinutes };
  } finally {
    // A closed server's clock has nowhere to save its time.
    if (app.isOpen) app.clock.thaw();
  }
}
