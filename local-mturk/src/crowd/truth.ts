/**
 * Ground truth per HIT: the right answer of each question / form field, by name. A value is a string, a number, a
 * list of selections, or a crowd element's value in the shape the element submits (a plain label string stands for
 * the label of a classifier-like element). All-or-nothing: a bulk call with one bad HIT stores nothing.
 */
import type { OpContext } from '../ops/types';
import { sql } from '../store/statements';
import { ControlError } from '../worker/errors';

export type TruthAnswers = Readonly<Record<string, unknown>>;

function checkedAnswers(hitId: string, answers: unknown): TruthAnswers {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw new ControlError(400, 'InvalidInput', `The truth of HIT ${hitId} must be an object of answers by question name, e.g. {"label": "cat"}.`);
  }
  for (const [name, value] of Object.entries(answers)) {
    if (name.trim() === '') throw new ControlError(400, 'InvalidInput', `The truth of HIT ${hitId} has an empty question name.`);
    if (value === null || value === undefined) {
      throw new ControlError(400, 'InvalidInput', `The truth of HIT ${hitId}, question ${name}, is null; give a value or leave the question out.`);
    }
  }
  return answers as TruthAnswers;
}

function requireHit(ctx: OpContext, hitId: string): void {
  if (!sql(ctx.db, 'SELECT 1 FROM hits WHERE hit_id = ?').get(hitId)) {
    throw new ControlError(404, 'HITNotFound', `HIT ${hitId} does not exist.`);
  }
}

/** Registers (or replaces) the truth of several HITs; checks every one before storing any. */
export function registerTruth(ctx: OpContext, truths: Readonly<Record<string, unknown>>): number {
  const checked = Object.entries(truths).map(([hitId, answers]) => {
    requireHit(ctx, hitId);
    return [hitId, checkedAnswers(hitId, answers)] as const;
  });
  const upsert = sql(ctx.db, 'INSERT INTO crowd_truth (hit_id, answers) VALUES (?, ?) ON CONFLICT (hit_id) DO UPDATE SET answers = excluded.answers');
  for (const [hitId, answers] of checked) upsert.run(hitId, JSON.stringify(answers));
  return checked.length;
}

export function truthOf(ctx: OpContext, hitId: string): TruthAnswers | undefined {
  const row = sql(ctx.db, 'SELECT answers FROM crowd_truth WHERE hit_id = ?').get(hitId) as { answers: string } | undefined;
  return row ? (JSON.parse(row.answers) as TruthAnswers) : undefined;
}
