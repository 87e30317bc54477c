/**
 * Response envelopes of the AWS JSON 1.1 protocol as MTurk uses them.
 */
export interface WireResponse {
  status: number;
  body: string;
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export function success(output: Record<string, unknown>): WireResponse {
  return { status: 200, body: JSON.stringify(output) };
}

const STAMPED = / \(\d{13}( s)?\)$/;

/** Appends the real service's " (<epoch-ms>)" stamp, unless the operation already stamped its sentence. */
export function stamp(message: string, nowMs: number): string {
  return STAMPED.test(message) ? message : `${message} (${nowMs})`;
}

/** RequestError: 400, the TurkErrorCode kept, the message stamped with the server time like the real service. */
export function requestError(turkErrorCode: string, message: string, nowMs: number): WireResponse {
  return {
    status: 400,
    body: JSON.stringify({ __type: 'RequestError', Message: stamp(message, nowMs), TurkErrorCode: turkErrorCode }),
  };
}

export function serviceFault(message: string, nowMs: number): WireResponse {
  return {
    status: 500,
    body: JSON.stringify({
      __type: 'ServiceFault',
      Message: stamp(message, nowMs),
      TurkErrorCode: 'AWS.MechanicalTurk.ServiceFault',
    }),
  };
}

/** Generic AWS protocol errors (auth, throttling, framing) use a lower-case `message`. */
export function awsError(status: number, type: string, message?: string): WireResponse {
  return { status, body: JSON.stringify(message === undefined ? { __type: type } : { __type: type, message }) };
}

export const throttled = (): WireResponse => awsError(400, 'ThrottlingException', 'Rate exceeded');
