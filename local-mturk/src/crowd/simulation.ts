/**
 * The simulated crowd as a discrete-event simulation on the virtual clock. Each worker looks for work (only what it
 * may discover), accepts a few HITs of one batch into its queue (never more than MTurk's 25), works through them one
 * by one for a log-normal time, and submits, returns or abandons each; then looks again, and between sessions takes
 * a break. The clock jumps from one event to the next, so a day of crowd work takes as long as the machine needs to
 * run its actions. Every action goes through the same worker operations as the control API, so every MTurk rule
 * (requirements, blocks, one assignment per worker, MaxAssignments, expiry, the queue limit) applies.
 */
import type { LocalMTurkApp } from '../app';
import { findAssignment, findHit, hitViews, parseJsonList, type HitRow, type HitView } from '../domain/rows';
import type { OpContext } from '../ops/types';
import type { QualificationRequirement } from '../rules/requirements';
import { sql } from '../store/statements';
import { acceptHit, MAX_ACCEPTED_UNSUBMITTED, refusal, returnAssignment, submitAssignment } from '../worker/actions';
import { ControlError } from '../worker/errors';
import { createWorker } from '../worker/workers';
import { answerPlan, type AnswerPlan } from './answer-plan';
import { EventQueue } from './event-queue';
import type { CrowdMember } from './population';
import { seekQualifications } from './qualification-seeking';
import { Random } from './random';
import { truthOf } from './truth';

export interface SimulationCounts {
  accepted: number;
  submitted: number;
  returned: number;
  abandoned: number;
  qualificationRequests: number;
}

type CrowdEvent =
  | { kind: 'look'; member: number }
  | { kind: 'work'; member: number }
  | { kind: 'submit'; member: number; assignmentId: string }
  | { kind: 'return'; member: number; assignmentId: string }
  | { kind: 'lapse'; assignmentId: string };

interface Held {
  assignmentId: string;
  deadline: number;
  durationMs: number;
}

interface WorkerState {
  readonly member: CrowdMember;
  readonly random: Random;
  readonly queue: Held[];
  readonly askedFor: Set<string>;
  lastHitType?: string;
  sessionEndsAt: number;
  /** Looks in a row that found nothing: the worker looks less and less often (until something turns up). */
  fruitless: number;
}

/** The actor of the crowd's operation contexts (worker actions act for each HIT's own requester). */
const CROWD_ACTOR = 'local-crowd';
const MINUTE = 60_000;
/** How long an idle worker waits before looking for new work (mean). */
const IDLE_LOOK_MS = 10 * MINUTE;
/** Workers arrive over the first minutes of a run (mean). */
const ARRIVAL_MS = 3 * MINUTE;
const MAX_CACHED_PLANS = 500;
/** An idle worker's wait doubles with each fruitless look, up to 16 × IDLE_LOOK_MS. */
const MAX_BACKOFF_DOUBLINGS = 4;
/** Real time the crowd works at a stretch in a process that must stay responsive (Turkbench's main process). */
export const CROWD_SLICE_MS = 10;

export class CrowdSimulation {
  readonly counts: SimulationCounts = { accepted: 0, submitted: 0, returned: 0, abandoned: 0, qualificationRequests: 0 };
  private readonly events = new EventQueue<CrowdEvent>();
  private readonly workers: WorkerState[];
  /** By HIT type and Question text: a batch's HITs often share one Question, and parsing it is the costly part. */
  private readonly plans = new Map<string, AnswerPlan>();
  /** Accepted assignments not yet submitted, returned or lapsed. */
  private inFlight = 0;
  /** Workers that found nothing to do since the last accept: when it is everyone and nothing is in flight, the crowd is done. */
  private readonly idle = new Set<number>();

  constructor(
    private readonly app: LocalMTurkApp,
    members: readonly CrowdMember[],
    seed: number,
  ) {
    this.workers = members.map((member) => ({
      member,
      random: Random.derive(seed, 0x22, member.index),
      queue: [],
      askedFor: new Set(),
      sessionEndsAt: 0,
      fruitless: 0,
    }));
  }

  /** Creates the workers that do not exist yet (existing ones keep the record their work has earned them). */
  enlist(): void {
    this.transact((ctx) => {
      const exists = sql(ctx.db, 'SELECT 1 FROM workers WHERE worker_id = ?');
      for (const { member } of this.workers) if (!exists.get(member.workerId)) createWorker(ctx, member.attributes);
    });
  }

  /** Every worker arrives within the first minutes after `now`. */
  start(now: number): void {
    for (const worker of this.workers) {
      const at = now + Math.round(worker.random.exponential(ARRIVAL_MS));
      worker.sessionEndsAt = at + Math.round(worker.member.sessionMinutes * MINUTE);
      this.events.push(at, { kind: 'look', member: worker.member.index });
    }
  }

  /**
   * Whether the crowd has nothing more to do: no accepted work outstanding, and either no HIT open at all or every
   * worker (those on a break too, once back) looked and found nothing it may take.
   */
  get done(): boolean {
    if (this.inFlight > 0) return false;
    if (this.idle.size >= this.workers.length) return true;
    return this.transact((ctx) => !sql(ctx.db, "SELECT 1 FROM hits WHERE status = 'Assignable' LIMIT 1").get());
  }

  /**
   * Runs every event due up to `until` (epoch ms, virtual), moving the frozen clock to each; stops early when done.
   * With `stopBy` (a `performance.now()` instant), also stops once that has passed and returns false: more is due.
   * At least one event runs per call, so a caller going on in slices always gets somewhere.
   */
  runUntil(until: number, stopWhenDone: boolean, stopBy = Infinity): boolean {
    for (let first = true; ; first = false) {
      if (stopWhenDone && this.done) return true;
      const next = this.events.peekTime();
      if (next === undefined || next > until) return true;
      if (!first && performance.now() >= stopBy) return false;
      const item = this.events.pop();
      if (!item) return true;
      this.moveClockTo(item.at);
      this.handle(item.event);
    }
  }

  moveClockTo(at: number): void {
    const now = this.app.clock.now();
    if (at > now) this.app.advanceClock(at - now);
  }

  private now(): number {
    return this.app.clock.now();
  }

  private transact<T>(work: (ctx: OpContext) => T): T {
    const ctx = this.app.context(CROWD_ACTOR, CROWD_ACTOR);
    return this.app.transact(ctx, () => work(ctx));
  }

  private worker(index: number): WorkerState {
    const worker = this.workers[index];
    if (!worker) throw new Error(`No simulated worker ${index}`);
    return worker;
  }

  private handle(event: CrowdEvent): void {
    switch (event.kind) {
      case 'look':
        return this.look(this.worker(event.member));
      case 'work':
        return this.work(this.worker(event.member));
      case 'submit':
        return this.submit(this.worker(event.member), event.assignmentId);
      case 'return':
        return this.giveBack(this.worker(event.member), event.assignmentId);
      case 'lapse':
        return this.lapse(event.assignmentId);
    }
  }

  private look(worker: WorkerState): void {
    const now = this.now();
    if (now >= worker.sessionEndsAt) {
      // Session over: a break, then a new session.
      const back = now + Math.round(worker.random.exponential(worker.member.breakMinutes * MINUTE));
      worker.sessionEndsAt = back + Math.round(worker.member.sessionMinutes * MINUTE);
      this.events.push(back, { kind: 'look', member: worker.member.index });
      return;
    }
    const grabbed = this.grab(worker);
    if (grabbed > 0) {
      worker.fruitless = 0;
      this.idle.clear();
      this.events.push(now + Math.round(worker.random.between(2_000, 20_000)), { kind: 'work', member: worker.member.index });
    } else {
      this.idle.add(worker.member.index);
      const wait = IDLE_LOOK_MS * 2 ** Math.min(worker.fruitless, MAX_BACKOFF_DOUBLINGS);
      worker.fruitless += 1;
      this.events.push(now + Math.round(worker.random.exponential(wait)), { kind: 'look', member: worker.member.index });
    }
  }

  /** Batches the worker may discover, one HIT of each standing for its group; the batch worked last comes first. */
  private visibleBatches(ctx: OpContext, worker: WorkerState): HitView[] {
    // One index seek per HIT type (there are few) instead of a scan of every Assignable HIT.
    const rows = sql(
      ctx.db,
      `SELECT h.* FROM hit_types t JOIN hits h ON h.rowid = (
         SELECT rowid FROM hits WHERE status = 'Assignable' AND hit_type_id = t.hit_type_id ORDER BY rowid LIMIT 1)
       ORDER BY h.rowid`,
    ).all() as HitRow[];
    const visible = hitViews(ctx, rows).filter((hit) => refusal(ctx, hit, worker.member.workerId, 'Discover') === undefined);
    const shuffled = worker.random.sample(visible, visible.length);
    const sticky = shuffled.findIndex((hit) => hit.hit_type_id === worker.lastHitType);
    if (sticky > 0 && worker.random.chance(0.85)) shuffled.unshift(...shuffled.splice(sticky, 1));
    return shuffled;
  }

  /** Accepts up to the worker's usual handful of HITs from the first batch that has any for it; returns how many. */
  private grab(worker: WorkerState): number {
    const { member } = worker;
    return this.transact((ctx) => {
      if (!sql(ctx.db, 'SELECT 1 FROM workers WHERE worker_id = ?').get(member.workerId)) createWorker(ctx, member.attributes);
      const room = MAX_ACCEPTED_UNSUBMITTED - worker.queue.length;
      const wanted = Math.min(member.grab, room);
      if (wanted <= 0) return 0;
      const candidates = sql(
        ctx.db,
        `SELECT hit_id FROM hits h WHERE hit_type_id = ? AND status = 'Assignable'
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.worker_id = ? AND a.hit_id = h.hit_id)
         ORDER BY rowid LIMIT ?`,
      );
      for (const batch of this.visibleBatches(ctx, worker)) {
        // No more than the worker expects to finish within the time allotted to the first one.
        const durationMs = batch.assignment_duration_s * 1000;
        const fits = Math.max(1, Math.floor(durationMs / (this.medianWorkTime(worker, durationMs) * 1.5)));
        let accepted = 0;
        for (const { hit_id: hitId } of candidates.all(batch.hit_type_id, member.workerId, Math.min(wanted, fits)) as { hit_id: string }[]) {
          const outcome = this.tryAccept(ctx, worker, hitId, batch);
          if (outcome === 'accepted') accepted += 1;
          if (outcome === 'stop') break;
        }
        if (accepted > 0) {
          worker.lastHitType = batch.hit_type_id;
          return accepted;
        }
      }
      return 0;
    });
  }

  private tryAccept(ctx: OpContext, worker: WorkerState, hitId: string, batch: HitView): 'accepted' | 'skip' | 'stop' {
    try {
      const assignment = acceptHit(ctx, worker.member.workerId, hitId);
      const deadline = Math.round(assignment.Deadline * 1000);
      worker.queue.push({ assignmentId: assignment.AssignmentId, deadline, durationMs: batch.assignment_duration_s * 1000 });
      this.counts.accepted += 1;
      this.inFlight += 1;
      return 'accepted';
    } catch (error) {
      if (!(error instanceof ControlError)) throw error;
      if (error.status === 403) {
        const requirements = parseJsonList(batch.qualification_requirements) as QualificationRequirement[];
        this.counts.qualificationRequests += seekQualifications(ctx, worker.member, worker.random, requirements, worker.askedFor);
        return 'stop';
      }
      return error.code === 'TooManyAcceptedHITs' ? 'stop' : 'skip';
    }
  }

  /** The worker's median time for a task: a tenth of the time allotted, within 20 s – 15 min, scaled by its speed. */
  private medianWorkTime(worker: WorkerState, durationMs: number): number {
    return Math.min(15 * MINUTE, Math.max(20_000, durationMs / 10)) * worker.member.speed;
  }

  private workTime(worker: WorkerState, held: Held): number {
    return Math.round(worker.random.logNormal(this.medianWorkTime(worker, held.durationMs), 0.5));
  }

  private work(worker: WorkerState): void {
    const { member, random } = worker;
    for (;;) {
      const held = worker.queue.shift();
      if (!held) {
        this.events.push(this.now() + Math.round(random.between(5_000, 30_000)), { kind: 'look', member: member.index });
        return;
      }
      const now = this.now();
      if (now >= held.deadline) {
        this.lapse(held.assignmentId);
        continue;
      }
      const roll = random.float();
      const time = this.workTime(worker, held);
      if (roll < member.returnRate || now + time >= held.deadline) {
        // Not worth it, or no longer time enough: returned after a look.
        const at = Math.min(held.deadline - 1, now + Math.round(Math.min(time, 60_000) * random.between(0.1, 0.5)));
        this.events.push(at, { kind: 'return', member: member.index, assignmentId: held.assignmentId });
        return;
      }
      if (roll < member.returnRate + member.abandonRate) {
        // Forgotten in the queue: it lapses at its deadline.
        this.events.push(held.deadline, { kind: 'lapse', assignmentId: held.assignmentId });
        continue;
      }
      this.events.push(now + time, { kind: 'submit', member: member.index, assignmentId: held.assignmentId });
      return;
    }
  }

  private planOf(ctx: OpContext, hit: HitView): AnswerPlan {
    const key = `${hit.hit_type_id}\n${hit.question ?? ''}`;
    let plan = this.plans.get(key);
    if (!plan) {
      // A crowd that runs for days meets many distinct Questions: keep the cache small (and declarations fresh).
      if (this.plans.size >= MAX_CACHED_PLANS) this.plans.clear();
      plan = answerPlan(ctx, hit.question, hit.hit_type_id);
      this.plans.set(key, plan);
    }
    return plan;
  }

  private submit(worker: WorkerState, assignmentId: string): void {
    this.transact((ctx) => {
      const assignment = findAssignment(ctx, assignmentId);
      const hit = assignment ? findHit(ctx, assignment.hit_id) : undefined;
      if (!assignment || !hit || assignment.status !== 'Accepted') return this.settleGone(assignment?.status);
      const answers = this.planOf(ctx, hit)(worker.member, worker.random, truthOf(ctx, hit.hit_id));
      submitAssignment(ctx, assignmentId, answers);
      this.counts.submitted += 1;
      this.inFlight -= 1;
    });
    this.events.push(this.now(), { kind: 'work', member: worker.member.index });
  }

  private giveBack(worker: WorkerState, assignmentId: string): void {
    this.transact((ctx) => {
      const assignment = findAssignment(ctx, assignmentId);
      if (assignment?.status !== 'Accepted') return this.settleGone(assignment?.status);
      returnAssignment(ctx, assignmentId);
      this.counts.returned += 1;
      this.inFlight -= 1;
    });
    this.events.push(this.now(), { kind: 'work', member: worker.member.index });
  }

  /** The deadline of a forgotten assignment: the clock sweep abandons it. */
  private lapse(assignmentId: string): void {
    this.transact((ctx) => this.settleGone(findAssignment(ctx, assignmentId)?.status));
  }

  /** Work that left the worker's hands other than by its own action (the deadline passed; a reset deleted it). */
  private settleGone(status: string | undefined): void {
    if (status === 'Accepted') return;
    if (status === 'Abandoned') this.counts.abandoned += 1;
    this.inFlight -= 1;
  }
}
