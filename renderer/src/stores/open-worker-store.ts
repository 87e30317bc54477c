import { create } from 'zustand';

/** A worker chosen elsewhere (the review queue) whose dossier the Workers area opens as it mounts. */
interface OpenWorkerState {
  readonly workerId: string | null;
  open(workerId: string): void;
  /** The worker, once: the Workers area takes it as it opens. */
  take(): string | null;
}

export const useOpenWorkerStore = create<OpenWorkerState>((set, get) => ({
  workerId: null,
  open: (workerId) => set({ workerId }),
  take: () => {
    const workerId = get().workerId;
    if (workerId !== null) set({ workerId: null });
    return workerId;
  },
}));
