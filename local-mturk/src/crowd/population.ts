/**
 * A seeded population of simulated workers, shaped like MTurk's: mostly US and India, most with thousands of approved
 * HITs and a 97–100 % approval rate (requesters commonly ask for ≥ 98 % and ≥ 1,000 HITs), a few newcomers, rare
 * Masters. Behaviour: most workers are decent, some careful, a few spammers (random or always the same answer); some
 * grab several HITs at once into their queue (scripted "catchers" fill it to the 25 limit), some return or abandon.
 * The same seed and size always give the same workers (ids included).
 */
import type { NewWorker } from '../worker/workers';
import { Random } from './random';

export type AccuracyClass = 'careful' | 'decent' | 'random-spammer' | 'same-answer-spammer';

export interface CrowdMember {
  readonly index: number;
  readonly workerId: string;
  readonly attributes: Required<Omit<NewWorker, 'subdivision'>> & { subdivision?: string };
  readonly accuracyClass: AccuracyClass;
  /** Probability of giving the true answer to a question that has one (honest workers; spammers ignore the truth). */
  readonly accuracy: number;
  /** Multiplies the task's typical work time (log-normal around 1). */
  readonly speed: number;
  /** Probability of returning an accepted HIT after a look at it. */
  readonly returnRate: number;
  /** Probability of letting an accepted HIT lapse (abandoning it). */
  readonly abandonRate: number;
  /** How many HITs of a batch the worker accepts at once, at most (the MTurk queue holds 25). */
  readonly grab: number;
  /** Typical minutes of one working session, and of the break between sessions. */
  readonly sessionMinutes: number;
  readonly breakMinutes: number;
}

const US_STATES: readonly (readonly [string, number])[] = [
  ['CA', 12], ['TX', 9], ['FL', 7], ['NY', 6], ['PA', 4], ['OH', 4], ['IL', 4], ['GA', 3], ['NC', 3], ['MI', 3],
  ['WA', 2], ['AZ', 2], ['VA', 2], ['NJ', 2], ['TN', 2], ['MA', 2], ['IN', 2], ['MO', 2], ['OR', 1], ['CO', 1],
];

const COUNTRIES: readonly (readonly [string, number])[] = [
  ['US', 72], ['IN', 16], ['CA', 2], ['GB', 2], ['PH', 1.5], ['BR', 1], ['DE', 1], ['VE', 1], ['FR', 0.5], ['IT', 0.5], ['PK', 0.5], ['KE', 0.5],
];

function accuracyOf(klass: AccuracyClass, random: Random): number {
  switch (klass) {
    case 'careful':
      return random.between(0.93, 0.99);
    case 'decent':
      return random.between(0.75, 0.92);
    default:
      return 0;
  }
}

function memberAt(seed: number, index: number): CrowdMember {
  const random = Random.derive(seed, 0x11, index);
  const country = random.weighted(COUNTRIES);
  const newcomer = random.chance(0.1);
  const hitsApproved = newcomer ? random.int(0, 99) : Math.round(random.logNormal(4000, 1.1)) + 100;
  const approvalRatePercent = newcomer ? 100 : random.weighted([[100, 25], [99, 35], [98, 20], [97, 10], [95, 6], [90, 4]] as const);
  const masters = hitsApproved > 5000 && approvalRatePercent >= 98 && random.chance(0.12);
  const accuracyClass = random.weighted<AccuracyClass>([
    ['careful', 20],
    ['decent', 65],
    ['random-spammer', 10],
    ['same-answer-spammer', 5],
  ]);
  const spammer = accuracyClass.endsWith('spammer');
  const grab = random.weighted([[1, 55], [random.int(2, 5), 30], [random.int(6, 15), 10], [25, 5]] as const);
  return {
    index,
    workerId: `A${random.code(13)}`,
    attributes: {
      workerId: '',
      country,
      ...(country === 'US' ? { subdivision: random.weighted(US_STATES) } : {}),
      approvalRatePercent,
      hitsApproved,
      masters,
      adult: random.chance(0.6),
    },
    accuracyClass,
    accuracy: accuracyOf(accuracyClass, random),
    // Spammers click through in about half an honest worker's time.
    speed: random.logNormal(spammer ? 0.5 : 1, 0.35),
    returnRate: spammer ? random.between(0, 0.02) : random.between(0.01, 0.08),
    abandonRate: random.between(0.005, 0.03),
    grab,
    sessionMinutes: random.logNormal(90, 0.5),
    breakMinutes: random.logNormal(120, 0.7),
  };
}

export function crowdPopulation(seed: number, size: number): CrowdMember[] {
  return Array.from({ length: size }, (_, index) => {
    const member = memberAt(seed, index);
    return { ...member, attributes: { ...member.attributes, workerId: member.workerId } };
  });
}
