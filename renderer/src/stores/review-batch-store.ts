import { create } from 'zustand';

/** A batch whose work the review queue shows when it next opens (from the batch page's "Review its work"). */
export interface ReviewBatch {
  readonly id: string;
  readonly name: string;
}

interface ReviewBatchState {
  readonly batch: ReviewBatch | null;
  open(batch: ReviewBatch): void;
  /** The batch, once: the review queue takes it as it opens. */
  take(): ReviewBatch | null;
}

export const useReviewBatchStore = create<ReviewBatchState>((set, get) => ({
  batch: null,
  open: (batch) => set({ batch }),
  take: () => {
    const batch = get().batch;
    if (batch !== null) set({ batch: null });
    return batch;
  },
}));

/** Opens the review queue on one batch's work, from anywhere in the app (the area follows the address). */
export function reviewBatch(batch: ReviewBatch): void {
  useReviewBatchStore.getState().open(batch);
  window.location.hash = '/review';
}
