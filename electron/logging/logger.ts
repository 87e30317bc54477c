import { inspect } from 'node:util';
import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
  child(scope: string): Logger;
}

/** Where formatted, already-redacted lines go (console, a file, a test array). */
export type LogSink = (level: LogLevel, line: string) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function formatDetail(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  return inspect(detail, { depth: 4, breakLength: Infinity });
}

/** Every line is redacted after formatting, so secrets inside objects and errors are caught too. */
export function createLogger(scope: string, sink: LogSink, minLevel: LogLevel = 'info'): Logger {
  const write = (level: LogLevel, message: string, details: unknown[]): void => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const rest = details.length ? ' ' + details.map(formatDetail).join(' ') : '';
    sink(level, redact(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}${rest}`));
  };
  return {
    debug: (m, ...d) => write('debug', m, d),
    info: (m, ...d) => write('info', m, d),
    warn: (m, ...d) => write('warn', m, d),
    error: (m, ...d) => write('error', m, d),
    child: (sub) => createLogger(`${scope}:${sub}`, sink, minLevel),
  };
}

export const consoleSink: LogSink = (level, line) => {
  if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
  else process.stdout.write(line + '\n');
};
