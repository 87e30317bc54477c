/**
 * The MTurk wire endpoint: POST / with X-Amz-Target, SigV4, JSON body → validate → operation → envelope.
 * Protocol checks run in the order AWS applies them: target, authentication, throttling, body, input.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { LocalMTurkApp } from '../app';
import { validateOperationInput } from '../model/validate';
import { OPERATIONS } from '../ops/registry';
import { MTurkRequestError } from '../ops/types';
import { awsError, requestError, serviceFault, success, throttled, type WireResponse } from './envelope';
import { claimedAccessKeyId, verifySigV4 } from './sigv4';

export const TARGET_PREFIX = 'MTurkRequesterServiceV20170117.';

export interface ApiRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
}

function operationOf(headers: IncomingHttpHeaders): string | undefined {
  const target = headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) return undefined;
  const name = target.slice(TARGET_PREFIX.length);
  return Object.hasOwn(OPERATIONS, name) ? name : undefined;
}

function authenticate(app: LocalMTurkApp, request: ApiRequest): { accessKeyId: string } | WireResponse {
  if (!app.options.verifySignatures) {
    return { accessKeyId: claimedAccessKeyId(request.headers) ?? app.credentials[0]?.accessKeyId ?? 'anonymous' };
  }
  const outcome = verifySigV4(request.method, request.path, request.headers, request.body, (id) => app.secretOf(id));
  return outcome.ok ? { accessKeyId: outcome.accessKeyId } : awsError(400, outcome.errorType, outcome.message);
}

function parseBody(body: Buffer): Record<string, unknown> | WireResponse {
  const text = body.length === 0 ? '{}' : body.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  return awsError(400, 'SerializationException', 'Start of structure or map found where not expected.');
}

const isResponse = (value: object): value is WireResponse => 'status' in value && 'body' in value;

export function handleApiRequest(app: LocalMTurkApp, request: ApiRequest): WireResponse {
  const operation = operationOf(request.headers);
  if (!operation) return awsError(400, 'UnknownOperationException');
  const auth = authenticate(app, request);
  if (isResponse(auth)) return auth;
  if (!app.faults.admit(auth.accessKeyId)) return throttled();
  const body = parseBody(request.body);
  if (isResponse(body)) return body;
  const ctx = app.context(auth.accessKeyId, request.requestId);
  try {
    const input = validateOperationInput(operation, body);
    const handler = OPERATIONS[operation];
    if (!handler) return awsError(400, 'UnknownOperationException');
    return success(app.transact(ctx, () => handler(input, ctx)));
  } catch (error) {
    if (error instanceof MTurkRequestError) return requestError(error.turkErrorCode, error.message, ctx.now());
    console.error(`Local MTurk: ${operation} failed`, error);
    return serviceFault('The service is temporarily unable to process your request; try again.', ctx.now());
  }
}
