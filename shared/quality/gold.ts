/**
 * Gold: items whose right answer the requester knows — a batch's input columns named `gold_<field>` (`gold_label`
 * is the truth of answer field `label`; `gold_category.label` — or just `gold_category` — of a classifier's `category.label`). Per worker, how
 * often their labels on gold items were right.
 */
import type { Label } from './labels';

export const GOLD_PREFIX = 'gold_';

/** The gold answers of one item's input row: answer field → right label (empty cells are not gold). */
export function goldOfInputs(inputs: readonly { readonly name: string; readonly value: string }[]): Map<string, string> {
  const gold = new Map<string, string>();
  for (const { name, value } of inputs) {
    if (name.startsWith(GOLD_PREFIX) && name.length > GOLD_PREFIX.length && value.trim() !== '') gold.set(name.slice(GOLD_PREFIX.length), value.trim());
  }
  return gold;
}

export interface GoldScore {
  readonly worker: string;
  /** Labels the worker gave on gold items. */
  readonly goldAnswers: number;
  readonly goldCorrect: number;
  /** goldCorrect / goldAnswers; null without a gold answer. */
  readonly goldAccuracy: number | null;
}

/** Each worker's score on the gold items of one field (item → right label); workers without gold answers included. */
export function goldScores(labels: readonly Label[], gold: ReadonlyMap<string, string>): Map<string, GoldScore> {
  const scores = new Map<string, { goldAnswers: number; goldCorrect: number }>();
  for (const l of labels) {
    const s = scores.get(l.worker) ?? { goldAnswers: 0, goldCorrect: 0 };
    const right = gold.get(l.item);
    if (right !== undefined) {
      s.goldAnswers += 1;
      if (right === l.label) s.goldCorrect += 1;
    }
    scores.set(l.worker, s);
  }
  return new Map(
    [...scores].map(([worker, s]) => [worker, { worker, ...s, goldAccuracy: s.goldAnswers === 0 ? null : s.goldCorrect / s.goldAnswers }]),
  );
}

/** Sums scores across fields: a worker's gold accuracy over every gold label they gave. */
export function mergeGoldScores(perField: readonly ReadonlyMap<string, GoldScore>[]): Map<string, GoldScore> {
  const merged = new Map<string, GoldScore>();
  for (const scores of perField) {
    for (const s of scores.values()) {
      const m = merged.get(s.worker);
      const goldAnswers = (m?.goldAnswers ?? 0) + s.goldAnswers;
      const goldCorrect = (m?.goldCorrect ?? 0) + s.goldCorrect;
      merged.set(s.worker, { worker: s.worker, goldAnswers, goldCorrect, goldAccuracy: goldAnswers === 0 ? null : goldCorrect / goldAnswers });
    }
  }
  return merged;
}
