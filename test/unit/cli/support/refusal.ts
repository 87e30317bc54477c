import { expect } from 'vitest';
import { CliFailure } from '../../../../cli/output';

/** The refusal's message, checking it is a usage failure (exit code 2). */
export function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliFailure);
    expect((error as CliFailure).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}
