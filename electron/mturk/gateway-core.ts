/**
 * The one path every gateway method takes: schedule in the caller's lane → send → log each
 * attempt → map the output or the error. The retry policy comes from the operation table
 * (operations.ts); methods only say which operation and how to map, and never catch anything.
 *
 * Every error carries `delivery`. Once any attempt of a call may have reached MTurk (a lost
 * answer, a 5xx, a cancel in flight), the call's error says `maybe-executed`, whatever later
 * attempts answered: a refusal after a lost answer may be MTurk refusing to do it twice.
 */
import type { AppError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import { isAbortError } from './clock';
import { classifyFailure, deliveryOf, toAppError } from './errors';
import { WireFormatError } from './mappers';
import { isRepeatedToken, retryPolicyFor } from './operations';
import { paginate, PAGE_SIZE, type RawPage } from './paginate';
import type { FailureClass, Lane, RetryPolicy, Scheduler } from './scheduler';
import { sendOperation, type OperationInput, type OperationName, type OperationOutput, type SdkClient } from './sdk';
import type { PagedResult, PageOptions, UnreadableRecord } from './types';

export interface CallSettings<T> {
  readonly signal?: AbortSignal;
  readonly lane?: Lane;
  /** Overrides the operation's policy (testConnection asks once). */
  readonly retry?: RetryPolicy;
  /** What a token write returns when MTurk says this token was already carried out. */
  readonly alreadyDone?: (error: AppError) => Promise<Result<T>>;
  /** Called once, when the first attempt leaves the queue. */
  readonly onSend?: () => void;
}

export interface GatewayLogEvent {
  readonly operation: OperationName;
  /** One event per attempt: a throttled or transient attempt is followed by another. */
  readonly outcome: 'ok' | FailureClass;
  readonly durationMs: number;
  readonly errorName?: string;
}

export type GatewayLog = (event: GatewayLogEvent) => void;

type PagedOperation =
  | 'ListHITs'
  | 'ListReviewableHITs'
  | 'ListAssignmentsForHIT'
  | 'ListBonusPayments'
  | 'ListQualificationTypes'
  | 'ListWorkersWithQualificationType'
  | 'ListQualificationRequests'
  | 'ListWorkerBlocks';

export class GatewayCore {
  constructor(
    readonly endpoint: string,
    readonly client: SdkClient,
    readonly scheduler: Scheduler,
    private readonly log: GatewayLog = () => undefined,
  ) {}

  /** One operation through the scheduler, its output mapped (with the successful attempt's latency); never throws. */
  async call<Op extends OperationName, T>(
    operation: Op,
    input: OperationInput<Op>,
    map: (output: OperationOutput<Op>, latencyMs: number) => T,
    settings: CallSettings<T> = {},
  ): Promise<Result<T>> {
    const token = tokenOf(input);
    const retry = settings.retry ?? retryPolicyFor(operation, token);
    let mayHaveExecuted = false;
    let announced = false;
    let output: OperationOutput<Op>;
    let latencyMs = 0;
    try {
      output = await this.scheduler.run(
        async (signal) => {
          const started = performance.now();
          if (!announced) {
            announced = true;
            settings.onSend?.();
          }
          try {
            const answer = await this.attempt(operation, input, signal);
            latencyMs = performance.now() - started;
            return answer;
          } catch (error) {
            if (isAbortError(error) || deliveryOf(error) === 'maybe-executed') mayHaveExecuted = true;
            throw error;
          }
        },
        { retry, signal: settings.signal, lane: settings.lane },
      );
    } catch (error) {
      const mapped = toAppError(error, this.endpoint);
      if (token !== undefined && settings.alreadyDone && isRepeatedToken(mapped.mturkCode, mapped.message, token)) {
        return settings.alreadyDone(mapped);
      }
      return err(mayHaveExecuted ? { ...mapped, delivery: 'maybe-executed' } : mapped);
    }
    try {
      return ok(map(output, latencyMs));
    } catch (error) {
      // MTurk answered "done" in a shape we cannot read: the call happened.
      const mapped = toAppError(error, this.endpoint);
      return err({ ...mapped, delivery: 'maybe-executed' });
    }
  }

  /** A NextToken listing with MaxResults=100, one Result per page; an error ends it. */
  async *paged<Op extends PagedOperation, Wire, T>(
    operation: Op,
    input: Omit<OperationInput<Op>, 'NextToken' | 'MaxResults'>,
    pick: (output: OperationOutput<Op>) => readonly Wire[] | undefined,
    map: (wire: Wire) => T,
    options: PageOptions = {},
  ): PagedResult<T> {
    const fetchPage = async (token: string | undefined, signal: AbortSignal | undefined): Promise<RawPage<T>> => {
      const pageInput = { ...input, NextToken: token, MaxResults: PAGE_SIZE } as OperationInput<Op>;
      const output = await this.attempt(operation, pageInput, signal);
      return { ...mapEach(pick(output) ?? [], map), nextToken: nextTokenOf(output) };
    };
    try {
      for await (const page of paginate(this.scheduler, fetchPage, options)) yield ok(page);
    } catch (error) {
      yield err(toAppError(error, this.endpoint));
    }
  }

  private async attempt<Op extends OperationName>(
    operation: Op,
    input: OperationInput<Op>,
    signal: AbortSignal | undefined,
  ): Promise<OperationOutput<Op>> {
    const started = performance.now();
    try {
      const output = await sendOperation(this.client, operation, input, { signal });
      this.log({ operation, outcome: 'ok', durationMs: performance.now() - started });
      return output;
    } catch (error) {
      const errorName = error instanceof Error ? error.name : 'Error';
      this.log({ operation, outcome: classifyFailure(error), durationMs: performance.now() - started, errorName });
      throw error;
    }
  }
}

/** The UniqueRequestToken of a token write's input, if it has one. */
function tokenOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || !('UniqueRequestToken' in input)) return undefined;
  return typeof input.UniqueRequestToken === 'string' && input.UniqueRequestToken !== '' ? input.UniqueRequestToken : undefined;
}

/**
 * Maps a page record by record: one record MTurk sent without a required member costs that record, not the page
 * (and with it every later page of the listing).
 */
function mapEach<Wire, T>(wires: readonly Wire[], map: (wire: Wire) => T): { items: T[]; unreadable: UnreadableRecord[] } {
  const items: T[] = [];
  const unreadable: UnreadableRecord[] = [];
  for (const wire of wires) {
    try {
      items.push(map(wire));
    } catch (error) {
      if (!(error instanceof WireFormatError)) throw error;
      unreadable.push({ id: wireIdOf(wire), reason: error.message });
    }
  }
  return { items, unreadable };
}

/** The id a listed record carries, by the member names MTurk's listings use. */
function wireIdOf(wire: unknown): string | null {
  if (typeof wire !== 'object' || wire === null) return null;
  const record = wire as Record<string, unknown>;
  for (const key of ['AssignmentId', 'QualificationRequestId', 'HITId', 'WorkerId', 'QualificationTypeId']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** Every paged output has NextToken; read it without leaning on the generic output type. */
function nextTokenOf(output: unknown): string | null {
  if (typeof output !== 'object' || output === null || !('NextToken' in output)) return null;
  return typeof output.NextToken === 'string' ? output.NextToken : null;
}
