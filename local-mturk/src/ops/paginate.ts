/**
 * Keyset pagination shared by the list operations: MaxResults 1–100 (default 10), an opaque NextToken of at
 * most 255 characters that names the last row handed out, omitted on the last page. Because the token records a key
 * rather than an offset, rows inserted or deleted between calls neither repeat nor vanish from later pages.
 * A token also records the operation and the filters (every member but NextToken and MaxResults) it was made for:
 * handed to another list, or to the same list for another HIT or status, it is refused rather than silently
 * skipping that list's rows up to a key that means nothing there.
 *
 * Contract: `rows` arrive sorted ascending by `keyOf`, and plain string comparison (`<`) of the keys agrees with that
 * order — build keys such as `${String(creationMs).padStart(15, '0')}|${id}`. Keys must be unique.
 */
import { createHash } from 'node:crypto';
import { MTurkRequestError, type OperationInput } from './types';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
const TOKEN_VERSION = 2;

export interface Page<T> {
  page: T[];
  NextToken?: string;
  NumResults: number;
}

/** `operation` is the list's name (ListHITs, …): with the input's filters it is what a token is valid for. */
export function paginate<T>(operation: string, input: OperationInput, rows: readonly T[], keyOf: (row: T) => string): Page<T> {
  const size = pageSize(input.MaxResults);
  const scope = scopeOf(operation, input);
  const after = input.NextToken === undefined ? undefined : decodeToken(input.NextToken, scope);
  const start = after === undefined ? 0 : firstIndexAfter(rows, keyOf, after);
  const page = rows.slice(start, start + size);
  const last = page[page.length - 1];
  const hasMore = start + size < rows.length;
  return hasMore && last !== undefined
    ? { page, NextToken: encodeToken(scope, keyOf(last)), NumResults: page.length }
    : { page, NumResults: page.length };
}

/**
 * The same pages and tokens as `paginate`, for lists too long to load whole: `fetchAfter(afterKey, limit)` returns
 * up to `limit` rows with keys greater than `afterKey` (undefined: from the start), in key order — typically one
 * indexed SQL query — so each page costs its own rows, not the whole list's.
 */
export function keysetPaginate<T>(
  operation: string,
  input: OperationInput,
  fetchAfter: (afterKey: string | undefined, limit: number) => readonly T[],
  keyOf: (row: T) => string,
): Page<T> {
  const size = pageSize(input.MaxResults);
  const scope = scopeOf(operation, input);
  const after = input.NextToken === undefined ? undefined : decodeToken(input.NextToken, scope);
  // One extra row says whether another page exists, so the last page carries no token.
  const rows = fetchAfter(after, size + 1);
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  return rows.length > size && last !== undefined
    ? { page, NextToken: encodeToken(scope, keyOf(last)), NumResults: page.length }
    : { page, NumResults: page.length };
}

function pageSize(maxResults: unknown): number {
  if (maxResults === undefined) return DEFAULT_PAGE_SIZE;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_PAGE_SIZE) {
    throw new MTurkRequestError(
      'AWS.ParameterOutOfRange',
      `Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_PAGE_SIZE}`,
    );
  }
  return maxResults;
}

/** Binary search: rows are sorted by key, so the first row whose key is greater than `after`. */
function firstIndexAfter<T>(rows: readonly T[], keyOf: (row: T) => string, after: string): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keyOf(rows[mid] as T) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** What a token is valid for: the operation and a short digest of its filters (validated input, so plain JSON). */
function scopeOf(operation: string, input: OperationInput): string {
  const filters = Object.entries(input)
    .filter(([name]) => name !== 'NextToken' && name !== 'MaxResults')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const digest = createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 12);
  return `${operation}:${digest}`;
}

export function encodeToken(scope: string, lastKey: string): string {
  const token = Buffer.from(JSON.stringify({ v: TOKEN_VERSION, scope, after: lastKey }), 'utf8').toString('base64url');
  if (token.length > 255) throw new Error(`Pagination key too long for a 255-character NextToken: ${lastKey}`);
  return token;
}

function decodeToken(token: unknown, scope: string): string {
  const invalid = (): MTurkRequestError =>
    new MTurkRequestError('AWS.MechanicalTurk.InvalidParameterValue', `The NextToken '${String(token)}' is invalid.`);
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(token)) throw invalid();
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof decoded === 'object' && decoded !== null) {
      const { v, scope: madeFor, after } = decoded as Record<string, unknown>;
      if (v === TOKEN_VERSION && madeFor === scope && typeof after === 'string') return after;
    }
  } catch {
    // fall through: not our token
  }
  throw invalid();
}
