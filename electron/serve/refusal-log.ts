import type { Logger } from '../logging/logger';

export interface RefusalLogOptions {
  /** Refusals logged in full per window; the rest are only counted. */
  readonly perWindow: number;
  readonly windowMs: number;
  /** Header values are cut to this many characters (a hostile client can send kilobytes). */
  readonly maxValueChars: number;
  readonly now: () => number;
}

export const DEFAULT_REFUSAL_LOG: RefusalLogOptions = { perWindow: 20, windowMs: 60_000, maxValueChars: 120, now: Date.now };

export interface RefusalLog {
  /** Records one refused request (header values as received; they are clipped and escaped here). */
  refused(fields: Readonly<Record<string, string | undefined>>): void;
  /** Writes the "… suppressed" summary of a finished window (or, when final, of the current one). */
  flush(options?: { readonly final?: boolean }): void;
}

export function clipValue(value: string | undefined, maxChars: number): string {
  if (value === undefined) return '-';
  const shown = value.length > maxChars ? `${value.slice(0, maxChars)}…(${value.length} chars)` : value;
  // JSON quoting keeps control characters and quotes from forging log lines.
  return JSON.stringify(shown);
}

/**
 * Refused requests are worth knowing about, but anyone on the machine can send them as fast as they
 * like: log the first few of each window in full, then one summary line per window for the rest.
 */
export function createRefusalLog(log: Logger, options: RefusalLogOptions = DEFAULT_REFUSAL_LOG): RefusalLog {
  let windowStart = options.now();
  let logged = 0;
  let suppressed = 0;

  const flush = ({ final = false } = {}): void => {
    if (!final && options.now() - windowStart < options.windowMs) return;
    if (suppressed > 0) {
      const seconds = Math.round((options.now() - windowStart) / 1000);
      log.warn(`${suppressed} more refused request${suppressed === 1 ? '' : 's'} suppressed in the last ${seconds} s`);
    }
    windowStart = options.now();
    logged = 0;
    suppressed = 0;
  };

  return {
    refused(fields) {
      flush({});
      if (logged >= options.perWindow) {
        suppressed++;
        return;
      }
      logged++;
      const described = Object.entries(fields)
        .map(([name, value]) => `${name}=${clipValue(value, options.maxValueChars)}`)
        .join(' ');
      const last = logged === options.perWindow ? ' (further refusals are only counted until this window ends)' : '';
      log.warn(`refused request ${described}${last}`);
    },
    flush: (opts) => flush(opts),
  };
}
