/**
 * `POST /_local/simulate`: a seeded crowd works the HITs on offer as fast as the machine allows, the virtual clock
 * jumping from one worker action to the next, until nothing more can be done or for a number of virtual minutes.
 * The clock is frozen meanwhile, so the same seed and the same calls give the same results.
 */
import type { LocalMTurkApp } from '../app';
import { ControlError } from '../worker/errors';
import { crowdPopulation } from './population';
import { CrowdSimulation, type SimulationCounts } from './simulation';

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

export function simulateCrowd(app: LocalMTurkApp, options: SimulateOptions): SimulateResult {
  const checked = checkSimulateOptions(options as unknown as Record<string, unknown>);
  const seed = checked.seed ?? 1;
  const simulation = new CrowdSimulation(app, crowdPopulation(seed, checked.workers ?? DEFAULT_CROWD_SIZE), seed);
  app.clock.freeze();
  try {
    const start = app.clock.now();
    simulation.enlist();
    simulation.start(start);
    if (checked.until === 'done') {
      simulation.runUntil(start + DONE_LIMIT_MINUTES * 60_000, true);
    } else {
      const end = start + Math.round(checked.until.minutes * 60_000);
      simulation.runUntil(end, false);
      simulation.moveClockTo(end);
    }
    const virtualMinutes = Math.round(((app.clock.now() - start) / 60_000) * 100) / 100;
    return { ...simulation.counts, virtualMinutes };
  } finally {
    app.clock.thaw();
  }
}
