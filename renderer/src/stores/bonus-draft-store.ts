import { create } from 'zustand';

/** Work chosen elsewhere (the review queue, a worker's dossier) to be bonused: the Bonuses area opens it as a draft. */
export interface OfferedBonuses {
  readonly name: string;
  readonly work: readonly { readonly workerId: string; readonly assignmentId: string }[];
}

interface BonusDraftState {
  readonly offered: OfferedBonuses | null;
  offer(bonuses: OfferedBonuses): void;
  /** The offer, once: the Bonuses area takes it as it opens. */
  take(): OfferedBonuses | null;
}

export const useBonusDraftStore = create<BonusDraftState>((set, get) => ({
  offered: null,
  offer: (bonuses) => set({ offered: bonuses }),
  take: () => {
    const offered = get().offered;
    if (offered) set({ offered: null });
    return offered;
  },
}));
