/**
 * HTTP routes of the control API under /_local/ (JSON in, JSON out). Auth: `Authorization: Bearer <secret>` of a
 * configured key (skipped when signature verification is off; the HTTP front adds Host/Origin guards either way).
 * Documented in local-mturk/README.md.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { LocalMTurkApp } from '../app';
import { advanceProblem } from '../clock';
import { ControlError } from '../worker/errors';
import { MTurkRequestError } from '../ops/types';
import { checkSimulateOptions } from '../crowd/simulate';
import type { TruthAnswers } from '../crowd/truth';
import type { LocalControl, NewWorker, SubmittedAnswers } from './control';

export const CONTROL_PREFIX = '/_local/';

export interface ControlResponse {
  status: number;
  body: unknown;
}

type Body = Record<string, unknown>;
type Route = (params: string[], body: Body, query: URLSearchParams) => ControlResponse | Promise<ControlResponse>;

const ok = (body: unknown, status = 200): ControlResponse => ({ status, body });

/** A number member; non-finite numbers are let through so the caller's limit check can name them. */
function numberMember(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new ControlError(400, 'InvalidInput', `${name} must be a number.`);
  return value;
}

function optionalField<T>(body: Body, name: string, type: 'string' | 'number' | 'boolean'): T | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== type) throw new ControlError(400, 'InvalidInput', `${name} must be a ${type}.`);
  return value as T;
}

function newWorkerOf(body: Body): NewWorker {
  const spec: NewWorker = {};
  const workerId = optionalField<string>(body, 'workerId', 'string');
  const country = optionalField<string>(body, 'country', 'string');
  const subdivision = optionalField<string>(body, 'subdivision', 'string');
  const approvalRatePercent = optionalField<number>(body, 'approvalRatePercent', 'number');
  const hitsApproved = optionalField<number>(body, 'hitsApproved', 'number');
  const masters = optionalField<boolean>(body, 'masters', 'boolean');
  const adult = optionalField<boolean>(body, 'adult', 'boolean');
  if (workerId !== undefined) spec.workerId = workerId;
  if (country !== undefined) spec.country = country;
  if (subdivision !== undefined) spec.subdivision = subdivision;
  if (approvalRatePercent !== undefined) spec.approvalRatePercent = approvalRatePercent;
  if (hitsApproved !== undefined) spec.hitsApproved = hitsApproved;
  if (masters !== undefined) spec.masters = masters;
  if (adult !== undefined) spec.adult = adult;
  return spec;
}

function objectMember(body: Body, name: string): Record<string, unknown> {
  const value = body[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlError(400, 'InvalidInput', `${name} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function answersOf(value: unknown): SubmittedAnswers {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) {
    throw new ControlError(400, 'InvalidInput', 'answers must be a list of answer fields or a map; answerXml a string.');
  }
  return value as SubmittedAnswers;
}

/** The advance asked for, in ms; a refusal names the field the caller used and its limit in that field's unit. */
function advanceOf(body: Body, currentOffsetMs: number): number {
  const ms = numberMember(body, 'ms');
  const seconds = numberMember(body, 'seconds');
  const [field, amount] = ms !== undefined ? ['ms', ms] : ['seconds', (seconds ?? 0) * 1000];
  const problem = advanceProblem(amount, currentOffsetMs, field, field === 'ms' ? 'ms' : 's');
  if (problem) throw new ControlError(400, 'InvalidInput', problem);
  return amount;
}

function routesOf(control: LocalControl, offsetMs: () => number): [string, RegExp, Route][] {
  return [
    ['POST', /^workers$/, (_p, body) => ok({ Worker: control.createWorker(newWorkerOf(body)) }, 201)],
    ['GET', /^workers$/, () => ok({ Workers: control.listWorkers() })],
    ['GET', /^workers\/(A[A-Z0-9]+)\/hits$/, ([w = '']) => ok({ HITs: control.listVisibleHits(w) })],
    ['GET', /^workers\/(A[A-Z0-9]+)\/hits\/([A-Z0-9]+)$/, ([w = '', h = '']) => ok({ HIT: control.preview(w, h) })],
    ['POST', /^workers\/(A[A-Z0-9]+)\/hits\/([A-Z0-9]+)\/accept$/, ([w = '', h = '']) => ok({ Assignment: control.accept(w, h) }, 201)],
    [
      'POST',
      /^assignments\/([A-Z0-9]+)\/submit$/,
      ([a = ''], body) => {
        control.submit(a, answersOf(body.answerXml ?? body.answers ?? []));
        return ok({});
      },
    ],
    ['POST', /^assignments\/([A-Z0-9]+)\/return$/, ([a = '']) => (control.returnAssignment(a), ok({}))],
    ['POST', /^assignments\/([A-Z0-9]+)\/abandon$/, ([a = '']) => (control.abandon(a), ok({}))],
    [
      'POST',
      /^workers\/(A[A-Z0-9]+)\/qualifications\/([A-Z0-9]+)\/request$/,
      ([w = '', q = ''], body) => {
        const answers = body.answerXml ?? body.answers;
        return ok({ Request: control.requestQualification(w, q, answers === undefined ? undefined : answersOf(answers)) });
      },
    ],
    [
      'PUT',
      /^hits\/([A-Z0-9]+)\/truth$/,
      ([h = ''], body) => (control.setTruth(h, objectMember(body, 'answers') as TruthAnswers), ok({})),
    ],
    ['GET', /^hits\/([A-Z0-9]+)\/truth$/, ([h = '']) => ok({ answers: control.getTruth(h) })],
    ['POST', /^truth$/, (_p, body) => ok({ Registered: control.setTruths(objectMember(body, 'HITs') as Record<string, TruthAnswers>) })],
    [
      'PUT',
      /^hit-types\/([A-Z0-9]+)\/external-answers$/,
      ([t = ''], body) => ok({ Fields: control.declareExternalAnswers(t, { fields: body.fields as unknown[] }) }),
    ],
    ['POST', /^simulate$/, async (_p, body) => ok(await control.simulate(checkSimulateOptions(body)))],
    ['GET', /^events$/, (_p, _b, query) => ok({ Events: control.events(Number(query.get('after') ?? 0)) })],
    ['GET', /^clock$/, () => ok({ Now: control.advanceClock(0) })],
    [
      'POST',
      /^clock\/advance$/,
      (_p, body) => ok({ Now: control.advanceClock(advanceOf(body, offsetMs())) }),
    ],
    ['POST', /^reset$/, () => (control.reset(), ok({}))],
    ['GET', /^health$/, () => ok({ ok: true })],
  ];
}

function authorised(app: LocalMTurkApp, headers: IncomingHttpHeaders): boolean {
  if (!app.options.verifySignatures) return true;
  const match = /^Bearer\s+(.+)$/.exec(headers.authorization ?? '');
  return match?.[1] !== undefined && app.keyOfSecret(match[1].trim()) !== undefined;
}

/** The 401 for a request without a valid bearer token; checked on the headers, before any body is read. */
export function controlAuthRefusal(app: LocalMTurkApp, headers: IncomingHttpHeaders): ControlResponse | undefined {
  if (authorised(app, headers)) return undefined;
  return { status: 401, body: controlErrorBody('Unauthorized', 'Send Authorization: Bearer <secret access key>.') };
}

export const controlErrorBody = (code: string, message: string): unknown => ({ Error: { Code: code, Message: message } });

function parseBody(raw: Buffer): Body {
  if (raw.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Body;
  } catch {
    // reported below
  }
  throw new ControlError(400, 'InvalidJson', 'The request body must be a JSON object.');
}

/** Runs a control request whose caller has already passed controlAuthRefusal. */
export async function handleControlRequest(app: LocalMTurkApp, control: LocalControl, method: string, url: URL, raw: Buffer): Promise<ControlResponse> {
  const path = url.pathname.slice(CONTROL_PREFIX.length);
  try {
    for (const [routeMethod, pattern, route] of routesOf(control, () => app.clock.offsetMs())) {
      const match = pattern.exec(path);
      if (match && routeMethod === method) return await route(match.slice(1), parseBody(raw), url.searchParams);
    }
    return { status: 404, body: controlErrorBody('NotFound', `No control endpoint ${method} ${url.pathname}.`) };
  } catch (error) {
    if (error instanceof ControlError) return { status: error.status, body: controlErrorBody(error.code, error.message) };
    if (error instanceof MTurkRequestError) return { status: 400, body: controlErrorBody(error.turkErrorCode, error.message) };
    throw error;
  }
}
