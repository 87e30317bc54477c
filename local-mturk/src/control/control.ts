/**
 * The control API's operations, in-process: worker simulation, the virtual clock, the event log, reset.
 * The HTTP routes under /_local/ call exactly these, so tests in-process and scripts over HTTP see the same thing.
 */
import type { AnswerField } from '../../../shared/mturk/answers';
import type { LocalMTurkApp } from '../app';
import { advanceProblem } from '../clock';
import type { Slot } from '../crowd/answer-values';
import { declareExternalAnswers } from '../crowd/external-answers';
import { simulateCrowd, type SimulateOptions, type SimulateResult } from '../crowd/simulate';
import { registerTruth, truthOf, type TruthAnswers } from '../crowd/truth';
import { readEventLog, type LoggedEvent } from '../domain/events';
import { requestQualification, type RequestOutcome } from '../ops/qualifications';
import type { WorkerAttributes } from '../rules/requirements';
import {
  abandonAssignment,
  acceptHit,
  answersXml,
  listVisibleHits,
  previewHit,
  returnAssignment,
  submitAssignment,
  type AcceptedAssignment,
  type SubmittedAnswers,
} from '../worker/actions';
import { ControlError } from '../worker/errors';
import { createWorker, listWorkers, loadWorker, type NewWorker } from '../worker/workers';

export const CONTROL_ACTOR = 'local-control';

export interface LocalControl {
  createWorker(spec?: NewWorker): WorkerAttributes;
  listWorkers(): WorkerAttributes[];
  listVisibleHits(workerId: string): Record<string, unknown>[];
  preview(workerId: string, hitId: string): Record<string, unknown>;
  accept(workerId: string, hitId: string): AcceptedAssignment;
  submit(assignmentId: string, answers: SubmittedAnswers): void;
  returnAssignment(assignmentId: string): void;
  abandon(assignmentId: string): void;
  /** The worker requests a qualification (answering its test when it has one). */
  requestQualification(workerId: string, qualificationTypeId: string, testAnswers?: SubmittedAnswers): RequestOutcome;
  events(afterSeq?: number): LoggedEvent[];
  /** The right answers of a HIT by question / field name, for the simulated crowd (replaces earlier truth). */
  setTruth(hitId: string, answers: TruthAnswers): void;
  /** Truth of several HITs at once; nothing is stored when one of them is refused. Returns how many were stored. */
  setTruths(truths: Readonly<Record<string, TruthAnswers>>): number;
  /** The registered truth of a HIT (404 ControlError when none is). */
  getTruth(hitId: string): TruthAnswers;
  /** The form fields an ExternalQuestion page of this HIT type posts (see crowd/external-answers.ts). */
  declareExternalAnswers(hitTypeId: string, declaration: { fields: unknown[] }): Slot[];
  /**
   * A seeded crowd works the HITs on offer on a frozen virtual clock; same seed and calls, same results. It runs in
   * slices with other requests answered in between; simulations run one after another.
   */
  simulate(options: SimulateOptions): Promise<SimulateResult>;
  advanceClock(ms: number): number;
  reset(): void;
}

export type {
  AnswerField,
  AcceptedAssignment,
  LoggedEvent,
  NewWorker,
  RequestOutcome,
  SimulateOptions,
  SimulateResult,
  SubmittedAnswers,
  TruthAnswers,
  WorkerAttributes,
};

export function createControl(app: LocalMTurkApp): LocalControl {
  const run = <T>(work: (ctx: ReturnType<LocalMTurkApp['context']>) => T): T => {
    const ctx = app.context(CONTROL_ACTOR);
    return app.transact(ctx, () => work(ctx));
  };
  return {
    createWorker: (spec = {}) => run((ctx) => createWorker(ctx, spec)),
    listWorkers: () => run((ctx) => listWorkers(ctx)),
    listVisibleHits: (workerId) => run((ctx) => listVisibleHits(ctx, workerId)),
    preview: (workerId, hitId) => run((ctx) => previewHit(ctx, workerId, hitId)),
    accept: (workerId, hitId) => run((ctx) => acceptHit(ctx, workerId, hitId)),
    submit: (assignmentId, answers) => run((ctx) => submitAssignment(ctx, assignmentId, answers)),
    returnAssignment: (assignmentId) => run((ctx) => returnAssignment(ctx, assignmentId)),
    abandon: (assignmentId) => run((ctx) => abandonAssignment(ctx, assignmentId)),
    requestQualification: (workerId, typeId, testAnswers) =>
      run((ctx) => {
        loadWorker(ctx, workerId);
        return requestQualification(ctx, workerId, typeId, testAnswers === undefined ? undefined : answersXml(testAnswers));
      }),
    events: (afterSeq = 0) => run(() => readEventLog(app.db, afterSeq)),
    setTruth: (hitId, answers) => void run((ctx) => registerTruth(ctx, { [hitId]: answers })),
    setTruths: (truths) => run((ctx) => registerTruth(ctx, truths)),
    getTruth: (hitId) =>
      run((ctx) => {
        const truth = truthOf(ctx, hitId);
        if (!truth) throw new ControlError(404, 'TruthNotFound', `No truth is registered for HIT ${hitId}.`);
        return truth;
      }),
    declareExternalAnswers: (hitTypeId, declaration) => run((ctx) => declareExternalAnswers(ctx, hitTypeId, declaration)),
    simulate: (options) => simulateCrowd(app, options),
    advanceClock: (ms) => {
      const problem = advanceProblem(ms, app.clock.offsetMs());
      if (problem) throw new ControlError(400, 'InvalidInput', problem);
      app.advanceClock(ms);
      return run((ctx) => ctx.now());
    },
    reset: () => app.reset(),
  };
}
