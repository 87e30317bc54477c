import { describe, expect, it } from 'vitest';
import { code, dawidSkene, eStep, mStep } from '../../../shared/quality/dawid-skene';
import { goldOfInputs, goldScores } from '../../../shared/quality/gold';
import { categoricalLabels, type Label } from '../../../shared/quality/labels';
import { majorityVote } from '../../../shared/quality/majority-vote';

const L = (item: string, worker: string, label: string): Label => ({ item, worker, label });

describe('majority vote', () => {
  it('takes the most frequent label, breaks ties by sort order, and scores workers by agreement', () => {
    const result = majorityVote([L('h1', 'w1', 'a'), L('h1', 'w2', 'a'), L('h1', 'w3', 'b'), L('h2', 'w2', 'b'), L('h2', 'w1', 'a'), L('h3', 'w1', 'c')]);
    expect(result.classes).toEqual(['a', 'b', 'c']);
    expect(result.items).toEqual([
      { item: 'h1', label: 'a', confidence: 2 / 3, answers: 3, agreement: 2 / 3 },
      { item: 'h2', label: 'a', confidence: 0.5, answers: 2, agreement: 0.5 },
      { item: 'h3', label: 'c', confidence: 1, answers: 1, agreement: 1 },
    ]);
    const byWorker = Object.fromEntries(result.workers.map((w) => [w.worker, [w.answers, w.agreement]]));
    expect(byWorker).toEqual({ w1: [3, 1], w2: [2, 0.5], w3: [1, 0] });
  });
});

describe('Dawid–Skene', () => {
  it('E-step: the posterior of an item from priors and confusion matrices (computed by hand)', () => {
    // Classes sort as [neg, pos]; w0 says pos, w1 says neg.
    const coded = code([L('h', 'w0', 'pos'), L('h', 'w1', 'neg')]);
    expect(coded.classes).toEqual(['neg', 'pos']);
    const [posterior] = eStep(coded, {
      priors: [0.4, 0.6],
      confusion: [
        [[0.9, 0.1], [0.2, 0.8]],
        [[0.6, 0.4], [0.3, 0.7]],
      ],
    });
    // neg: 0.4 · 0.1 · 0.6 = 0.024; pos: 0.6 · 0.8 · 0.3 = 0.144; normalised: 1/7 and 6/7.
    expect(posterior![0]).toBeCloseTo(1 / 7, 12);
    expect(posterior![1]).toBeCloseTo(6 / 7, 12);
  });

  it('M-step: priors and confusion rows from soft posteriors (computed by hand)', () => {
    const coded = code([L('h1', 'w0', 'neg'), L('h2', 'w0', 'pos')]);
    const { priors, confusion } = mStep(coded, [[1, 0], [0.5, 0.5]], 0);
    expect(priors).toEqual([0.75, 0.25]);
    // Truth neg: said neg with weight 1 (h1), pos with 0.5 (h2). Truth pos: said pos with 0.5 (h2).
    expect(confusion[0]![0]![0]).toBeCloseTo(2 / 3, 12);
    expect(confusion[0]![0]![1]).toBeCloseTo(1 / 3, 12);
    expect(confusion[0]![1]).toEqual([0, 1]);
  });

  it('learns that two workers always answer "a" whatever the truth, and follows the one whose answers vary', () => {
    const labels: Label[] = [];
    for (let i = 0; i < 20; i++) {
      const truth = i % 2 === 0 ? 'a' : 'b';
      labels.push(L(`h${i}`, 'good', truth), L(`h${i}`, 'lazy1', 'a'), L(`h${i}`, 'lazy2', 'a'));
    }
    // A control worker on some items too, so "good" is not alone.
    for (let i = 0; i < 20; i += 3) labels.push(L(`h${i}`, 'control', i % 2 === 0 ? 'a' : 'b'));
    const mv = majorityVote(labels);
    expect(mv.items.every((item) => item.label === 'a')).toBe(true);
    const ds = dawidSkene(labels);
    expect(ds.items.map((item) => item.label)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'a' : 'b')));
    const lazy = ds.workers.find((w) => w.worker === 'lazy1')!;
    // Says "a" when the truth is b: the b row of its confusion matrix puts nearly everything on a.
    expect(lazy.confusion![1]![0]).toBeGreaterThan(0.95);
    expect(lazy.accuracy).toBeCloseTo(0.5, 1);
    expect(ds.workers.find((w) => w.worker === 'good')!.accuracy).toBeGreaterThan(0.95);
  });

  it('estimates worker accuracies of a simulated crowd within a few points, and labels at least as well as majority vote', () => {
    let state = 12345;
    const random = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const classes = ['cat', 'dog', 'bird'];
    const workers = Array.from({ length: 15 }, (_, j) => ({ id: `W${j}`, accuracy: 0.55 + (0.4 * j) / 14 }));
    const truth = Array.from({ length: 400 }, () => classes[Math.floor(random() * 3)]!);
    const labels: Label[] = [];
    const right = new Map<string, { n: number; ok: number }>();
    truth.forEach((t, i) => {
      const chosen = [...workers].sort(() => random() - 0.5).slice(0, 5);
      for (const w of chosen) {
        const correct = random() < w.accuracy;
        const wrong = classes.filter((c) => c !== t);
        const label = correct ? t : wrong[Math.floor(random() * 2)]!;
        labels.push(L(`h${i}`, w.id, label));
        const r = right.get(w.id) ?? { n: 0, ok: 0 };
        r.n += 1;
        if (correct) r.ok += 1;
        right.set(w.id, r);
      }
    });
    const ds = dawidSkene(labels);
    for (const w of ds.workers) {
      const actual = right.get(w.worker)!;
      expect(Math.abs(w.accuracy - actual.ok / actual.n)).toBeLessThan(0.05);
    }
    const hits = (c: { items: readonly { item: string; label: string }[] }): number => c.items.filter((item) => truth[Number(item.item.slice(1))] === item.label).length;
    expect(hits(ds)).toBeGreaterThanOrEqual(hits(majorityVote(labels)));
    expect(hits(ds) / truth.length).toBeGreaterThan(0.9);
    expect(ds.iterations).toBeLessThan(100);
  });
});

describe('which fields are categorical, and gold', () => {
  it('keeps repeated short labels (crowd classifier fields included) and leaves free text and boxes out', () => {
    const a = (id: string, hitId: string, workerId: string, answers: Record<string, string>) => ({ assignmentId: id, hitId, workerId, answers });
    const fields = categoricalLabels([
      a('A1', 'H1', 'W1', { 'category.label': 'cat', note: 'fluffy thing', boxes: '[{"left":1}]' }),
      a('A2', 'H1', 'W2', { 'category.label': 'dog', note: 'a dog I think', boxes: '[{"left":2}]' }),
      a('A3', 'H2', 'W1', { 'category.label': 'cat', note: 'meow', boxes: '[]' }),
      a('A4', 'H2', 'W2', { 'category.label': '', note: 'cat', boxes: '[]' }),
    ]);
    expect([...fields.keys()]).toEqual(['category.label']);
    // An empty answer is no label.
    expect(fields.get('category.label')).toHaveLength(3);
  });

  it('reads gold columns and scores each worker on the gold items only', () => {
    expect(goldOfInputs([{ name: 'image', value: 'x.png' }, { name: 'gold_category.label', value: ' cat ' }, { name: 'gold_note', value: '' }])).toEqual(new Map([['category.label', 'cat']]));
    const scores = goldScores([L('h1', 'w1', 'cat'), L('h2', 'w1', 'dog'), L('h1', 'w2', 'dog'), L('h3', 'w2', 'cat')], new Map([['h1', 'cat'], ['h2', 'cat']]));
    expect(scores.get('w1')).toEqual({ worker: 'w1', goldAnswers: 2, goldCorrect: 1, goldAccuracy: 0.5 });
    expect(scores.get('w2')).toEqual({ worker: 'w2', goldAnswers: 1, goldCorrect: 0, goldAccuracy: 0 });
  });
});
