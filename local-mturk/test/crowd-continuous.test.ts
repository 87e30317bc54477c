/**
 * The continuous crowd (`--crowd N --speed X`): each tick moves the virtual clock by X times the real time that
 * passed and lets the crowd act up to then. Real time is a test-controlled wall clock, ticks are called directly.
 */
import { describe, expect, it } from 'vitest';
import { LocalMTurkApp } from '../src/app';
import { ContinuousCrowd } from '../src/crowd/continuous';
import { OPERATIONS } from '../src/ops/registry';
import { ANIMALS, questionForm, selectionQuestion } from './crowd-support';

describe('a crowd that keeps working', () => {
  it('runs X times faster than real time and submits work as new HITs appear', () => {
    let wall = Date.UTC(2026, 11, 1, 9);
    const app = new LocalMTurkApp({ credentials: [], env: 'sandbox', startingBalanceCents: 100_000_000, verifySignatures: true, wallClock: () => wall });
    const requester = app.credentials[0]?.accessKeyId ?? '';
    const hit = {
      Title: 'Label', Description: 'd', Reward: '0.05', AssignmentDurationInSeconds: 600, LifetimeInSeconds: 86_400,
      MaxAssignments: 3, Question: questionForm(selectionQuestion('label', ANIMALS)),
    };
    // Whole ticks (no slice limit): this test asserts exact clock positions, which a slow moment must not cut short.
    const crowd = new ContinuousCrowd(app, { workers: 20, speed: 60, seed: 5, tickMs: 3_600_000, sliceMs: Infinity });
    crowd.start();
    try {
      const virtualStart = app.clock.now();
      const tick = (realMs: number): void => {
        wall += realMs;
        crowd.tick();
      };
      tick(1000);
      // One real second at 60× is one virtual minute.
      expect(app.clock.now() - virtualStart).toBe(60_000);
      expect(crowd.counts.accepted).toBe(0);

      const ctx = app.context(requester);
      app.transact(ctx, () => OPERATIONS.CreateHIT?.(hit, ctx));
      for (let i = 0; i < 240; i += 1) tick(1000);
      expect(app.clock.now() - virtualStart).toBe(241 * 60_000);
      expect(crowd.counts.submitted).toBe(3);
      const rows = app.db.prepare("SELECT status, submit_ms FROM assignments WHERE status = 'Submitted'").all() as { submit_ms: number }[];
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row.submit_ms).toBeLessThanOrEqual(app.clock.now());
      // Between ticks the clock runs at real speed again.
      wall += 500;
      expect(app.clock.now() - virtualStart).toBe(241 * 60_000 + 500);

      // A reset deletes everything and puts the clock back: the crowd starts over and works new HITs at once.
      app.reset();
      const afterReset = app.clock.now();
      app.transact(app.context(requester), () => OPERATIONS.CreateHIT?.(hit, app.context(requester)));
      for (let i = 0; i < 60; i += 1) tick(1000);
      // The half second of real time before the reset is sped up by the first tick after it (×59 on top of itself).
      expect(app.clock.now() - afterReset).toBe(60 * 60_000 + 500 * 59);
      expect(crowd.counts.submitted).toBe(3);
      expect(app.db.prepare("SELECT COUNT(*) AS n FROM assignments WHERE status = 'Submitted'").get()).toEqual({ n: 3 });
    } finally {
      crowd.stop();
      app.close();
    }
  });

  it('after the machine slept, catches up a slice per tick, ending where one whole tick would have', () => {
    const after = (sliceMs: number) => {
      let wall = Date.UTC(2026, 11, 1, 9);
      const app = new LocalMTurkApp({ credentials: [], env: 'sandbox', startingBalanceCents: 100_000_000, verifySignatures: true, wallClock: () => wall });
      const ctx = app.context(app.credentials[0]?.accessKeyId ?? '');
      const hit = {
        Title: 'Label', Description: 'd', Reward: '0.05', AssignmentDurationInSeconds: 600, LifetimeInSeconds: 86_400,
        MaxAssignments: 3, Question: questionForm(selectionQuestion('label', ANIMALS)),
      };
      for (let i = 0; i < 20; i += 1) app.transact(ctx, () => OPERATIONS.CreateHIT?.(hit, ctx));
      const crowd = new ContinuousCrowd(app, { workers: 15, speed: 1, seed: 8, tickMs: 3_600_000, sliceMs });
      crowd.start();
      try {
        // Asleep for 20 minutes right after the crowd arrived: every worker's first look is due at the first tick after waking.
        wall += 20 * 60_000;
        let ticks = 1;
        while (!crowd.tick() && ticks < 1_000) ticks += 1;
        const rows = app.db.prepare('SELECT worker_id, status, answer FROM assignments ORDER BY rowid').all();
        return { ticks, counts: { ...crowd.counts }, rows, clock: app.clock.now() - wall };
      } finally {
        crowd.stop();
        app.close();
      }
    };
    const whole = after(Infinity);
    expect(whole.ticks).toBe(1);
    expect(whole.counts.accepted).toBeGreaterThan(0);
    // A slice of no time is one action per tick: a tick per worker's look at least, the same work, the same clock.
    const sliced = after(0);
    expect(sliced.ticks).toBeGreaterThanOrEqual(15);
    expect(sliced).toMatchObject({ counts: whole.counts, rows: whole.rows, clock: whole.clock });
  });
});
