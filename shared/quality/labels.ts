/**
 * The categorical answers quality control works on: one label per (item, field, worker), where an item is a HIT and a
 * field an answer field as the archive flattens it (a crowd classifier inside `taskAnswers` is `category.label`).
 * Pure: no Node, no DOM.
 */

/** One worker's label for one field of one item. */
export interface Label {
  readonly item: string;
  readonly worker: string;
  readonly label: string;
}

/** An assignment's flat answers, as archived (field → text). */
export interface AnsweredAssignment {
  readonly assignmentId: string;
  readonly hitId: string;
  readonly workerId: string;
  readonly answers: Readonly<Record<string, string>>;
}

/** Above this many distinct labels a field reads as free text, not a category. */
export const MAX_CATEGORIES = 20;
/** A category is a short token, not a sentence or a JSON list of boxes. */
const MAX_LABEL_LENGTH = 100;

/**
 * The categorical fields of these assignments and every non-empty label given in each. A field is categorical when
 * its labels are short, not JSON, at most MAX_CATEGORIES distinct, and repeated (at most half as many distinct labels
 * as answers, or only two) — free text and drawn boxes are left out. `only` names the fields to use regardless of that guess.
 */
export function categoricalLabels(assignments: readonly AnsweredAssignment[], only?: readonly string[]): Map<string, Label[]> {
  const byField = new Map<string, Label[]>();
  for (const a of assignments) {
    for (const [field, value] of Object.entries(a.answers)) {
      if (only && !only.includes(field)) continue;
      const label = value.trim();
      if (label === '') continue;
      let labels = byField.get(field);
      if (!labels) byField.set(field, (labels = []));
      labels.push({ item: a.hitId, worker: a.workerId, label });
    }
  }
  if (only) return byField;
  for (const [field, labels] of byField) if (!looksCategorical(labels)) byField.delete(field);
  return byField;
}

function looksCategorical(labels: readonly Label[]): boolean {
  const distinct = new Set<string>();
  for (const { label } of labels) {
    if (label.length > MAX_LABEL_LENGTH || label.startsWith('[') || label.startsWith('{')) return false;
    distinct.add(label);
    if (distinct.size > MAX_CATEGORIES) return false;
  }
  return distinct.size <= 2 || distinct.size * 2 <= labels.length;
}

/** Items in first-seen order, each with its labels. */
export function labelsByItem(labels: readonly Label[]): Map<string, Label[]> {
  const items = new Map<string, Label[]>();
  for (const l of labels) {
    const list = items.get(l.item);
    if (list) list.push(l);
    else items.set(l.item, [l]);
  }
  return items;
}

/** Sorted distinct labels: the classes, in a stable order. */
export function classesOf(labels: readonly Label[]): string[] {
  return [...new Set(labels.map((l) => l.label))].sort();
}
