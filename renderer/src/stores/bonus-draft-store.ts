import { handoff } from './handoff';

/** Work chosen elsewhere (the review queue, a worker's dossier) to be bonused: the Bonuses area opens it as a draft. */
export interface OfferedBonuses {
  readonly name: string;
  readonly work: readonly { readonly workerId: string; readonly assignmentId: string }[];
}

export const offeredBonuses = handoff<OfferedBonuses>();
