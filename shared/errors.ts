/**
 * The only error shape that crosses a process boundary (IPC, HTTP bridge).
 * Kept small on purpose: the renderer switches on `kind` to decide what to show and offer.
 */
export type AppErrorKind =
  | 'validation'
  | 'not-found'
  | 'throttled'
  | 'auth'
  | 'conflict'
  | 'insufficient-funds'
  | 'network'
  | 'cancelled'
  | 'internal';

export interface AppError {
  readonly kind: AppErrorKind;
  /** A sentence a requester can act on: what went wrong and what to do. */
  readonly message: string;
  /** The MTurk TurkErrorCode (or SDK error name) when the error came from MTurk. */
  readonly mturkCode?: string;
  /** For validation errors: where the bad value is (field path, CSV row/column …). */
  readonly field?: string;
  /** Seconds the caller should wait before retrying, when known. */
  readonly retryAfterSeconds?: number;
}

export const appError = (
  kind: AppErrorKind,
  message: string,
  extra: Omit<AppError, 'kind' | 'message'> = {},
): AppError => ({ kind, message, ...extra });

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === 'string' && typeof v.message === 'string';
}

/** Exhaustiveness guard for switches over unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
