/**
 * A crowd that keeps working while the server runs (`--crowd N --speed X`): every tick the virtual clock is moved on
 * by X times the real time that passed, and the crowd does what falls due in between. A requester watching the app
 * sees HITs accepted and submissions arrive as they would on MTurk, X times faster.
 */
import type { LocalMTurkApp } from '../app';
import { crowdPopulation } from './population';
import { CROWD_SLICE_MS, CrowdSimulation } from './simulation';

export interface ContinuousCrowdOptions {
  workers: number;
  /** Virtual time per real time (1 = real time). */
  speed: number;
  seed: number;
  /** Real milliseconds between ticks (default 250). */
  tickMs?: number;
  /**
   * Real milliseconds one tick may work (default CROWD_SLICE_MS). What is left waits for the next tick, and the clock
   * with it: after the machine slept, the work that fell due meanwhile is caught up a slice per tick, and a crowd too
   * big for its speed runs slower than asked instead of holding up the process.
   */
  sliceMs?: number;
}

export class ContinuousCrowd {
  private simulation: CrowdSimulation;
  private timer: NodeJS.Timeout | undefined;
  private lastWall: number;
  /** Virtual time reached by the last tick: a clock found earlier than this was reset. */
  private lastVirtual = 0;

  constructor(
    private readonly app: LocalMTurkApp,
    private readonly options: ContinuousCrowdOptions,
  ) {
    this.simulation = this.newSimulation();
    this.lastWall = app.wallClock();
  }

  private newSimulation(): CrowdSimulation {
    return new CrowdSimulation(this.app, crowdPopulation(this.options.seed, this.options.workers), this.options.seed);
  }

  /** The crowd (re)enters: its workers are created if missing and arrive over the next minutes. */
  private begin(): void {
    this.simulation.enlist();
    this.simulation.start(this.app.clock.now());
    this.lastVirtual = this.app.clock.now();
  }

  start(): void {
    this.begin();
    this.lastWall = this.app.wallClock();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 250);
    this.timer.unref();
  }

  /**
   * Moves the clock on by (speed − 1) × the real time since the last tick and runs the crowd up to the new now, or for
   * a slice when more is due (see `sliceMs`). Returns whether it caught up.
   */
  tick(): boolean {
    const wall = this.app.wallClock();
    const extra = Math.max(0, (wall - this.lastWall) * (this.options.speed - 1));
    this.lastWall = wall;
    if (this.app.clock.now() < this.lastVirtual) {
      // A reset put the clock back to real time (and deleted the workers): the crowd starts over from now.
      this.simulation = this.newSimulation();
      this.begin();
    }
    this.app.clock.freeze();
    try {
      const target = this.app.clock.now() + Math.round(extra);
      const caughtUp = this.simulation.runUntil(target, false, performance.now() + (this.options.sliceMs ?? CROWD_SLICE_MS));
      if (caughtUp) this.simulation.moveClockTo(target);
      this.lastVirtual = this.app.clock.now();
      return caughtUp;
    } finally {
      this.app.clock.thaw();
    }
  }

  get counts(): CrowdSimulation['counts'] {
    return this.simulation.counts;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
