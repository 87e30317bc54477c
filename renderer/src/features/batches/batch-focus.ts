import { create } from 'zustand';

/**
 * Which batch the Batches area shows as a page (null: the list). Kept outside the view so another area — the batch
 * editor after "Try on Local MTurk" — can open a batch's page and then switch to the area.
 */
export const useBatchFocus = create<{ readonly openId: string | null; open(batchId: string | null): void }>((set) => ({
  openId: null,
  open: (openId) => set({ openId }),
}));

/** Shows the batch's page in the Batches area, from anywhere in the app. */
export function showBatchPage(batchId: string): void {
  useBatchFocus.getState().open(batchId);
  window.location.hash = '/batches';
}
