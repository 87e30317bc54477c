import { parseArgs } from 'node:util';
import { CliFailure } from './output';

/** Options every verb takes. */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly connection?: string;
  readonly json: boolean;
  readonly yes: boolean;
}

export interface ParsedCommand {
  readonly words: readonly string[];
  readonly global: GlobalOptions;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

/** Every option any verb understands; a verb reads the ones it needs and `unknownFor` refuses the rest. */
const OPTIONS = {
  'data-dir': { type: 'string' },
  connection: { type: 'string' },
  json: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
  full: { type: 'boolean' },
  name: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  kind: { type: 'string' },
  'requests-per-second': { type: 'string' },
  profile: { type: 'string' },
  'access-key-id-env': { type: 'string' },
  'secret-access-key-env': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  status: { type: 'string' },
  group: { type: 'string' },
  limit: { type: 'string' },
  by: { type: 'string' },
  to: { type: 'string' },
  count: { type: 'string' },
  revert: { type: 'boolean' },
  'hit-type-id': { type: 'string' },
  'from-file': { type: 'string' },
  'confirm-name': { type: 'string' },
  row: { type: 'string' },
  new: { type: 'boolean' },
  once: { type: 'boolean' },
  every: { type: 'string' },
  archive: { type: 'string' },
  feedback: { type: 'string' },
  'hit-id': { type: 'string' },
  'worker-id': { type: 'string' },
  'show-secret': { type: 'boolean' },
  cap: { type: 'string' },
  'allow-rejected': { type: 'boolean' },
  reason: { type: 'string' },
  soft: { type: 'boolean' },
  'workers-file': { type: 'string' },
  search: { type: 'string' },
  subject: { type: 'string' },
  'body-file': { type: 'string' },
  type: { type: 'string' },
  score: { type: 'string' },
  notify: { type: 'boolean' },
  description: { type: 'string' },
  keywords: { type: 'string' },
  'test-file': { type: 'string' },
  'answer-key-file': { type: 'string' },
  'test-duration': { type: 'string' },
  'retry-delay': { type: 'string' },
  'auto-grant': { type: 'string' },
  transport: { type: 'string' },
  destination: { type: 'string' },
  events: { type: 'string' },
  event: { type: 'string' },
  inactive: { type: 'boolean' },
  after: { type: 'string' },
  batch: { type: 'string' },
  'hit-type': { type: 'string' },
  method: { type: 'string' },
  field: { type: 'string' },
  'agreement-below': { type: 'string' },
  'gold-below': { type: 'string' },
  'due-within': { type: 'string' },
  below: { type: 'string' },
  'from-batch': { type: 'string' },
  'from-hit-type': { type: 'string' },
  'from-study': { type: 'string' },
  'into-type': { type: 'string' },
  always: { type: 'boolean' },
  never: { type: 'boolean' },
  study: { type: 'string' },
  workers: { type: 'string' },
  amount: { type: 'string' },
  message: { type: 'string' },
  'per-gold': { type: 'string' },
  'agreement-at-least': { type: 'string' },
  version: { type: 'string' },
} as const;

export function parseCommand(argv: readonly string[]): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new CliFailure(`${cause instanceof Error ? cause.message : String(cause)}. Run "turkbench help" for the verbs and their options.`, 2);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  return {
    words: parsed.positionals,
    global: { dataDir: v['data-dir'] as string | undefined, connection: v.connection as string | undefined, json: v.json === true, yes: v.yes === true },
    options: v,
  };
}

/** Refuses options a verb does not take, so a typo never silently does something else. */
export function allowOnly(command: ParsedCommand, verb: string, allowed: readonly string[]): void {
  const global = new Set(['data-dir', 'connection', 'json', 'yes', 'help']);
  const extra = Object.keys(command.options).filter((k) => command.options[k] !== undefined && !global.has(k) && !allowed.includes(k));
  if (extra.length > 0) throw new CliFailure(`"${verb}" does not take --${extra.join(', --')}. Run "turkbench help".`, 2);
}

const UNITS: Record<string, number> = { s: 1, m: 60, min: 60, h: 3600, d: 86_400, w: 604_800 };
const TEN_YEARS = 10 * 365 * 86_400;
const DURATION_EXAMPLE = 'write a duration like 90m, 12h, 3d or 1w';

/** "3d", "12h", "90m", "1w", "1.5h" → seconds (at least 1; callers apply their own minimums). */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)$/.exec(text.trim());
  if (!match) throw new CliFailure(`--${option} ${text}: ${DURATION_EXAMPLE}.`, 2);
  const seconds = Number(match[1]) * UNITS[match[2]!]!;
  if (!Number.isFinite(seconds) || seconds > TEN_YEARS) throw new CliFailure(`--${option} ${text}: that is more than 10 years; ${DURATION_EXAMPLE}.`, 2);
  // Rounding a fraction to whole seconds would silently change what was typed ("0.00001w" is 6.048 s); the tolerance
  // absorbs binary floating point ("1.1h" is 3960.0000000000005).
  const whole = Math.round(seconds);
  if (Math.abs(seconds - whole) > 1e-6) throw new CliFailure(`--${option} ${text}: that is not a whole number of seconds; ${DURATION_EXAMPLE}.`, 2);
  if (whole === 0) throw new CliFailure(`--${option} ${text}: a duration of 0 seconds does nothing; ${DURATION_EXAMPLE}.`, 2);
  return whole;
}

const DATE_EXAMPLE = 'write a date like 2026-12-24 (UTC midnight), 2026-12-24T18:00Z or 2026-12-24T18:00+01:00';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * An ISO date (UTC midnight) or a date-time with Z or an offset → epoch ms. Only these forms: Date.parse also reads
 * "Dec 20" or "12" (as dates in 2001) and rolls 2027-02-30 over into March.
 */
export function parseDate(text: string, option: string): number {
  const match = ISO_DATE.exec(text.trim());
  if (!match) throw new CliFailure(`--${option} ${text}: ${DATE_EXAMPLE}.`, 2);
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  // A bare date is UTC midnight, so a zoneless time would be read in this machine's zone: too easy to get wrong.
  if (h !== undefined && zone === undefined) throw new CliFailure(`--${option} ${text}: add Z (UTC) or an offset like +01:00 after the time, e.g. 2026-12-24T18:00Z.`, 2);
  const parts = [Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)] as const;
  if (parts[0] < 2000 || parts[0] > 2100) throw new CliFailure(`--${option} ${text}: write a year from 2000 to 2100.`, 2);
  const wall = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5], Number((frac ?? '').padEnd(3, '0'))));
  // Date.UTC rolls impossible parts over (February 30 → March 2, 24:00 → the next day): the round trip catches them.
  const back = [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()];
  if (back.some((part, i) => part !== parts[i])) throw new CliFailure(`--${option} ${text}: there is no such date or time; ${DATE_EXAMPLE}.`, 2);
  if (zone === undefined || zone === 'Z') return wall.getTime();
  const [offsetHours, offsetMinutes] = [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
  // Real offsets run from -12:00 to +14:00.
  if (offsetHours > 14 || offsetMinutes > 59) throw new CliFailure(`--${option} ${text}: ${zone} is not a time zone offset; ${DATE_EXAMPLE}.`, 2);
  return wall.getTime() - (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** A whole number in min…max, in plain decimal digits: Number() would read "" as 0, "0x10" as 16 and "1e3" as 1000. */
export function parseCount(text: string | undefined, option: string, min = 1, max = 1_000_000): number {
  const range = `a whole number from ${min} to ${max}`;
  if (text === undefined) throw new CliFailure(`--${option} needs ${range}.`, 2);
  const digits = text.trim();
  const n = Number(digits);
  if (!(min < 0 ? /^-?\d+$/ : /^\d+$/).test(digits) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliFailure(`--${option} needs ${range}, in digits; got "${text}".`, 2);
  }
  return n + 0; // "-0" → 0
}
