import type { AppError } from '../../../shared/errors';

/**
 * Whether a failed call may still have been executed by MTurk. The gateway says so on each error; an error that
 * does not say (or a plain network failure) is treated as "maybe", because guessing "no" is what double-pays.
 */
export function mayHaveExecuted(error: AppError): boolean {
  const delivery = (error as { delivery?: string }).delivery;
  if (delivery === 'maybe-executed') return true;
  if (delivery === 'not-sent') return false;
  return error.kind === 'network' || error.kind === 'internal';
}
