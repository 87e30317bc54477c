/**
 * What the demo's workers answer: mostly careful, sometimes wrong, in the shape each question format produces — the
 * crowd HTML elements' `taskAnswers` JSON, QuestionForm selections and free text, and an ExternalQuestion page's
 * form fields. Seeded, so a demo is the same every time.
 */
import { SHOPPING_CHOICES, SIGN_TEST_QUESTIONS } from './batches';
import { SIGN_LABELS, type SignLabel } from './sign-images';

export type Answers = Record<string, string | string[]>;

/** mulberry32: small, fast and good enough to pick answers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/** A crowd-classifier answer as crowd-form submits it; `accuracy` is the chance of the right label. */
export function signAnswer(random: Random, truth: SignLabel, accuracy: number): Answers {
  const label = random() < accuracy ? truth : pick(random, SIGN_LABELS.filter((l) => l !== truth));
  return { taskAnswers: JSON.stringify([{ category: { label } }]) };
}

/** Answers to the sign test: all right for a careful worker, one slip at most otherwise (unless `fail`). */
export function signTestAnswers(random: Random, fail: boolean): Answers {
  const wrongAt = fail ? -1 : random() < 0.3 ? between(random, 0, SIGN_TEST_QUESTIONS.length - 1) : SIGN_TEST_QUESTIONS.length;
  return Object.fromEntries(
    SIGN_TEST_QUESTIONS.map((q, index) => {
      const wrong = fail ? index > 0 : index === wrongAt;
      const choice = wrong ? q.options.find(([id]) => id !== q.correct)![0] : q.correct;
      return [q.id, [choice]];
    }),
  );
}

const FRUSTRATIONS = [
  'Delivery dates that slip after I paid.',
  'Returns are a hassle, especially printing labels.',
  'Fake reviews. I never know which ones to trust.',
  'Shipping costs that only show up at checkout.',
  'Sizes are different on every site.',
  'Too many emails after buying one thing.',
  '',
  '',
];

export function shoppingAnswers(random: Random): Answers {
  const devices = SHOPPING_CHOICES.devices.filter(() => random() < 0.45);
  const frustration = pick(random, FRUSTRATIONS);
  return {
    age_group: [pick(random, SHOPPING_CHOICES.age_group)],
    devices: devices.length > 0 ? devices : ['phone'],
    orders_per_month: String(between(random, 0, 12)),
    zip_code: String(between(random, 10_001, 99_950)).padStart(5, '0'),
    ...(frustration ? { frustration } : {}),
  };
}

const IMPROVEMENTS = [
  'More frequent buses in the evening.',
  'A safe bike lane on the main road.',
  'Cheaper parking near the office.',
  'Trains that are on time.',
  'Being able to work from home one more day.',
  '',
];

const MODES = [
  ['car', 12, 45],
  ['public_transport', 20, 70],
  ['bicycle', 8, 35],
  ['walk', 5, 25],
  ['remote', 0, 0],
] as const;

/** The fields the commute survey page posts. */
export function commuteAnswers(random: Random): Answers {
  const [mode, min, max] = pick(random, MODES);
  const improvement = pick(random, IMPROVEMENTS);
  return {
    commute_mode: mode,
    commute_minutes: String(between(random, min, max)),
    remote_days: String(mode === 'remote' ? 5 : between(random, 0, 3)),
    ...(improvement ? { improvement } : {}),
  };
}
