/**
 * Dawid–Skene (1979): expectation–maximisation over the true class of each item, with one confusion matrix per worker
 * (P(says l | truth k)) and class priors. Starts from the majority vote's vote shares; stops when no posterior moves
 * by more than TOLERANCE, or after MAX_ITERATIONS. A little smoothing keeps a worker seen once from getting
 * probabilities of exactly 0 or 1, which would let one label overrule every other.
 */
import { agreementWithConsensus, itemAgreement, type Consensus, type ItemConsensus } from './consensus';
import { classesOf, labelsByItem, type Label } from './labels';

export interface DawidSkeneOptions {
  /** Pseudo-count added to every cell of every confusion matrix (default 0.01). */
  readonly smoothing?: number;
  readonly maxIterations?: number;
}

/** Converged when no posterior moves by more than this in one round: below what a reported confidence shows. */
const TOLERANCE = 1e-3;
const MAX_ITERATIONS = 100;

/** The labels as indexes: item i, worker j, class k. */
export interface Coded {
  readonly classes: readonly string[];
  readonly items: readonly string[];
  readonly workers: readonly string[];
  /** Per item: [worker index, class index] of each label. */
  readonly byItem: readonly (readonly (readonly [number, number])[])[];
}

export function code(labels: readonly Label[]): Coded {
  const classes = classesOf(labels);
  const classIndex = new Map(classes.map((c, k) => [c, k]));
  const workerIndex = new Map<string, number>();
  const grouped = labelsByItem(labels);
  const byItem = [...grouped.values()].map((itemLabels) =>
    itemLabels.map((l) => {
      let j = workerIndex.get(l.worker);
      if (j === undefined) workerIndex.set(l.worker, (j = workerIndex.size));
      return [j, classIndex.get(l.label)!] as const;
    }),
  );
  return { classes, items: [...grouped.keys()], workers: [...workerIndex.keys()], byItem };
}

export interface Parameters {
  readonly priors: readonly number[];
  /** [worker][truth][said] */
  readonly confusion: readonly (readonly (readonly number[])[])[];
}

/** M-step: priors and confusion matrices from the posteriors of every item's class. */
export function mStep(coded: Coded, posteriors: readonly (readonly number[])[], smoothing: number): Parameters {
  const K = coded.classes.length;
  const priors = new Array<number>(K).fill(0);
  const counts = coded.workers.map(() => Array.from({ length: K }, () => new Array<number>(K).fill(smoothing)));
  coded.byItem.forEach((itemLabels, i) => {
    const t = posteriors[i]!;
    for (let k = 0; k < K; k++) priors[k]! += t[k]!;
    for (const [j, l] of itemLabels) for (let k = 0; k < K; k++) counts[j]![k]![l]! += t[k]!;
  });
  const total = priors.reduce((a, b) => a + b, 0);
  const confusion = counts.map((rows) =>
    rows.map((row) => {
      const sum = row.reduce((a, b) => a + b, 0);
      // A class the worker was never (probably) shown: no evidence, so every answer is equally likely.
      return sum === 0 ? row.map(() => 1 / K) : row.map((c) => c / sum);
    }),
  );
  return { priors: priors.map((p) => p / total), confusion };
}

/** E-step: each item's posterior over classes given the parameters (in log space: many labels underflow). */
export function eStep(coded: Coded, parameters: Parameters): number[][] {
  const K = coded.classes.length;
  // Logs once per worker and cell, not once per label.
  const logConfusion = parameters.confusion.map((rows) => rows.map((row) => row.map((p) => Math.log(p))));
  const logPriors = parameters.priors.map((p) => Math.log(p));
  return coded.byItem.map((itemLabels) => {
    const log = [...logPriors];
    for (const [j, l] of itemLabels) {
      const rows = logConfusion[j]!;
      for (let k = 0; k < K; k++) log[k]! += rows[k]![l]!;
    }
    const top = Math.max(...log);
    const weights = log.map((x) => (x === -Infinity ? 0 : Math.exp(x - top)));
    const sum = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => w / sum);
  });
}

/** Vote shares: the starting posteriors. */
function voteShares(coded: Coded): number[][] {
  return coded.byItem.map((itemLabels) => {
    const shares = new Array<number>(coded.classes.length).fill(0);
    for (const [, l] of itemLabels) shares[l]! += 1 / itemLabels.length;
    return shares;
  });
}

/** The index of the largest value; ties go to the first (classes are sorted, so the result is stable). */
function argmax(values: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k]! > values[best]! + 1e-12) best = k;
  return best;
}

export function dawidSkene(labels: readonly Label[], options: DawidSkeneOptions = {}): Consensus & { readonly iterations: number } {
  const coded = code(labels);
  const smoothing = options.smoothing ?? 0.01;
  let posteriors = voteShares(coded);
  let parameters = mStep(coded, posteriors, smoothing);
  let iterations = 0;
  while (iterations < (options.maxIterations ?? MAX_ITERATIONS)) {
    iterations += 1;
    const next = eStep(coded, parameters);
    const moved = next.some((t, i) => t.some((p, k) => Math.abs(p - posteriors[i]![k]!) > TOLERANCE));
    posteriors = next;
    parameters = mStep(coded, posteriors, smoothing);
    if (!moved) break;
  }
  const winners = new Map<string, string>();
  const items: ItemConsensus[] = coded.items.map((item, i) => {
    const k = argmax(posteriors[i]!);
    const label = coded.classes[k]!;
    winners.set(item, label);
    const itemLabels = coded.byItem[i]!.map(([, l]) => ({ item, worker: '', label: coded.classes[l]! }));
    return { item, label, confidence: posteriors[i]![k]!, answers: itemLabels.length, agreement: itemAgreement(itemLabels, label) };
  });
  const agreement = agreementWithConsensus(labels, winners);
  // A worker's accuracy: the expected share of their own labels that are right, P(truth = their label) per item.
  const expectedRight = new Array<number>(coded.workers.length).fill(0);
  coded.byItem.forEach((itemLabels, i) => {
    for (const [j, l] of itemLabels) expectedRight[j]! += posteriors[i]![l]!;
  });
  const workers = coded.workers.map((worker, j) => {
    const w = agreement.get(worker)!;
    return { worker, answers: w.answers, agreement: w.agreed / w.answers, accuracy: expectedRight[j]! / w.answers, confusion: parameters.confusion[j]! };
  });
  return { method: 'ds', classes: coded.classes, items, workers, iterations };
}
