import type { AppError } from '../shared/errors';

/** Where a verb writes: results on stdout (text or JSON), progress and notices on stderr. */
export interface Output {
  readonly json: boolean;
  /** The result: JSON when --json, else the human text. */
  result(value: unknown, human: () => string): void;
  /** Progress and notices: stderr, so stdout stays clean for scripts. */
  note(line: string): void;
  /** A line that redraws itself on a terminal (a progress bar); plain lines otherwise. */
  progress(line: string): void;
  endProgress(): void;
}

export function createOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WriteStream | NodeJS.WritableStream = process.stderr): Output {
  const tty = 'isTTY' in stderr && stderr.isTTY === true;
  let drawing = false;
  return {
    json,
    result(value, human) {
      stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    note(line) {
      stderr.write(`${line}\n`);
    },
    progress(line) {
      if (tty) {
        stderr.write(`\r\x1b[2K${line}`);
        drawing = true;
      } else stderr.write(`${line}\n`);
    },
    endProgress() {
      if (drawing) stderr.write('\n');
      drawing = false;
    },
  };
}

/** A failure the CLI reports and exits non-zero on: the AppError's message, in the same words the app shows. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }

  static from(error: AppError): CliFailure {
    return new CliFailure(error.field ? `${error.message} (${error.field})` : error.message, error.kind === 'validation' ? 2 : 1);
  }
}

/** Fixed-width columns for human output. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
