/**
 * Majority vote: each item's most frequent label; a tie goes to the label that sorts first, so the result never
 * depends on answer order. A worker's estimated accuracy is its agreement with that consensus.
 */
import { agreementWithConsensus, itemAgreement, type Consensus, type ItemConsensus } from './consensus';
import { classesOf, labelsByItem, type Label } from './labels';

export function majorityVote(labels: readonly Label[]): Consensus {
  const items: ItemConsensus[] = [];
  const winners = new Map<string, string>();
  for (const [item, itemLabels] of labelsByItem(labels)) {
    const votes = new Map<string, number>();
    for (const l of itemLabels) votes.set(l.label, (votes.get(l.label) ?? 0) + 1);
    const [label, count] = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    winners.set(item, label);
    items.push({ item, label, confidence: count / itemLabels.length, answers: itemLabels.length, agreement: itemAgreement(itemLabels, label) });
  }
  const workers = [...agreementWithConsensus(labels, winners)].map(([worker, w]) => ({
    worker,
    answers: w.answers,
    agreement: w.agreed / w.answers,
    accuracy: w.agreed / w.answers,
  }));
  return { method: 'mv', classes: classesOf(labels), items, workers };
}
