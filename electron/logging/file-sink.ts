import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from './logger';

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Appends (already redacted) lines to a log file, so "details are in the log" points somewhere a
 * requester can find. One rotation at start keeps it bounded: the previous run's log is kept as .1.
 */
export function fileSink(file: string): LogSink {
  mkdirSync(dirname(file), { recursive: true });
  try {
    if (statSync(file).size > MAX_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
  const stream = createWriteStream(file, { flags: 'a' });
  return (_level, line) => void stream.write(line + '\n');
}

export function teeSink(...sinks: LogSink[]): LogSink {
  return (level, line) => sinks.forEach((sink) => sink(level, line));
}
