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

/**
 * For errors from a call to MTurk: whether MTurk may have carried the call out.
 * - `not-sent`: the request never reached MTurk (checked locally, cancelled while queued, no DNS, connection refused).
 * - `refused`: MTurk answered and did nothing (an invalid request, a throttle, bad credentials).
 * - `maybe-executed`: the request was sent and no clear answer came back (timeout, dropped connection, a 5xx,
 *   cancelled while in flight, an unreadable answer): the write may have happened; read MTurk back before redoing it.
 */
export type Delivery = 'not-sent' | 'refused' | 'maybe-executed';

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
  /** Set on every error of an MTurk call; see `Delivery`. */
  readonly delivery?: Delivery;
}

export const appError = (
  kind: AppErrorKind,
  message: string,
  extra: Omit<AppError, 'kind' | 'message'> = {},
): AppError => ({ kind, message, ...extra });


/** True when the failed call may still have happened on MTurk, so its outcome is unknown until read back. */
export function mayHaveExecuted(error: AppError): boolean {
  return error.delivery === 'maybe-executed';
}

