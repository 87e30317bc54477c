import { createLogger, type Logger, type LogLevel } from '../../electron/logging/logger';

/** A logger whose lines land in an array, so tests can assert what was (and was not) logged. */
export function memoryLogger(): { log: Logger; lines: { level: LogLevel; line: string }[] } {
  const lines: { level: LogLevel; line: string }[] = [];
  return { log: createLogger('test', (level, line) => lines.push({ level, line }), 'debug'), lines };
}
