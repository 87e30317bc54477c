/** What every consensus method returns, and the per-worker figures both methods share. */
import type { Label } from './labels';

/** The consensus of one item (a HIT) in one field. */
export interface ItemConsensus {
  readonly item: string;
  readonly label: string;
  /** Majority vote: the winning share of the votes. Dawid–Skene: the posterior probability of the label. */
  readonly confidence: number;
  /** How many workers labelled the item. */
  readonly answers: number;
  /** The share of the item's labels equal to the consensus label. */
  readonly agreement: number;
}

export interface WorkerEstimate {
  readonly worker: string;
  readonly answers: number;
  /** The share of the worker's labels equal to the consensus label of the item. */
  readonly agreement: number;
  /** Estimated share of the worker's labels that are right (Dawid–Skene: the mean posterior of their labels; majority vote: the agreement). */
  readonly accuracy: number;
  /** Dawid–Skene only: P(worker says column | true class is row), rows and columns in `classes` order. */
  readonly confusion?: readonly (readonly number[])[];
}

export interface Consensus {
  readonly method: 'mv' | 'ds';
  readonly classes: readonly string[];
  readonly items: readonly ItemConsensus[];
  readonly workers: readonly WorkerEstimate[];
}

/** Each worker's number of labels and share equal to the item's consensus. */
export function agreementWithConsensus(labels: readonly Label[], consensus: ReadonlyMap<string, string>): Map<string, { answers: number; agreed: number }> {
  const workers = new Map<string, { answers: number; agreed: number }>();
  for (const l of labels) {
    const w = workers.get(l.worker) ?? { answers: 0, agreed: 0 };
    w.answers += 1;
    if (consensus.get(l.item) === l.label) w.agreed += 1;
    workers.set(l.worker, w);
  }
  return workers;
}

/** The share of one item's labels equal to `label`. */
export function itemAgreement(labels: readonly Label[], label: string): number {
  return labels.length === 0 ? 0 : labels.filter((l) => l.label === label).length / labels.length;
}
