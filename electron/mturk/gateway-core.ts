/**
 * The one path every gateway method takes: schedule → send once → log the attempt → map
 * the output or the error. Methods in gateway.ts only say which operation, which retry
 * policy and how to map; they never catch anything themselves.
 */
import { err, ok, type Result } from '../../shared/result';
import { classifyFailure, toAppError } from './errors';
import { paginate, PAGE_SIZE, type RawPage } from './paginate';
import type { FailureClass, RetryPolicy, Scheduler } from './scheduler';
import { sendOperation, type OperationInput, type OperationName, type OperationOutput, type SdkClient } from './sdk';
import type { PagedResult, PageOptions } from './types';

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
    retry: RetryPolicy,
    map: (output: OperationOutput<Op>, latencyMs: number) => T,
    signal?: AbortSignal,
  ): Promise<Result<T>> {
    try {
      let latencyMs = 0;
      const output = await this.scheduler.run(
        async (s) => {
          const started = performance.now();
          const answer = await this.attempt(operation, input, s);
          latencyMs = performance.now() - started;
          return answer;
        },
        { retry, signal },
      );
      return ok(map(output, latencyMs));
    } catch (error) {
      return err(toAppError(error, this.endpoint));
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
      return { items: (pick(output) ?? []).map(map), nextToken: nextTokenOf(output) };
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

/** Every paged output has NextToken; read it without leaning on the generic output type. */
function nextTokenOf(output: unknown): string | null {
  if (typeof output !== 'object' || output === null || !('NextToken' in output)) return null;
  return typeof output.NextToken === 'string' ? output.NextToken : null;
}
