/**
 * Maps whatever an MTurk call threw (SDK service exceptions, Node socket errors, timeouts,
 * cancellations) to an AppError once, classifies it for the scheduler's retry rules, and says
 * whether MTurk may have carried the call out (`Delivery`).
 * Works on the errors' shape (name, $fault, TurkErrorCode, code), not SDK classes, so the
 * SDK stays confined to sdk.ts.
 *
 * Where the request stood when it failed, as @smithy/node-http-handler reports it:
 * - before anything was written: ECONNREFUSED, ENOTFOUND/EAI_AGAIN (DNS), EHOSTUNREACH/ENETUNREACH,
 *   and its connect timeout ("did not establish a connection") → `not-sent`;
 * - after: ECONNRESET, EPIPE, ETIMEDOUT (all renamed TimeoutError, code kept), the request
 *   timeout, "socket hang up", any 5xx → `maybe-executed`. A reset on a kept-alive socket may in
 *   fact precede the write, but nothing tells the two apart, so it counts as maybe executed.
 */
import { appError, type AppError, type Delivery } from '../../shared/errors';
import type { FailureClass } from './scheduler';

interface ErrorShape {
  readonly name: string;
  readonly message: string;
  readonly fault: 'client' | 'server' | null;
  readonly status: number | null;
  readonly turkCode: string | null;
  readonly socketCode: string | null;
}

/** Names the AWS SDKs treat as throttling (from @smithy/core's retry classification). */
const THROTTLING_NAMES = new Set([
  'BandwidthLimitExceeded', 'EC2ThrottledException', 'LimitExceededException', 'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException',
  'SlowDown', 'ThrottledException', 'Throttling', 'ThrottlingException', 'TooManyRequestsException',
  'TransactionInProgressException',
]);
/** Failures to open a connection: no byte of the request left this machine. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'ECONNABORTED', 'UND_ERR_SOCKET',
]);
const AUTH_TURK_CODES = new Set(['AccountNotLinked', 'BadCredentialSupplied', 'NotAuthorized', 'BadClaimsSupplied', 'PermissionDeniedException']);
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/** Removes MTurk's server-time suffix, e.g. "Hit 3X does not exist. (1619128282649)". */
export function stripEpochSuffix(message: string): string {
  return message.replace(/\s*\(\d{12,14}(\s*s)?\)\s*$/, '').replace(/\s{2,}/g, ' ').trim();
}

export function classifyFailure(error: unknown): FailureClass {
  const shape = shapeOf(error);
  if (shape.name === 'AbortError') return 'permanent';
  if (isThrottle(shape)) return 'throttled';
  if (shape.name === 'RequestError') return 'permanent';
  if (isNotSent(shape)) return 'unreachable';
  if (shape.name === 'ServiceFault' || isNetwork(shape)) return 'transient';
  if (shape.status !== null && TRANSIENT_STATUSES.has(shape.status)) return 'transient';
  return 'permanent';
}

/**
 * Whether MTurk may have carried out the call that failed with `error`. A cancellation counts
 * as `not-sent` here; the gateway core knows whether it happened while the request was in
 * flight and says `maybe-executed` then.
 */
export function deliveryOf(error: unknown): Delivery {
  const shape = shapeOf(error);
  if (shape.name === 'AbortError' || isNotSent(shape)) return 'not-sent';
  if (isThrottle(shape) || shape.name === 'RequestError') return 'refused';
  if (shape.name === 'ServiceFault' || isNetwork(shape)) return 'maybe-executed';
  // Any other 4xx came from a server that did not act on it; a 2xx or 5xx may hide a done call.
  if (shape.status !== null && shape.status >= 400 && shape.status < 500) return 'refused';
  return 'maybe-executed';
}

export function toAppError(error: unknown, endpoint: string): AppError {
  return { ...describe(error, endpoint), delivery: deliveryOf(error) };
}

function describe(error: unknown, endpoint: string): AppError {
  const shape = shapeOf(error);
  const message = stripEpochSuffix(shape.message);
  if (shape.name === 'AbortError') return appError('cancelled', 'The call was cancelled before MTurk answered.');
  if (isThrottle(shape)) {
    return appError('throttled', `MTurk is limiting the request rate at ${endpoint}; Turkbench slows down and retries.`, {
      mturkCode: shape.name,
    });
  }
  if (shape.name === 'RequestError') return fromRequestError(shape.turkCode, message);
  const serverSide = shape.fault === 'server' || (shape.status !== null && shape.status >= 500);
  if (shape.name === 'ServiceFault' || (serverSide && shape.socketCode === null)) {
    return appError('internal', 'MTurk had a temporary problem; try again.', { mturkCode: shape.turkCode ?? shape.name });
  }
  const auth = authError(shape, message, endpoint);
  if (auth !== null) return auth;
  if (isNetwork(shape)) return networkError(shape, endpoint);
  // Anything else that came back over HTTP (an HTML 404, JSON that is not MTurk's) means the
  // URL points at some other server.
  if (shape.status !== null) {
    return appError(
      'network',
      `${endpoint} did not answer like an MTurk endpoint (HTTP ${shape.status}, ${shape.name}); check the endpoint URL and region.`,
      { mturkCode: shape.name },
    );
  }
  return appError('internal', message === '' ? `Unexpected error: ${shape.name}` : message);
}

function fromRequestError(turkCode: string | null, message: string): AppError {
  const code = turkCode ?? 'RequestError';
  const short = code.slice(code.lastIndexOf('.') + 1);
  const extra = { mturkCode: code };
  if (short.endsWith('DoesNotExist')) return appError('not-found', message, extra);
  if (short === 'InsufficientFunds') return appError('insufficient-funds', message, extra);
  if (/AlreadyExists$/i.test(short)) return appError('conflict', message, extra);
  if (AUTH_TURK_CODES.has(short)) return appError('auth', message, extra);
  // Invalid…, ParameterOutOfRange, parse errors and anything unknown: MTurk refused the input.
  return appError('validation', message, extra);
}

function authError(shape: ErrorShape, message: string, endpoint: string): AppError | null {
  const extra = { mturkCode: shape.name };
  switch (shape.name) {
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
      return appError(
        'auth',
        `${endpoint} does not recognise this access key ID; check the key, and that it is active in the AWS account linked to MTurk.`,
        extra,
      );
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignatureException':
      if (/region/i.test(message)) {
        return appError('auth', `${endpoint} rejected the signing region: MTurk only runs in us-east-1. (${message})`, extra);
      }
      return appError(
        'auth',
        `${endpoint} rejected the request signature: the secret access key does not match the key ID; re-enter the secret key.`,
        extra,
      );
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return appError('auth', 'The temporary AWS credentials have expired; refresh the session token or use long-term keys.', extra);
    case 'AccessDeniedException':
    case 'MissingAuthenticationTokenException':
      return appError('auth', `${endpoint} refused these credentials: ${message}`, extra);
    default:
      return null;
  }
}

function networkError(shape: ErrorShape, endpoint: string): AppError {
  const code = shape.socketCode ?? shape.name;
  const extra = { mturkCode: code };
  switch (code) {
    case 'ECONNREFUSED':
      return appError(
        'network',
        `Nothing is listening at ${endpoint} (connection refused); check the URL and port, and that the Local MTurk or proxy there is running.`,
        extra,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return appError(
        'network',
        `Cannot resolve the host of ${endpoint}; check the endpoint URL, and that this computer is online (DNS).`,
        extra,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return appError('network', `No network route to ${endpoint}; check this computer's internet connection.`, extra);
    case 'TimeoutError':
    case 'ETIMEDOUT':
      if (isNotSent(shape)) {
        return appError('network', `Could not connect to ${endpoint} in time; check the internet connection, firewall or proxy, then try again.`, extra);
      }
      return appError(
        'network',
        `${endpoint} did not answer in time; check the internet connection, firewall or proxy, then try again.`,
        extra,
      );
    default:
      return appError(
        'network',
        `The connection to ${endpoint} was dropped (${shape.message || code}); check the internet connection and try again.`,
        extra,
      );
  }
}

function isThrottle(shape: ErrorShape): boolean {
  return THROTTLING_NAMES.has(shape.name) || shape.status === 429;
}

function isNotSent(shape: ErrorShape): boolean {
  return (
    (shape.socketCode !== null && NOT_SENT_CODES.has(shape.socketCode)) ||
    (shape.name === 'TimeoutError' && /did not establish a connection/i.test(shape.message))
  );
}

function isNetwork(shape: ErrorShape): boolean {
  return (
    shape.name === 'TimeoutError' ||
    (shape.socketCode !== null && NETWORK_CODES.has(shape.socketCode)) ||
    /socket hang up/i.test(shape.message)
  );
}

function shapeOf(error: unknown): ErrorShape {
  const record = isRecord(error) ? error : {};
  const metadata = isRecord(record.$metadata) ? record.$metadata : {};
  const fault = record.$fault === 'client' || record.$fault === 'server' ? record.$fault : null;
  return {
    name: stringOr(record.name, 'Error'),
    message: stringOr(record.message, ''),
    fault,
    status: typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : null,
    turkCode: typeof record.TurkErrorCode === 'string' ? record.TurkErrorCode : null,
    socketCode: socketCodeOf(record),
  };
}

/** Node puts the code on the error, on its `cause`, or (happy eyeballs) on each of `errors`. */
function socketCodeOf(record: Record<string, unknown>): string | null {
  const candidates: unknown[] = [record, record.cause, ...(Array.isArray(record.errors) ? record.errors : [])];
  for (const candidate of candidates) {
    if (isRecord(candidate) && typeof candidate.code === 'string' && /^[A-Z_]+$/.test(candidate.code)) {
      return candidate.code;
    }
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
