import { handoff } from './handoff';

/** A batch whose work the review queue shows when it next opens (from a batch page or the Dashboard). */
export interface ReviewBatch {
  readonly id: string;
  readonly name: string;
}

export const batchToReview = handoff<ReviewBatch>();

/** Opens the review queue on one batch's work, from anywhere in the app (the area follows the address). */
export function reviewBatch(batch: ReviewBatch): void {
  batchToReview.give(batch);
  window.location.hash = '/review';
}
