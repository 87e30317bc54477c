import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from './logger';

export interface FileSinkLimits {
  /** The live file is rotated before it would grow past this. */
  readonly maxFileBytes: number;
  /** Rotated files kept beside it (turkbench.log.1 is the newest); older ones are deleted. */
  readonly keepRotated: number;
  /** A longer line (a huge error, a hostile header) is cut to this, saying how much was cut. */
  readonly maxLineBytes: number;
}

/** At most 5 MB × (1 + 3) = 20 MB of logs on disk, however long Turkbench runs. */
export const DEFAULT_FILE_LIMITS: FileSinkLimits = { maxFileBytes: 5 * 1024 * 1024, keepRotated: 3, maxLineBytes: 16 * 1024 };

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function clipLine(line: string, maxBytes: number): string {
  if (Buffer.byteLength(line) <= maxBytes) return line;
  const kept = Buffer.from(line).subarray(0, maxBytes - 64).toString('utf8').replace(/\uFFFD$/, '');
  return `${kept}… [${line.length - kept.length} more characters cut]`;
}

/**
 * Appends (already redacted) lines to a log file, so "details are in the log" points somewhere a
 * requester can find. Rotates by size while running and keeps a fixed number of old files, so the
 * logs' total size is bounded whatever is thrown at the app. Writes are synchronous: a line is on
 * disk before the next one is counted, and a crash loses nothing.
 */
export function fileSink(file: string, limits: FileSinkLimits = DEFAULT_FILE_LIMITS): LogSink {
  mkdirSync(dirname(file), { recursive: true });
  let fd = openSync(file, 'a');
  let size = sizeOf(file);

  const rotate = (): void => {
    closeSync(fd);
    rmSync(`${file}.${limits.keepRotated}`, { force: true });
    for (let n = limits.keepRotated - 1; n >= 1; n--) {
      try {
        renameSync(`${file}.${n}`, `${file}.${n + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    if (limits.keepRotated > 0) renameSync(file, `${file}.1`);
    else rmSync(file, { force: true });
    fd = openSync(file, 'a');
    size = 0;
  };

  return (_level, line) => {
    const bytes = Buffer.from(clipLine(line, limits.maxLineBytes) + '\n');
    try {
      if (size > 0 && size + bytes.length > limits.maxFileBytes) rotate();
      writeSync(fd, bytes);
      size += bytes.length;
    } catch {
      // A full disk or a removed folder must not take the app down with it; the console still has the line.
    }
  };
}

export function teeSink(...sinks: LogSink[]): LogSink {
  return (level, line) => sinks.forEach((sink) => sink(level, line));
}
