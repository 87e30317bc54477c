/**
 * The seam between the Local MTurk's protocol layer and its operations.
 * An operation is a synchronous function of (validated input, context) → output members.
 * It signals MTurk errors by throwing MTurkRequestError; the protocol layer turns that into the
 * wire envelope {"__type":"RequestError","Message":"… (<epoch-ms>)","TurkErrorCode":…}.
 */
import type Database from 'better-sqlite3';

export type MTurkEnvironment = 'production' | 'sandbox';

export interface OpContext {
  readonly db: Database.Database;
  /** Virtual clock, epoch milliseconds. Every time-dependent rule reads this, never Date.now(). */
  now(): number;
  /** Which system qualification ids and default balance apply. */
  readonly env: MTurkEnvironment;
  /** The access key id that signed the request (keys the requester account). */
  readonly accessKeyId: string;
  /** New ids in MTurk's formats: 30-char [A-Z0-9] entity ids starting with '3'; 'A'+13 for workers. */
  newId(kind: 'entity' | 'worker'): string;
  /** The x-amzn-RequestId of the call being served (duplicate-token errors quote the original one). */
  readonly requestId?: string;
}

export type OperationInput = Readonly<Record<string, unknown>>;
export type OperationOutput = Record<string, unknown>;
export type OperationHandler = (input: OperationInput, ctx: OpContext) => OperationOutput;

/** Thrown by operations; rendered as HTTP 400 RequestError with the TurkErrorCode kept. */
export class MTurkRequestError extends Error {
  constructor(
    readonly turkErrorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'MTurkRequestError';
  }
}
