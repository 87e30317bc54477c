/**
 * Walks any NextToken-paginated MTurk operation page by page through the connection's
 * scheduler. A server that hands back a token it already gave would make us loop or
 * re-read pages silently, so that fails loudly instead.
 */
import type { Lane, Scheduler } from './scheduler';
import type { Page, UnreadableRecord } from './types';

/** MTurk's maximum; every requester tool uses it (the default of 10 makes syncs 10× slower). */
export const PAGE_SIZE = 100;

export interface RawPage<T> {
  readonly items: readonly T[];
  readonly unreadable?: readonly UnreadableRecord[];
  readonly nextToken: string | null;
}

export type PageFetcher<T> = (token: string | undefined, signal: AbortSignal | undefined) => Promise<RawPage<T>>;

export interface PaginateOptions {
  /** A NextToken saved from an earlier run. */
  readonly resumeFrom?: string;
  /** The index of the page `resumeFrom` fetches, so resumed runs keep their numbering. */
  readonly startIndex?: number;
  /** Default `interactive`; a sync passes `sync`. */
  readonly lane?: Lane;
  readonly signal?: AbortSignal;
}

export class PaginationLoopError extends Error {
  override readonly name = 'PaginationLoopError';
  constructor(readonly token: string, readonly pageIndex: number) {
    super(`MTurk returned NextToken '${token.slice(0, 24)}…' a second time (page ${pageIndex}); stopped to avoid reading pages twice.`);
  }
}

export async function* paginate<T>(
  scheduler: Scheduler,
  fetchPage: PageFetcher<T>,
  options: PaginateOptions = {},
): AsyncGenerator<Page<T>, void, undefined> {
  const seen = new Set<string>();
  let token = options.resumeFrom;
  let index = options.startIndex ?? 0;
  if (token !== undefined) seen.add(token);
  for (;;) {
    const requestToken = token;
    const raw = await scheduler.run((signal) => fetchPage(requestToken, signal), { retry: 'read', signal: options.signal, lane: options.lane });
    const nextToken = raw.nextToken === '' ? null : raw.nextToken;
    yield { index, items: raw.items, unreadable: raw.unreadable ?? [], requestToken: requestToken ?? null, nextToken };
    if (nextToken === null) return;
    if (seen.has(nextToken)) throw new PaginationLoopError(nextToken, index);
    seen.add(nextToken);
    token = nextToken;
    index += 1;
  }
}
