/**
 * Review policies (spec §8): placeholder until B's evaluators land; replaced below.
 */
import type { OpContext } from '../ops/types';
import type { AssignmentRow, HitView } from './rows';

export function runHitReviewPolicy(_ctx: OpContext, hit: HitView): HitView {
  return hit;
}

export function runAssignmentReviewPolicy(_ctx: OpContext, _assignment: AssignmentRow, _hit: HitView): void {}
