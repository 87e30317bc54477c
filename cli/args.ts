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

/** "3d", "12h", "90m", "1w" → seconds. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)$/.exec(text.trim());
  if (!match) throw new CliFailure(`--${option} ${text}: write a duration like 90m, 12h, 3d or 1w.`, 2);
  return Math.round(Number(match[1]) * UNITS[match[2]!]!);
}

/** An ISO date or date-time ("2026-12-24", "2026-12-24T18:00Z") → epoch ms. */
export function parseDate(text: string, option: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00:00Z` : text.trim());
  if (!Number.isFinite(ms)) throw new CliFailure(`--${option} ${text}: write a date like 2026-12-24 or 2026-12-24T18:00Z.`, 2);
  return ms;
}

export function parseCount(text: string | undefined, option: string, min = 1, max = 1_000_000): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < min || n > max) throw new CliFailure(`--${option} needs a whole number from ${min} to ${max}.`, 2);
  return n;
}
