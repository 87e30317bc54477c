/**
 * A quality report over a set of assignments (a batch, a HIT type): per categorical field, each HIT's consensus label
 * and confidence, and per worker their agreement with the consensus, estimated accuracy and gold accuracy.
 */
import type { Consensus } from './consensus';
import { dawidSkene } from './dawid-skene';
import { goldScores, mergeGoldScores, type GoldScore } from './gold';
import { categoricalLabels, type AnsweredAssignment, type Label } from './labels';
import { majorityVote } from './majority-vote';

export type QualityMethod = 'mv' | 'ds';

export interface HitFieldLabel {
  readonly HITId: string;
  readonly field: string;
  readonly label: string;
  readonly confidence: number;
  readonly answers: number;
  readonly agreement: number;
  /** The right label when the HIT's input row has a gold column for this field. */
  readonly gold: string | null;
}

export interface WorkerFieldEstimate {
  readonly field: string;
  readonly answers: number;
  readonly agreement: number;
  readonly accuracy: number;
  readonly classes: readonly string[];
  readonly confusion: readonly (readonly number[])[] | null;
}

export interface WorkerQuality {
  readonly workerId: string;
  readonly answers: number;
  /** Over every categorical field: share of labels equal to the consensus. */
  readonly agreement: number;
  /** Answers-weighted mean of the per-field accuracy estimates. */
  readonly accuracy: number;
  readonly goldAnswers: number;
  readonly goldCorrect: number;
  readonly goldAccuracy: number | null;
  readonly fields: readonly WorkerFieldEstimate[];
}

export interface QualityReport {
  readonly method: QualityMethod;
  readonly assignments: number;
  readonly fields: readonly string[];
  readonly labels: readonly HitFieldLabel[];
  readonly workers: readonly WorkerQuality[];
}

export interface QualityInput {
  readonly assignments: readonly AnsweredAssignment[];
  /** Per HIT: answer field → gold label (see gold.ts). */
  readonly gold: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly method: QualityMethod;
  /** Use these fields (else the categorical ones are guessed). */
  readonly fields?: readonly string[];
}

/** `gold_category` also stands for a classifier's `category.label` (column names with dots are awkward). */
export function goldFor(golds: ReadonlyMap<string, string> | undefined, field: string): string | undefined {
  return golds?.get(field) ?? (field.endsWith('.label') ? golds?.get(field.slice(0, -'.label'.length)) : undefined);
}

const consensusOf = (labels: readonly Label[], method: QualityMethod): Consensus => (method === 'ds' ? dawidSkene(labels) : majorityVote(labels));

export function qualityReport(input: QualityInput): QualityReport {
  const byField = categoricalLabels(input.assignments, input.fields);
  const fields = [...byField.keys()].sort();
  const labels: HitFieldLabel[] = [];
  const perWorker = new Map<string, WorkerFieldEstimate[]>();
  const gold: Map<string, GoldScore>[] = [];
  for (const field of fields) {
    const fieldLabels = byField.get(field)!;
    const consensus = consensusOf(fieldLabels, input.method);
    for (const item of consensus.items) {
      labels.push({ HITId: item.item, field, label: item.label, confidence: item.confidence, answers: item.answers, agreement: item.agreement, gold: goldFor(input.gold.get(item.item), field) ?? null });
    }
    for (const w of consensus.workers) {
      const list = perWorker.get(w.worker) ?? [];
      list.push({ field, answers: w.answers, agreement: w.agreement, accuracy: w.accuracy, classes: consensus.classes, confusion: w.confusion ?? null });
      perWorker.set(w.worker, list);
    }
    const fieldGold = new Map<string, string>();
    for (const [hitId, golds] of input.gold) {
      const right = goldFor(golds, field);
      if (right !== undefined) fieldGold.set(hitId, right);
    }
    gold.push(goldScores(fieldLabels, fieldGold));
  }
  const goldByWorker = mergeGoldScores(gold);
  const workers = [...perWorker].map(([workerId, estimates]): WorkerQuality => {
    const answers = estimates.reduce((n, e) => n + e.answers, 0);
    const weighted = (pick: (e: WorkerFieldEstimate) => number): number => estimates.reduce((s, e) => s + pick(e) * e.answers, 0) / answers;
    const g = goldByWorker.get(workerId);
    return {
      workerId,
      answers,
      agreement: weighted((e) => e.agreement),
      accuracy: weighted((e) => e.accuracy),
      goldAnswers: g?.goldAnswers ?? 0,
      goldCorrect: g?.goldCorrect ?? 0,
      goldAccuracy: g?.goldAccuracy ?? null,
      fields: estimates,
    };
  });
  workers.sort((a, b) => a.accuracy - b.accuracy || (a.workerId < b.workerId ? -1 : 1));
  return { method: input.method, assignments: input.assignments.length, fields, labels, workers };
}
