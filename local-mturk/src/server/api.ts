/**
 * The MTurk wire endpoint: POST / with X-Amz-Target, SigV4, JSON body → validate → operation → envelope.
 * Protocol checks run in the order AWS applies them: target, authentication, throttling, body, input. Everything that
 * needs only the headers is screened before the body is read.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { LocalMTurkApp } from '../app';
import { validateOperationInput } from '../model/validate';
import { OPERATIONS } from '../ops/registry';
import { MTurkRequestError, type OpContext } from '../ops/types';
import { awsError, requestError, serviceFault, success, throttled, type WireResponse } from './envelope';
import { checkSignatureClaim, claimedAccessKeyId, verifySignature, type SignatureClaim } from './sigv4';

export const TARGET_PREFIX = 'MTurkRequesterServiceV20170117.';

export interface ApiRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
}

/** A request whose line and headers passed: the operation, and who it claims to come from. */
export interface ScreenedRequest {
  operation: string;
  accessKeyId: string;
  /** Absent when signatures are not verified. */
  claim?: SignatureClaim;
}

function operationOf(headers: IncomingHttpHeaders): string | undefined {
  const target = headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) return undefined;
  const name = target.slice(TARGET_PREFIX.length);
  return Object.hasOwn(OPERATIONS, name) ? name : undefined;
}

/** The checks that need no body: method and path, target, and the signature's claim (key, scope, time, headers). */
export function screenApiRequest(app: LocalMTurkApp, method: string, path: string, headers: IncomingHttpHeaders): ScreenedRequest | WireResponse {
  if (method !== 'POST' || path.split('?')[0] !== '/') return awsError(404, 'UnknownOperationException');
  const operation = operationOf(headers);
  if (!operation) return awsError(400, 'UnknownOperationException');
  if (!app.options.verifySignatures) {
    return { operation, accessKeyId: claimedAccessKeyId(headers) ?? app.credentials[0]?.accessKeyId ?? 'anonymous' };
  }
  const outcome = checkSignatureClaim(headers, (id) => app.secretOf(id), app.wallClock());
  if (!outcome.ok) return awsError(400, outcome.errorType, outcome.message);
  return { operation, accessKeyId: outcome.claim.accessKeyId, claim: outcome.claim };
}

/** Strict: bytes that are not UTF-8 are refused, never stored as replacement characters. */
const utf8Body = new TextDecoder('utf-8', { fatal: true });

function parseBody(body: Buffer): Record<string, unknown> | WireResponse {
  let text: string;
  try {
    text = body.length === 0 ? '{}' : utf8Body.decode(body);
  } catch {
    return awsError(400, 'SerializationException', 'The request body is not valid UTF-8.');
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  return awsError(400, 'SerializationException', 'Start of structure or map found where not expected.');
}

/**
 * One operation as the wire serves it once the request is authenticated: the input validated against the API model,
 * then the handler in a transaction. Throws MTurkRequestError for MTurk's refusals.
 */
export function runOperation(app: LocalMTurkApp, ctx: OpContext, operation: string, body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const handler = OPERATIONS[operation];
  if (!handler) throw new MTurkRequestError('AWS.MechanicalTurk.UnknownOperation', `The operation ${operation} does not exist.`);
  const input = validateOperationInput(operation, body);
  return app.transact(ctx, () => handler(input, ctx));
}

export const isWireResponse = (value: object): value is WireResponse => 'status' in value && 'body' in value;

export function handleApiRequest(app: LocalMTurkApp, screened: ScreenedRequest, request: ApiRequest): WireResponse {
  const { operation, claim } = screened;
  if (claim) {
    const outcome = verifySignature(claim, request.method, request.path, request.headers, request.body);
    if (!outcome.ok) return awsError(400, outcome.errorType, outcome.message);
  }
  if (!app.faults.admit(screened.accessKeyId)) return throttled();
  const body = parseBody(request.body);
  if (isWireResponse(body)) return body;
  const ctx = app.context(screened.accessKeyId, request.requestId);
  try {
    return success(runOperation(app, ctx, operation, body));
  } catch (error) {
    if (error instanceof MTurkRequestError) return requestError(error.turkErrorCode, error.message, ctx.now());
    console.error(`Local MTurk: ${operation} failed`, error);
    return serviceFault('The service is temporarily unable to process your request; try again.', ctx.now());
  }
}
