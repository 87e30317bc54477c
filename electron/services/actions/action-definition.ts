import type { AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import type { OperationKind } from '../../../shared/domain/archive-types';
import type { ReadDb, WriteDb } from '../../archive/db-types';
import type { MTurkGateway } from '../../mturk/types';

/** Which scheduler lane a call waits in: a click beats a bulk job, which beats a background sync. */
export type Lane = 'interactive' | 'bulk' | 'sync';

export interface SendContext {
  readonly lane: Lane;
  readonly signal?: AbortSignal;
  /** Pass to the gateway: it says when the request actually leaves (the journal's "sent"). */
  readonly onSend?: () => void;
}

/** What MTurk says when asked whether a call whose answer was lost took effect. */
export type Verdict = 'applied' | 'not-applied';

/** "Applied", with what the call produced (the HIT a CreateHIT made), for `record`. */
export interface Produced {
  readonly verdict: 'applied';
  readonly produced: unknown;
}

/**
 * One kind of journaled MTurk write: how to send it, how to tell afterwards whether it happened, and what it changes in
 * the archive. Requests are plain JSON (they live in the journal), so a call can be reconciled after a restart.
 */
export interface ActionDefinition<Request> {
  readonly kind: OperationKind;
  /** Checks a request read back from the journal (or built by a service). */
  parse(request: unknown): Request;
  /** The object acted on, for the journal and the audit view. */
  target(request: Request): string;
  send(gateway: MTurkGateway, request: Request, context: SendContext): Promise<Result<unknown>>;
  /** Asks MTurk whether the call took effect. `sentAt` is when it was sent. */
  verify(gateway: MTurkGateway, request: Request, sentAt: number, context: SendContext): Promise<Result<Verdict | Produced>>;
  /**
   * The archive already shows this request's effect, made by another call (a HIT a later job created for the same
   * batch row): a job skips it instead of sending it again.
   */
  recorded?(db: ReadDb, archiveConnectionId: number, request: Request): boolean;
  /** MTurk refused because it was already done (a repeated token, a status already set): the call's effect holds. */
  alreadyApplied?(error: AppError, request: Request): boolean;
  /**
   * Brings the archive in line with a confirmed call; returns the tables it changed. `produced` is what the call
   * returned (or what `verify` found), when known.
   */
  record(db: WriteDb, archiveConnectionId: number, request: Request, now: number, produced: unknown): readonly string[];
}

/** A definition whose request type is forgotten, for the registry. */
export type AnyActionDefinition = ActionDefinition<unknown>;

export function defineAction<Request>(definition: ActionDefinition<Request>): AnyActionDefinition {
  return definition as unknown as AnyActionDefinition;
}
