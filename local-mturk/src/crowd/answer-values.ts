/**
 * One answer slot (a question, a form field) and the value a simulated worker gives it: honest workers give the
 * registered truth with their accuracy and otherwise a wrong but valid answer; without a truth, a plausible valid
 * answer; random spammers a uniformly random valid answer; same-answer spammers always the same one. Every value
 * satisfies the slot's constraints (selection counts, lengths, numeric ranges, regular expressions).
 */
import RandExp from 'randexp';
import type { CrowdMember } from './population';
import { Random } from './random';

export type Slot =
  | { readonly kind: 'choice'; readonly name: string; readonly options: readonly string[]; readonly min: number; readonly max: number }
  | {
      readonly kind: 'text';
      readonly name: string;
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly patterns: readonly { readonly regex: string; readonly flags?: string }[];
    }
  | { readonly kind: 'number'; readonly name: string; readonly min?: number; readonly max?: number };

/** A choice slot answers with the chosen options; text and number slots with one string. */
export type SlotValue = string | readonly string[];

const SAME_ANSWER_SEED = 7;

const WORDS = ['yes', 'no', 'maybe', 'good', 'fine', 'blue', 'house', 'river', 'apple', 'seven', 'table', 'quick', 'paper', 'stone', 'light'];

function matchesAll(slot: Extract<Slot, { kind: 'text' }>, text: string): boolean {
  if (slot.minLength !== undefined && text.length < slot.minLength) return false;
  if (slot.maxLength !== undefined && text.length > slot.maxLength) return false;
  return slot.patterns.every((p) => new RegExp(p.regex, p.flags === 'i' ? 'i' : '').test(text));
}

function fitLength(slot: Extract<Slot, { kind: 'text' }>, text: string, random: Random): string {
  let out = text;
  while (slot.minLength !== undefined && out.length < slot.minLength) out += ` ${random.pick(WORDS)}`;
  return slot.maxLength === undefined ? out : out.slice(0, Math.max(slot.maxLength, 0));
}

function randomText(slot: Extract<Slot, { kind: 'text' }>, random: Random): string {
  const [first] = slot.patterns;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    let text: string;
    if (first) {
      const generator = new RandExp(first.regex, first.flags === 'i' ? 'i' : undefined);
      generator.max = 6;
      (generator as unknown as { randInt: (a: number, b: number) => number }).randInt = (a, b) => random.int(a, b);
      text = generator.gen();
    } else {
      text = fitLength(slot, Array.from({ length: random.int(1, 3) }, () => random.pick(WORDS)).join(' '), random);
    }
    if (matchesAll(slot, text)) return text;
  }
  // Constraints no generated text met (contradictory patterns): the closest attempt is still an answer.
  return fitLength(slot, random.pick(WORDS), random);
}

function numberRange(slot: Extract<Slot, { kind: 'number' }>): [number, number] {
  const min = slot.min ?? (slot.max !== undefined ? slot.max - 100 : 0);
  return [min, slot.max ?? min + 100];
}

function randomChoice(slot: Extract<Slot, { kind: 'choice' }>, random: Random): string[] {
  const low = Math.min(Math.max(slot.min, 1), slot.options.length);
  const high = Math.max(low, Math.min(slot.max, slot.options.length));
  return random.sample(slot.options, random.int(low, high));
}

/** A plausible valid value, uniformly random over the slot's answers. */
function randomValue(slot: Slot, random: Random): SlotValue {
  switch (slot.kind) {
    case 'choice':
      return randomChoice(slot, random);
    case 'text':
      return randomText(slot, random);
    case 'number': {
      const [min, max] = numberRange(slot);
      return String(random.int(Math.ceil(min), Math.floor(max)));
    }
  }
}

function sameAnswer(slot: Slot): SlotValue {
  switch (slot.kind) {
    case 'choice':
      return slot.options.slice(0, Math.max(1, Math.min(slot.min, slot.options.length)));
    case 'text':
      // A fresh stream with a fixed seed: the same spammer types the same thing every time.
      return randomText(slot, new Random(SAME_ANSWER_SEED));
    case 'number':
      return String(Math.ceil(numberRange(slot)[0]));
  }
}

/** The truth as this slot's value ("cat" and ["cat"] are the same single choice). */
function truthValue(slot: Slot, truth: unknown): SlotValue | undefined {
  if (truth === undefined || truth === null) return undefined;
  if (slot.kind === 'choice') return (Array.isArray(truth) ? truth : [truth]).map(String);
  return Array.isArray(truth) ? String(truth[0]) : String(truth as string | number | boolean);
}

function sameValue(a: SlotValue, b: SlotValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

function wrongValue(slot: Slot, truth: SlotValue, random: Random): SlotValue {
  if (slot.kind === 'choice' && slot.max <= 1) {
    const others = slot.options.filter((o) => !sameValue([o], truth));
    return others.length > 0 ? [random.pick(others)] : truth;
  }
  if (slot.kind === 'number') {
    const [min, max] = numberRange(slot);
    const base = Number(truth);
    const spread = Math.max(1, Math.round((max - min) / 10));
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const candidate = Math.min(max, Math.max(min, base + (random.chance(0.5) ? 1 : -1) * random.int(1, spread)));
      if (String(candidate) !== truth) return String(candidate);
    }
  }
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const candidate = randomValue(slot, random);
    if (!sameValue(candidate, truth)) return candidate;
  }
  return truth;
}

/** What this worker answers in this slot. */
export function answerSlot(slot: Slot, member: CrowdMember, random: Random, truth: unknown): SlotValue {
  if (member.accuracyClass === 'same-answer-spammer') return sameAnswer(slot);
  if (member.accuracyClass === 'random-spammer') return randomValue(slot, random);
  const expected = truthValue(slot, truth);
  if (expected === undefined) return randomValue(slot, random);
  return random.chance(member.accuracy) ? expected : wrongValue(slot, expected, random);
}
