/**
 * settleHit: the one call every state change ends with — recompute the HIT, and run its HIT-level review policy
 * when it has just become Reviewable.
 */
import type { OpContext } from '../ops/types';
import { refreshHit } from './hit-state';
import { runHitReviewPolicy } from './review';
import type { HitView } from './rows';

export function settleHit(ctx: OpContext, hitId: string): HitView {
  const { hit, becameReviewable } = refreshHit(ctx, hitId);
  if (becameReviewable && hit.hit_review_policy) return runHitReviewPolicy(ctx, hit);
  return hit;
}
